package dev.ownergate.app.github;

import java.time.Instant;

/** One review of a pull request. {@code state} is GitHub's word: APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING. */
public record ReviewInfo(long id, String login, String state, String commitSha, Instant submittedAt) {}
