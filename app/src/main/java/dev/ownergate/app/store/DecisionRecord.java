package dev.ownergate.app.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One decision on the record: what Ownergate (or a person, for an override) concluded about a pull request's
 * head, from which rules, and why, file by file. Immutable; the audit trail is append-only.
 *
 * @param kind        how the conclusion was reached
 * @param rulesSource where the ownership rules came from, e.g. "OWNERS files at abc1234"
 * @param rulesSha    a digest of the rule files' blob SHAs at the base ("" when unknown)
 * @param policy      the policy in one line
 * @param policySha   the policy file's blob SHA at the base ("" when there is none or it is unknown)
 * @param conclusion  {@code success} or {@code failure}
 * @param actor       who decided: empty for Ownergate itself, the login for an override
 * @param reason      the override's reason, or the fail-closed reason; empty otherwise
 * @param deliveryId  the webhook delivery that triggered it; null for reconciliation or a page's button
 */
public record DecisionRecord(
        String repo,
        int number,
        String headSha,
        String baseSha,
        Kind kind,
        String rulesSource,
        String rulesSha,
        String policy,
        String policySha,
        List<FileDecision> files,
        String conclusion,
        String title,
        String actor,
        String reason,
        String deliveryId,
        Instant at) {

    public enum Kind {
        /** The policy engine's verdict. */
        EVALUATION,
        /** Ownergate could not judge and posted a failure saying why. */
        FAIL_CLOSED,
        /** A break-glass override: a success that is always an exception. */
        OVERRIDE
    }

    public DecisionRecord {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(headSha, "headSha");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(conclusion, "conclusion");
        Objects.requireNonNull(at, "at");
        baseSha = baseSha == null ? "" : baseSha;
        rulesSource = rulesSource == null ? "" : rulesSource;
        rulesSha = rulesSha == null ? "" : rulesSha;
        policy = policy == null ? "" : policy;
        policySha = policySha == null ? "" : policySha;
        title = title == null ? "" : title;
        actor = actor == null ? "" : actor;
        reason = reason == null ? "" : reason;
        files = List.copyOf(files);
    }

    public boolean passed() {
        return conclusion.equals("success");
    }

    /** Every override is an exception: it lets a pull request pass without its owners' approval. */
    public boolean exception() {
        return kind == Kind.OVERRIDE;
    }

    /**
     * One file's line in the record.
     *
     * @param owners     its owners as written ({@code @alice}, {@code @org/team}, {@code *}); empty for unowned
     * @param approvedBy logins whose approval counted for it
     * @param status     the file's status, e.g. {@code APPROVED}, {@code NEEDS_APPROVAL}
     */
    public record FileDecision(String path, List<String> owners, List<String> approvedBy, String status) {
        public FileDecision {
            owners = List.copyOf(owners);
            approvedBy = List.copyOf(approvedBy);
        }
    }
}
