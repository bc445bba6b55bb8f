package dev.ownergate.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownergate.app.fake.FakeGitHub;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server with the real policy engine: OWNERS and CODEOWNERS at the base, ownergate.yml, teams. */
class PolicyGateEndToEndTest {
    static final String REPO = "acme/widgets";
    static final long INSTALLATION = 7;

    ServerHarness h;
    FakeGitHub.Repo repo;

    @BeforeEach
    void start() {
        h = new ServerHarness(new PolicyGate());
        h.github.installation(INSTALLATION, REPO);
        repo = h.github.repo(REPO);
        h.github.user("alice", "bob", "carl", "dave", "erin");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private JsonNode opened(int number, String head) throws InterruptedException {
        h.deliver("pull_request",
                ServerHarness.pullRequestEvent("pull_request.opened.json", INSTALLATION, REPO, number, head));
        h.awaitIdle();
        return repo.latestCheckRun(head, "code-owners");
    }

    @Test
    void approvalFromAnOwnerAtTheBasePasses() throws Exception {
        String base = repo.commit(Map.of("OWNERS", "approvers:\n- alice\n", "src/app.txt", "x\n"));
        repo.pull(1, "carol", "main", base, "h1").modified("src/app.txt").review(1, "alice", "APPROVED");

        JsonNode check = opened(1, "h1");

        assertThat(check.path("conclusion").asText()).isEqualTo("success");
        assertThat(check.path("output").path("summary").asText()).contains("OWNERS files at");
    }

    @Test
    void pullRequestThatAddsItsOwnApproverToOwnersStillNeedsTheBaseOwners() throws Exception {
        String base = repo.commit(Map.of("OWNERS", "approvers:\n- alice\n", "src/app.txt", "x\n"));
        repo.commit(Map.of("OWNERS", "approvers:\n- alice\n- bob\n", "src/app.txt", "x\n"));
        repo.pull(2, "carol", "main", base, "h2").modified("OWNERS", "src/app.txt").review(2, "bob", "APPROVED");

        JsonNode check = opened(2, "h2");

        assertThat(check.path("conclusion").asText()).isEqualTo("failure");
    }

    @Test
    void ownersFilesThatDoNotParseFailClosed() throws Exception {
        String base = repo.commit(Map.of("OWNERS", "approvers: [alice\n", "src/app.txt", "x\n"));
        repo.pull(3, "carol", "main", base, "h3").modified("src/app.txt").review(3, "alice", "APPROVED");

        JsonNode check = opened(3, "h3");

        assertThat(check.path("conclusion").asText()).isEqualTo("failure");
        assertThat(check.path("output").path("title").asText()).contains("do not parse");
    }

    @Test
    void ownersFileThatIsASymlinkInTheBaseTreeFailsClosedNamingIt() throws Exception {
        // Git stores a link as a blob holding its target, with mode 120000: never followed (docs/security.md).
        String base = repo.commitWithSymlinks(Map.of("OWNERS", "approvers:\n- alice\n", "lib/OWNERS", "/etc/passwd",
                "lib/app.txt", "x\n"), java.util.Set.of("lib/OWNERS"));
        repo.pull(30, "carol", "main", base, "h30").modified("lib/app.txt").review(30, "alice", "APPROVED");

        JsonNode check = opened(30, "h30");

        assertThat(check.path("conclusion").asText()).isEqualTo("failure");
        assertThat(check.path("output").path("title").asText()).contains("'lib/OWNERS' is a symbolic link");
    }

    @Test
    void codeownersThatIsASymlinkFailsClosedNamingIt() throws Exception {
        String base = repo.commitWithSymlinks(Map.of(".github/CODEOWNERS", "/etc/passwd", "src/app.txt", "x\n"),
                java.util.Set.of(".github/CODEOWNERS"));
        repo.pull(33, "carol", "main", base, "h33").modified("src/app.txt").review(33, "alice", "APPROVED");

        JsonNode check = opened(33, "h33");

        assertThat(check.path("conclusion").asText()).isEqualTo("failure");
        assertThat(check.path("output").path("title").asText()).contains("'.github/CODEOWNERS' is a symbolic link");
    }

    @Test
    void policyFileThatIsASymlinkFailsClosedNamingIt() throws Exception {
        // As for any invalid policy file (docs/policy.md): never the defaults instead.
        String base = repo.commitWithSymlinks(Map.of("OWNERS", "approvers:\n- alice\n",
                ".github/ownergate.yml", "../../secrets.yml", "src/app.txt", "x\n"), java.util.Set.of(".github/ownergate.yml"));
        repo.pull(31, "carol", "main", base, "h31").modified("src/app.txt").review(31, "alice", "APPROVED");

        JsonNode check = opened(31, "h31");

        assertThat(check.path("conclusion").asText()).isEqualTo("failure");
        assertThat(check.path("output").path("summary").asText()).contains("'.github/ownergate.yml' is a symbolic link");
    }

    @Test
    void ownersFileOverTheSizeLimitFailsClosedBeforeItsBlobIsFetched() throws Exception {
        String big = "approvers:\n" + "- alice\n".repeat(150_000);
        String base = repo.commit(Map.of("OWNERS", "approvers:\n- alice\n", "lib/OWNERS", big, "lib/app.txt", "x\n"));
        repo.pull(32, "carol", "main", base, "h32").modified("lib/app.txt").review(32, "alice", "APPROVED");

        JsonNode check = opened(32, "h32");

        assertThat(check.path("conclusion").asText()).isEqualTo("failure");
        assertThat(check.path("output").path("title").asText()).contains("over the limit of 1048576 bytes");
        // Only the root OWNERS blob is fetched: lib/OWNERS is refused by the size the tree listing gave.
        assertThat(h.github.calls().getOrDefault("GET /repos/{o}/{r}/git/blobs/{sha}", 0)).isEqualTo(1);
    }

    @Test
    void theOwnersSettingsAtTheBaseDecideWhichOwnersFilesAreRead() throws Exception {
        // vendor/x/y is on Prow's built-in denylist; examples/ is ignored by the repository's setting. Both broken
        // OWNERS files would fail the check closed if they were read.
        String base = repo.commit(Map.of("OWNERS", "approvers:\n- alice\n",
                "examples/demo/OWNERS", "approvers: [\"demo!\"]\n", "examples/demo/a.py", "x\n",
                "vendor/k8s.io/api/OWNERS", "approvers: [\"upstream!\"]\n", "vendor/k8s.io/api/doc.go", "x\n",
                ".github/ownergate.yml", "owners:\n  ignore: [\"/examples/\"]\n"));
        repo.pull(11, "carol", "main", base, "h11").modified("examples/demo/a.py", "vendor/k8s.io/api/doc.go")
                .review(11, "alice", "APPROVED");

        JsonNode check = opened(11, "h11");

        assertThat(check.path("conclusion").asText()).as(check.toString()).isEqualTo("success");
    }

    @Test
    void anInvalidOwnersSettingAtTheBaseFailsClosed() throws Exception {
        String base = repo.commit(Map.of("OWNERS", "approvers:\n- alice\n", "src/app.txt", "x\n",
                ".github/ownergate.yml", "owners:\n  unresolved_imports: never\n"));
        repo.pull(12, "carol", "main", base, "h12").modified("src/app.txt").review(12, "alice", "APPROVED");

        JsonNode check = opened(12, "h12");

        assertThat(check.path("conclusion").asText()).isEqualTo("failure");
        assertThat(check.path("output").path("title").asText()).contains(".github/ownergate.yml");
    }

    @Test
    void teamOwnersInCodeownersAreSatisfiedByTheirMembers() throws Exception {
        h.github.team("acme", "core", "dave", "erin");
        String base = repo.commit(Map.of(".github/CODEOWNERS", "* @acme/core\n", "src/app.txt", "x\n"));
        repo.pull(4, "carol", "main", base, "h4").modified("src/app.txt").review(4, "dave", "APPROVED");

        JsonNode check = opened(4, "h4");

        assertThat(check.path("conclusion").asText()).isEqualTo("success");
    }

    @Test
    void anEmailOwnerIsSatisfiedByTheAccountItsCommitsAreLinkedTo() throws Exception {
        repo.commitBy("dave", "dave@private.example.com");
        String base = repo.commit(Map.of(".github/CODEOWNERS", "* dave@private.example.com\n", "src/app.txt", "x\n"));
        repo.pull(14, "carol", "main", base, "h14").modified("src/app.txt").review(14, "dave", "APPROVED");

        JsonNode check = opened(14, "h14");

        assertThat(check.path("conclusion").asText()).isEqualTo("success");
        assertThat(h.github.calls()).containsKeys("GET /search/users", "GET /repos/{o}/{r}/commits");
    }

    @Test
    void aCodeownersOverThreeMegabytesHasNoRulesAsOnGitHubAndTheCheckSaysSo() throws Exception {
        StringBuilder big = new StringBuilder("* @alice\n");
        while (big.length() < 3_000_000) {
            big.append("/generated/file-").append(big.length()).append(".txt @alice\n");
        }
        String base = repo.commit(Map.of(".github/CODEOWNERS", big.toString(), "src/app.txt", "x\n"));
        repo.pull(15, "carol", "main", base, "h15").modified("src/app.txt").review(15, "bob", "APPROVED");

        JsonNode check = opened(15, "h15");

        String output = check.path("output").toString();
        assertThat(output).contains("over GitHub's 3 MB limit, so GitHub does not load it")
                .doesNotContain("owned by @alice");
    }

    @Test
    void policyFileCanAskForReviewsAndRenameTheCheck() throws Exception {
        String base = repo.commit(Map.of("OWNERS", "approvers:\n- alice\n", "src/app.txt", "x\n",
                ".github/ownergate.yml", "request_reviews: true\ncheck_name: owners-gate\n"));
        FakeGitHub.Pull pr = repo.pull(5, "carol", "main", base, "h5").modified("src/app.txt");

        opened(5, "h5");

        assertThat(repo.latestCheckRun("h5", "owners-gate").path("conclusion").asText()).isEqualTo("failure");
        assertThat(pr.requestedReviewers()).containsExactly("alice");
    }

    @Test
    void aRenamedCheckFailsClosedUnderItsOwnNameAndCountsForReconciliation() throws Exception {
        String base = repo.commit(Map.of("OWNERS", "approvers:\n- alice\n", "src/app.txt", "x\n",
                ".github/ownergate.yml", "check_name: owners-gate\n"));
        repo.pull(7, "carol", "main", base, "h7").modified("src/app.txt").review(7, "alice", "APPROVED");
        opened(7, "h7");
        assertThat(repo.latestCheckRun("h7", "owners-gate").path("conclusion").asText()).isEqualTo("success");
        assertThat(h.server.reconcileNow().queued()).as("the renamed check is current").isZero();

        h.github.fail("GET /repos/{o}/{r}/pulls/{n}/reviews", 500, 1_000, null);
        h.deliver("pull_request_review",
                ServerHarness.pullRequestEvent("pull_request_review.submitted.json", INSTALLATION, REPO, 7, "h7"));
        h.awaitIdle();

        JsonNode check = repo.latestCheckRun("h7", "owners-gate");
        assertThat(check.path("conclusion").asText()).isEqualTo("failure");
        assertThat(check.path("output").path("title").asText()).contains("GitHub API error");
        assertThat(repo.latestCheckRun("h7", "code-owners")).isNull();
    }

    @Test
    void aTreeCachedBeforeTheTokenWasRevokedIsReadWithTheNewToken() throws Exception {
        String base = repo.commit(Map.of("OWNERS", "approvers:\n- alice\n", "src/app.txt", "x\n",
                "lib/OWNERS", "approvers:\n- bob\n", "lib/util.txt", "x\n"));
        repo.pull(8, "carol", "main", base, "h8").modified("src/app.txt");
        assertThat(opened(8, "h8")).as("the base's tree is now cached; lib/OWNERS was never read").isNotNull();

        h.github.revokeTokens();
        repo.pull(9, "carol", "main", base, "h9").modified("lib/util.txt").review(9, "bob", "APPROVED");
        JsonNode check = opened(9, "h9");

        assertThat(check.path("conclusion").asText()).as(check.toString()).isEqualTo("success");
        assertThat(h.github.calls()).containsEntry("POST /app/installations/{id}/access_tokens", 2);
    }

    @Test
    void gitHubFailingToHandOverAnOwnersFileIsRetriedNotReportedAsBrokenRules() throws Exception {
        String base = repo.commit(Map.of("OWNERS", "approvers:\n- alice\n", "src/app.txt", "x\n"));
        repo.pull(10, "carol", "main", base, "h10").modified("src/app.txt").review(10, "alice", "APPROVED");
        h.github.fail("GET /repos/{o}/{r}/git/blobs/{sha}", 502, 1, null);

        JsonNode check = opened(10, "h10");

        assertThat(check.path("conclusion").asText()).as(check.toString()).isEqualTo("success");
        assertThat(repo.checkRuns()).extracting(c -> c.path("output").path("title").asText())
                .anySatisfy(title -> assertThat(title).contains("GitHub API error, retrying"))
                .noneSatisfy(title -> assertThat(title).contains("do not parse"));
    }

    @Test
    void warmEvaluationWithTeamsTakesAtMostFiveApiCalls() throws Exception {
        h.github.team("acme", "core", "dave");
        String base = repo.commit(Map.of("OWNERS", "approvers:\n- acme/core\n", "src/app.txt", "x\n"));
        FakeGitHub.Pull pr = repo.pull(6, "carol", "main", base, "h6");
        for (int i = 0; i < 100; i++) {
            pr.modified("src/f" + i + ".txt");
        }
        opened(6, "h6");
        h.github.resetCalls();

        pr.review(6, "dave", "APPROVED");
        h.deliver("pull_request_review",
                ServerHarness.pullRequestEvent("pull_request_review.submitted.json", INSTALLATION, REPO, 6, "h6"));
        h.awaitIdle();

        assertThat(repo.latestCheckRun("h6", "code-owners").path("conclusion").asText()).isEqualTo("success");
        assertThat(h.github.totalCalls()).as(h.github.calls().toString()).isLessThanOrEqualTo(5);
    }
}
