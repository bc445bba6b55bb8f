package dev.ownergate.codeowners;

/**
 * A path cut at its slashes, without copying: segment i is {@code path[starts[i], ends[i])}, and
 * {@code hashes[i]} is that slice's {@link String#hashCode()}, for index lookups.
 */
final class PathSegments {
    final String path;
    final int count;
    // start, end, hash and last dot of each segment, four ints a segment: one allocation per lookup.
    private final int[] data;

    private PathSegments(String path, int count, int[] data) {
        this.path = path;
        this.count = count;
        this.data = data;
    }

    int start(int segment) {
        return data[segment << 2];
    }

    int end(int segment) {
        return data[(segment << 2) + 1];
    }

    int hash(int segment) {
        return data[(segment << 2) + 2];
    }

    /** Index in {@code path} of the last '.' of the segment, or -1. */
    int lastDot(int segment) {
        return data[(segment << 2) + 3];
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
        int[] data = new int[32];
        int base = 0;
        int hash = 0;
        int lastDot = -1;
        data[0] = from;
        for (int i = from; i < length; i++) {
            char c = path.charAt(i);
            if (c == '/') {
                data[base + 1] = i;
                data[base + 2] = hash;
                data[base + 3] = lastDot;
                base += 4;
                hash = 0;
                lastDot = -1;
                if (base == data.length) {
                    data = java.util.Arrays.copyOf(data, data.length * 2);
                }
                data[base] = i + 1;
            } else {
                if (c == '.') {
                    lastDot = i;
                }
                hash = 31 * hash + c;
            }
        }
        data[base + 1] = length;
        data[base + 2] = hash;
        data[base + 3] = lastDot;
        return new PathSegments(path, (base >> 2) + 1, data);
    }
}
