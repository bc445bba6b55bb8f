package dev.ownergate.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownergate.app.cli.AuditLogCommand;
import dev.ownergate.app.fake.FakeGitHub;
import dev.ownergate.app.store.AuditQuery;
import dev.ownergate.app.store.DeadLetter;
import dev.ownergate.app.store.StoredDecision;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server over its store: what is acknowledged is kept, decisions and merges are on record, and
 * reconciliation catches what happened while no webhook told us. */
class DurableServerTest {
    static final String REPO = "acme/widgets";
    static final long INSTALLATION = 7;

    ServerHarness h;
    FakeGitHub.Repo repo;
    String base;

    @BeforeEach
    void start() {
        h = new ServerHarness(new PolicyGate());
        h.github.installation(INSTALLATION, REPO);
        repo = h.github.repo(REPO);
        h.github.user("alice", "bob", "carol");
        base = repo.commit(Map.of("OWNERS", "approvers:\n- alice\n", "src/app.txt", "x\n"));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private HttpResponse<String> opened(int number, String head, String delivery) throws InterruptedException {
        HttpResponse<String> answer = h.deliver("pull_request",
                ServerHarness.pullRequestEvent("pull_request.opened.json", INSTALLATION, REPO, number, head), delivery);
        h.awaitIdle();
        return answer;
    }

    /** An approved pull request whose check passes. */
    private void approvedAndPassing(int number, String head) throws InterruptedException {
        repo.pull(number, "carol", "main", base, head).modified("src/app.txt").review(10 + number, "alice", "APPROVED");
        opened(number, head, "d-open-" + number);
        assertThat(conclusion(head)).isEqualTo("success");
    }

    private String conclusion(String head) {
        return repo.latestCheckRun(head, "code-owners").path("conclusion").asText();
    }

    private void merged(int number, String head) throws InterruptedException {
        ObjectNode p = ServerHarness.pullRequestEvent("pull_request.closed.json", INSTALLATION, REPO, number, head);
        ObjectNode pr = (ObjectNode) p.path("pull_request");
        pr.put("merged", true).put("merge_commit_sha", "m" + number);
        pr.putObject("merged_by").put("login", "bob");
        h.deliver("pull_request", p);
        h.awaitIdle();
    }

    @Test
    void anEventThatMayWithdrawApprovalFailsTheHeadBeforeRetryingAndIsDeadLetteredLoudly() throws Exception {
        approvedAndPassing(1, "h1");

        // GitHub answers 502 to every read of the pull request, longer than the retries last.
        h.github.fail("GET /repos/{o}/{r}/pulls/{n}", 502, 1_000, null);
        h.deliver("pull_request_review", ServerHarness.pullRequestEvent("pull_request_review.dismissed.json",
                INSTALLATION, REPO, 1, "h1"), "d-dismissed");
        h.awaitIdle();

        assertThat(conclusion("h1")).as("never left passing").isEqualTo("failure");
        List<DeadLetter> dead = h.server.store().deliveries().deadLetters(Optional.of(REPO), 10);
        assertThat(dead).hasSize(1);
        assertThat(dead.getFirst().number()).isEqualTo(1);
        assertThat(dead.getFirst().deliveryId()).isEqualTo("d-dismissed");
        assertThat(dead.getFirst().lastError()).contains("502");
        assertThat(h.get("/metrics").body()).contains("ownergate_dead_letter_jobs 1.0")
                .contains("ownergate_dead_lettered_total 1.0");
    }

    @Test
    void anOwnersPushThatCannotBeEvaluatedFailsThePassingPullRequestsBeforeRetrying() throws Exception {
        approvedAndPassing(1, "h1");

        // The OWNERS change lands while GitHub answers 502 to every read of pull requests.
        h.github.fail("GET /repos/{o}/{r}/pulls", 502, 1_000, null);
        h.github.fail("GET /repos/{o}/{r}/pulls/{n}", 502, 1_000, null);
        ObjectNode push = ServerHarness.payload("push.with-installation.json");
        push.put("ref", "refs/heads/main").put("deleted", false);
        ((ObjectNode) push.path("installation")).put("id", INSTALLATION);
        ((ObjectNode) push.path("repository")).put("full_name", REPO);
        push.putArray("commits").addObject().put("id", "c1").putArray("modified").add("OWNERS");
        h.deliver("push", push, "d-owners-push");
        h.awaitIdle();

        assertThat(conclusion("h1")).as("no pass outlives a rules change that could not be evaluated")
                .isEqualTo("failure");
        assertThat(h.server.store().deliveries().deadLetters(Optional.of(REPO), 10))
                .as("given up loudly, on the push and on the pull request").hasSize(2);
    }

    @Test
    void aRunThatReadsOlderReviewsThanTheVerdictPostedBeforeARestartDoesNotPost() throws Exception {
        FakeGitHub.Pull pr = repo.pull(1, "carol", "main", base, "h1").modified("src/app.txt")
                .review(11, "alice", "APPROVED").review(12, "alice", "CHANGES_REQUESTED");
        opened(1, "h1", "d-open");
        assertThat(conclusion("h1")).isEqualTo("failure");
        int posted = repo.checkRuns().size();

        h.restart(); // or another replica: nothing of the verdict is left in this process's memory
        pr.laggingWithout(12);
        h.deliver("pull_request_review", ServerHarness.pullRequestEvent("pull_request_review.submitted.json",
                INSTALLATION, REPO, 1, "h1"), "d-lagging");
        h.awaitIdle();

        assertThat(repo.checkRuns().size()).as("nothing posted from the older reviews").isEqualTo(posted);
        assertThat(conclusion("h1")).isEqualTo("failure");
    }

    @Test
    void aRedeliveryIsDroppedAndTheDecisionRecordedOnceWithItsFiles() throws Exception {
        repo.pull(2, "carol", "main", base, "h2").modified("src/app.txt").review(12, "alice", "APPROVED");
        opened(2, "h2", "d-2");
        HttpResponse<String> again = opened(2, "h2", "d-2");

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("already handled");
        List<StoredDecision> history = h.server.store().decisions().history(REPO, 2, 10);
        assertThat(history).hasSize(1);
        var d = history.getFirst().decision();
        assertThat(d.deliveryId()).isEqualTo("d-2");
        assertThat(d.headSha()).isEqualTo("h2");
        assertThat(d.baseSha()).isEqualTo(base);
        assertThat(d.rulesSource()).startsWith("OWNERS files at");
        assertThat(d.rulesSha()).hasSize(64);
        assertThat(d.files()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("src/app.txt");
            assertThat(f.owners()).containsExactly("@alice");
            assertThat(f.approvedBy()).containsExactly("alice");
            assertThat(f.status()).isEqualTo("APPROVED");
        });
    }

