package dev.ownergate.cli;

import dev.ownergate.ownership.OwnerDirectory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ownergate} command line. The app module adds {@code serve} and {@code evaluate} on top. */
@Command(
        name = "ownergate",
        mixinStandardHelpOptions = true,
        versionProvider = OwnergateCli.Version.class,
        description = "Compile OWNERS files into CODEOWNERS, ask who owns what, audit and validate ownership.",
        footer = {"", "Exit codes: 0 ok, 1 out of date / problems found / gate fails, 2 invalid input or usage."})
public final class OwnergateCli implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_PROBLEMS = 1;
    public static final int EXIT_INVALID = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    /** The compiler's own subcommands; {@code validate --github} is unavailable without a GitHub connector. */
    public static List<Object> coreSubcommands() {
        return coreSubcommands(null);
    }

    /** The compiler's own subcommands, each a thin adapter over the library; the app supplies the connector. */
    public static List<Object> coreSubcommands(OwnerDirectory.Connector github) {
        List<Object> commands = new ArrayList<>();
        commands.add(new CompileCommand());
        commands.add(new WhoCommand());
        commands.add(new AuditCommand());
        commands.add(github == null ? ValidateCommand.withoutGithub() : new ValidateCommand(github));
        return commands;
    }

    /** Builds the command line with the given subcommands; usage errors exit with 2. */
    public static CommandLine commandLine(List<Object> subcommands) {
        CommandLine cli = new CommandLine(new OwnergateCli());
        for (Object sub : subcommands) {
            cli.addSubcommand(sub);
        }
        cli.setExitCodeExceptionMapper(e -> EXIT_INVALID);
        cli.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("ownergate: " + ex.getMessage());
            err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return EXIT_INVALID;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // Expected failures (unreadable files, git errors) get one line; a stack trace only on request.
            commandLine.getErr().println("ownergate " + commandLine.getCommandName() + ": " + ex.getMessage());
            if (System.getenv("OWNERGATE_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            return EXIT_INVALID;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine(coreSubcommands()).execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = OwnergateCli.class.getPackage().getImplementationVersion();
            return new String[] {"ownergate " + (v == null ? "dev" : v)};
        }
    }
}
