package dev.ownergate.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownergate.app.fake.FakeGitHub;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /ownergate override <reason>} through the real server, the real policy engine and the fake GitHub. */
class OverrideEndToEndTest {
    static final String REPO = "acme/widgets";
    static final long INSTALLATION = 7;
    static final String POLICY = "override:\n  users: [rita]\n  teams: [\"@acme/release\"]\n";

    ServerHarness h;
    FakeGitHub.Repo repo;
    FakeGitHub.Pull pr;

    @BeforeEach
    void start() throws Exception {
        h = new ServerHarness(new PolicyGate());
        h.github.installation(INSTALLATION, REPO);
        h.github.team("acme", "release", "tess");
        h.github.user("alice", "rita", "mallory");
        repo = h.github.repo(REPO);
        String base = repo.commit(Map.of("OWNERS", "approvers:\n- alice\n", "src/app.txt", "x\n",
                ".github/ownergate.yml", POLICY));
        pr = repo.pull(1, "carol", "main", base, "h1").modified("src/app.txt");
        h.deliver("pull_request", ServerHarness.pullRequestEvent("pull_request.opened.json", INSTALLATION, REPO, 1, "h1"));
        h.awaitIdle();
        assertThat(check("h1").path("conclusion").asText()).isEqualTo("failure");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private JsonNode check(String head) {
        return repo.latestCheckRun(head, "code-owners");
    }

    private void comment(String login, String body) throws InterruptedException {
        ObjectNode p = ServerHarness.payload("issue_comment.created.json");
        p.putObject("installation").put("id", INSTALLATION);
        ((ObjectNode) p.path("repository")).put("full_name", REPO);
        ObjectNode issue = (ObjectNode) p.path("issue");
        issue.put("number", 1);
        issue.putObject("pull_request").put("url", "https://api.github.com/repos/" + REPO + "/pulls/1");
        ObjectNode c = (ObjectNode) p.path("comment");
        c.put("body", body);
        ((ObjectNode) c.path("user")).put("login", login).put("type", "User");
        assertThat(h.deliver("issue_comment", p).statusCode()).isEqualTo(200);
        h.awaitIdle();
    }

    @Test
    void aListedUserOverridesWithAReasonAndTheCheckPassesNamingThemAndTheReason() throws Exception {
        comment("rita", "/ownergate override prod is down, hotfix for INC-42");

        JsonNode check = check("h1");
        assertThat(check.path("conclusion").asText()).isEqualTo("success");
        assertThat(check.path("output").path("title").asText())
                .isEqualTo("Overridden by @rita: prod is down, hotfix for INC-42");
        assertThat(check.path("output").path("summary").asText()).contains("Break-glass override", "@rita",
                "prod is down, hotfix for INC-42", "`h1`");
        assertThat(h.github.comments(REPO, 1)).isEmpty();
    }

    @Test
    void aMemberOfAListedTeamMayOverride() throws Exception {
        comment("tess", "/ownergate override release train leaves now");

        assertThat(check("h1").path("conclusion").asText()).isEqualTo("success");
    }

    @Test
    void anyoneElseGetsAReplyAndNothingChanges() throws Exception {
        int before = repo.checkRuns().size();

        comment("mallory", "/ownergate override trust me");

        assertThat(repo.checkRuns()).hasSize(before);
        assertThat(check("h1").path("conclusion").asText()).isEqualTo("failure");
        assertThat(h.github.comments(REPO, 1)).singleElement().asString()
                .contains("@mallory you may not override", "override", ".github/ownergate.yml");
    }

    @Test
    void aReasonIsRequired() throws Exception {
        int before = repo.checkRuns().size();

        comment("rita", "/ownergate override   ");

        assertThat(repo.checkRuns()).hasSize(before);
        assertThat(h.github.comments(REPO, 1)).singleElement().asString().contains("needs a reason");
    }

    @Test
    void theOverrideOutlivesAReEvaluationOfTheSameHeadButNotAPush() throws Exception {
        comment("rita", "/ownergate override hotfix");
        h.deliver("pull_request_review",
                ServerHarness.pullRequestEvent("pull_request_review.submitted.json", INSTALLATION, REPO, 1, "h1"));
        h.awaitIdle();
        assertThat(check("h1").path("output").path("title").asText()).startsWith("Overridden by @rita");

        pr.push("h2");
        h.deliver("pull_request", ServerHarness.pullRequestEvent("pull_request.synchronize.json", INSTALLATION, REPO, 1,
                "h2"));
        h.awaitIdle();

        assertThat(check("h2").path("conclusion").asText()).isEqualTo("failure");
        assertThat(check("h2").path("output").path("title").asText()).doesNotContain("Overridden");
    }

    @Test
    void withoutAnOverrideListInThePolicyNobodyMayOverride() throws Exception {
        String base = repo.commit(Map.of("OWNERS", "approvers:\n- alice\n", "src/app.txt", "x\n"));
        repo.pull(2, "carol", "main", base, "h9").modified("src/app.txt");
        ObjectNode p = ServerHarness.payload("issue_comment.created.json");
        p.putObject("installation").put("id", INSTALLATION);
        ((ObjectNode) p.path("repository")).put("full_name", REPO);
        ((ObjectNode) p.path("issue")).put("number", 2).putObject("pull_request").put("url", "x");
        ((ObjectNode) p.path("comment")).put("body", "/ownergate override hotfix");
        ((ObjectNode) p.path("comment").path("user")).put("login", "rita");
        h.deliver("issue_comment", p);
        h.awaitIdle();

        assertThat(repo.latestCheckRun("h9", "code-owners")).isNull();
        assertThat(h.github.comments(REPO, 2)).singleElement().asString().contains("may not override");
    }
}
