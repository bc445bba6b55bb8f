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
        repo().write(".gitignore", "build/\n").write("new/x.py", "").commitAll("init");
        Files.writeString(dir.resolve("new/OWNERS"), "carol\n");
        Files.createDirectories(dir.resolve("build"));
        Files.writeString(dir.resolve("build/OWNERS"), "mallory\n");

        CliRun run = CliRun.of(dir, "compile", "--root", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(codeowners()).contains("/new/ @alice @carol").doesNotContain("mallory");
    }

    @Test
    void anEmptyGitIndexIsNamedInsteadOfCompilingAlmostNothingSilently() throws IOException {
        GitRepoFixture repo = repo().commitAll("init");
        repo.git("read-tree", "--empty");

        CliRun run = CliRun.of(dir, "compile", "--root", dir.toString());

        assertThat(run.err()).contains("ownergate compile: warning: git's index holds 0 files, but 3 of the 3"
                + " top-level entries of HEAD have none in it");
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

    @Test
    void aCodeownersAnotherToolWroteIsNotOverwrittenWithoutForce() throws IOException {
        String theirs = "# Generated by tools/gen_codeowners.py\n/src/ @perfetto-team\n";
        repo().write(".github/CODEOWNERS", theirs).commitAll("init");

        CliRun refused = CliRun.of(dir, "compile", "--root", dir.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains(".github/CODEOWNERS:1:1: this CODEOWNERS was not written by Ownergate")
                .contains("Ownergate will not overwrite it").contains("--force")
                .contains("ownergate compile: .github/CODEOWNERS is foreign; nothing written");
        assertThat(codeowners()).isEqualTo(theirs);

        CliRun checked = CliRun.of(dir, "compile", "--check", "--root", dir.toString());
        assertThat(checked.exitCode()).isEqualTo(2);
        assertThat(checked.err()).contains("is foreign; nothing checked").doesNotContain("out of date");
        assertThat(checked.out()).as("no diff for a foreign file").isEmpty();

        CliRun forced = CliRun.of(dir, "compile", "--force", "--root", dir.toString());
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(codeowners()).startsWith(dev.ownergate.codeowners.CodeownersCompiler.HEADER).contains("/lib/ @alice @bob");
        assertThat(CliRun.of(dir, "compile", "--check", "--root", dir.toString()).exitCode()).isZero();
    }

    @Test
    void staleTempFilesOfAKilledWriteAreRemovedByTheNextRun() throws IOException {
        repo().commitAll("init");
        Files.createDirectories(dir.resolve(".github"));
        Path stale = dir.resolve(".github/.CODEOWNERS.123456789.tmp");
        Path fresh = dir.resolve(".github/.CODEOWNERS.987654321.tmp");
        Files.writeString(stale, "half a file");
        Files.writeString(fresh, "another run is writing this one");
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofMinutes(5))));

        CliRun run = CliRun.of(dir, "compile", "--root", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(stale).doesNotExist();
        assertThat(fresh).as("a temp file younger than a minute may belong to a live run").exists();
        assertThat(run.err()).contains("removed 1 temporary file an interrupted earlier run left next to .github/CODEOWNERS");
    }

    @Test
    void pathsCodeownersCannotWriteLiterallyGetStandInsAndCompile() throws IOException {
        repo().write("with space/OWNERS", "carol\n").write("with space/a.py", "")
                .write("hash#dir/OWNERS", "dave\n").write("hash#dir/b.py", "")
                .write("lib/new\nline.txt", "").write("lib/OWNERS", "bob\nper-file x*=erin\n")
                .write("lib/x [1].txt", "").commitAll("init");

        CliRun run = CliRun.of(dir, "compile", "--root", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        String written = codeowners();
        assertThat(written).contains("/with?space/ @alice @carol\n").contains("/hash?dir/ @alice @dave\n")
                .contains("/lib/**/x* @alice @bob @erin\n").doesNotContain("x [");
        for (String line : written.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String pattern = line.split(" ")[0];
                assertThat(pattern).as(line).doesNotContain("#").doesNotContain("[").doesNotContain("\\");
            }
        }
        CliRun who = CliRun.of(dir, "who", "--root", dir.toString(), "--codeowners", dir.resolve(".github/CODEOWNERS").toString(),
                "with space/a.py", "hash#dir/b.py");
        assertThat(who.out()).as(who.err()).contains("@carol").contains("@dave");
    }

    @Test
    void aFolderWhoseStandInMatchesAnotherFolderHasItsFilesListed() throws IOException {
        repo().write("a b/OWNERS", "carol\n").write("a b/x.py", "").write("a#b/y.py", "").commitAll("init");

        CliRun run = CliRun.of(dir, "compile", "--root", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(codeowners()).as("/a?b/ would also give a#b/y.py to @carol").doesNotContain("/a?b/ ")
                .contains("/a?b/x.py @alice @carol\n").contains("/a?b/OWNERS @alice @carol\n")
                .doesNotContain("y.py");
    }

    @Test
    void pathsWhoseStandInsCollideWithOtherOwnersAreAnInputError() throws IOException {
        repo().write("a b/OWNERS", "carol\n").write("a b/x.py", "")
                .write("a#b/OWNERS", "dave\n").write("a#b/x.py", "").commitAll("init");

        CliRun run = CliRun.of(dir, "compile", "--root", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("cannot write \"a b/x.py\" in CODEOWNERS")
                .contains("(\"/a?b/x.py\"), and that also matches \"a#b/x.py\"").contains("rename one of them")
                .contains("nothing written");
        assertThat(dir.resolve(".github/CODEOWNERS")).doesNotExist();
    }

    @Test
    void aFilterWithNoExactGlobIsNamedInACommentAndAWarning() throws IOException {
        GitRepoFixture.init(dir)
                .write("OWNERS", "filters:\n  \".*\":\n    approvers: [alice]\n  \"q\\\\.s.l$\":\n    approvers: [dba]\n"
                        + "  \"BUILD(\\\\.bazel)?$\":\n    approvers: [builder]\n")
                .write("db/q.sql", "").write("db/BUILD", "").write("db/x.go", "").commitAll("init");

        CliRun run = CliRun.of(dir, "compile", "--root", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(codeowners()).endsWith("""
                # OWNERS
                * @alice
                *BUILD @alice @builder
                *BUILD.bazel @alice @builder

                # Single files: filters "q\\.s.l$" (OWNERS:4) has no exact CODEOWNERS glob.
                /db/q.sql @alice @dba
                """);
        assertThat(run.err()).contains("OWNERS:4:1: warning: filters \"q\\.s.l$\" has no exact CODEOWNERS glob, so"
                + " CODEOWNERS lists the 1 file it decides one by one");
    }
}
