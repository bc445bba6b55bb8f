package dev.ownergate.app.server;

import dev.ownergate.app.github.GitHubApp;
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
 * Catches up on what webhooks did not tell us: at start-up and then every reconcile interval, every open pull
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

    /** What a pass did: how many pull requests it queued, and the GitHub calls it made. */
    public record Pass(int queued, int apiCalls, boolean complete) {}

    private final GitHubApp app;
    private final Dispatcher dispatcher;
    private final Store store;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ownergate-reconcile");
        t.setDaemon(true);
        return t;
    });
    private int resumeAt;

    public Reconciler(GitHubApp app, Dispatcher dispatcher, Store store) {
        this.app = app;
        this.dispatcher = dispatcher;
        this.store = store;
    }

    public void start(Duration interval) {
        timer.scheduleWithFixedDelay(this::runSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runSafely() {
        try {
            Pass pass = reconcile();
            LOG.info("reconciliation queued {} pull request(s) with {} GitHub call(s){}", pass.queued(),
                    pass.apiCalls(), pass.complete() ? "" : "; stopped at the budget, the next pass goes on");
        } catch (IOException | RuntimeException e) {
            LOG.warn("reconciliation stopped early: {}", e.getMessage());
        }
    }

    /** One pass. */
    public synchronized Pass reconcile() throws IOException {
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
        return new Pass(queued, calls, complete);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
