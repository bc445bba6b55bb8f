package dev.ownergate.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs the real command line in-process and captures what a user would see. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(Path cwdRoot, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        CommandLine cli = OwnergateCli.commandLine(OwnergateCli.coreSubcommands());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(all.toArray(String[]::new));
        return new CliRun(code, out.toString(), err.toString());
    }
}
