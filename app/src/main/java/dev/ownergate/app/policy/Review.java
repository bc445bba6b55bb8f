package dev.ownergate.app.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * One pull request review as GitHub reports it.
 *
 * @param commitSha   the commit the review was submitted on (GitHub's {@code commit_id})
 * @param submittedAt null for a pending review, which GitHub has not submitted yet
 */
public record Review(long id, String login, ReviewState state, String commitSha, Instant submittedAt) {

    public enum ReviewState { APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING }

    public Review {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(state, "state");
    }
}
