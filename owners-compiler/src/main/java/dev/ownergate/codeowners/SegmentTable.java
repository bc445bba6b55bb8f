package dev.ownergate.codeowners;

import java.util.Map;

/**
 * A read-only hash table from a path segment to a value, looked up by a slice of a path so that lookups
 * copy nothing. Open addressing with linear probing; hashes are {@link String#hashCode()}, kept apart so that
 * a probe touches a key only when the hashes agree, and each key sits beside its value to save a cache miss.
 */
class SegmentTable<V> {
    private final int[] hashes;
    private final Object[] keysAndValues;
    private final int mask;

    SegmentTable(Map<String, V> entries) {
        int capacity = entries.isEmpty() ? 1 : Integer.highestOneBit(entries.size() * 2 + 1) << 1;
        hashes = new int[capacity];
        keysAndValues = new Object[capacity * 2];
        mask = capacity - 1;
        entries.forEach((key, value) -> {
            int slot = spread(key.hashCode()) & mask;
            while (keysAndValues[slot * 2] != null) {
                slot = (slot + 1) & mask;
            }
            hashes[slot] = key.hashCode();
            keysAndValues[slot * 2] = key;
            keysAndValues[slot * 2 + 1] = value;
        });
    }

    /** The value for {@code path[start, end)}, whose {@link String#hashCode()} is {@code hash}; null if none. */
    @SuppressWarnings("unchecked")
    final V get(String path, int start, int end, int hash) {
        int[] h = hashes;
        Object[] kv = keysAndValues;
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            if (h[slot] == hash) {
                String key = (String) kv[slot * 2];
                if (key == null) {
                    return null; // an empty slot, and the hash searched for is 0
                }
                if (key.length() == end - start && path.startsWith(key, start)) {
                    return (V) kv[slot * 2 + 1];
                }
            } else if (kv[slot * 2] == null) {
                return null;
            }
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
