package dev.ownergate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.ownership.OwnerDirectory;
import dev.ownergate.repo.GitRepoFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code who}, {@code audit} and {@code validate} end to end on real git repositories on disk. */
class WhoAuditValidateCommandsTest {

    record Run(int exit, String out, String err) {}

    static Run run(List<Object> commands, String... args) {
        var cli = OwnergateCli.commandLine(commands);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return run(OwnergateCli.coreSubcommands(), args);
    }

    static GitRepoFixture codeownersRepo(Path dir) throws IOException {
        return GitRepoFixture.init(dir)
                .write(".github/CODEOWNERS", """
                        * @acme/platform
                        *.py @acme/python
                        /lib/ @acme/lib
                        /lib/pay/ @alice
                        /old/ @bob
                        /vendor/
                        """)
                .write("README.md", "")
                .write("lib/util.py", "")
                .write("lib/pay/charge.py", "")
                .write("tools/run.py", "")
                .write("vendor/x/y.c", "")
                .commitAll("base");
    }

    @Nested
    class Who {
        @Test
        void printsOwnersAndTheDecidingRuleForEachPath(@TempDir Path dir) throws IOException {
            GitRepoFixture repo = codeownersRepo(dir);

            Run r = run("who", "--root", repo.root().toString(), "lib/pay/charge.py", "./tools/run.py", "vendor/x/y.c");

            assertThat(r.exit()).isZero();
            assertThat(r.out()).isEqualTo("""
                    lib/pay/charge.py  @alice  .github/CODEOWNERS:4
                    tools/run.py  @acme/python  .github/CODEOWNERS:2
                    vendor/x/y.c  (unowned)  .github/CODEOWNERS:6
                    """);
        }

        @Test
        void explainListsEveryMatchingRuleInOrderAndMarksTheDecidingOne(@TempDir Path dir) throws IOException {
            GitRepoFixture repo = codeownersRepo(dir);

            Run r = run("who", "--root", repo.root().toString(), "--explain", "lib/util.py");

            assertThat(r.out()).isEqualTo("""
                    lib/util.py  @acme/lib  .github/CODEOWNERS:3
                        .github/CODEOWNERS rules that match, in order (the last one decides):
                          .github/CODEOWNERS:1  * @acme/platform
                          .github/CODEOWNERS:2  *.py @acme/python
                          .github/CODEOWNERS:3  /lib/ @acme/lib  <- decides
                    """);
        }

        @Test
        void explainShowsTheOwnersChainAndTheCompiledCodeownersWhenTheRepoUsesOwnersFiles(@TempDir Path dir)
                throws IOException {
            GitRepoFixture repo = GitRepoFixture.init(dir)
                    .write("OWNERS", "root-owner\n")
                    .write("lib/OWNERS", "alice\n")
                    .write("lib/a.py", "")
                    .write(".github/CODEOWNERS", "* @root-owner\n/lib/ @alice\n")
                    .commitAll("base");

            Run r = run("who", "--root", repo.root().toString(), "--explain", "lib/a.py");

            assertThat(r.exit()).isZero();
            assertThat(r.out()).startsWith("lib/a.py  @alice @root-owner  lib/OWNERS:1\n    OWNERS chain, nearest folder first:\n")
                    .contains("      lib/OWNERS:1 ", "      OWNERS:1 ")
                    .contains("      .github/CODEOWNERS:2  /lib/ @alice  <- decides");
        }

        @Test
        void jsonIsOneStableDocument(@TempDir Path dir) throws IOException {
            GitRepoFixture repo = codeownersRepo(dir);

            Run r = run("who", "--root", repo.root().toString(), "--json", "README.md");

            assertThat(r.out()).isEqualTo("""
                    {
                      "version": 1,
                      "source": ".github/CODEOWNERS",
                      "paths": [
                        {
                          "path": "README.md",
                          "owners": [
                            "@acme/platform"
                          ],
                          "anyone": false,
                          "owned": true,
                          "decidedBy": ".github/CODEOWNERS:1",
                          "reviewers": []
                        }
                      ]
                    }
                    """);
        }

