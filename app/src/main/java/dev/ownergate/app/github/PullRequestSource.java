package dev.ownergate.app.github;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/** What Ownergate needs to know about pull requests. Implemented over GitHub; a fake in tests. */
public interface PullRequestSource {

    PullRequestInfo pullRequest(String repo, int number) throws IOException;

    /** Every changed file, up to GitHub's limit; {@code expectedCount} is the PR's {@code changed_files}. */
    FileChanges files(String repo, int number, int expectedCount) throws IOException;

    /** Every review, all pages, oldest first. */
    List<ReviewInfo> reviews(String repo, int number) throws IOException;

    /** Open pull requests, all of them when {@code baseRef} is null, else only those targeting that branch. */
    List<OpenPullRequest> openPullRequests(String repo, String baseRef) throws IOException;

    /**
     * What changed from {@code fromSha} to {@code toSha} (GitHub's compare API). Answers for a pair of commits never
     * change, so implementations may cache them.
     */
    CommitComparison compare(String repo, String fromSha, String toSha) throws IOException;

    /** Dismisses a review with a message shown on the pull request; needs Pull requests: write. */
    void dismissReview(String repo, int number, long reviewId, String message) throws IOException;

    /** Asks users (logins) and teams (slugs, without the org) to review. */
    void requestReviewers(String repo, int number, Set<String> users, Set<String> teamSlugs) throws IOException;
}
