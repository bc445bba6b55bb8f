package dev.ownergate.app.github;

import java.time.Instant;

/**
 * One review of a pull request. {@code state} is GitHub's word: APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED,
 * PENDING. {@code bot}: the reviewer's account type is {@code Bot} (a GitHub App), or its login ends in
 * {@code [bot]}.
 */
public record ReviewInfo(long id, String login, String state, String commitSha, Instant submittedAt, boolean bot) {

    /** A review by an account that is a bot only if its login says so. */
    public ReviewInfo(long id, String login, String state, String commitSha, Instant submittedAt) {
        this(id, login, state, commitSha, submittedAt, login.endsWith("[bot]"));
    }
}
