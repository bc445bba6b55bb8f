package dev.ownergate.app.server;

import dev.ownergate.app.github.GitHubApp;
import dev.ownergate.app.github.HookDeliveries;
import dev.ownergate.app.github.OpenPullRequest;
import dev.ownergate.app.github.ReviewInfo;
import dev.ownergate.app.store.Fingerprint;
import dev.ownergate.app.store.Store;
import dev.ownergate.app.webhook.Work;
import dev.ownergate.repo.RepoSnapshot;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches up on what webhooks did not tell us, in two ways, at start-up and then every reconcile interval.
 *
 * <p>First, GitHub's webhook deliveries API: every delivery since the newest one a previous pass saw that
 * failed (GitHub could not reach us, or we did not answer 2xx) and whose GUID we never accepted is redelivered.
 * At most {@link #MAX_DELIVERY_PAGES} pages of 100 and {@link #MAX_REDELIVERIES} redeliveries per pass.
 *
 * <p>Second, since GitHub keeps deliveries only for a few days: every open pull
 * request of every installed repository whose current inputs (head, base, reviews, rules and policy blobs) no
 * longer match the fingerprint of its stored verdict, or that has no verdict, is queued for evaluation. So a
 * review, a dismissal, a retarget or an OWNERS push that happened while the App was down is caught.
 *
 * <p>Cost per pass, in GitHub API calls: 1 for the installations, then per installation 1 (+1 per 100
 * repositories), per repository 1 (+1 per 100 open pull requests), per open pull request 1 (its reviews), and
 * per distinct base commit 1 (its tree, cached across passes). A pass stops queueing reviews look-ups after
 * {@link #MAX_CALLS} calls and says so in the log; the next pass starts where this one stopped.
 */
public final class Reconciler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    /** A pass's budget of GitHub calls: well under the 5,000 an installation token may make per hour. */
    public static final int MAX_CALLS = 2_000;
    /** Pages of the deliveries list read per pass: 1,000 deliveries, more than most Apps get between passes. */
    public static final int MAX_DELIVERY_PAGES = 10;
    public static final int MAX_REDELIVERIES = 100;
    static final String LAST_DELIVERY = "reconcile.last_hook_delivery";

    /**
     * What a pass did: pull requests queued, deliveries whose redelivery it requested, and the GitHub calls it
     * made in all.
     */
    public record Pass(int queued, int redelivered, int apiCalls, boolean complete) {}

    private final GitHubApp app;
    private final Dispatcher dispatcher;
    private final Store store;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ownergate-reconcile");
        t.setDaemon(true);
        return t;
    });
    private final java.util.function.BooleanSupplier webhooksOverloaded;
    private int resumeAt;

    public Reconciler(GitHubApp app, Dispatcher dispatcher, Store store) {
        this(app, dispatcher, store, () -> false);
    }

    /**
     * @param webhooksOverloaded whether the webhook endpoint is overloaded ({@link IngestPressure}); a scheduled
     *                           pass waits for it to catch up, up to {@link JobRunner#MAX_DEFERRAL}
     */
    Reconciler(GitHubApp app, Dispatcher dispatcher, Store store, java.util.function.BooleanSupplier webhooksOverloaded) {
        this.app = app;
        this.dispatcher = dispatcher;
        this.store = store;
        this.webhooksOverloaded = webhooksOverloaded;
    }

    public void start(Duration interval) {
        timer.scheduleWithFixedDelay(this::runSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runSafely() {
        try {
            Pass pass = reconcile();
            LOG.info("reconciliation queued {} pull request(s), asked for {} redelivery(ies), with {} GitHub"
                    + " call(s){}", pass.queued(), pass.redelivered(), pass.apiCalls(), pass.complete() ? "" : "; stopped at the budget, the next pass goes on");
        } catch (IOException | RuntimeException e) {
            LOG.warn("reconciliation stopped early: {}", e.getMessage());
        }
    }

    /**
     * A replica started in the middle of a burst (a restart after a crash) answers webhooks first: while the
     * endpoint is overloaded, a pass waits, in all at most {@link JobRunner#MAX_DEFERRAL} per pass.
     */
    private void waitWhileOverloaded(long deadline) {
        while (webhooksOverloaded.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(JobRunner.BUSY_RECHECK.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One pass. */
    public synchronized Pass reconcile() throws IOException {
        long waitUntil = System.nanoTime() + JobRunner.MAX_DEFERRAL.toNanos();
        waitWhileOverloaded(waitUntil);
        int[] deliveryCalls = {0};
        int redelivered = 0;
        try {
            redelivered = redeliverMissed(deliveryCalls);
        } catch (IOException e) {
            // Older GitHub Enterprise Server versions lack the API; the fingerprint pass still runs.
            LOG.warn("could not list webhook deliveries: {}", e.getMessage());
        }
        Pass open = reconcileOpenPullRequests(waitUntil);
        return new Pass(open.queued(), redelivered, deliveryCalls[0] + open.apiCalls(), open.complete());
    }

    /** Requests the redelivery of every failed delivery since the last pass that we never accepted. */
    private int redeliverMissed(int[] calls) throws IOException {
        HookDeliveries api = app.hookDeliveries();
        long lastSeen = store.state(LAST_DELIVERY).map(Long::parseLong).orElse(0L);
        long newest = lastSeen;
        Map<String, HookDeliveries.Delivery> failed = new java.util.LinkedHashMap<>();
        java.util.Set<String> succeeded = new java.util.HashSet<>();
        Optional<String> cursor = Optional.empty();
        pages:
        for (int page = 0; page < MAX_DELIVERY_PAGES; page++) {
            HookDeliveries.Page listed = api.list(cursor, 100);
            calls[0]++;
            for (HookDeliveries.Delivery d : listed.deliveries()) {
                if (d.id() <= lastSeen) {
                    break pages;
                }
                newest = Math.max(newest, d.id());
                if (d.succeeded()) {
                    succeeded.add(d.guid());
                } else {
                    failed.putIfAbsent(d.guid(), d); // newest first: the latest failed attempt
                }
            }
            if (listed.nextCursor().isEmpty()) {
                break;
            }
            cursor = listed.nextCursor();
        }
        int requested = 0;
        for (HookDeliveries.Delivery d : failed.values()) {
            if (requested >= MAX_REDELIVERIES) {
                LOG.warn("more than {} failed deliveries to redeliver; the rest wait for the next pass",
                        MAX_REDELIVERIES);
                return requested; // newest not saved: the next pass sees them again
            }
            if (succeeded.contains(d.guid()) || store.deliveries().seen(d.guid())) {
                continue;
            }
            api.redeliver(d.id());
            calls[0]++;
            requested++;
            LOG.info("asked GitHub to redeliver {} {} (delivery {}, it answered {})", d.event(), d.action(),
                    d.guid(), d.statusCode() == 0 ? "nothing" : "HTTP " + d.statusCode());
        }
        if (newest > lastSeen) {
            store.state(LAST_DELIVERY, Long.toString(newest));
        }
        return requested;
    }

    private Pass reconcileOpenPullRequests(long waitUntil) throws IOException {
        int calls = 0;
        int queued = 0;
        int seen = 0;
        int start = resumeAt;
        boolean complete = true;
        Map<String, RepoSnapshot> bases = new HashMap<>();
        List<GitHubApp.Installation> installations = app.installations();
        calls++;
        outer:
        for (GitHubApp.Installation installation : installations) {
            GitHubAccess gh = GitHubAccess.of(app.installation(installation.id()));
            List<String> repos = app.repositories(installation.id());
            calls++;
            for (String repo : repos) {
                List<OpenPullRequest> open = gh.pulls().openPullRequests(repo, null);
                calls++;
                for (OpenPullRequest pr : open) {
                    if (seen++ < start) {
                        continue; // the previous pass got this far
                    }
                    if (calls >= MAX_CALLS) {
                        complete = false;
                        resumeAt = seen - 1;
                        break outer;
                    }
                    waitWhileOverloaded(waitUntil);
                    Optional<String> stored = store.verdicts().fingerprintDigest(repo, pr.number());
                    boolean stale = stored.isEmpty();
                    if (!stale) {
                        List<ReviewInfo> reviews = gh.pulls().reviews(repo, pr.number());
                        calls++;
                        String baseKey = repo + "@" + pr.baseSha();
                        RepoSnapshot base = bases.get(baseKey);
                        if (base == null) {
                            base = gh.contents().snapshot(repo, pr.baseSha());
                            bases.put(baseKey, base);
                            calls++; // at most: the tree may come from the cache
                        }
                        Fingerprint now = Fingerprints.of(pr.headSha(), pr.baseSha(), reviews, base);
                        stale = !now.digest().equals(stored.get());
                    }
                    if (stale) {
                        dispatcher.enqueue(new Work.EvaluatePullRequest(installation.id(), repo, pr.number(), null));
                        queued++;
                    }
                }
            }
        }
        if (complete) {
            resumeAt = 0;
        }
        return new Pass(queued, 0, calls, complete);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
