package dev.ownergate.app.server;

import dev.ownergate.app.github.OpenPullRequest;
import dev.ownergate.app.webhook.EvaluationQueue;
import dev.ownergate.app.webhook.Work;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Carries out {@link Work}: evaluations go to the queue, keyed so one pull request is judged at a time. */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final EvaluationQueue queue;
    private final PullRequestEvaluator evaluator;
    private final TeamCache teams;
    private final LongFunction<GitHubAccess> github;
    private final Overrides overrides;

    /** Carries out an override command for one installation. */
    @FunctionalInterface
    public interface Overrides {
        void apply(long installationId, String repo, int number, String actor,
                   dev.ownergate.app.override.OverrideCommand command) throws Exception;
    }

    public Dispatcher(EvaluationQueue queue, PullRequestEvaluator evaluator, TeamCache teams,
                      LongFunction<GitHubAccess> github, Overrides overrides) {
        this.overrides = overrides;
        this.queue = queue;
        this.evaluator = evaluator;
        this.teams = teams;
        this.github = github;
    }

    /** Queues all of it; false when the queue is closing. Never blocks on GitHub. */
    public boolean dispatch(List<Work> work) {
        boolean accepted = true;
        for (Work w : work) {
            accepted &= dispatch(w);
        }
        return accepted;
    }

    public boolean dispatch(Work work) {
        return switch (work) {
            case Work.EvaluatePullRequest pr -> {
                evaluator.announce(pr.repo(), pr.number(), pr.headSha());
                yield queue.submit(PullRequestEvaluator.key(pr.repo(), pr.number()),
                        () -> evaluator.evaluate(pr.installationId(), pr.repo(), pr.number()));
            }
            case Work.EvaluateOpenPullRequests open -> queue.submit(
                    open.repo().toLowerCase(Locale.ROOT) + "@" + open.baseRef(), () -> {
                        for (OpenPullRequest pr : github.apply(open.installationId()).pulls()
                                .openPullRequests(open.repo(), open.baseRef())) {
                            dispatch(new Work.EvaluatePullRequest(open.installationId(), open.repo(), pr.number(),
                                    null));
                        }
                    });
            case Work.EvaluateMergeGroup group -> queue.submit(
                    group.repo().toLowerCase(Locale.ROOT) + "@merge-group@" + group.headSha(),
                    () -> evaluator.evaluateMergeGroup(group.installationId(), group.repo(), group.headSha(),
                            group.pullRequests()));
            case Work.OverridePullRequest override -> queue.submit(
                    // Keyed like its evaluations, so an override and an evaluation of one pull request never interleave.
                    PullRequestEvaluator.key(override.repo(), override.number()),
                    () -> overrides.apply(override.installationId(), override.repo(), override.number(),
                            override.actor(), override.command()));
            case Work.ForgetTeams forget -> {
                teams.forget(forget.org());
                yield true;
            }
            case Work.InstallationChanged change -> {
                LOG.info("installation {} {} ({} repositories)", change.installationId(), change.action(),
                        change.repos().size());
                yield true;
            }
        };
    }
}
