package dev.ownergate.app.cli;

import dev.ownergate.app.github.GitHubOwnerDirectory;
import dev.ownergate.cli.OwnergateCli;
import java.util.ArrayList;
import java.util.List;

/** Entry point of the {@code ownergate} launcher jar: the compiler's commands plus the app's. */
public final class OwnergateMain {
    private OwnergateMain() {}

    public static void main(String[] args) {
        List<Object> commands = new ArrayList<>(OwnergateCli.coreSubcommands(GitHubOwnerDirectory.connector(System.getenv())));
        commands.add(new ServeCommand());
        commands.add(new EvaluateCommand());
        System.exit(OwnergateCli.commandLine(commands).execute(args));
    }
}
