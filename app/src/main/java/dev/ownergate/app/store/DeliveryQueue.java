package dev.ownergate.app.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable queue between {@code POST /webhook} and the evaluations. A webhook is acknowledged only after
 * {@link #accept} returned, so an acknowledged delivery survives any crash; workers then {@link #claim} jobs,
 * and either {@link #complete}, {@link #retry} or {@link #deadLetter} them.
 */
public interface DeliveryQueue {

    enum Accepted { NEW, DUPLICATE }

    /**
     * Records the delivery and queues its jobs, in one transaction. {@code DUPLICATE} (and nothing queued) when a
     * delivery with this ID was accepted before, by any replica.
     */
    Accepted accept(String deliveryId, String event, Instant receivedAt, List<Job> jobs);

    /** Whether a delivery with this ID was accepted (by any replica). */
    boolean seen(String deliveryId);

    /** Queues a job that no delivery asked for (reconciliation, an admin's re-evaluation). */
    void enqueue(Job job, Instant now);

    /**
     * Claims up to {@code max} due jobs with distinct keys that no live lease holds, for {@code lease}. On
     * PostgreSQL concurrent claimers skip each other's rows ({@code FOR UPDATE SKIP LOCKED}).
     */
    default List<Claim> claim(String worker, int max, Duration lease, Instant now) {
        return claim(worker, max, lease, now, now);
    }

    /**
     * As above, but only jobs due by {@code dueBy} (at most {@code now}): an overloaded replica takes only the
     * work that has waited long enough.
     */
    List<Claim> claim(String worker, int max, Duration lease, Instant now, Instant dueBy);

    /** Extends the lease of a claim still being worked on; false when it was lost (expired and taken over). */
    boolean renew(Claim claim, Duration lease, Instant now);

    /**
     * Done. Atomically with removing the job, records {@code decisions} in the decision log, so an evaluation is
     * committed once even when a worker dies between posting a check and completing. Returns false (and records
     * nothing) when the claim was lost. When newer work arrived for the key since the claim, the job stays
     * queued for it.
     */
    boolean complete(Claim claim, List<DecisionRecord> decisions, Instant now);

    /** Failed: release the claim and run again at {@code retryAt}. */
    void retry(Claim claim, Instant retryAt, String error);

    /** Out of retries: move the job to the dead-letter list. */
    void deadLetter(Claim claim, String error, Instant now);

    /** Dead-letter jobs, newest first; {@code repo} filters to one repository. */
    List<DeadLetter> deadLetters(Optional<String> repo, int limit);

    /** Moves a dead-letter job back to the queue (the admin page's re-queue); false when there is no such id. */
    boolean requeue(long deadLetterId, Instant now);

    /** Jobs queued or running. */
    int depth();

    /** Jobs in the dead-letter list. */
    int deadLetterCount();
}
