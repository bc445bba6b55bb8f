package dev.ownergate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's entry point, run as the launcher runs it (a fresh JVM), with the JVM listing every class it loads:
 * the engine's commands and the help must not load the server, the GitHub client or their libraries.
 */
class OwnergateMainTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, List<String> loaded) {}

    private Run run(String... args) throws IOException, InterruptedException {
        Path classes = dir.resolve("classes.txt");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off", "-Xlog:class+load=info:file=" + classes,
                "-cp", System.getProperty("java.class.path"), OwnergateMain.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> loaded = Files.readAllLines(classes).stream()
                .map(line -> line.replaceFirst("^\\[[^]]*]\\[[^]]*]\\[[^]]*] *", "").split(" ")[0])
                .toList();
        return new Run(p.exitValue(), out, loaded);
    }

    private static List<String> serverSide(List<String> loaded) {
        return loaded.stream()
                .filter(c -> c.startsWith("dev.ownergate.app.server.") || c.startsWith("dev.ownergate.app.github.")
                        || c.startsWith("dev.ownergate.app.webhook.") || c.startsWith("dev.ownergate.app.policy.")
                        || c.startsWith("io.javalin.") || c.startsWith("org.eclipse.jetty.")
                        || c.startsWith("org.kohsuke.github.") || c.startsWith("com.fasterxml.jackson."))
                .toList();
    }

    @Test
    void helpListsTheAppCommandsWithoutLoadingTheServer() throws Exception {
        Run help = run("--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("compile", "who", "audit", "validate")
                .containsPattern("serve +Run the GitHub App").containsPattern("evaluate +Evaluate the code-owners gate")
                .containsPattern("audit-log +Export the audit trail");
        assertThat(help.loaded()).contains(OwnergateMain.class.getName());
        assertThat(serverSide(help.loaded())).isEmpty();
    }

    @Test
    void whoOnARepositoryLoadsNoServerClasses() throws Exception {
        GitRepo.init(Files.createDirectories(dir.resolve("repo"))).write("OWNERS", "alice@example.com\n").write("a/b.txt", "x\n")
                .commitAll("init");

        Run who = run("who", "--root", dir.resolve("repo").toString(), "a/b.txt");

        assertThat(who.exit()).as(who.out()).isZero();
        assertThat(who.out()).contains("a/b.txt").contains("alice@example.com");
        assertThat(serverSide(who.loaded())).isEmpty();
    }

    @Test
    void anAppCommandIsBuiltInFullWhenAskedFor() throws Exception {
        Run serveHelp = run("serve", "--help");

        assertThat(serveHelp.exit()).isZero();
        assertThat(serveHelp.out()).contains("Usage: ownergate serve").contains("--config=FILE");
    }

    @Test
    void aMistypedCommandIsStillAUsageError() throws Exception {
        Run typo = run("serv");

        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.out()).contains("Unmatched argument at index 0: 'serv'");
    }

    @Test
    void onlyTheCommandTheLineNamesIsBuiltInFull() {
        picocli.CommandLine who = OwnergateMain.commandLine(new String[] {"who", "README.md"});
        picocli.CommandLine help = OwnergateMain.commandLine(new String[] {"--help"});

        assertThat(who.getSubcommands().get("who").getCommandSpec().optionsMap()).containsKey("--stdin");
        for (String other : List.of("compile", "audit", "validate", "serve", "evaluate", "audit-log")) {
            assertThat(who.getSubcommands().get(other).getCommandSpec().options()).as(other).isEmpty();
        }
        assertThat(help.getSubcommands().keySet())
                .containsExactly("compile", "who", "audit", "validate", "serve", "evaluate", "audit-log");
        assertThat(help.getSubcommands().values()).allSatisfy(c -> assertThat(c.getCommandSpec().options()).isEmpty());
    }

    @Test
    void eachCommandsOwnHelpIsComplete() throws Exception {
        Run compileHelp = run("compile", "--help");
        Run auditHelp = run("audit", "--help");

        assertThat(compileHelp.exit()).isZero();
        assertThat(compileHelp.out()).contains("Usage: ownergate compile").contains("--check").contains("--output");
        assertThat(auditHelp.exit()).isZero();
        assertThat(auditHelp.out()).contains("Usage: ownergate audit").contains("--format");
    }
}
