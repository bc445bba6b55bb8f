package dev.ownergate.app.store;

import dev.ownergate.app.webhook.Work;
import java.util.Locale;

/** The serialising key of each kind of {@link Work}. */
public final class Jobs {
    private Jobs() {}

    /** One pull request's key; the same in every replica, so one of them at a time evaluates it. */
    public static String pullRequest(String repo, int number) {
        return repo.toLowerCase(Locale.ROOT) + "#" + number;
    }

    /**
     * The installation whose fair share of the workers a job uses ({@link FairShare}); 0 for work that belongs to
     * no installation.
     */
    public static long installation(Work work) {
        return switch (work) {
            case Work.EvaluatePullRequest pr -> pr.installationId();
            case Work.EvaluateOpenPullRequests open -> open.installationId();
            case Work.EvaluateMergeGroup group -> group.installationId();
            case Work.OverridePullRequest o -> o.installationId();
            case Work.RecordMerge merge -> merge.installationId();
            case Work.ForgetTeams forget -> 0;
            case Work.InstallationChanged change -> change.installationId();
        };
    }

    public static String key(Work work) {
        return switch (work) {
            case Work.EvaluatePullRequest pr -> pullRequest(pr.repo(), pr.number());
            case Work.EvaluateOpenPullRequests open -> open.repo().toLowerCase(Locale.ROOT) + "@" + open.baseRef();
            case Work.EvaluateMergeGroup group ->
                    group.repo().toLowerCase(Locale.ROOT) + "@merge-group@" + group.headSha();
            // Its own key: a newer evaluation of the pull request must not replace a waiting override.
            case Work.OverridePullRequest o -> pullRequest(o.repo(), o.number()) + "@override@"
                    + o.actor().toLowerCase(Locale.ROOT);
            case Work.RecordMerge merge -> pullRequest(merge.repo(), merge.number()) + "@merged@" + merge.headSha();
            case Work.ForgetTeams forget -> "teams@" + forget.org().toLowerCase(Locale.ROOT);
            case Work.InstallationChanged change -> "installation@" + change.installationId();
        };
    }
}
