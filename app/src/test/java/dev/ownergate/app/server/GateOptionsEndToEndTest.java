package dev.ownergate.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownergate.app.fake.FakeGitHub;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #9's policy options through the real server and the fake GitHub: rules, ignored files, bots, drafts,
 * owned-changes with its compare calls, dismissals, and a policy file with errors.
 */
class GateOptionsEndToEndTest {
    static final String REPO = "acme/widgets";
    static final long INSTALLATION = 7;
    static final String COMPARE = "GET /repos/{o}/{r}/compare/{basehead}";
    static final String DISMISS = "PUT /repos/{o}/{r}/pulls/{n}/reviews/{id}/dismissals";

    static final String CODEOWNERS = "/app/ @alice @erin\n/lib/ @bob\n/db/ @bob\n";
    static final String POLICY = """
            approval:
              invalidate_on_push: owned-changes
              dismiss_stale_reviews: true
              rules:
                - name: dba
                  paths: ["**/*.sql"]
                  from: ["@acme/dba"]
              ignore: ["**/*.lock"]
            """;

    ServerHarness h;
    FakeGitHub.Repo repo;

    @BeforeEach
    void start() {
        h = new ServerHarness(new PolicyGate());
        h.github.installation(INSTALLATION, REPO);
        repo = h.github.repo(REPO);
        h.github.user("alice", "bob", "carol", "dave", "erin", "dora");
        h.github.team("acme", "dba", "dora");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** A commit of the base's files plus {@code changes}. */
    private String commit(Map<String, String> base, Map<String, String> changes) {
        Map<String, String> files = new HashMap<>(base);
        files.putAll(changes);
        return repo.commit(files);
    }

    private JsonNode evaluate(String event, String fixture, int number, String head) throws InterruptedException {
        h.deliver(event, ServerHarness.pullRequestEvent(fixture, INSTALLATION, REPO, number, head));
        h.awaitIdle();
        return repo.latestCheckRun(head, "code-owners");
    }

    private JsonNode reviewed(int number, String head) throws InterruptedException {
        return evaluate("pull_request_review", "pull_request_review.submitted.json", number, head);
    }

    @Test
    void aPushDropsOnlyTheApprovalsItAffectsWithOneCompareCallPerOlderCommitAndDismissesThem() throws Exception {
        Map<String, String> baseFiles = Map.of(".github/CODEOWNERS", CODEOWNERS, ".github/ownergate.yml", POLICY,
                "app/a.py", "a0\n", "lib/b.py", "b0\n");
        String base = repo.commit(baseFiles);
        String c0 = commit(baseFiles, Map.of("app/a.py", "a0-first-try\n", "lib/b.py", "b1\n"));
        String c1 = commit(baseFiles, Map.of("app/a.py", "a1\n", "lib/b.py", "b1\n"));
        String head = commit(baseFiles, Map.of("app/a.py", "a1\n", "lib/b.py", "b2\n"));
        FakeGitHub.Pull pr = repo.pull(1, "carol", "main", base, head).modified("app/a.py", "lib/b.py")
                .reviewOn(11, "erin", "APPROVED", c0)   // c0 was force-pushed away below
                .reviewOn(12, "alice", "APPROVED", c1)  // only lib/b.py changed since: alice's approval stands
                .reviewOn(13, "bob", "APPROVED", c1)    // lib/b.py is bob's: his approval no longer counts
                .reviewOn(14, "dave", "APPROVED", c1);  // owns nothing; same commit, no second comparison
        repo.forget(c0);

        JsonNode check = evaluate("pull_request", "pull_request.synchronize.json", 1, head);

        assertThat(check.path("conclusion").asText()).isEqualTo("failure");
        assertThat(h.github.calls()).as("one comparison per distinct older approved commit").containsEntry(COMPARE, 2);
        String summary = check.path("output").path("summary").asText();
        assertThat(summary).contains("### Approvals that no longer count\n"
                + "- @bob approved " + c1.substring(0, 7) + "; since then lib/b.py changed, which needs @bob's approval"
                        + " (invalidate_on_push: owned-changes)\n"
                + "- @erin approved " + c0.substring(0, 7) + "; that commit is no longer in the repository (a"
                        + " force-push replaced it), so every file counts as changed\n");
        assertThat(summary).contains("| <code>app/a.py</code> | @alice @erin | ✅ approved | @alice |");
        assertThat(pr.dismissals()).containsOnlyKeys(11L, 13L);
        assertThat(pr.dismissals().get(13L)).startsWith("Ownergate: this approval no longer counts: @bob approved");
        assertThat(h.github.calls()).containsEntry(DISMISS, 2);

        // The next evaluation of the same head reuses the cached comparisons; dismissed reviews are no longer stale.
        h.github.resetCalls();
        pr.review(15, "bob", "APPROVED");
        check = reviewed(1, head);
        assertThat(check.path("conclusion").asText()).isEqualTo("success");
        assertThat(h.github.calls()).as(h.github.calls().toString()).doesNotContainKeys(COMPARE, DISMISS);
    }

    @Test
    void warmEvaluationWithOwnedChangesAndNoOlderApprovalsStaysAtFourCalls() throws Exception {
        String base = repo.commit(Map.of(".github/CODEOWNERS", CODEOWNERS, ".github/ownergate.yml", POLICY,
                "app/a.py", "a0\n"));
        String head = commit(Map.of(".github/CODEOWNERS", CODEOWNERS, ".github/ownergate.yml", POLICY),
                Map.of("app/a.py", "a1\n"));
        FakeGitHub.Pull pr = repo.pull(2, "carol", "main", base, head).modified("app/a.py");
        evaluate("pull_request", "pull_request.opened.json", 2, head);
        h.github.resetCalls();

        pr.review(21, "alice", "APPROVED");
        JsonNode check = reviewed(2, head);

        assertThat(check.path("conclusion").asText()).isEqualTo("success");
        assertThat(h.github.calls()).containsOnlyKeys("GET /repos/{o}/{r}/pulls/{n}",
                "GET /repos/{o}/{r}/pulls/{n}/files", "GET /repos/{o}/{r}/pulls/{n}/reviews",
                "POST /repos/{o}/{r}/check-runs");
        assertThat(h.github.totalCalls()).isEqualTo(4);
    }

    @Test
    void sqlNeedsADbaOnTopOfItsOwnerAndLockfilesNeedNobody() throws Exception {
        String base = repo.commit(Map.of(".github/CODEOWNERS", CODEOWNERS, ".github/ownergate.yml", POLICY,
                "db/q.sql", "select 1;\n", "yarn.lock", "x\n"));
        FakeGitHub.Pull pr = repo.pull(3, "carol", "main", base, "h3").modified("db/q.sql", "yarn.lock")
                .review(31, "bob", "APPROVED");

        JsonNode check = evaluate("pull_request", "pull_request.opened.json", 3, "h3");
        assertThat(check.path("conclusion").asText()).isEqualTo("failure");
        assertThat(check.path("output").path("title").asText()).isEqualTo("Rule 'dba' needs 1 more approval from"
                + " @acme/dba");
        String summary = check.path("output").path("summary").asText();
        assertThat(summary).startsWith("## ❌ Rule 'dba' needs 1 more approval from @acme/dba\n\n"
                + "### What is missing\n- Rule **dba**: 1 more approval from @acme/dba\n");
        assertThat(summary).contains("| dba (1) | <code>db/q.sql</code> | @acme/dba |  | ⏳ needs 1 more |")
                .contains("**Ignored (approval.ignore), no approval needed:** <code>yarn.lock</code>");

        pr.review(32, "dora", "APPROVED");
        check = reviewed(3, "h3");
        assertThat(check.path("conclusion").asText()).isEqualTo("success");
        assertThat(check.path("output").path("summary").asText())
                .contains("| dba (1) | <code>db/q.sql</code> | @acme/dba | @dora | ✅ approved |");
    }

    @Test
    void aBotsApprovalCountsOnlyWhenTrusted() throws Exception {
        String base = repo.commit(Map.of("OWNERS", "*\n", "deps.txt", "x\n"));
        repo.pull(4, "carol", "main", base, "h4").modified("deps.txt").reviewByBot(41, "renovate", "APPROVED");
        JsonNode check = evaluate("pull_request", "pull_request.opened.json", 4, "h4");
        assertThat(check.path("conclusion").asText()).isEqualTo("failure");
        assertThat(check.path("output").path("summary").asText()).contains("@renovate[bot]'s approval does not count:"
                + " it is a bot account");

        String trusting = repo.commit(Map.of("OWNERS", "*\n", "deps.txt", "x\n",
                ".github/ownergate.yml", "approval: {trusted_bots: [\"renovate[bot]\"]}\n"));
        repo.pull(5, "carol", "main", trusting, "h5").modified("deps.txt").reviewByBot(51, "renovate", "APPROVED");
        assertThat(evaluate("pull_request", "pull_request.opened.json", 5, "h5").path("conclusion").asText())
                .isEqualTo("success");
    }

    @Test
    void aDraftGetsTheCheckButNoReviewRequestsUntilItIsReady() throws Exception {
        String base = repo.commit(Map.of(".github/CODEOWNERS", CODEOWNERS, "app/a.py", "x\n",
                ".github/ownergate.yml", "request_reviews: true\n"));
        FakeGitHub.Pull pr = repo.pull(6, "carol", "main", base, "h6").modified("app/a.py").draft(true);

        JsonNode check = evaluate("pull_request", "pull_request.opened.json", 6, "h6");
        assertThat(check.path("conclusion").asText()).isEqualTo("failure");
        assertThat(pr.requestedReviewers()).isEmpty();
        assertThat(h.github.calls()).doesNotContainKey("POST /repos/{o}/{r}/pulls/{n}/requested_reviewers");

        pr.draft(false);
        evaluate("pull_request", "pull_request.ready_for_review.json", 6, "h6");
        assertThat(pr.requestedReviewers()).isNotEmpty();
    }

    @Test
    void aPolicyWithErrorsFailsClosedWithEachErrorAndItsFix() throws Exception {
        String base = repo.commit(Map.of(".github/CODEOWNERS", CODEOWNERS, "app/a.py", "x\n",
                ".github/ownergate.yml", "approval:\n  min_approvals: 2\n  unowned_files: blok\n  min_aprovals: 3\n"));
        repo.pull(7, "carol", "main", base, "h7").modified("app/a.py").review(71, "alice", "APPROVED");

        JsonNode check = evaluate("pull_request", "pull_request.opened.json", 7, "h7");

        assertThat(check.path("conclusion").asText()).as("one approval must not pass a policy that asks for two")
                .isEqualTo("failure");
        assertThat(check.path("output").path("title").asText()).isEqualTo("Failed closed: .github/ownergate.yml at "
                + base.substring(0, 7) + " has 2 errors; fix it on the base branch");
        assertThat(check.path("output").path("summary").asText())
                .contains("<code>.github/ownergate.yml:3:18: 'unowned_files' must be one of allow, require-approval,"
                        + " block, not 'blok', e.g. \"unowned_files: require-approval\"</code>")
                .contains("<code>.github/ownergate.yml:4:3: unknown key 'approval.min_aprovals'; did you mean"
                        + " 'min_approvals'? Rename it to 'min_approvals'</code>");
    }

    @Test
    void aComparisonGitHubListsOnlyInPartCountsAsEverythingChanged() throws Exception {
        Map<String, String> baseFiles = new HashMap<>(Map.of(".github/CODEOWNERS", CODEOWNERS,
                ".github/ownergate.yml", POLICY, "app/a.py", "a0\n"));
        String base = repo.commit(baseFiles);
        String c1 = commit(baseFiles, Map.of("app/a.py", "a1\n"));
        Map<String, String> many = new HashMap<>(Map.of("app/a.py", "a1\n"));
        for (int i = 0; i < CommitComparisonLimit.FILES + 1; i++) {
            many.put("gen/f" + i + ".txt", "x\n");
        }
        String head = commit(baseFiles, many);
        FakeGitHub.Pull pr = repo.pull(8, "carol", "main", base, head).modified("app/a.py").reviewOn(81, "alice",
                "APPROVED", c1);

        JsonNode check = evaluate("pull_request", "pull_request.synchronize.json", 8, head);

        // alice's file did not change, but GitHub lists only 300 files of the comparison: fail safe.
        assertThat(check.path("conclusion").asText()).isEqualTo("failure");
        assertThat(check.path("output").path("summary").asText()).contains("- @alice approved " + c1.substring(0, 7)
                + "; GitHub lists only the first 300 files changed since then, so every file counts as changed");
        assertThat(pr.dismissals()).containsOnlyKeys(81L);
    }

    @Test
    void aPolicyWithErrorsFailsUnderTheCheckNameItChose() throws Exception {
        String base = repo.commit(Map.of(".github/CODEOWNERS", CODEOWNERS, "app/a.py", "x\n",
                ".github/ownergate.yml", "check_name: owners-gate\napproval: {mode: all}\n"));
        repo.pull(9, "carol", "main", base, "h9").modified("app/a.py").review(91, "alice", "APPROVED");

        evaluate("pull_request", "pull_request.opened.json", 9, "h9");

        assertThat(repo.latestCheckRun("h9", "owners-gate").path("conclusion").asText()).isEqualTo("failure");
        assertThat(repo.latestCheckRun("h9", "code-owners")).isNull();
    }

    @Test
    void staleReviewsAreDismissedOnlyWhenThePolicySaysSo() throws Exception {
        Map<String, String> baseFiles = Map.of(".github/CODEOWNERS", CODEOWNERS, "app/a.py", "a0\n",
                ".github/ownergate.yml", "approval: {invalidate_on_push: owned-changes}\n");
        String base = repo.commit(baseFiles);
        String c1 = commit(baseFiles, Map.of("app/a.py", "a1\n"));
        String head = commit(baseFiles, Map.of("app/a.py", "a2\n"));
        FakeGitHub.Pull pr = repo.pull(10, "carol", "main", base, head).modified("app/a.py")
                .reviewOn(101, "alice", "APPROVED", c1);

        JsonNode check = evaluate("pull_request", "pull_request.synchronize.json", 10, head);

        assertThat(check.path("conclusion").asText()).isEqualTo("failure");
        assertThat(check.path("output").path("summary").asText()).contains("### Approvals that no longer count");
        assertThat(pr.dismissals()).isEmpty();
        assertThat(h.github.calls()).doesNotContainKey(DISMISS);
    }

    /** GitHub's documented cap on a comparison's file list. */
    private static final class CommitComparisonLimit {
        static final int FILES = dev.ownergate.app.github.CommitComparison.MAX_LISTED_FILES;
    }
}
