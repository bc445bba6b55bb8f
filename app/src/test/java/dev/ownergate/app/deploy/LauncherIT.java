package dev.ownergate.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code ./ownergate} launcher on the run right after a build, when it makes its start-up
 * cache first: the command's own messages must still reach the user. (They once went to /dev/null on that run,
 * so a failing {@code compile --check} in CI said nothing.)
 */
class LauncherIT {

    @Test
    void theRunThatMakesTheStartupCacheStillPrintsTheCommandsMessages(@TempDir Path tmp) throws Exception {
        // The launcher's layout with a built jar and no cache yet; the sources it would rebuild from are absent.
        Path here = tmp.resolve("ownergate-checkout");
        Files.createDirectories(here.resolve("app/target"));
        Files.createDirectories(here.resolve("app/src/startup"));
        Files.copy(Repo.ROOT.resolve("ownergate"), here.resolve("ownergate"));
        Files.setPosixFilePermissions(here.resolve("ownergate"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.copy(Repo.ROOT.resolve("app/src/startup/UpgradeOldClassFiles.java"),
                here.resolve("app/src/startup/UpgradeOldClassFiles.java"));
        Files.copy(Repo.ROOT.resolve("app/target/ownergate.jar"), here.resolve("app/target/ownergate.jar"));
        Files.createSymbolicLink(here.resolve("examples"), Repo.ROOT.resolve("examples"));

        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("OWNERS"), "approvers:\n- alice\n");
        run(repo, "git", "init", "-q");
        run(repo, "git", "add", "OWNERS");

        ProcessBuilder pb = new ProcessBuilder(here.resolve("ownergate").toString(), "compile", "--check",
                "--root", repo.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(k -> k.startsWith("OWNERGATE_"));
        Process p = pb.start();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(p.exitValue()).as(stderr).isEqualTo(1);
        assertThat(stderr).contains(".github/CODEOWNERS is out of date");
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        assertThat(p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0).as(String.join(" ", command)).isTrue();
    }
}
