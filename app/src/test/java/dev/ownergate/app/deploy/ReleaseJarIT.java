package dev.ownergate.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release artifact as a user gets it: {@code ownergate-<version>.jar} and its {@code .sha256}, run with
 * plain {@code java -jar} (no Maven, no launcher script) from an unrelated folder, for every subcommand.
 */
class ReleaseJarIT {
    static final String VERSION = System.getProperty("ownergate.version", "dev");
    static final Path JAR = Path.of(System.getProperty("ownergate.releaseJar", "target/ownergate.jar")).toAbsolutePath();
    static final Path JAVA = Path.of(ProcessHandle.current().info().command().orElseThrow());

    @TempDir Path work;

    @Test
    void theChecksumFileIsTheJarsSha256InSha256sumFormat() throws Exception {
        String line = Files.readString(Path.of(JAR + ".sha256")).strip();
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(JAR)));
        assertThat(line).isEqualTo(digest + "  " + JAR.getFileName());
        assertThat(JAR.getFileName().toString()).isEqualTo("ownergate-" + VERSION + ".jar");
    }

    @Test
    void versionComesFromThePom() throws Exception {
        Run run = run("--version");
        assertThat(run.exit()).isZero();
        assertThat(run.out().strip()).isEqualTo("ownergate " + VERSION);
    }

    @Test
    void everySubcommandRunsFromTheJarAlone() throws Exception {
        for (String command : List.of("compile", "who", "audit", "validate", "evaluate", "serve")) {
            Run help = run(command, "--help");
            assertThat(help.exit()).as(command + " --help: " + help.out()).isZero();
            assertThat(help.out()).contains("Usage: ownergate " + command);
        }
        Path repo = work.resolve("pynest");
        Repo.copyTree(Repo.ROOT.resolve("examples/pynest"), repo);

        assertThat(run("compile", "--root", repo.toString(), "--check").exit()).as("the committed CODEOWNERS is current").isZero();
        Run who = run("who", "--root", repo.toString(), "lib/data/schema.json");
        assertThat(who.exit()).as(who.out()).isZero();
        assertThat(who.out()).contains("lib/data/schema.json");
        assertThat(run("audit", "--root", repo.toString(), "--fail-under", "50").exit()).isZero();
        assertThat(run("validate", "--root", repo.toString()).exit()).isZero();

        git(repo, "init", "-q", "-b", "main");
        git(repo, "add", "-A");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "base");
        Run evaluate = run("evaluate", "--base", "main", "--author", "someone", "--json");
        assertThat(evaluate.exit()).as(evaluate.out()).isIn(0, 1);
    }

    private record Run(int exit, String out) {}

    private Run run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path repo = work.resolve("pynest");
        Process p = new ProcessBuilder(command).directory((Files.isDirectory(repo.resolve(".git")) ? repo : work).toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
    }
}
