package dev.ownergate.codeowners;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules filed under one index key, split by cost: entries decided by the path's shape alone, and entries
 * whose pattern must run. Each list holds packed entries ({@code index << 3 | mode}), highest index first.
 */
final class Bucket {
    static final int MODE_BITS = 3;
    static final int MODE_MASK = (1 << MODE_BITS) - 1;

    private final List<Integer> pendingDecided = new ArrayList<>();
    private final List<Integer> pendingVerify = new ArrayList<>();
    int[] decided;
    int[] verify;

    void add(int index, int mode, boolean needsPattern) {
        (needsPattern ? pendingVerify : pendingDecided).add(index << MODE_BITS | mode);
    }

    /** Turns the lists into arrays, highest index first, and returns this. Construction only. */
    Bucket freeze() {
        decided = descending(pendingDecided);
        verify = descending(pendingVerify);
        return this;
    }

    static int[] descending(List<Integer> entries) {
        if (entries.isEmpty()) {
            return null;
        }
        return entries.stream().sorted((a, b) -> Integer.compare(b, a)).mapToInt(Integer::intValue).toArray();
    }
}
