package dev.ownergate.app.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The audit trail: every decision and every merge, append-only. Decisions reached by a queued evaluation are
 * written by {@link DeliveryQueue#complete} in the same transaction that finishes the job; this interface takes
 * the others (overrides, merges) and answers the queries.
 */
public interface DecisionLog {

    /** Appends a decision made outside the queue (an override). */
    StoredDecision record(DecisionRecord decision);

    /**
     * Appends a merge, looking up the decision in force on {@code headSha} and flagging an exception when it is
     * missing, failing or an override. Returns the merge as stored. Idempotent: a pull request merges once at a
     * head, so a merge already recorded for this head is returned as it was, and nothing is added.
     */
    MergeRecord recordMerge(String repo, int number, String headSha, String mergeCommitSha, String mergedBy,
                            String deliveryId, Instant at);

    /** The latest decision on this pull request (any head); empty when none. */
    Optional<StoredDecision> latest(String repo, int number);

    /** The newest override granted on this head of the pull request; empty when none. */
    Optional<StoredDecision> override(String repo, int number, String headSha);

    /** The pull request's decisions, newest first. */
    List<StoredDecision> history(String repo, int number, int limit);

    /** Decisions and merges matching the filters, oldest first. */
    List<AuditEntry> query(AuditQuery query);

    /** Deletes entries older than {@code cutoff}; returns how many. Retention, run by the server daily. */
    int purgeBefore(Instant cutoff);
}