        @Test
        void stdinPathsAreAnsweredOnePerLineAndBadLinesFailWithoutBreakingTheOutput(@TempDir Path dir) throws IOException {
            GitRepoFixture repo = codeownersRepo(dir);
            WhoCommand who = new WhoCommand();
            who.input = new ByteArrayInputStream("lib/util.py\n\n../outside\n./README.md\n".getBytes(StandardCharsets.UTF_8));

            Run r = run(List.of(who), "who", "--root", repo.root().toString(), "--stdin");

            assertThat(r.out()).isEqualTo("""
                    lib/util.py  @acme/lib  .github/CODEOWNERS:3
                    README.md  @acme/platform  .github/CODEOWNERS:1
                    """);
            assertThat(r.err()).contains("<stdin>:3:1: ../outside is outside the repository");
            assertThat(r.exit()).isEqualTo(OwnergateCli.EXIT_INVALID);
        }

        @Test
        void changedTakesBothSidesOfARename(@TempDir Path dir) throws IOException {
            GitRepoFixture repo = codeownersRepo(dir);
            repo.git("branch", "base");
            repo.git("mv", "tools/run.py", "lib/run.py");
            repo.commitAll("move");

            Run r = run("who", "--root", repo.root().toString(), "--changed", "base..HEAD");

            assertThat(r.exit()).isZero();
            assertThat(r.out()).isEqualTo("""
                    tools/run.py  @acme/python  .github/CODEOWNERS:2
                    lib/run.py  @acme/lib  .github/CODEOWNERS:3
                    """);
        }

        @Test
        void codeownersOptionOverridesTheRepositoryRules(@TempDir Path dir) throws IOException {
            GitRepoFixture repo = codeownersRepo(dir);
            Path other = dir.resolve("other-CODEOWNERS");
            Files.writeString(other, "* @someone-else\n");

            Run r = run("who", "--root", repo.root().toString(), "--codeowners", other.toString(), "README.md");

            assertThat(r.out()).isEqualTo("README.md  @someone-else  other-CODEOWNERS:1\n");
        }

        @Test
        void noPathsIsAUsageError(@TempDir Path dir) throws IOException {
            Run r = run("who", "--root", codeownersRepo(dir).root().toString());

            assertThat(r.exit()).isEqualTo(OwnergateCli.EXIT_INVALID);
            assertThat(r.err()).contains("give at least one PATH, --stdin or --changed");
        }

        @Test
        void badRangeIsAnInputError(@TempDir Path dir) throws IOException {
            Run r = run("who", "--root", codeownersRepo(dir).root().toString(), "--changed", "no-such-ref..HEAD");

            assertThat(r.exit()).isEqualTo(OwnergateCli.EXIT_INVALID);
            assertThat(r.err()).contains("--changed no-such-ref..HEAD");
            assertThat(r.out()).isEmpty();
        }
    }

    @Nested
    class Audit {
        @Test
        void textReportSummarisesCoverageOwnersAndRules(@TempDir Path dir) throws IOException {
            Run r = run("audit", "--root", codeownersRepo(dir).root().toString());

            assertThat(r.exit()).isZero();
            assertThat(r.out()).startsWith("Ownership audit (.github/CODEOWNERS)\nCoverage: 83.33% of 6 files owned")
                    .contains("vendor/  all 1 file")
                    .contains(".github/CODEOWNERS:5: dead: '/old/' matches no file");
        }

        @Test
        void outputIsWrittenToTheFileAndFailUnderExitsOneBelowTheThreshold(@TempDir Path dir) throws IOException {
            GitRepoFixture repo = codeownersRepo(dir);
            Path report = dir.resolve("out/audit.json");

            Run below = run("audit", "--root", repo.root().toString(), "--format", "json", "--output", report.toString(),
                    "--fail-under", "90");

            assertThat(below.exit()).isEqualTo(OwnergateCli.EXIT_PROBLEMS);
            assertThat(below.err()).contains("83.33% of files have an owner, below --fail-under 90");
            assertThat(below.out()).isEmpty();
            assertThat(Files.readString(report)).contains("\"percentOwned\": 83.33");
            try (var siblings = Files.list(report.getParent())) {
                assertThat(siblings).containsExactly(report); // no temp file left behind
            }
            assertThat(run("audit", "--root", repo.root().toString(), "--fail-under", "83.33").exit()).isZero();
        }

        @Test
        void htmlAndCsvFormatsAreWritten(@TempDir Path dir) throws IOException {
            GitRepoFixture repo = codeownersRepo(dir);

            assertThat(run("audit", "--root", repo.root().toString(), "--format", "html").out()).startsWith("<!DOCTYPE html>");
            assertThat(run("audit", "--root", repo.root().toString(), "--format", "CSV").out())
                    .startsWith("kind,path,line,files,owner,detail\r\ncoverage,,,6,,");
        }

