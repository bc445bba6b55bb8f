package dev.ownergate.app.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recent {@code X-GitHub-Delivery} IDs, so a redelivered or replayed webhook is handled once.
 * Bounded: the oldest IDs are forgotten first.
 */
public final class DeliveryLog {
    private final Map<String, Boolean> seen;

    public DeliveryLog(int capacity) {
        this.seen = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records the ID; false when it was recorded before. */
    public synchronized boolean firstTime(String deliveryId) {
        return seen.putIfAbsent(deliveryId, Boolean.TRUE) == null;
    }

    /** Forgets an ID whose delivery was not handled after all, so GitHub's redelivery is. */
    public synchronized void forget(String deliveryId) {
        seen.remove(deliveryId);
    }
}
