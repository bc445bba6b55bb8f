package dev.ownergate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.repo.GitRepoFixture;
import dev.ownergate.repo.WorkTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #8, point 9: who's paths and its deciding line. */
class WhoPathsTest {

    @TempDir
    Path dir;

    private GitRepoFixture repo() throws IOException {
        return GitRepoFixture.init(dir)
                .write("OWNERS", "lead\n")
                .write("lib/OWNERS", "bob\nper-file *.sql=dba\n")
                .write("lib/a.py", "")
                .write("lib/q/report.sql", "")
                .write("common/OWNERS", "shared\n")
                .write("imp/OWNERS", "file://common/OWNERS\n")
                .write("imp/x.c", "")
                .commitAll("init");
    }

    @Test
    void oneOutsidePathDoesNotSuppressTheOtherAnswers() throws IOException {
        repo();
        CliRun run = CliRun.of(dir, "who", "--root", dir.toString(), "../outside.txt", "lib/a.py");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEqualTo("lib/a.py  @bob @lead  lib/OWNERS:1\n");
        assertThat(run.err()).contains("ownergate who: ../outside.txt is outside the repository; give paths relative"
                + " to the repository root");
    }

    @Test
    void aPathNotInTheTreeGetsAWarningAndTheAnswerForANewFile() throws IOException {
        repo();
        CliRun run = CliRun.of(dir, "who", "--root", dir.toString(), "lib/new.py", "lib");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("lib/new.py  @bob @lead  lib/OWNERS:1\n");
        assertThat(run.err()).contains("ownergate who: warning: lib/new.py is not in the repository's file list;"
                + " answering as for a new file there").doesNotContain("warning: lib is not");
    }

    @Test
    void theDecidingLineIsThePerFileLineOrTheImportedOwnersLine() throws IOException {
        repo();
        CliRun run = CliRun.of(dir, "who", "--root", dir.toString(), "lib/q/report.sql", "imp/x.c");

        assertThat(run.out()).isEqualTo("lib/q/report.sql  @bob @dba @lead  lib/OWNERS:2\n"
                + "imp/x.c  @lead @shared  imp/OWNERS:1\n");
    }

    @Test
    void theGitTopLevelIsFoundFromASubfolder() throws IOException {
        repo();
        assertThat(WorkTree.topLevel(dir.resolve("lib"))).hasValue(dir.toRealPath());
        Path plain = Files.createTempDirectory("not-git");
        try {
            assertThat(WorkTree.topLevel(plain)).isEmpty();
        } finally {
            Files.delete(plain);
        }
    }
}
