package dev.ownergate.codeowners;

import java.util.Map;

/**
 * A read-only hash table from a path segment to a value, looked up by a slice of a path so that lookups
 * copy nothing. Open addressing with linear probing; hashes are {@link String#hashCode()}.
 */
final class SegmentTable<V> {
    private final String[] keys;
    private final Object[] values;
    private final int mask;

    SegmentTable(Map<String, V> entries) {
        int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 2 + 1) - 1) << 1;
        keys = new String[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        entries.forEach((key, value) -> {
            int slot = spread(key.hashCode()) & mask;
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            values[slot] = value;
        });
    }

    /** The value for {@code path[start, end)}, whose {@link String#hashCode()} is {@code hash}; null if none. */
    @SuppressWarnings("unchecked")
    V get(String path, int start, int end, int hash) {
        int length = end - start;
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            String key = keys[slot];
            if (key == null) {
                return null;
            }
            if (key.length() == length && key.hashCode() == hash && path.startsWith(key, start)) {
                return (V) values[slot];
            }
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
