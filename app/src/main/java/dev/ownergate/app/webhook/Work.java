package dev.ownergate.app.webhook;

import java.util.List;

/** What a webhook asks Ownergate to do. Handlers turn payloads into these; the server carries them out. */
public sealed interface Work {

    /** Evaluate one pull request. {@code headSha} is the head the event saw; null when it did not say. */
    record EvaluatePullRequest(long installationId, String repo, int number, String headSha) implements Work {}

    /** Evaluate every open pull request targeting {@code baseRef} (a branch name), e.g. after OWNERS changed. */
    record EvaluateOpenPullRequests(long installationId, String repo, String baseRef) implements Work {}

    /** Report on a merge queue group's head commit: it passes when every pull request in it passes. */
    record EvaluateMergeGroup(long installationId, String repo, String headSha, String baseRef,
                              List<Integer> pullRequests) implements Work {
        public EvaluateMergeGroup {
            pullRequests = List.copyOf(pullRequests);
        }
    }

    /** {@code /ownergate override <reason>}, commented on a pull request by {@code actor}. */
    record OverridePullRequest(long installationId, String repo, int number, String actor,
                               dev.ownergate.app.override.OverrideCommand command) implements Work {}

    /**
     * A pull request was merged: put the merge on the audit trail with the decision in force on its head.
     *
     * @param mergedBy the login that merged, empty when the payload did not say
     */
    record RecordMerge(long installationId, String repo, int number, String headSha, String mergeCommitSha,
                       String mergedBy) implements Work {}

    /** Team memberships in this org changed: drop what we cached. */
    record ForgetTeams(String org) implements Work {}

    /** The App was installed, uninstalled, or given other repositories. Bookkeeping only. */
    record InstallationChanged(long installationId, String action, List<String> repos) implements Work {
        public InstallationChanged {
            repos = List.copyOf(repos);
        }
    }
}
