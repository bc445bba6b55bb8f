package dev.ownergate.app.server;

import dev.ownergate.app.github.OpenPullRequest;
import dev.ownergate.app.store.Claim;
import dev.ownergate.app.store.DecisionLog;
import dev.ownergate.app.store.DecisionRecord;
import dev.ownergate.app.store.DeliveryQueue;
import dev.ownergate.app.store.Job;
import dev.ownergate.app.store.PostedVerdict;
import dev.ownergate.app.store.VerdictStore;
import dev.ownergate.app.webhook.RetryPolicy;
import dev.ownergate.app.webhook.Work;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's workers: claim due jobs from the {@link DeliveryQueue} (up to {@code maxRunning} at once, each
 * on a virtual thread), run them, and complete, retry or dead-letter them. Leases are renewed while a job runs;
 * a replica that dies lets its leases run out and another replica takes the jobs over.
 */
final class JobRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    /** How often an idle replica looks for work other replicas queued, or whose lease ran out. */
    static final Duration POLL = Duration.ofMillis(500);
    /**
     * While the webhook endpoint is overloaded ({@link IngestPressure}), jobs wait up to this long; past it they
     * run, one at a time, so no job waits for the end of a storm.
     */
    static final Duration MAX_DEFERRAL = Duration.ofSeconds(30);
    /** How often an overloaded replica looks for jobs that have waited {@link #MAX_DEFERRAL}. */
    static final Duration BUSY_RECHECK = Duration.ofMillis(200);
    /** The most passing verdicts of one repository that a failed OWNERS-push evaluation withdraws. */
    static final int WITHDRAW_LIMIT = 5_000;

    private final DeliveryQueue queue;
    private final DecisionLog log;
    private final VerdictStore verdicts;
    private final PullRequestEvaluator evaluator;
    private final LongFunction<GitHubAccess> github;
    private final RetryPolicy retry;
    private final ServerMetrics metrics;
    private final Clock clock;
    private final Duration lease;
    private final Semaphore permits;
    private final IngestPressure pressure;
    private final String worker = "replica-" + UUID.randomUUID();
    private final ExecutorService runners =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ownergate-eval-", 1).factory());
    private final Map<String, Claim> running = new ConcurrentHashMap<>();
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean closed;
    private Thread poller;
    private Thread renewer;

    /** Carries out {@code /ownergate override}; returns the override decision for the audit trail, if granted. */
    @FunctionalInterface
    interface Overrides {
        List<DecisionRecord> apply(Work.OverridePullRequest override, String deliveryId) throws Exception;
    }

    private final Overrides overrides;

    JobRunner(DeliveryQueue queue, DecisionLog log, VerdictStore verdicts, PullRequestEvaluator evaluator,
              LongFunction<GitHubAccess> github, Overrides overrides, RetryPolicy retry, int maxRunning,
              Duration lease, ServerMetrics metrics, Clock clock, IngestPressure pressure) {
        this.overrides = overrides;
        this.pressure = pressure;
        this.queue = queue;
        this.log = log;
        this.verdicts = verdicts;
        this.evaluator = evaluator;
        this.github = github;
        this.retry = retry;
        this.permits = new Semaphore(maxRunning);
        this.lease = lease;
        this.metrics = metrics;
        this.clock = clock;
    }

    void start() {
        poller = Thread.ofPlatform().daemon().name("ownergate-claim").start(this::pollLoop);
        renewer = Thread.ofPlatform().daemon().name("ownergate-lease").start(this::renewLoop);
    }

    /** New work was committed: look now rather than at the next poll. */
    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    int running() {
        return running.size();
    }

    private void pollLoop() {
        while (!closed) {
            try {
                if (pressure.busy()) {
                    claimWhileBusy();
                    continue;
                }
                int free = permits.availablePermits();
                List<Claim> claims = free == 0 ? List.of() : queue.claim(worker, free, lease, clock.instant());
                for (Claim claim : claims) {
                    start(claim);
                }
                if (claims.size() < free || free == 0) {
                    synchronized (signal) {
                        if (!woken && !closed) {
                            signal.wait(POLL.toMillis());
                        }
                        woken = false;
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("could not claim work from the store: {}", e.getMessage());
                sleep(POLL);
            }
        }
    }

    /**
     * The webhook endpoint is overloaded: acknowledging comes first. New deliveries' wake-ups are ignored; only
     * jobs that have waited {@link #MAX_DEFERRAL} are taken, one at a time.
     */
    private void claimWhileBusy() throws InterruptedException {
        if (running.isEmpty() && permits.availablePermits() > 0) {
            Instant now = clock.instant();
            for (Claim claim : queue.claim(worker, 1, lease, now, now.minus(MAX_DEFERRAL))) {
                start(claim);
            }
        }
        Thread.sleep(BUSY_RECHECK.toMillis());
    }

    private void start(Claim claim) throws InterruptedException {
        if (running.containsKey(claim.key())) {
            // Its lease ran out while it still runs here (a starved renewal): the claim only extended the lease,
            // and the run under way completes it.
            LOG.debug("{} still runs here; not starting it twice", claim.key());
            return;
        }
        permits.acquire();
        running.put(claim.key(), claim);
        runners.execute(() -> {
            try {
                run(claim);
            } finally {
                running.remove(claim.key());
                permits.release();
                wake();
            }
        });
    }

    private void renewLoop() {
        while (!closed) {
            sleep(lease.dividedBy(3));
            for (Claim claim : running.values()) {
                try {
                    if (!queue.renew(claim, lease, clock.instant())) {
                        LOG.warn("lost the lease on {}; another replica may run it too", claim.key());
                    }
                } catch (RuntimeException e) {
                    LOG.warn("could not renew the lease on {}: {}", claim.key(), e.getMessage());
                }
            }
        }
    }

    private void run(Claim claim) {
        List<DecisionRecord> decisions;
        try {
            decisions = execute(claim);
        } catch (Exception | Error e) {
            failed(claim, e);
            return;
        }
        try {
            if (!queue.complete(claim, decisions, clock.instant())) {
                LOG.warn("{}: finished after its lease was lost; the replica that took it over records it",
                        claim.key());
            } else if (claim.work() instanceof Work.OverridePullRequest o && !decisions.isEmpty()) {
                // An evaluation of the pull request that was running may post its verdict after the override's.
                // One more evaluation, queued behind it on the pull request's key, finds the override and
                // posts it again, so the override is what stands.
                queue.enqueue(Job.of(new Work.EvaluatePullRequest(o.installationId(), o.repo(), o.number(), null),
                        claim.deliveryId()), clock.instant());
                wake();
            }
        } catch (RuntimeException e) {
            // Not recorded as done: the lease runs out and the job runs again, posting the same verdict.
            LOG.warn("{}: could not record completion: {}", claim.key(), e.getMessage());
        }
    }

    private List<DecisionRecord> execute(Claim claim) throws Exception {
        return switch (claim.work()) {
            case Work.EvaluatePullRequest pr -> evaluator.evaluate(pr.installationId(), pr.repo(), pr.number(),
                    pr.headSha(), claim.deliveryId(), claim.attempts() == 0);
            case Work.EvaluateOpenPullRequests open -> {
                List<OpenPullRequest> listed;
                try {
                    listed = github.apply(open.installationId()).pulls().openPullRequests(open.repo(), open.baseRef());
                } catch (Exception e) {
                    if (claim.attempts() == 0) {
                        withdrawPassing(open, claim.deliveryId());
                    }
                    throw e;
                }
                for (OpenPullRequest pr : listed) {
                    queue.enqueue(Job.of(new Work.EvaluatePullRequest(open.installationId(), open.repo(),
                            pr.number(), null), claim.deliveryId()), clock.instant());
                }
                wake();
                yield List.of();
            }
            case Work.EvaluateMergeGroup group -> {
                evaluator.evaluateMergeGroup(group.installationId(), group.repo(), group.headSha(),
                        group.pullRequests());
                yield List.of();
            }
            case Work.RecordMerge merge -> {
                var recorded = log.recordMerge(merge.repo(), merge.number(), merge.headSha(),
                        merge.mergeCommitSha(), merge.mergedBy(), claim.deliveryId(), clock.instant());
                recorded.exception().ifPresent(why -> {
                    metrics.mergeException();
                    LOG.warn("merge exception: {}#{} at {}: {}", merge.repo(), merge.number(), merge.headSha(), why);
                });
                yield List.of();
            }
            case Work.OverridePullRequest override -> overrides.apply(override, claim.deliveryId());
            case Work.ForgetTeams f -> List.of();
            case Work.InstallationChanged c -> List.of();
        };
    }

    /**
     * The rules or the policy changed on a branch, but GitHub cannot say which pull requests target it: every
     * pull request of the repository whose latest check passes is evaluated on its own, at the head that check
     * covers. An evaluation that cannot reach GitHub fails that head closed before it retries, so no pass
     * outlives the change (those on other branches are put right when GitHub answers again).
     */
    private void withdrawPassing(Work.EvaluateOpenPullRequests open, String deliveryId) {
        int queued = 0;
        for (PostedVerdict v : verdicts.recent(open.repo(), WITHDRAW_LIMIT)) {
            if (v.number() > 0 && v.check().conclusion().equals("success")) {
                queue.enqueue(Job.of(new Work.EvaluatePullRequest(open.installationId(), open.repo(), v.number(),
                        v.check().headSha()), deliveryId), clock.instant());
                queued++;
            }
        }
        LOG.warn("{}: could not list the open pull requests on {}; re-evaluating the {} passing one(s) on their own",
                open.repo(), open.baseRef(), queued);
        wake();
    }

    private void failed(Claim claim, Throwable e) {
        int attempts = claim.attempts() + 1;
        Optional<Duration> delay = retry.delay(e, attempts);
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        try {
            if (delay.isEmpty()) {
                // Loud: a log line naming the pull request, a metric, and a dead-letter row for the admin page.
                LOG.error("giving up on {} after {} attempt(s), its check left failing; dead-lettered (delivery {}): {}",
                        claim.key(), attempts, claim.deliveryId(), error);
                queue.deadLetter(claim, error, clock.instant());
                metrics.deadLettered();
                return;
            }
            LOG.info("retrying {} in {} ms (attempt {}): {}", claim.key(), delay.get().toMillis(), attempts + 1,
                    e.getMessage());
            queue.retry(claim, clock.instant().plus(delay.get()), error);
        } catch (RuntimeException storeDown) {
            LOG.warn("{}: could not record the failure ({}); the lease runs out and it is retried",
                    claim.key(), storeDown.getMessage());
        }
    }

    /** Waits until the queue is empty and nothing runs here. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (running.isEmpty() && queue.depth() == 0) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** Stops claiming, lets running jobs finish within {@code grace}; the rest stays queued for any replica. */
    int close(Duration grace) throws InterruptedException {
        closed = true;
        wake();
        if (poller != null) {
            poller.interrupt();
            poller.join(grace.toMillis());
        }
        runners.shutdown();
        if (!runners.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            runners.shutdownNow();
        }
        if (renewer != null) {
            renewer.interrupt();
        }
        return running.size();
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(30));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
