package dev.ownergate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.repo.FileLimits;
import dev.ownergate.repo.GitRepoFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #10: a pull request's author controls the files of the tree that compile, who and audit read. None of
 * them may read, print or write anything outside the repository. Symbolic links are never followed: an OWNERS,
 * OWNERS_ALIASES, CODEOWNERS or imported file that is a link is an error naming it (docs/security.md).
 */
class HostileInputTest {
    private static final String ENV_MARKER = "OWNERGATE_TEST_SECRET_VALUE";

    private static GitRepoFixture repo(Path dir) throws IOException {
        return GitRepoFixture.init(dir).write("OWNERS", "alice\n").write("a/x.txt", "x\n");
    }

    @Test
    void ownersLinkedToProcEnvironIsAnErrorNamingItAndPrintsNothingOfTheTarget(@TempDir Path dir) throws IOException {
        GitRepoFixture repo = repo(dir);
        Files.createSymbolicLink(dir.resolve("a/OWNERS"), Path.of("/proc/self/environ"));
        repo.commitAll("link");

        CliRun r = CliRun.of(dir, "compile", "--root", dir.toString(), "--check");

        assertThat(r.exitCode()).isEqualTo(OwnergateCli.EXIT_INVALID);
        assertThat(r.err()).contains("a/OWNERS:0:0:").contains("'a/OWNERS' is a symbolic link")
                .doesNotContain("PATH=").doesNotContain("HOME=");
    }

    @Test
    void ownersLinkedToAnOutsideFileWithAValidLoginDoesNotCompileThatOwner(@TempDir Path dir, @TempDir Path outside)
            throws IOException {
        GitRepoFixture repo = repo(dir);
        Files.writeString(outside.resolve("OWNERS"), "mallory\n");
        Files.createSymbolicLink(dir.resolve("a/OWNERS"), outside.resolve("OWNERS"));
        repo.commitAll("link");

        CliRun r = CliRun.of(dir, "compile", "--root", dir.toString());

        assertThat(r.exitCode()).isEqualTo(OwnergateCli.EXIT_INVALID);
        assertThat(r.err()).contains("'a/OWNERS' is a symbolic link").contains("nothing written");
        assertThat(dir.resolve(".github/CODEOWNERS")).doesNotExist();
    }

    @Test
    void importThatIsALinkIsAnErrorNamingIt(@TempDir Path dir, @TempDir Path outside) throws IOException {
        GitRepoFixture repo = GitRepoFixture.init(dir).write("OWNERS", "file://common/OWNERS\n").write("x.txt", "x");
        Files.writeString(outside.resolve("team"), "mallory\n");
        Files.createDirectories(dir.resolve("common"));
        Files.createSymbolicLink(dir.resolve("common/OWNERS"), outside.resolve("team"));
        repo.commitAll("link");

        CliRun r = CliRun.of(dir, "compile", "--root", dir.toString(), "--check");

        assertThat(r.exitCode()).isEqualTo(OwnergateCli.EXIT_INVALID);
        assertThat(r.err()).contains("'common/OWNERS' is a symbolic link").doesNotContain("mallory");
    }

    @Test
    void aliasesFileThatIsALinkIsAnErrorNamingIt(@TempDir Path dir, @TempDir Path outside) throws IOException {
        GitRepoFixture repo = repo(dir);
        Files.writeString(outside.resolve("aliases"), "aliases:\n  team: [mallory]\n");
        Files.createSymbolicLink(dir.resolve("OWNERS_ALIASES"), outside.resolve("aliases"));
        repo.commitAll("link");

        CliRun r = CliRun.of(dir, "compile", "--root", dir.toString(), "--check");

        assertThat(r.exitCode()).isEqualTo(OwnergateCli.EXIT_INVALID);
        assertThat(r.err()).contains("'OWNERS_ALIASES' is a symbolic link").doesNotContain("mallory");
    }

