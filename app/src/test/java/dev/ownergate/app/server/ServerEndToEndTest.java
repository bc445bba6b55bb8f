package dev.ownergate.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownergate.app.fake.FakeGitHub;
import dev.ownergate.app.webhook.WebhookSignature;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real server, signed deliveries in, the check runs that end up on the fake GitHub out. */
class ServerEndToEndTest {
    static final String REPO = "acme/widgets";
    static final long INSTALLATION = 7;

    ServerHarness h;
    FakeGitHub.Repo repo;
    String base;

    @BeforeEach
    void start() {
        h = new ServerHarness(new RootOwnersGate());
        h.github.installation(INSTALLATION, REPO);
        repo = h.github.repo(REPO);
        h.github.user("alice", "bob", "carl", "dave", "erin");
        base = repo.commit(Map.of("OWNERS", "alice\n", "src/app.txt", "hello\n"));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private JsonNode check(String head) {
        return repo.latestCheckRun(head, "code-owners");
    }

    private void reviewSubmitted(int number, String head) {
        h.deliver("pull_request_review",
                ServerHarness.pullRequestEvent("pull_request_review.submitted.json", INSTALLATION, REPO, number, head));
    }

    private void opened(int number, String head) {
        HttpResponse<String> r = h.deliver("pull_request",
                ServerHarness.pullRequestEvent("pull_request.opened.json", INSTALLATION, REPO, number, head));
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void approvedPullRequestGetsPassingCheckOnItsHead() throws Exception {
        repo.pull(2, "carol", "main", base, "h1").modified("src/app.txt").review(11, "alice", "APPROVED");

        opened(2, "h1");
        h.awaitIdle();

        assertThat(check("h1").path("conclusion").asText()).isEqualTo("success");
        assertThat(check("h1").path("output").path("title").asText()).isEqualTo("Approved by alice");
        assertThat(check("h1").path("details_url").asText())
                .isEqualTo("https://ownergate.example.com/pulls/acme/widgets/2");
    }

    @Test
    void detailsLinkAsksAVisitorWhoIsNotSignedInToSignInAndShowsNothing() throws Exception {
        repo.pull(2, "carol", "main", base, "h1").modified("src/app.txt");
        opened(2, "h1");
        h.awaitIdle();

        HttpResponse<String> page = h.get("/pulls/acme/widgets/2");

        // The page itself, signed in, is tested in a real browser: PagesBrowserTest.
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).contains("/login?next=%2Fpulls%2Facme%2Fwidgets%2F2");
        assertThat(page.body()).doesNotContain("src/app.txt", check("h1").path("output").path("title").asText());
    }

    @Test
    void reviewSubmittedFlipsTheCheckToSuccess() throws Exception {
        FakeGitHub.Pull pr = repo.pull(2, "carol", "main", base, "h1").modified("src/app.txt");
        opened(2, "h1");
        h.awaitIdle();
        assertThat(check("h1").path("conclusion").asText()).isEqualTo("failure");

        pr.review(12, "alice", "APPROVED");
        reviewSubmitted(2, "h1");
        h.awaitIdle();

        assertThat(check("h1").path("conclusion").asText()).isEqualTo("success");
    }

    @Test
    void badOrMissingSignatureIsRejectedAndNothingIsProcessed() throws Exception {
        repo.pull(2, "carol", "main", base, "h1").modified("src/app.txt");
        byte[] body = ServerHarness.JSON.writeValueAsBytes(
                ServerHarness.pullRequestEvent("pull_request.opened.json", INSTALLATION, REPO, 2, "h1"));

        HttpResponse<String> wrong = h.send("pull_request", body, "sha256=" + "00".repeat(32), "d-1");
        HttpResponse<String> missing = h.send("pull_request", body, null, "d-2");
        HttpResponse<String> otherSecret = h.send("pull_request", body,
                dev.ownergate.app.webhook.WebhookSignature.sign("not the secret", body), "d-3");
        h.awaitIdle();

        assertThat(List.of(wrong.statusCode(), missing.statusCode(), otherSecret.statusCode()))
                .containsOnly(401);
        assertThat(h.github.totalCalls()).isZero();
        assertThat(repo.checkRuns()).isEmpty();
    }

    @Test
    void bodyThatIsNotAllJsonOrNotAnObjectIsRejectedAndNothingIsProcessed() throws Exception {
        repo.pull(2, "carol", "main", base, "h1").modified("src/app.txt");
        String opened = ServerHarness.JSON.writeValueAsString(
                ServerHarness.pullRequestEvent("pull_request.opened.json", INSTALLATION, REPO, 2, "h1"));
        // The handler never reads "sender", but a broken value there still makes the body malformed.
        String brokenWhereNotRead = opened.replaceFirst("\"sender\":\\{", "\"sender\":{\"x\":[1,,2],");

        List<Integer> statuses = List.of(
                h.deliver("pull_request", bytes(brokenWhereNotRead)).statusCode(),
                h.deliver("pull_request", bytes(opened.substring(0, opened.length() - 1))).statusCode(),
                h.deliver("pull_request", bytes("[" + opened + "]")).statusCode(),
                h.deliver("pull_request", bytes("")).statusCode(),
                h.deliver("ping", bytes("{\"zen\": \"x\", \"hook\": {\"id\": }}")).statusCode(),
                h.deliver("issue_comment", bytes("{\"action\": [}")).statusCode());
        h.awaitIdle();

        assertThat(brokenWhereNotRead).isNotEqualTo(opened).contains("[1,,2]");
        assertThat(statuses).containsOnly(400);
        assertThat(repo.checkRuns()).isEmpty();
    }

    @Test
    void deepAndLargeFieldsTheHandlerDoesNotReadChangeNothing() throws Exception {
        repo.pull(2, "carol", "main", base, "h1").modified("src/app.txt").review(11, "alice", "APPROVED");
        ObjectNode event = ServerHarness.pullRequestEvent("pull_request.opened.json", INSTALLATION, REPO, 2, "h1");
        ArrayNode labels = ((ObjectNode) event.path("pull_request")).putArray("labels");
        for (int i = 0; i < 50_000; i++) {
            labels.addObject().put("name", "label " + i).put("number", 99);
        }
        ObjectNode deep = event.putObject("sender");
        for (int i = 0; i < 500; i++) {
            deep = deep.putObject("number");
        }
        deep.put("head", "decoy");

        HttpResponse<String> r = h.deliver("pull_request", event);
        h.awaitIdle();

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("queued 1");
        assertThat(check("h1").path("conclusion").asText()).isEqualTo("success");
    }

    @Test
    void chunkedDeliveryWithoutContentLengthIsReadToo() throws Exception {
        repo.pull(2, "carol", "main", base, "h1").modified("src/app.txt").review(11, "alice", "APPROVED");
        byte[] body = ServerHarness.JSON.writeValueAsBytes(
                ServerHarness.pullRequestEvent("pull_request.opened.json", INSTALLATION, REPO, 2, "h1"));
        // A body from a stream of unknown length goes out chunked, with no Content-Length to size the read by.
        HttpRequest chunked = HttpRequest.newBuilder(h.url("/webhook"))
                .header("X-GitHub-Event", "pull_request")
                .header("X-GitHub-Delivery", "chunked-1")
                .header("X-Hub-Signature-256", WebhookSignature.sign(ServerHarness.SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();

        HttpResponse<String> r = h.http.send(chunked, HttpResponse.BodyHandlers.ofString());
        h.awaitIdle();

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("queued 1");
        assertThat(check("h1").path("conclusion").asText()).isEqualTo("success");
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void replayedDeliveryIsHandledOnce() throws Exception {
        repo.pull(2, "carol", "main", base, "h1").modified("src/app.txt");
        ObjectNode event = ServerHarness.pullRequestEvent("pull_request.opened.json", INSTALLATION, REPO, 2, "h1");

        HttpResponse<String> first = h.deliver("pull_request", event, "same-delivery");
        h.awaitIdle();
        HttpResponse<String> replay = h.deliver("pull_request", event, "same-delivery");
        h.awaitIdle();

        assertThat(first.body()).startsWith("queued");
        assertThat(replay.body()).isEqualTo("delivery already handled");
        assertThat(repo.checkRuns()).hasSize(1);
    }

    @Test
    void serverErrorsFailClosedThenRecover() throws Exception {
        repo.pull(2, "carol", "main", base, "h1").modified("src/app.txt").review(11, "alice", "APPROVED");
        h.github.fail("GET /repos/{o}/{r}/pulls/{n}/files", 500, 2, null);

        opened(2, "h1");
        h.awaitIdle();

        List<String> conclusions = repo.checkRuns().stream().map(c -> c.path("conclusion").asText()).toList();
        assertThat(conclusions).containsExactly("failure", "failure", "success");
        assertThat(repo.checkRuns().get(0).path("output").path("title").asText())
                .startsWith("GitHub API error, retrying");
        assertThat(h.github.calls().get("GET /repos/{o}/{r}/pulls/{n}/files")).isEqualTo(3);
    }

    @Test
    void rateLimitIsRetriedAfterRetryAfter() throws Exception {
        repo.pull(2, "carol", "main", base, "h1").modified("src/app.txt").review(11, "alice", "APPROVED");
        h.github.fail("GET /repos/{o}/{r}/pulls/{n}", 429, 1, 1);

        opened(2, "h1");
        h.awaitIdle();

        // The first attempt failed before GitHub told it the head: the failure goes on the head the webhook
        // reported, so no older success stands while the retry waits.
        assertThat(repo.checkRuns().stream().map(c -> c.path("conclusion").asText()).toList())
                .containsExactly("failure", "success");
        assertThat(repo.checkRuns().get(0).path("head_sha").asText()).isEqualTo("h1");
        assertThat(check("h1").path("conclusion").asText()).isEqualTo("success");
        assertThat(h.github.calls().get("GET /repos/{o}/{r}/pulls/{n}")).isEqualTo(2);
    }

    @Test
    void pullRequestThatEditsItsOwnOwnersIsJudgedByTheBaseRules() throws Exception {
        // The head adds bob to OWNERS and bob approves: the base says only alice owns, so it fails.
        repo.commit(Map.of("OWNERS", "alice\nbob\n", "src/app.txt", "hello\n"));
        repo.pull(3, "bob", "main", base, "h3").modified("OWNERS").review(21, "bob", "APPROVED")
                .review(22, "mallory", "APPROVED");

        opened(3, "h3");
        h.awaitIdle();

        assertThat(check("h3").path("conclusion").asText()).isEqualTo("failure");
        assertThat(check("h3").path("output").path("title").asText()).isEqualTo("Needs approval from alice");
    }

    @Test
    void aRevokedInstallationTokenIsReplacedAndTheEvaluationRetried() throws Exception {
        FakeGitHub.Pull pr = repo.pull(3, "carol", "main", base, "h3").modified("src/app.txt");
        opened(3, "h3");
        h.awaitIdle();
        assertThat(check("h3").path("conclusion").asText()).isEqualTo("failure");

        h.github.revokeTokens();
        pr.review(31, "alice", "APPROVED");
        reviewSubmitted(3, "h3");
        h.awaitIdle();

        assertThat(check("h3").path("conclusion").asText()).isEqualTo("success");
        assertThat(h.github.calls()).containsEntry("POST /app/installations/{id}/access_tokens", 2);
    }

    @Test
    void warmEvaluationOfASmallPullRequestTakesAtMostFiveApiCalls() throws Exception {
        FakeGitHub.Pull pr = repo.pull(2, "carol", "main", base, "h1");
        for (int i = 0; i < 100; i++) {
            pr.modified("src/file" + i + ".txt");
        }
        opened(2, "h1");
        h.awaitIdle();
        h.github.resetCalls();

        pr.review(12, "alice", "APPROVED");
        reviewSubmitted(2, "h1");
        h.awaitIdle();

        assertThat(check("h1").path("conclusion").asText()).isEqualTo("success");
        assertThat(h.github.calls()).containsOnlyKeys(
                "GET /repos/{o}/{r}/pulls/{n}",
                "GET /repos/{o}/{r}/pulls/{n}/files",
                "GET /repos/{o}/{r}/pulls/{n}/reviews",
                "POST /repos/{o}/{r}/check-runs");
        assertThat(h.github.totalCalls()).isLessThanOrEqualTo(5);
    }

    @Test
    void moreFilesThanGitHubListsFailsClosed() throws Exception {
        FakeGitHub.Pull pr = repo.pull(4, "carol", "main", base, "h4").review(11, "alice", "APPROVED");
        for (int i = 0; i < 3000; i++) {
            pr.modified("gen/f" + i);
        }
        pr.changedFiles(3500);

        opened(4, "h4");
        h.awaitIdle();

        assertThat(check("h4").path("conclusion").asText()).isEqualTo("failure");
        assertThat(check("h4").path("output").path("title").asText()).contains("3,000");
    }

    @Test
    void pushThatChangesOwnersReevaluatesOpenPullRequestsOnThatBranch() throws Exception {
        repo.pull(5, "carol", "main", base, "h5").modified("src/app.txt").review(31, "dave", "APPROVED");
        repo.pull(6, "carol", "release", base, "h6").modified("src/app.txt");
        String newBase = repo.commit(Map.of("OWNERS", "dave\n", "src/app.txt", "hello\n"));
        repo.pull(5, "carol", "main", newBase, "h5").modified("src/app.txt").review(31, "dave", "APPROVED");

        ObjectNode push = ServerHarness.payload("push.with-installation.json");
        push.put("ref", "refs/heads/main").put("deleted", false);
        ((ObjectNode) push.path("installation")).put("id", INSTALLATION);
        ((ObjectNode) push.path("repository")).put("full_name", REPO);
        ArrayNode commits = push.putArray("commits");
        commits.addObject().putArray("modified").add("OWNERS");
        assertThat(h.deliver("push", push).body()).isEqualTo("queued 1");
        h.awaitIdle();
        assertThat(h.github.calls()).containsEntry("GET /repos/{o}/{r}/pulls", 1);

        assertThat(check("h5").path("conclusion").asText()).isEqualTo("success");
        assertThat(check("h6")).isNull();
    }

    @Test
    void mergeGroupPassesWhenItsPullRequestPasses() throws Exception {
        repo.pull(104, "carol", "main", base, "h104").modified("src/app.txt").review(41, "alice", "APPROVED");
        ObjectNode event = ServerHarness.payload("merge_group.checks_requested.json");
        ((ObjectNode) event.path("installation")).put("id", INSTALLATION);
        ((ObjectNode) event.path("repository")).put("full_name", REPO);
        String groupHead = event.path("merge_group").path("head_sha").asText();

        h.deliver("merge_group", event);
        h.awaitIdle();

        assertThat(check(groupHead).path("conclusion").asText()).isEqualTo("success");
    }

    @Test
    void reconciliationEvaluatesOpenPullRequestsWithoutACheck() throws Exception {
        repo.pull(7, "carol", "main", base, "h7").modified("src/app.txt").review(51, "alice", "APPROVED");
        repo.pull(8, "carol", "main", base, "h8").modified("src/app.txt");
        opened(8, "h8");
        h.awaitIdle();

        int queued = h.server.reconcileNow().queued();
        h.awaitIdle();

        assertThat(queued).isEqualTo(1);
        assertThat(check("h7").path("conclusion").asText()).isEqualTo("success");
    }

    @Test
    void failingCheckRequestsReviewsFromOwnersNotYetAsked() throws Exception {
        FakeGitHub.Pull pr = repo.pull(9, "carol", "main", base, "h9").modified("src/app.txt");
        opened(9, "h9");
        h.awaitIdle();

        assertThat(pr.requestedReviewers()).containsExactly("alice");
    }

    @Test
    void headOlderThanTheWebhookAnnouncedIsReadAgainBeforePosting() throws Exception {
        repo.pull(11, "carol", "main", base, "new").modified("src/app.txt").review(61, "alice", "APPROVED")
                .staleReads("old", 1);
        h.deliver("pull_request",
                ServerHarness.pullRequestEvent("pull_request.synchronize.json", INSTALLATION, REPO, 11, "new"));
        h.awaitIdle();

        assertThat(check("old")).isNull();
        assertThat(check("new").path("conclusion").asText()).isEqualTo("success");
    }

    @Test
    void shutdownLetsTheRunningEvaluationFinishPosting() throws Exception {
        h.close();
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        h = new ServerHarness(new RootOwnersGate() {
            @Override
            public Decision evaluate(Input input) throws java.io.IOException {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                return super.evaluate(input);
            }
        });
        h.github.installation(INSTALLATION, REPO);
        repo = h.github.repo(REPO);
        base = repo.commit(Map.of("OWNERS", "alice\n", "src/app.txt", "hello\n"));
        repo.pull(12, "carol", "main", base, "h12").modified("src/app.txt").review(71, "alice", "APPROVED");
        opened(12, "h12");
        entered.await();

        Thread stopper = new Thread(h.server::close);
        stopper.start();
        while (stopper.isAlive() && ready()) {
            Thread.onSpinWait();
        }
        release.countDown();
        stopper.join();

        assertThat(check("h12").path("conclusion").asText()).isEqualTo("success");
    }

    private boolean ready() {
        try {
            return h.get("/readyz").statusCode() == 200;
        } catch (RuntimeException e) {
            return false; // already refusing connections
        }
    }

    @Test
    void reviewRequestsSkipTheAuthorAndOwnersAlreadyAskedOrReviewing() throws Exception {
        String owners = repo.commit(Map.of("OWNERS", "alice\nbob\ncarl\ncarol\n", "src/app.txt", "hello\n"));
        FakeGitHub.Pull pr = repo.pull(13, "carol", "main", owners, "h13").modified("src/app.txt")
                .review(81, "bob", "COMMENTED");
        h.deliver("pull_request",
                ServerHarness.pullRequestEvent("pull_request.opened.json", INSTALLATION, REPO, 13, "h13"));
        h.awaitIdle();
        assertThat(pr.requestedReviewers()).containsExactlyInAnyOrder("alice", "carl");
        int requests = h.github.calls().get("POST /repos/{o}/{r}/pulls/{n}/requested_reviewers");

        h.deliver("pull_request",
                ServerHarness.pullRequestEvent("pull_request.synchronize.json", INSTALLATION, REPO, 13, "h13"));
        h.awaitIdle();

        assertThat(h.github.calls().get("POST /repos/{o}/{r}/pulls/{n}/requested_reviewers"))
                .as("everyone suggested is already requested").isEqualTo(requests);
    }

    @Test
    void aGateThatBreaksLeavesAFailingCheckNotAStalePass() throws Exception {
        h.close();
        h = new ServerHarness(new RootOwnersGate() {
            @Override
            public Decision evaluate(Input input) {
                throw new IllegalStateException("bug");
            }
        });
        h.github.installation(INSTALLATION, REPO);
        repo = h.github.repo(REPO);
        base = repo.commit(Map.of("OWNERS", "alice\n", "src/app.txt", "hello\n"));
        repo.pull(14, "carol", "main", base, "h14").modified("src/app.txt");

        opened(14, "h14");
        h.awaitIdle();

        assertThat(check("h14").path("conclusion").asText()).isEqualTo("failure");
        assertThat(check("h14").path("output").path("title").asText())
                .isEqualTo("Ownergate could not evaluate this pull request (IllegalStateException)");
    }

    @Test
    void closedPullRequestGetsNoCheck() throws Exception {
        repo.pull(10, "carol", "main", base, "h10").modified("src/app.txt").close();
        opened(10, "h10");
        h.awaitIdle();
        assertThat(repo.checkRuns()).isEmpty();
    }

    @Test
    void endpointsAnswerAsDocumented() throws Exception {
        assertThat(h.get("/healthz").statusCode()).isEqualTo(200);
        assertThat(h.get("/readyz").statusCode()).isEqualTo(200);
        assertThat(h.deliver("ping", ServerHarness.payload("ping.with-app_id.json")).statusCode()).isEqualTo(200);
        assertThat(h.deliver("star", ServerHarness.payload("issue_comment.created.json")).statusCode())
                .isEqualTo(202);
        assertThat(h.deliver("pull_request", "{not json".getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(400);
        assertThat(h.deliver("pull_request", new byte[26 * 1024 * 1024]).statusCode()).isEqualTo(413);
        String metrics = h.get("/metrics").body();
        assertThat(metrics).contains("ownergate_webhook_deliveries_total{event=\"ping\",result=\"accepted\"}")
                .contains("ownergate_webhook_deliveries_total{event=\"pull_request\",result=\"malformed\"}")
                .contains("ownergate_queue_depth");
    }
}
