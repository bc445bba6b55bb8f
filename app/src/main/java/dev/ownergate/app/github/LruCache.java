package dev.ownergate.app.github;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A small thread-safe least-recently-used map, bounded by count: recent delivery IDs, per-PR ordering guards. */
public final class LruCache<K, V> {
    private final Map<K, V> map;

    public LruCache(int capacity) {
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized Optional<V> get(K key) {
        return Optional.ofNullable(map.get(key));
    }

    public synchronized void put(K key, V value) {
        map.put(key, value);
    }

    /** Adds the key; false when it was already there. */
    public synchronized boolean add(K key, V value) {
        if (map.containsKey(key)) {
            map.get(key);
            return false;
        }
        map.put(key, value);
        return true;
    }

    public synchronized void remove(K key) {
        map.remove(key);
    }

    public synchronized int size() {
        return map.size();
    }
}