    @Test
    void symlinkedGithubFolderNeverMakesCompileWriteOutsideTheRoot(@TempDir Path dir, @TempDir Path outside)
            throws IOException {
        GitRepoFixture repo = repo(dir);
        Files.createSymbolicLink(dir.resolve(".github"), outside);
        repo.commitAll("link");

        CliRun r = CliRun.of(dir, "compile", "--root", dir.toString());

        assertThat(r.exitCode()).isEqualTo(OwnergateCli.EXIT_INVALID);
        assertThat(r.err()).contains(".github is a symbolic link").contains("--output");
        try (var files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
        // Saying where with --output is the way out, and it is honoured.
        Path chosen = outside.resolve("CODEOWNERS");
        assertThat(CliRun.of(dir, "compile", "--root", dir.toString(), "--output", chosen.toString()).exitCode())
                .isEqualTo(OwnergateCli.EXIT_OK);
        assertThat(chosen).exists();
    }

    @Test
    void codeownersLinkedToEtcPasswdIsNotEchoedByWhoNorAudit(@TempDir Path dir) throws IOException {
        GitRepoFixture repo = GitRepoFixture.init(dir).write("x.txt", "x");
        Files.createDirectories(dir.resolve(".github"));
        Files.createSymbolicLink(dir.resolve(".github/CODEOWNERS"), Path.of("/etc/passwd"));
        repo.commitAll("link");

        for (String[] args : new String[][] {{"who", "--root", dir.toString(), "x.txt"},
                {"audit", "--root", dir.toString()}}) {
            CliRun r = CliRun.of(dir, args);
            assertThat(r.exitCode()).as(args[0]).isEqualTo(OwnergateCli.EXIT_INVALID);
            assertThat(r.err()).as(args[0]).contains("'.github/CODEOWNERS' is a symbolic link")
                    .doesNotContain("root:x:0");
            assertThat(r.out()).as(args[0]).doesNotContain("root:x:0");
        }
    }

    @Test
    void ownersFileOverTheLimitIsRefusedBeforeItIsRead(@TempDir Path dir) throws IOException {
        GitRepoFixture repo = repo(dir);
        byte[] big = "alice\n".repeat((int) (FileLimits.MAX_RULES_FILE_BYTES / 6) + 1).getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("a/OWNERS"), big);
        repo.commitAll("big");

        CliRun r = CliRun.of(dir, "compile", "--root", dir.toString(), "--check");

        assertThat(r.exitCode()).isEqualTo(OwnergateCli.EXIT_INVALID);
        assertThat(r.err()).contains("a/OWNERS:0:0:").contains("over the limit of 1048576 bytes");
    }

    @Test
    void aLongOwnerTokenIsCutInTheMessage(@TempDir Path dir) throws IOException {
        String token = "x".repeat(200_000);
        GitRepoFixture repo = repo(dir).write("a/OWNERS", token + "\n");
        repo.commitAll("long");

        CliRun r = CliRun.of(dir, "compile", "--root", dir.toString(), "--check");

        assertThat(r.exitCode()).isEqualTo(OwnergateCli.EXIT_INVALID);
        assertThat(r.err()).contains("a/OWNERS:1:").contains("more characters)").doesNotContain(token);
        assertThat(r.err().length()).isLessThan(2_000);
    }

    @Test
    void aChangedRangeThatLooksLikeAnOptionNeverReachesGit(@TempDir Path dir) throws IOException {
        GitRepoFixture repo = repo(dir);
        repo.commitAll("one");
        Path victim = dir.resolve("victim.txt");
        Files.writeString(victim, "keep me\n");

        for (String range : new String[] {"--output=" + victim, "HEAD..--output=" + victim,
                "--output=" + victim + "...HEAD"}) {
            CliRun r = CliRun.of(dir, "who", "--root", dir.toString(), "--changed", range);
            assertThat(r.exitCode()).as(range).isEqualTo(OwnergateCli.EXIT_INVALID);
            assertThat(r.err()).as(range).contains("is not a revision: it starts with '-'");
        }
        assertThat(victim).hasContent("keep me");
    }
}
