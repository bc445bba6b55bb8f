package dev.ownergate.app.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The training run behind the launcher's JDK 25 AOT cache: runs the CLI commands people run most on a small
 * repository (the bundled {@code examples/pynest}) in one JVM, so the cache holds the classes they load, already
 * linked, and the method profiles they produce. Output is discarded; exit codes do not matter, only the code paths.
 *
 * <pre>java -XX:AOTCacheOutput=FILE -cp ownergate.jar dev.ownergate.app.cli.StartupTraining REPO</pre>
 */
public final class StartupTraining {
    private StartupTraining() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: StartupTraining REPO (a small repository with OWNERS files)");
            System.exit(2);
        }
        String repo = args[0];
        Path scratch = Files.createTempDirectory("ownergate-training");
        String output = scratch.resolve("CODEOWNERS").toString();
        List<String[]> runs = List.of(
                new String[] {"--help"},
                new String[] {"--version"},
                new String[] {"who", "--help"},
                new String[] {"compile", "--root", repo, "--output", output},
                new String[] {"compile", "--root", repo, "--check", "--output", output},
                new String[] {"who", "--root", repo, "README.md", "lib/x/y.py"},
                new String[] {"who", "--root", repo, "--json", "--explain", "OWNERS"},
                new String[] {"who", "--codeowners", output, "--root", repo, "README.md"},
                new String[] {"audit", "--root", repo, "--format", "json"},
                new String[] {"validate", "--root", repo},
                new String[] {"no-such-command"});
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        try {
            System.setOut(nowhere);
            System.setErr(nowhere);
            for (String[] run : runs) {
                OwnergateMain.commandLine(run).execute(run);
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
            Files.deleteIfExists(scratch.resolve("CODEOWNERS"));
            Files.deleteIfExists(scratch);
        }
    }
}