    @Test
    void mergesAreRecordedWithTheDecisionInForceAndMergesWithoutAPassingOneAreExceptions(@TempDir Path tmp)
            throws Exception {
        repo.pull(3, "carol", "main", base, "h3").modified("src/app.txt").review(13, "alice", "APPROVED");
        repo.pull(4, "carol", "main", base, "h4").modified("src/app.txt");
        opened(3, "h3", "d-3");
        opened(4, "h4", "d-4");
        merged(3, "h3");
        merged(4, "h4");

        var exceptions = h.server.store().decisions().query(new AuditQuery(Optional.empty(), Optional.empty(),
                Optional.empty(), true, 100));
        assertThat(exceptions).extracting(e -> e.number()).containsExactly(4);

        HttpResponse<String> api = h.get("/api/audit?exceptions=true&repo=ACME/widgets");
        assertThat(api.statusCode()).isEqualTo(200);
        JsonNode rows = ServerHarness.JSON.readTree(api.body());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("type").asText()).isEqualTo("merge");
        assertThat(rows.get(0).path("pull_request").asInt()).isEqualTo(4);
        assertThat(rows.get(0).path("merged_by").asText()).isEqualTo("bob");
        assertThat(rows.get(0).path("decision_in_force").path("conclusion").asText()).isEqualTo("failure");
        assertThat(h.get("/api/audit?format=xml").statusCode()).isEqualTo(400);
        assertThat(h.get("/api/audit?since=yesterday").statusCode()).isEqualTo(400);

