package dev.ownergate.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.app.fake.FakeGitHub;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #11's downtime figure, reduced to a test: the App is stopped, reviews are submitted on 50 pull requests,
 * and the App is started again. One reconciliation pass puts all 50 verdicts right: through GitHub's deliveries
 * API when it still lists the missed deliveries, and through the fingerprints when it no longer does.
 */
class DowntimeTest {
    static final String REPO = "acme/widgets";
    static final long INSTALLATION = 7;
    static final int PULLS = 50;

    ServerHarness h;
    FakeGitHub.Repo repo;
    final List<FakeGitHub.Pull> pulls = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        h = new ServerHarness(new PolicyGate());
        h.github.installation(INSTALLATION, REPO);
        repo = h.github.repo(REPO);
        h.github.user("alice", "carol");
        String base = repo.commit(Map.of("OWNERS", "approvers:\n- alice\n", "src/app.txt", "x\n"));
        for (int n = 1; n <= PULLS; n++) {
            pulls.add(repo.pull(n, "carol", "main", base, "h" + n).modified("src/app.txt"));
            h.deliver("pull_request",
                    ServerHarness.pullRequestEvent("pull_request.opened.json", INSTALLATION, REPO, n, "h" + n));
        }
        h.awaitIdle();
        for (int n = 1; n <= PULLS; n++) {
            assertThat(conclusion(n)).isEqualTo("failure");
        }
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private String conclusion(int n) {
        return repo.latestCheckRun("h" + n, "code-owners").path("conclusion").asText();
    }

    private void approveAllWhileDown(boolean githubStillListsTheDeliveries) {
        h.restart(() -> {
            for (int n = 1; n <= PULLS; n++) {
                pulls.get(n - 1).review(5000 + n, "alice", "APPROVED");
                if (githubStillListsTheDeliveries) {
                    h.github.hookDelivery("missed-" + n, "pull_request_review", "submitted", 0, false);
                }
            }
        });
        h.github.onRedelivery(guid -> {
            int n = Integer.parseInt(guid.substring("missed-".length()));
            return h.deliver("pull_request_review", ServerHarness.pullRequestEvent(
                    "pull_request_review.submitted.json", INSTALLATION, REPO, n, "h" + n), guid).statusCode();
        });
        h.github.resetCalls();
    }

    private void assertOnePassPutsAllRight(String how) throws Exception {
        long start = System.nanoTime();
        Reconciler.Pass pass = h.server.reconcileNow();
        h.awaitIdle();
        long millis = (System.nanoTime() - start) / 1_000_000;
        for (int n = 1; n <= PULLS; n++) {
            assertThat(conclusion(n)).as("pull request " + n).isEqualTo("success");
        }
        // The figures bench/README.md reports.
        System.out.printf("downtime (%s): %d verdicts right after one pass in %d ms; the pass made %d GitHub"
                        + " calls (%d redeliveries requested, %d pull requests queued); %d calls in all%n", how,
                PULLS, millis, pass.apiCalls(), pass.redelivered(), pass.queued(), h.github.totalCalls());
        assertThat(pass.apiCalls()).isLessThanOrEqualTo(Reconciler.MAX_CALLS);
    }

    @Test
    void missedDeliveriesStillListedByGitHubAreRedelivered() throws Exception {
        approveAllWhileDown(true);
        assertOnePassPutsAllRight("deliveries API");
    }

    @Test
    void missedDeliveriesGitHubNoLongerListsAreCaughtByTheFingerprints() throws Exception {
        approveAllWhileDown(false);
        assertOnePassPutsAllRight("fingerprints only");
    }

    @Test
    void aPassWaitsWhileTheWebhookEndpointIsOverloaded() throws Exception {
        approveAllWhileDown(false);
        for (int i = 0; i < IngestPressure.BUSY_IN_FLIGHT; i++) {
            h.server.pressure.enter();
        }
        var pass = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return h.server.reconcileNow();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread.sleep(IngestPressure.HOLD.toMillis() + 700);
        assertThat(pass).as("a pass while deliveries pile up").isNotDone();
        assertThat(h.github.totalCalls()).as("GitHub calls made while overloaded").isZero();
        for (int i = 0; i < IngestPressure.BUSY_IN_FLIGHT; i++) {
            h.server.pressure.exit();
        }
        assertThat(pass.get(10, java.util.concurrent.TimeUnit.SECONDS).queued()).isEqualTo(PULLS);
        h.awaitIdle();
        for (int n = 1; n <= PULLS; n++) {
            assertThat(conclusion(n)).as("pull request " + n).isEqualTo("success");
        }
    }
}