        @Test
        void ownersRepositoryIsAuditedFromOwnersFilesWithRuleChecksOnItsCodeowners(@TempDir Path dir) throws IOException {
            GitRepoFixture repo = GitRepoFixture.init(dir)
                    .write("lib/OWNERS", "alice\n")
                    .write("lib/a.py", "")
                    .write("b.py", "")
                    .write(".github/CODEOWNERS", "/lib/ @alice\n/gone/ @alice\n")
                    .commitAll("base");

            Run r = run("audit", "--root", repo.root().toString(), "--format", "json");

            assertThat(r.out()).contains("\"source\": \"OWNERS files\"", "\"rulesFile\": \".github/CODEOWNERS\"",
                    "\"kind\": \"dead\"", "\"pattern\": \"/gone/\"");
        }

        @Test
        void ignoredOwnersFilesAreLeftOutOfTheRulesButTheirFilesAreStillAudited(@TempDir Path dir) throws IOException {
            GitRepoFixture repo = GitRepoFixture.init(dir)
                    .write("OWNERS", "alice\n")
                    .write("examples/demo/OWNERS", "ben!\n")
                    .write("examples/demo/a.py", "")
                    .commitAll("base");

            Run broken = run("audit", "--root", repo.root().toString());
            Run ignored = run("audit", "--root", repo.root().toString(), "--ignore", "/examples/");

            assertThat(broken.exit()).isEqualTo(OwnergateCli.EXIT_INVALID);
            assertThat(ignored.exit()).isZero();
            assertThat(ignored.out()).contains("Coverage: 100.00% of 3 files owned");
            assertThat(run("validate", "--root", repo.root().toString(), "--ignore", "/examples/").exit()).isZero();
            assertThat(run("who", "--root", repo.root().toString(), "--ignore", "/examples/", "examples/demo/a.py").out())
                    .isEqualTo("examples/demo/a.py  @alice  OWNERS:1\n");
        }

        @Test
        void unknownFormatAndBadThresholdAreUsageErrors(@TempDir Path dir) throws IOException {
            String root = codeownersRepo(dir).root().toString();

            assertThat(run("audit", "--root", root, "--format", "pdf").exit()).isEqualTo(OwnergateCli.EXIT_INVALID);
            assertThat(run("audit", "--root", root, "--fail-under", "120").exit()).isEqualTo(OwnergateCli.EXIT_INVALID);
            assertThat(run("audit", "--root", dir.resolve("missing").toString()).exit()).isEqualTo(OwnergateCli.EXIT_INVALID);
        }
    }

    @Nested
    class Validate {
        @Test
        void cleanRepositoryIsOk(@TempDir Path dir) throws IOException {
            Run r = run("validate", "--root", codeownersRepo(dir).root().toString());

            assertThat(r.exit()).isZero();
            assertThat(r.err()).contains("ownergate validate: ok (.github/CODEOWNERS)");
        }

        @Test
        void syntaxErrorsArePositionedAndExitOne(@TempDir Path dir) throws IOException {
            GitRepoFixture repo = GitRepoFixture.init(dir)
                    .write(".github/CODEOWNERS", "* @acme/platform\n/lib/ alice\n")
                    .write("CODEOWNERS", "* @someone\n")
                    .write("OWNERS", "approvers:\n- not_a_login\n")
                    .commitAll("base");

            Run r = run("validate", "--root", repo.root().toString());

            assertThat(r.exit()).isEqualTo(OwnergateCli.EXIT_PROBLEMS);
            assertThat(r.out()).contains(".github/CODEOWNERS:2:7: invalid owner `alice`")
                    .contains("CODEOWNERS:1:1: warning: GitHub ignores this file because .github/CODEOWNERS comes first")
                    .contains("OWNERS:2:");
        }

