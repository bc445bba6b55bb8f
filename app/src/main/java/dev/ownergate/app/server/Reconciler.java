package dev.ownergate.app.server;

import dev.ownergate.app.github.CheckRunInfo;
import dev.ownergate.app.github.GitHubApp;
import dev.ownergate.app.github.OpenPullRequest;
import dev.ownergate.app.webhook.Work;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches up on missed webhooks: at start-up and then periodically, every open pull request of every installed
 * repository whose head has no check run of ours (under any name: a policy may rename it) is queued for
 * evaluation.
 */
public final class Reconciler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final GitHubApp app;
    private final Dispatcher dispatcher;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ownergate-reconcile");
        t.setDaemon(true);
        return t;
    });

    public Reconciler(GitHubApp app, Dispatcher dispatcher) {
        this.app = app;
        this.dispatcher = dispatcher;
    }

    public void start(Duration interval) {
        timer.scheduleWithFixedDelay(this::runSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runSafely() {
        try {
            int queued = reconcile();
            LOG.info("reconciliation queued {} pull request(s)", queued);
        } catch (IOException | RuntimeException e) {
            LOG.warn("reconciliation stopped early: {}", e.getMessage());
        }
    }

    /** One pass; returns how many pull requests it queued. */
    public int reconcile() throws IOException {
        int queued = 0;
        for (GitHubApp.Installation installation : app.installations()) {
            GitHubAccess gh = GitHubAccess.of(app.installation(installation.id()));
            for (String repo : app.repositories(installation.id())) {
                for (OpenPullRequest pr : gh.pulls().openPullRequests(repo, null)) {
                    List<CheckRunInfo> runs = gh.checks().ourCheckRuns(repo, pr.headSha());
                    boolean current = runs.stream().anyMatch(r -> r.headSha().equals(pr.headSha()));
                    if (!current && dispatcher.dispatch(
                            new Work.EvaluatePullRequest(installation.id(), repo, pr.number(), pr.headSha()))) {
                        queued++;
                    }
                }
            }
        }
        return queued;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
