package dev.ownergate.app.github;

import java.util.Set;

/**
 * What GitHub says about one pull request.
 *
 * @param changedFiles the PR's {@code changed_files}; -1 when the listing did not include it
 * @param requestedUsers logins with a pending review request, lower-cased
 * @param requestedTeams {@code org/slug} of teams with a pending review request, lower-cased
 */
public record PullRequestInfo(
        String repo,
        int number,
        boolean open,
        boolean draft,
        String author,
        String headSha,
        String baseRef,
        String baseSha,
        int changedFiles,
        Set<String> requestedUsers,
        Set<String> requestedTeams) {

    public PullRequestInfo {
        requestedUsers = Set.copyOf(requestedUsers);
        requestedTeams = Set.copyOf(requestedTeams);
    }
}