        @Test
        void jsonListsCodeownersErrorsInGithubsShapeAndEveryProblem(@TempDir Path dir) throws IOException {
            GitRepoFixture repo = GitRepoFixture.init(dir).write(".github/CODEOWNERS", "/lib/ alice\n").commitAll("base");

            Run r = run("validate", "--root", repo.root().toString(), "--json");

            assertThat(r.exit()).isEqualTo(OwnergateCli.EXIT_PROBLEMS);
            assertThat(r.out()).isEqualTo("""
                    {
                      "version": 1,
                      "errors": [
                        {
                          "line": 1,
                          "column": 7,
                          "kind": "Invalid owner",
                          "source": "/lib/ alice",
                          "suggestion": "Did you mean `@alice`?",
                          "message": "Invalid owner on line 1: Did you mean `@alice`?\\n\\n  /lib/ alice\\n        ^",
                          "path": ".github/CODEOWNERS"
                        }
                      ],
                      "problems": [
                        {
                          "severity": "error",
                          "path": ".github/CODEOWNERS",
                          "line": 1,
                          "column": 7,
                          "message": "invalid owner `alice`: Did you mean `@alice`? (GitHub skips this line)"
                        }
                      ]
                    }
                    """);
        }

        @Test
        void githubChecksEveryOwnerOnceAtItsFirstPlace(@TempDir Path dir) throws IOException {
            GitRepoFixture repo = GitRepoFixture.init(dir)
                    .write(".github/CODEOWNERS", "* @acme/platform @ghost\n/lib/ @acme/secret @ghost\n/web/ @reader\n")
                    .commitAll("base");
            repo.git("remote", "add", "origin", "git@github.com:acme/widgets.git");
            List<String> asked = new ArrayList<>();
            OwnerDirectory directory = new FakeDirectory(asked, Map.of(
                    "ghost", OwnerDirectory.Standing.NOT_FOUND,
                    "acme/secret", OwnerDirectory.Standing.NOT_VISIBLE,
                    "reader", OwnerDirectory.Standing.NO_WRITE_ACCESS));

            Run r = run(List.of(new ValidateCommand(url -> {
                asked.add("connect " + url);
                return directory;
            })), "validate", "--root", repo.root().toString(), "--github");

            assertThat(r.exit()).isEqualTo(OwnergateCli.EXIT_PROBLEMS);
            assertThat(r.out().lines()).containsExactly(
                    ".github/CODEOWNERS:1:18: @ghost: no such GitHub user; fix the login or remove the owner "
                            + "(GitHub ignores unknown owners) (named in 1 more place)",
                    ".github/CODEOWNERS:2:7: @acme/secret: the team is secret or not visible to these credentials; "
                            + "make it visible, GitHub ignores secret teams as code owners",
                    ".github/CODEOWNERS:3:7: @reader has no write access to acme/widgets; grant write access or remove "
                            + "the owner (GitHub ignores owners who cannot write)");
            assertThat(asked).containsExactly("connect https://api.github.com", "team acme/platform acme/widgets",
                    "user ghost acme/widgets", "team acme/secret acme/widgets", "user reader acme/widgets");
        }

        @Test
        void githubWithoutTheFullLauncherIsAnInputError(@TempDir Path dir) throws IOException {
            Run r = run("validate", "--root", codeownersRepo(dir).root().toString(), "--github", "--repo", "acme/widgets");

            assertThat(r.exit()).isEqualTo(OwnergateCli.EXIT_INVALID);
            assertThat(r.err()).contains("--github needs the full ownergate launcher");
        }

        @Test
        void githubWithoutAGithubRemoteAsksForRepo(@TempDir Path dir) throws IOException {
            Run r = run(List.of(new ValidateCommand(url -> new FakeDirectory(new ArrayList<>(), Map.of()))),
                    "validate", "--root", codeownersRepo(dir).root().toString(), "--github");

            assertThat(r.exit()).isEqualTo(OwnergateCli.EXIT_INVALID);
            assertThat(r.err()).contains("no git remote origin to take the repository from; give --repo OWNER/NAME");
        }

        @Test
        void repoSlugComesFromGithubRemoteUrlsOnly() {
            assertThat(ValidateCommand.slugFromRemote("git@github.com:acme/widgets.git", "github.com")).contains("acme/widgets");
            assertThat(ValidateCommand.slugFromRemote("https://github.com/acme/widgets", "github.com")).contains("acme/widgets");
            assertThat(ValidateCommand.slugFromRemote("https://token@github.com/acme/widgets.git/", "github.com")).contains("acme/widgets");
            assertThat(ValidateCommand.slugFromRemote("ssh://git@github.com:22/acme/widgets.git", "github.com")).contains("acme/widgets");
            assertThat(ValidateCommand.slugFromRemote("https://ghe.example.com/acme/widgets.git",
                    ValidateCommand.apiHost("https://ghe.example.com/api/v3"))).contains("acme/widgets");
            assertThat(ValidateCommand.slugFromRemote("https://gitlab.com/acme/widgets.git", "github.com")).isEmpty();
            assertThat(ValidateCommand.slugFromRemote("/srv/git/widgets.git", "github.com")).isEmpty();
        }
    }

