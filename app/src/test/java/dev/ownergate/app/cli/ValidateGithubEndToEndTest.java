package dev.ownergate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.app.fake.FakeGitHub;
import dev.ownergate.app.github.GitHubOwnerDirectory;
import dev.ownergate.cli.OwnergateCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `ownergate validate --github` as the launcher wires it, against the in-process fake GitHub over HTTP. */
class ValidateGithubEndToEndTest {
    FakeGitHub github;

    @TempDir
    Path dir;

    @BeforeEach
    void startGitHub() {
        github = FakeGitHub.start();
        FakeGitHub.Repo repo = github.repo("acme/widgets");
        repo.permission("alice", "write");
        repo.permission("rita", "read");
        github.team("acme", "core", "alice");
        repo.teamPermission("acme/core", "push");
    }

    @AfterEach
    void stopGitHub() {
        github.close();
    }

    private int validate(StringWriter out, StringWriter err) {
        CommandLine cli = OwnergateCli.commandLine(
                OwnergateCli.coreSubcommands(GitHubOwnerDirectory.connector(Map.of("GITHUB_TOKEN", "ghp_test"))));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute("validate", "--github", "--api-url", github.apiUrl().toString(), "--repo", "acme/widgets",
                "--root", dir.toString());
    }

    @Test
    void ownersThatExistAndCanWritePass() throws IOException {
        GitRepo.init(dir).write("OWNERS", "approvers: [alice, \"@acme/core\"]\n").write("a.py", "").commitAll("init");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = validate(out, err);

        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(github.calls()).containsKeys("GET /repos/{o}/{r}/collaborators/{u}/permission");
    }

    @Test
    void missingUsersReadOnlyUsersAndUnknownTeamsAreProblems() throws IOException {
        GitRepo.init(dir)
                .write("OWNERS", "approvers: [alice, rita, ghost, \"@acme/nope\"]\n")
                .write("a.py", "")
                .commitAll("init");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = validate(out, err);

        String all = out + "\n" + err;
        assertThat(code).as(all).isEqualTo(1);
        assertThat(all).contains("OWNERS:1:").contains("rita").contains("ghost").contains("acme/nope");
        assertThat(all).doesNotContain("alice:");
    }

    @Test
    void emailOwnersAreCheckedThroughTheAccountTheyBelongTo() throws IOException {
        github.publicEmail("alice", "alice@example.com");
        github.repo("acme/widgets").commitBy("rita", "rita@private.example.com");
        GitRepo.init(dir)
                .write("OWNERS", "alice@example.com\nrita@private.example.com\nghost@example.com\n")
                .write("a.py", "")
                .commitAll("init");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = validate(out, err);

        String all = out + "\n" + err;
        assertThat(code).as(all).isEqualTo(1);
        assertThat(all).doesNotContain("alice@example.com")
                .contains("OWNERS:2:0: rita@private.example.com is the GitHub account @rita; @rita has no write access"
                        + " to acme/widgets")
                .contains("OWNERS:3:0: warning: ghost@example.com: no GitHub account shows this email on its profile,"
                        + " and no commit in acme/widgets links it to one");
        assertThat(github.calls()).containsKeys("GET /search/users", "GET /repos/{o}/{r}/commits");
    }
}
