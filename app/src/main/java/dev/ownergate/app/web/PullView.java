package dev.ownergate.app.web;

import dev.ownergate.app.store.PostedVerdict;
import java.util.List;
import java.util.Optional;

/**
 * The page of one pull request.
 *
 * @param check     the check Ownergate last posted; empty when it posted none
 * @param decisions the pull request's decisions from the audit trail, newest first
 */
public record PullView(Header header, String repo, int number, Optional<PostedVerdict> check,
                       List<ShownDecision> decisions) {
    public String subject() {
        return number > 0 ? repo + "#" + number : repo;
    }

    /** The newest decision with a file-by-file matrix; empty when there is none (failed closed, overrides). */
    public Optional<ShownDecision> matrix() {
        return decisions.stream().filter(d -> !d.files().isEmpty()).findFirst();
    }

    /** The newest decision, when it is an override on the posted check's head. */
    public Optional<ShownDecision> standingOverride() {
        return decisions.stream().findFirst().filter(ShownDecision::overridden)
                .filter(d -> check.map(c -> c.check().headSha().equals(d.headSha())).orElse(false));
    }
}