        // The command line reads the same database, while the server holds it.
        Path config = tmp.resolve("ownergate.yml");
        Files.writeString(config, "data_dir: " + h.config.store().dataDir() + "\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new picocli.CommandLine(new AuditLogCommand()).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute("--config", config.toString(), "--repo", REPO, "--format", "csv");
        assertThat(exit).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.getFirst()).startsWith("time,type,repo,pull_request,head_sha");
        assertThat(lines).hasSize(5); // header, two decisions, two merges
        assertThat(lines).filteredOn(l -> l.contains(",merge,")).anyMatch(l -> l.contains("merged while"));
    }

    @Test
    void reconciliationCatchesAReviewDismissedWhileNoWebhookSaidSo() throws Exception {
        FakeGitHub.Pull pr = repo.pull(5, "carol", "main", base, "h5").modified("src/app.txt")
                .review(15, "alice", "APPROVED");
        opened(5, "h5", "d-5");
        assertThat(conclusion("h5")).isEqualTo("success");
        assertThat(h.server.reconcileNow().queued()).as("nothing changed").isZero();

        pr.reviewState(15, "DISMISSED"); // while the App was down: no webhook
        h.restart();
        Reconciler.Pass pass = h.server.reconcileNow();
        h.awaitIdle();

        assertThat(pass.queued()).isEqualTo(1);
        assertThat(conclusion("h5")).isEqualTo("failure");
        assertThat(h.server.reconcileNow().queued()).as("the new verdict's fingerprint matches").isZero();
    }

    @Test
    void retargetingWithoutAnEditedDeliveryIsCaughtByTheFingerprintEvenAfterARestart() throws Exception {
        // Issue #10, point 6: the release branch's rules are met; main's (bob) are not.
        String release = repo.commit(Map.of("OWNERS", "approvers:\n- alice\n", "src/app.txt", "x\n"));
        String main = repo.commit(Map.of("OWNERS", "approvers:\n- bob\n", "src/app.txt", "x\n"));
        FakeGitHub.Pull pr = repo.pull(6, "carol", "release", release, "h6").modified("src/app.txt")
                .review(16, "alice", "APPROVED");
        opened(6, "h6", "d-6");
        assertThat(conclusion("h6")).isEqualTo("success");

        pr.retarget("main", main); // no `edited` delivery reaches us
        h.restart();
        assertThat(h.server.reconcileNow().queued()).isEqualTo(1);
        h.awaitIdle();
        assertThat(conclusion("h6")).as("main's owners have not approved").isEqualTo("failure");

        pr.retarget("release", release);
        h.restart();
        assertThat(h.server.reconcileNow().queued()).isEqualTo(1);
        h.awaitIdle();
        assertThat(conclusion("h6")).isEqualTo("success");
    }

    @Test
    void deliveriesThatFailedWhileDownAreRedeliveredOnceAcrossPages() throws Exception {
        repo.pull(9, "carol", "main", base, "h9").modified("src/app.txt").review(19, "alice", "APPROVED");
        h.github.onRedelivery(guid -> h.deliver("pull_request", ServerHarness.pullRequestEvent(
                "pull_request.opened.json", INSTALLATION, REPO, 9, "h9"), guid).statusCode());
        h.github.hookDelivery("g-missed", "pull_request", "opened", 0, false); // we were down
        for (int i = 0; i < 150; i++) {
            h.github.hookDelivery("g-ok-" + i, "push", "", 200, false);
        }
        opened(10, "h10", "g-ours"); // accepted, though GitHub recorded a timeout for it
        h.github.hookDelivery("g-ours", "pull_request", "opened", 502, false);
        h.github.resetCalls();

        Reconciler.Pass pass = h.server.reconcileNow();
        h.awaitIdle();

        assertThat(pass.redelivered()).isEqualTo(1);
        assertThat(h.github.calls().get("GET /app/hook/deliveries")).as("two pages of 100").isEqualTo(2);
        assertThat(conclusion("h9")).isEqualTo("success");
        assertThat(h.server.store().deliveries().seen("g-missed")).isTrue();
        assertThat(h.server.reconcileNow().redelivered()).as("the newest delivery seen is kept").isZero();
        assertThat(h.github.calls().get("POST /app/hook/deliveries/{id}/attempts")).isEqualTo(1);
    }

    @Test
    void theAuditApiAnswers401WithNoDataWhenNoAccessCheckIsConfigured() throws Exception {
        try (OwnergateServer bare = OwnergateServer.builder(h.config).gate(new PolicyGate()).reconcile(false)
                .store(new dev.ownergate.app.store.MemoryStore()).start()) {
            var answer = h.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    "http://127.0.0.1:" + bare.port() + "/api/audit")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.body()).doesNotContain("acme");
        }
    }

    @Test
    void theDetailsPageAndTheSessionSurviveARestart() throws Exception {
        h.close();
        h = new ServerHarness(new PolicyGate(), c -> c.withWeb(new dev.ownergate.app.config.WebSettings(
                Optional.of("Iv1.ownergate"), Optional.of("oauth-secret"), Optional.empty(), Optional.empty(), false,
                Optional.of("a-session-secret-shared-by-replicas-0123".getBytes(java.nio.charset.StandardCharsets.UTF_8)))),
                true);
        h.github.oauthClient("Iv1.ownergate", "oauth-secret");
        h.github.installation(INSTALLATION, REPO);
        repo = h.github.repo(REPO);
        repo.permission("viv", "read");
        base = repo.commit(Map.of("OWNERS", "approvers:\n- alice\n", "src/app.txt", "x\n"));
        repo.pull(8, "carol", "main", base, "h8").modified("src/app.txt");
        opened(8, "h8", "d-8");
        String session = h.signIn("viv");
        h.restart();

        HttpResponse<String> page = h.get("/pulls/acme/widgets/8", session);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("failure").contains("h8");
    }
}