    /** Records the questions asked; everyone not listed is OK. */
    record FakeDirectory(List<String> asked, Map<String, OwnerDirectory.Standing> standings) implements OwnerDirectory {
        @Override
        public Standing userStanding(String login, String repo) {
            asked.add("user " + login + " " + repo);
            return standings.getOrDefault(login, Standing.OK);
        }

        @Override
        public Standing teamStanding(String orgSlashTeam, String repo) {
            asked.add("team " + orgSlashTeam + " " + repo);
            return standings.getOrDefault(orgSlashTeam, Standing.OK);
        }
    }

    /** Issue #8 point 8 and issue #10 point 4: GitHub enforces the CODEOWNERS file, and only one under 3 MB. */
    @Nested
    class WhatGitHubEnforces {
        @Test
        void whoAndAuditSayWhenCodeownersDisagreesWithTheOwnersFiles(@TempDir Path dir) throws IOException {
            GitRepoFixture repo = GitRepoFixture.init(dir)
                    .write("OWNERS", "alice\n").write("lib/OWNERS", "bob\n").write("lib/a.py", "")
                    .write(".github/CODEOWNERS", "# Generated by another tool\n* @carol\n").commitAll("base");

            Run who = run("who", "--root", repo.root().toString(), "lib/a.py");
            assertThat(who.exit()).isZero();
            assertThat(who.out()).contains("@alice @bob");
            assertThat(who.err()).contains(".github/CODEOWNERS:0:0: warning: GitHub enforces this file, not the OWNERS"
                    + " files, and it disagrees with them on 1 of 1 file (lib/a.py: .github/CODEOWNERS gives @carol,"
                    + " the OWNERS files give @alice @bob); Ownergate did not write it");

            Run audit = run("audit", "--root", repo.root().toString());
            assertThat(audit.err()).contains("disagrees with them on 4 of 4 files");

            assertThat(run("compile", "--root", repo.root().toString(), "--force").exit()).isZero();
            assertThat(run("who", "--root", repo.root().toString(), "lib/a.py").err()).doesNotContain("disagrees");
        }

        @Test
        void anyoneMayApproveAgreesWithACodeownersRuleWithoutOwners(@TempDir Path dir) throws IOException {
            GitRepoFixture repo = GitRepoFixture.init(dir)
                    .write("OWNERS", "alice\n").write("lib/OWNERS", "*\n").write("lib/a.py", "").write("b.py", "")
                    .commitAll("base");
            assertThat(run("compile", "--root", repo.root().toString()).exit()).isZero();

            assertThat(run("audit", "--root", repo.root().toString()).err()).doesNotContain("disagrees");
            repo.write(".github/CODEOWNERS", "* @alice\n");
            assertThat(run("audit", "--root", repo.root().toString()).err()).contains("disagrees with them on 2 of 5"
                    + " files (lib/OWNERS: .github/CODEOWNERS gives @alice, the OWNERS files give no owners)");
        }

        @Test
        void aCodeownersOverThreeMegabytesHasNoRulesAndSaysSo(@TempDir Path dir) throws IOException {
            StringBuilder big = new StringBuilder("* @acme/platform\n");
            while (big.length() < 3_000_000) {
                big.append("/generated/file-").append(big.length()).append(".txt @acme/generated\n");
            }
            GitRepoFixture repo = GitRepoFixture.init(dir).write(".github/CODEOWNERS", big.toString())
                    .write("README.md", "").commitAll("base");

            Run who = run("who", "--root", repo.root().toString(), "README.md");

            assertThat(who.exit()).isZero();
            assertThat(who.out()).contains("README.md  (unowned)");
            assertThat(who.err()).contains(".github/CODEOWNERS:1:1: warning: this CODEOWNERS file is 3,0")
                    .contains("over GitHub's 3 MB limit, so GitHub does not load it and no file has code owners from it");
            Run audit = run("audit", "--root", repo.root().toString());
            assertThat(audit.err()).contains("over GitHub's 3 MB limit");
            assertThat(run("validate", "--root", repo.root().toString()).exit()).isEqualTo(1);
        }
    }
}
