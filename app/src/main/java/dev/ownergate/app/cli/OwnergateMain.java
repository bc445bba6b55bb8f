package dev.ownergate.app.cli;

import dev.ownergate.app.github.GitHubOwnerDirectory;
import dev.ownergate.cli.OwnergateCli;
import java.util.ArrayList;
import java.util.List;

/** Entry point of the {@code ownergate} launcher jar: the compiler's commands plus the app's. */
public final class OwnergateMain {
    private OwnergateMain() {}

    public static void main(String[] args) {
        reserveCoresForAcknowledgements();
        System.exit(commandLine().execute(args));
    }

    /** Every command of the launcher jar. */
    public static picocli.CommandLine commandLine() {
        List<Object> commands = new ArrayList<>(OwnergateCli.coreSubcommands(GitHubOwnerDirectory.connector(System.getenv())));
        commands.add(new ServeCommand());
        commands.add(new EvaluateCommand());
        commands.add(new AuditLogCommand());
        return OwnergateCli.commandLine(commands);
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
