package dev.ownergate.app.store;

import dev.ownergate.app.webhook.Work;
import java.time.Instant;

/**
 * A job one worker holds until {@code leasedUntil}. While held, no other worker (in any replica) claims the
 * same key. A worker that dies simply lets the lease run out, and another worker takes the job over.
 *
 * @param version    bumped whenever newer work for the key arrives; completing a claim whose version moved on
 *                   leaves the job queued, so the newer work runs too
 * @param attempts   failed attempts so far (0 on the first run)
 * @param deliveryId the newest delivery behind the job, null when none (reconciliation)
 */
public record Claim(String key, Work work, long version, int attempts, String deliveryId, String worker,
                    Instant leasedUntil) {}
