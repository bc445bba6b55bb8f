package dev.ownergate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.repo.GitRepoFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command reads the owners: section of .github/ownergate.yml, and flags override it. */
class OwnersSettingsCommandsTest {

    @TempDir
    Path dir;

    /** A Chromium-family-shaped tree with a bundled example, a per-file glob for docs, and a missing import. */
    private GitRepoFixture repo(String settings) throws IOException {
        GitRepoFixture repo = GitRepoFixture.init(dir)
                .write("OWNERS", "lead\nper-file *.md=writer\n")
                .write("docs/guide/setup.md", "")
                .write("src/android/OWNERS", "droid\nfile://build/android/OWNERS\n")
                .write("src/android/a.java", "")
                .write("examples/demo/OWNERS", "approvers: [\"demo-leads!\"]\n")
                .write("examples/demo/a.py", "");
        if (settings != null) {
            repo.write(".github/ownergate.yml", settings);
        }
        return repo.commitAll("init");
    }

    private String codeowners() throws IOException {
        return Files.readString(dir.resolve(".github/CODEOWNERS"), StandardCharsets.UTF_8);
    }

    @Test
    void compileReadsIgnoreFromTheRepositoryAndPerFileGlobsReachSubfolders() throws IOException {
        repo("owners:\n  ignore: [\"/examples/\"]\n");

        CliRun run = CliRun.of(dir, "compile", "--root", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("src/android/OWNERS:2:1: warning: imported file 'build/android/OWNERS' does"
                + " not exist in this repository; skipped");
        assertThat(codeowners()).contains("\n*.md @lead @writer\n").doesNotContain("demo-leads");
        assertThat(CliRun.of(dir, "who", "--root", dir.toString(), "docs/guide/setup.md", "examples/demo/a.py").out())
                .isEqualTo("docs/guide/setup.md  @lead @writer  OWNERS:2\nexamples/demo/a.py  @lead  OWNERS:1\n");
    }

    @Test
    void withoutTheSettingTheExampleBreaksEveryCommand() throws IOException {
        repo(null);

        assertThat(CliRun.of(dir, "compile", "--root", dir.toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.of(dir, "who", "--root", dir.toString(), "examples/demo/a.py").exitCode()).isEqualTo(2);
        assertThat(CliRun.of(dir, "audit", "--root", dir.toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.of(dir, "validate", "--root", dir.toString()).exitCode()).isEqualTo(1);
        // --ignore still works, and overrides the setting.
        assertThat(CliRun.of(dir, "compile", "--root", dir.toString(), "--ignore", "/examples/").exitCode()).isZero();
    }

    @Test
    void strictAndTheSettingMakeUnresolvedImportsErrors() throws IOException {
        repo("owners:\n  ignore: [\"/examples/\"]\n  unresolved_imports: error\n");

        CliRun fromSetting = CliRun.of(dir, "validate", "--root", dir.toString());
        assertThat(fromSetting.exitCode()).isEqualTo(1);
        assertThat(fromSetting.out()).contains("src/android/OWNERS:2:1: imported file 'build/android/OWNERS' does not"
                + " exist in this repository; copy the owners into this repository or remove the import"
                + " (owners.unresolved_imports is error)");

        Files.writeString(dir.resolve(".github/ownergate.yml"), "owners:\n  ignore: [\"/examples/\"]\n");
        assertThat(CliRun.of(dir, "compile", "--root", dir.toString()).exitCode()).isZero();
        CliRun strict = CliRun.of(dir, "compile", "--root", dir.toString(), "--strict");
        assertThat(strict.exitCode()).isEqualTo(2);
        assertThat(strict.err()).contains("nothing written");
    }

    @Test
    void perFileGlobsFlagOverridesTheSetting() throws IOException {
        repo("owners:\n  ignore: [\"/examples/\"]\n  per_file_globs: one-folder\n");

        assertThat(CliRun.of(dir, "who", "--root", dir.toString(), "docs/guide/setup.md").out())
                .isEqualTo("docs/guide/setup.md  @lead  OWNERS:1\n");
        assertThat(CliRun.of(dir, "who", "--root", dir.toString(), "--per-file-globs", "find-owners",
                "docs/guide/setup.md").out()).isEqualTo("docs/guide/setup.md  @lead @writer  OWNERS:2\n");
        CliRun bad = CliRun.of(dir, "who", "--root", dir.toString(), "--per-file-globs", "fnmatch", "OWNERS");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--per-file-globs takes find-owners, one-folder, simple, not 'fnmatch'");
    }

    @Test
    void invalidSettingsAreInputErrorsWithTheirPosition() throws IOException {
        repo("owners:\n  per_file_globs: fnmatch\n");

        CliRun run = CliRun.of(dir, "compile", "--root", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(".github/ownergate.yml:2:19: 'owners.per_file_globs' must be one of"
                + " find-owners, one-folder, simple, not 'fnmatch'");
        assertThat(Files.exists(dir.resolve(".github/CODEOWNERS"))).isFalse();
    }
}
