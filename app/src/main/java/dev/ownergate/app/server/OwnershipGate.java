package dev.ownergate.app.server;

import dev.ownergate.app.github.CheckRunPost;
import dev.ownergate.app.github.CommitComparison;
import dev.ownergate.app.github.FileChanges;
import dev.ownergate.app.github.PullRequestInfo;
import dev.ownergate.app.github.ReviewInfo;
import dev.ownergate.app.github.TeamDirectory;
import dev.ownergate.repo.RepoSnapshot;
import java.io.IOException;
import java.util.List;

/**
 * The decision the server asks for: given what GitHub says about a pull request and its base, does the
 * code-owners check pass? {@link PolicyGate} answers it with the policy engine; server tests may use a
 * simpler one. Everything GitHub-shaped stays on this side of the seam.
 */
public interface OwnershipGate {

    /**
     * @param base    the repository at the pull request's base commit: rules and policy come from here, never
     *                from the head, so a pull request cannot approve itself by editing OWNERS
     * @param teams   members of teams named as owners
     * @param compare what changed from an older commit to another in the pull request's repository; asked only
     *                by a policy with {@code invalidate_on_push: owned-changes}
     */
    record Input(PullRequestInfo pr, FileChanges files, List<ReviewInfo> reviews, RepoSnapshot base,
                 TeamDirectory teams, Compare compare) {
        public Input(PullRequestInfo pr, FileChanges files, List<ReviewInfo> reviews, RepoSnapshot base,
                TeamDirectory teams) {
            this(pr, files, reviews, base, teams, (from, to) -> {
                throw new IOException("no commit comparisons here");
            });
        }
    }

    /** GitHub's compare API for one repository. */
    @FunctionalInterface
    interface Compare {
        CommitComparison between(String fromSha, String toSha) throws IOException;
    }

    /** A review to dismiss on GitHub, with the message shown on the pull request. */
    record Dismissal(long reviewId, String login, String message) {}

    /** A verdict, ready to post. */
    interface Decision {
        boolean passed();

        String headSha();

        CheckRunPost checkRun(String detailsUrl);

        /** Reviewers to ask ({@code login} or {@code org/team}) when the policy wants review requests; else empty. */
        List<String> reviewRequests();

        /** Stale approvals to dismiss, when the policy says {@code dismiss_stale_reviews: true}; else empty. */
        default List<Dismissal> dismissals() {
            return List.of();
        }
    }

    Decision evaluate(Input input) throws IOException;

    /** A failing verdict that says why Ownergate could not judge; posted when evaluation itself failed. */
    Decision failClosed(String headSha, String reason);

    /** The verdict for a merge queue group: passes when every member passes. */
    Decision combine(String headSha, List<Decision> members);

    /** The check name used when the repository's policy does not say (for reconciliation). */
    String defaultCheckName();
}
