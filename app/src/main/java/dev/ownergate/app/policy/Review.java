package dev.ownergate.app.policy;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One pull request review as GitHub reports it.
 *
 * @param commitSha   the commit the review was submitted on (GitHub's {@code commit_id})
 * @param submittedAt null for a pending review, which GitHub has not submitted yet
 * @param bot         the reviewer is a bot account (GitHub's user {@code type} is {@code Bot}, or the login ends
 *                    in {@code [bot]})
 */
public record Review(long id, String login, ReviewState state, String commitSha, Instant submittedAt, boolean bot) {

    public enum ReviewState { APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING }

    public Review {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(state, "state");
        bot = bot || isBotLogin(login);
    }

    /** A review whose account type is not known: a bot only by its login. */
    public Review(long id, String login, ReviewState state, String commitSha, Instant submittedAt) {
        this(id, login, state, commitSha, submittedAt, false);
    }

    /** GitHub Apps act as {@code name[bot]}; no person's login can contain brackets. */
    public static boolean isBotLogin(String login) {
        return login.toLowerCase(Locale.ROOT).endsWith("[bot]");
    }
}
