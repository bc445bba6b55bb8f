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

    private long overridesOnRecord() {
        return h.server.store().decisions().history(REPO, 1, 100).stream()
                .filter(d -> d.decision().kind() == dev.ownergate.app.store.DecisionRecord.Kind.OVERRIDE).count();
    }

    private JsonNode check(String head) {
        return repo.latestCheckRun(head, "code-owners");
    }

    private void comment(String login, String body) throws InterruptedException {
        assertThat(h.deliver("issue_comment", commentEvent(1, login, body)).statusCode()).isEqualTo(200);
        h.awaitIdle();
    }

    /** {@code login} comments {@code body} on pull request {@code number}. */
    private static ObjectNode commentEvent(int number, String login, String body) {
        ObjectNode p = ServerHarness.payload("issue_comment.created.json");
        p.putObject("installation").put("id", INSTALLATION);
        ((ObjectNode) p.path("repository")).put("full_name", REPO);
        ObjectNode issue = (ObjectNode) p.path("issue");
        issue.put("number", number);
        issue.putObject("pull_request").put("url", "https://api.github.com/repos/" + REPO + "/pulls/" + number);
        ObjectNode c = (ObjectNode) p.path("comment");
        c.put("body", body);
        ((ObjectNode) c.path("user")).put("login", login).put("type", "User");
        return p;
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
        assertThat(overridesOnRecord()).as("re-posting the standing override is not a second exception").isEqualTo(1);

        pr.push("h2");
        h.deliver("pull_request", ServerHarness.pullRequestEvent("pull_request.synchronize.json", INSTALLATION, REPO, 1,
                "h2"));
        h.awaitIdle();

        assertThat(check("h2").path("conclusion").asText()).isEqualTo("failure");
        assertThat(check("h2").path("output").path("title").asText()).doesNotContain("Overridden");
    }

    @Test
    void anEvaluationThatWasRunningWhenTheOverrideCameDoesNotReplaceIt() throws Exception {
        // Hold the evaluation of a review as it posts its verdict, while the override is granted and posted.
        FakeGitHub.Hold verdict = h.github.hold("POST /repos/{o}/{r}/check-runs");
        h.deliver("pull_request_review",
                ServerHarness.pullRequestEvent("pull_request_review.submitted.json", INSTALLATION, REPO, 1, "h1"));
        assertThat(verdict.awaitReached(java.time.Duration.ofSeconds(20))).isTrue();
        h.deliver("issue_comment", commentEvent(1, "rita", "/ownergate override hotfix"));
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (!"success".equals(check("h1").path("conclusion").asText()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(check("h1").path("conclusion").asText()).as("the override was posted").isEqualTo("success");

        verdict.release(); // the stale evaluation's failure now lands after the override
        h.awaitIdle();

        assertThat(check("h1").path("conclusion").asText()).isEqualTo("success");
        assertThat(check("h1").path("output").path("title").asText()).startsWith("Overridden by @rita");
    }

    @Test
    void withoutAnOverrideListInThePolicyNobodyMayOverride() throws Exception {
        String base = repo.commit(Map.of("OWNERS", "approvers:\n- alice\n", "src/app.txt", "x\n"));
        repo.pull(2, "carol", "main", base, "h9").modified("src/app.txt");
        h.deliver("issue_comment", commentEvent(2, "rita", "/ownergate override hotfix"));
        h.awaitIdle();

        assertThat(repo.latestCheckRun("h9", "code-owners")).isNull();
        assertThat(h.github.comments(REPO, 2)).singleElement().asString().contains("may not override");
    }
}
