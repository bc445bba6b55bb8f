package dev.ownergate.codeowners;

/**
 * A path cut at its slashes, without copying: segment i is {@code path[starts[i], ends[i])}, and
 * {@code hashes[i]} is that slice's {@link String#hashCode()}, for index lookups.
 */
final class PathSegments {
    final String path;
    final int count;
    final int[] starts;
    final int[] ends;
    final int[] hashes;
    /** Index in {@code path} of the last '.' of each segment, or -1. */
    final int[] lastDots;

    private PathSegments(String path, int count, int[] starts, int[] ends, int[] hashes, int[] lastDots) {
        this.path = path;
        this.count = count;
        this.starts = starts;
        this.ends = ends;
        this.hashes = hashes;
        this.lastDots = lastDots;
    }

    /** Null for an empty path (the repository root is not a file). One leading slash is ignored. */
    static PathSegments of(String path) {
        if (path == null) {
            return null;
        }
        int from = !path.isEmpty() && path.charAt(0) == '/' ? 1 : 0;
        int length = path.length();
        if (from == length) {
            return null;
        }
        // One pass; most paths have fewer than 8 segments.
        int[] starts = new int[8];
        int[] ends = new int[8];
        int[] hashes = new int[8];
        int[] lastDots = new int[8];
        int segment = 0;
        int hash = 0;
        int lastDot = -1;
        starts[0] = from;
        for (int i = from; i < length; i++) {
            char c = path.charAt(i);
            if (c == '/') {
                ends[segment] = i;
                lastDots[segment] = lastDot;
                hashes[segment++] = hash;
                hash = 0;
                lastDot = -1;
                if (segment == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, segment * 2);
                    ends = java.util.Arrays.copyOf(ends, segment * 2);
                    hashes = java.util.Arrays.copyOf(hashes, segment * 2);
                    lastDots = java.util.Arrays.copyOf(lastDots, segment * 2);
                }
                starts[segment] = i + 1;
            } else {
                if (c == '.') {
                    lastDot = i;
                }
                hash = 31 * hash + c;
            }
        }
        ends[segment] = length;
        hashes[segment] = hash;
        lastDots[segment] = lastDot;
        int count = segment + 1;
        return new PathSegments(path, count, starts, ends, hashes, lastDots);
    }
}
