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
