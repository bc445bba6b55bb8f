package dev.ownergate.app.cli;

import dev.ownergate.app.github.GitHubOwnerDirectory;
import dev.ownergate.cli.OwnergateCli;
import dev.ownergate.ownership.OwnerDirectory;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Entry point of the {@code ownergate} launcher jar: the compiler's commands plus the app's.
 *
 * <p>Start-up is most of a small CLI run, so the engine's commands ({@code compile}, {@code who}, {@code audit},
 * {@code validate}) and {@code --help} never load the server: the app's commands are built only when the command
 * line names one of them, the top-level help lists them from their {@code @Command} annotations alone, and the
 * GitHub client behind {@code validate --github} is created only when that option asks GitHub.
 */
public final class OwnergateMain {
    private OwnergateMain() {}

    /** The app's own subcommands, in the order the help lists them. New app commands go here. */
    static List<Class<?>> appCommands() {
        return List.of(ServeCommand.class, EvaluateCommand.class, AuditLogCommand.class);
    }

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /**
     * The command line for these arguments. Building a command's model is picocli's reflection over its
     * annotations, most of a short run's start-up, so only the command the line names is built in full; the
     * others are listing entries (name and description), enough for the top-level help and for picocli's "did you
     * mean" suggestions, and never executed, since a line naming one builds it instead.
     */
    static CommandLine commandLine(String[] args) {
        String asked = firstPositional(args);
        List<Object> commands = new ArrayList<>();
        for (Object command : OwnergateCli.coreSubcommands(lazyGithubConnector())) {
            commands.add(named(command.getClass(), asked) ? command : listingEntry(command.getClass()));
        }
        for (Class<?> command : appCommands()) {
            if (named(command, asked)) {
                reserveCoresForAcknowledgements();
                commands.add(command); // picocli builds it from its class
            } else {
                commands.add(listingEntry(command));
            }
        }
        return OwnergateCli.commandLine(commands);
    }

    private static boolean named(Class<?> command, String asked) {
        return command.getAnnotation(Command.class).name().equals(asked);
    }

    private static CommandSpec listingEntry(Class<?> command) {
        Command annotation = command.getAnnotation(Command.class);
        CommandSpec listed = CommandSpec.create().name(annotation.name());
        listed.usageMessage().description(annotation.description());
        return listed;
    }

    /** The first argument that is not an option: the subcommand, if any (the root command takes no values). */
    private static String firstPositional(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return "";
    }

    /** Defers loading the GitHub client (and its HTTP and JSON libraries) until {@code validate --github} connects. */
    private static OwnerDirectory.Connector lazyGithubConnector() {
        return apiUrl -> GitHubOwnerDirectory.connector(System.getenv()).connect(apiUrl);
    }

    /**
     * Evaluations run on virtual threads; their CPU work gets half the cores (at least one), so a burst of
     * evaluations cannot starve the threads that acknowledge webhooks (GitHub gives up on a delivery after
     * 10 seconds). Must run before the first virtual thread starts; an explicit {@code -D} setting wins.
     */
    public static void reserveCoresForAcknowledgements() {
        String property = "jdk.virtualThreadScheduler.parallelism";
        if (System.getProperty(property) == null) {
            System.setProperty(property,
                    Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors() / 2)));
        }
    }
}
