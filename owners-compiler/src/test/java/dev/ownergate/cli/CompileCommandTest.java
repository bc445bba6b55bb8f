package dev.ownergate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.repo.GitRepoFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The compile command end to end on a real git repository on disk. */
class CompileCommandTest {

    @TempDir
    Path dir;

    private GitRepoFixture repo() throws IOException {
        return GitRepoFixture.init(dir)
                .write("OWNERS", "approvers:\n  - alice\n")
                .write("lib/OWNERS", "bob\n")
                .write("lib/a.py", "")
                .write("docs/guide.md", "");
    }

    private String codeowners() throws IOException {
        return Files.readString(dir.resolve(".github/CODEOWNERS"), StandardCharsets.UTF_8);
    }

    @Test
    void writesCodeownersThatRepeatsInheritedOwnersInDeeperFolders() throws IOException {
        repo().commitAll("init");

        CliRun run = CliRun.of(dir, "compile", "--root", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(codeowners()).endsWith("""
                # OWNERS
                * @alice

                # lib/OWNERS
                /lib/ @alice @bob
                """);
        assertThat(run.err()).contains("written from 2 OWNERS files").contains("verified");
    }

    @Test
    void writtenFileIsWorldReadableAndKeepsThePermissionsItReplaces() throws IOException {
        repo().commitAll("init");

        CliRun.of(dir, "compile", "--root", dir.toString());
        Path written = dir.resolve(".github/CODEOWNERS");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written))).isEqualTo("rw-r--r--");

        Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-rw-r--"));
        Files.writeString(dir.resolve("lib/OWNERS"), "carol\n");
        CliRun.of(dir, "compile", "--root", dir.toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written))).isEqualTo("rw-rw-r--");
        assertThat(codeowners()).contains("@carol");
    }

    @Test
    void untrackedOwnersFilesCountButIgnoredFilesDoNot() throws IOException {
        repo().write(".gitignore", "build/\n").commitAll("init");
        Files.createDirectories(dir.resolve("new"));
        Files.writeString(dir.resolve("new/OWNERS"), "carol\n");
        Files.writeString(dir.resolve("new/x.py"), "");
        Files.createDirectories(dir.resolve("build"));
        Files.writeString(dir.resolve("build/OWNERS"), "mallory\n");

        CliRun run = CliRun.of(dir, "compile", "--root", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(codeowners()).contains("/new/ @alice @carol").doesNotContain("mallory");
    }

    @Test
    void compilingTwiceGivesByteIdenticalOutputAndCheckPasses() throws IOException {
        repo().commitAll("init");
        CliRun.of(dir, "compile", "--root", dir.toString());
        String first = codeowners();

        CliRun again = CliRun.of(dir, "compile", "--root", dir.toString());
        CliRun check = CliRun.of(dir, "compile", "--check", "--root", dir.toString());

        assertThat(again.exitCode()).isZero();
        assertThat(codeowners()).isEqualTo(first);
        assertThat(check.exitCode()).isZero();
        assertThat(check.err()).contains("is up to date");
    }

    @Test
    void checkPrintsUnifiedDiffAndExitsOneWithoutWriting() throws IOException {
        repo().commitAll("init");
        CliRun.of(dir, "compile", "--root", dir.toString());
        String before = codeowners();
        Files.writeString(dir.resolve("lib/OWNERS"), "carol\n");

        CliRun check = CliRun.of(dir, "compile", "--check", "--root", dir.toString());

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).contains("--- a/.github/CODEOWNERS", "+++ b/.github/CODEOWNERS",
                "-/lib/ @alice @bob", "+/lib/ @alice @carol");
        assertThat(check.err()).contains("out of date; run ./ownergate compile");
        assertThat(codeowners()).isEqualTo(before);
    }

    @Test
    void checkFailsWhenTheFileIsMissing() throws IOException {
        repo().commitAll("init");

        CliRun check = CliRun.of(dir, "compile", "--check", "--root", dir.toString());

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).contains("--- /dev/null");
        assertThat(dir.resolve(".github/CODEOWNERS")).doesNotExist();
    }

    static Stream<Arguments> malformedInputs() {
        return Stream.of(
                Arguments.of("approvers is not a list", "lib/OWNERS", "approvers: alice\n",
                        "lib/OWNERS:1:12: 'approvers' must be a list of owners, e.g. \"approvers: [alice]\""),
                Arguments.of("bad yaml", "lib/OWNERS", "approvers: [alice\n",
                        "lib/OWNERS:2:1: invalid YAML: expected ',' or ']', but got <stream end>"
                                + " (while parsing a flow sequence at line 1)"),
                Arguments.of("duplicate key", "lib/OWNERS", "approvers: [a]\napprovers: [b]\n",
                        "lib/OWNERS:2:1: duplicate key 'approvers' (first at line 1); merge the two entries"),
                Arguments.of("bad regex", "lib/OWNERS", "filters:\n  \"(unclosed\":\n    approvers: [a]\n",
                        "lib/OWNERS:2:3: invalid regular expression \"(unclosed\": missing closing );"
                                + " filters keys are RE2 regexes, e.g. \"\\\\.go$\""),
                Arguments.of("malformed owner", "lib/OWNERS", "not an owner!\n",
                        "lib/OWNERS:1:1: 'not an owner!' is not an owner: write one owner per line"
                                + " (or 'set noparent', 'per-file ...', 'file:PATH', 'include PATH')"),
                Arguments.of("import outside the root", "lib/OWNERS", "file:../../outside/OWNERS\n",
                        "lib/OWNERS:1:1: import '../../outside/OWNERS' points outside the repository; imports must"
                                + " name a file inside it"),
                Arguments.of("unknown alias", "lib/OWNERS", "approvers: [platform-leadz]\n",
                        "lib/OWNERS:1:13: unknown alias 'platform-leadz' (did you mean 'platform-leads' from"
                                + " OWNERS_ALIASES?); write @platform-leadz if it is a GitHub login"),
                Arguments.of("import cycle", "lib/OWNERS", "file://lib/OWNERS\n",
                        "lib/OWNERS:1:1: import cycle: lib/OWNERS -> lib/OWNERS; remove one of these imports"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedInputs")
    void invalidInputIsReportedWithPositionAndNothingIsWritten(String name, String path, String text, String expected)
            throws IOException {
        repo().write("OWNERS_ALIASES", "aliases:\n  platform-leads: [alice]\n").write(path, text).commitAll("init");
        Files.createDirectories(dir.resolve(".github"));
        Files.writeString(dir.resolve(".github/CODEOWNERS"), "# previous\n");

        CliRun run = CliRun.of(dir, "compile", "--root", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).contains(expected);
        assertThat(run.err()).contains("nothing written");
        assertThat(codeowners()).isEqualTo("# previous\n");
        try (Stream<Path> left = Files.list(dir.resolve(".github"))) {
            assertThat(left).as("no temp files left behind").hasSize(1);
        }
    }

    @Test
    void noOwnersFilesIsAnInputError() throws IOException {
        GitRepoFixture.init(dir).write("a.py", "").commitAll("init");

        CliRun run = CliRun.of(dir, "compile", "--root", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no OWNERS files under");
    }

    @Test
    void outputOptionWritesElsewhere() throws IOException {
        repo().commitAll("init");
        Path out = dir.resolve("out/CODEOWNERS");

        CliRun run = CliRun.of(dir, "compile", "--root", dir.toString(), "--output", out.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(out).exists();
        assertThat(dir.resolve(".github/CODEOWNERS")).doesNotExist();
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = CliRun.of(dir, "compile", "--bogus");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--bogus'");
    }
}
