package dev.ownergate.app.policy;

import java.util.Objects;

/**
 * An approval that no longer counts because of what was pushed after it ({@code invalidate_on_push}).
 *
 * @param reviewId  GitHub's review id, to dismiss it ({@code dismiss_stale_reviews})
 * @param commitSha the commit it was given on; may be empty when GitHub did not say
 * @param reason    one sentence for people, e.g. "lib/a.py, which @alice owns, changed since 1a2b3c4"
 */
public record StaleApproval(String login, long reviewId, String commitSha, String reason) {
    public StaleApproval {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(reason, "reason");
        commitSha = commitSha == null ? "" : commitSha;
    }
}
