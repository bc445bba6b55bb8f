package dev.ownergate.app.webhook;

import dev.ownergate.app.github.LruCache;

/**
 * The most recent {@code X-GitHub-Delivery} IDs, so a redelivered or replayed webhook is handled once.
 * Bounded: the least recently seen IDs are forgotten first.
 */
public final class DeliveryLog {
    private final LruCache<String, Boolean> seen;

    public DeliveryLog(int capacity) {
        this.seen = new LruCache<>(capacity);
    }

    /** Records the ID; false when it was recorded before. */
    public boolean firstTime(String deliveryId) {
        return seen.add(deliveryId, Boolean.TRUE);
    }

    /** Forgets an ID whose delivery was not handled after all, so GitHub's redelivery is. */
    public void forget(String deliveryId) {
        seen.remove(deliveryId);
    }
}
