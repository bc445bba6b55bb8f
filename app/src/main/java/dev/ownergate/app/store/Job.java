package dev.ownergate.app.store;

import dev.ownergate.app.webhook.Work;
import java.util.Objects;

/**
 * One unit of queued work: what to do, and the key that serialises it. Jobs with the same key run one at a time
 * across every replica, and a newer job for a key replaces a waiting one (the evaluation reads GitHub afresh,
 * so the newest state wins).
 *
 * @param key        what the work is about, e.g. {@code acme/app#12}; see {@link Jobs#key}
 * @param work       what to do
 * @param deliveryId the webhook delivery that asked for it; null for reconciliation and re-evaluation requests
 */
public record Job(String key, Work work, String deliveryId) {
    public Job {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(work, "work");
    }

    public static Job of(Work work, String deliveryId) {
        return new Job(Jobs.key(work), work, deliveryId);
    }
}
