package dev.ownergate.codeowners;

/**
 * A path cut at its slashes, without copying: segment i is {@code path[starts[i], ends[i])}, and
 * {@code hashes[i]} is that slice's {@link String#hashCode()}, for index lookups. Loops that cut many paths one
 * after another on one thread reuse one instance ({@link #scratch}, {@link #fill}) instead of allocating.
 */
final class PathSegments {
    String path;
    int count;
    // start, end, hash and last dot of each segment, four ints a segment: one allocation per lookup.
    private int[] data;

    private PathSegments() {
        this.data = new int[32];
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
        return isEmpty(path) ? null : new PathSegments().fill(path);
    }

    /** An instance to {@link #fill} again and again on one thread; it holds no path until then. */
    static PathSegments scratch() {
        return new PathSegments();
    }

    private static boolean isEmpty(String path) {
        return path == null || path.isEmpty() || path.equals("/");
    }

    /** This instance, now cut at {@code path}'s slashes, as {@link #of} would; null for an empty path. */
    PathSegments fill(String path) {
        return isEmpty(path) ? null : fill(path, path.charAt(0) == '/' ? 1 : 0);
    }

    /**
     * This instance, now cut at the slashes of {@code path} from index {@code from} on, as {@link #of} would cut
     * {@code path.substring(from)} (but indexing into {@code path}); null when nothing is left.
     */
    PathSegments fill(String path, int from) {
        int length = path.length();
        if (from >= length) {
            return null;
        }
        // One pass; most paths have fewer than 8 segments.
        int[] data = this.data;
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
                    this.data = data;
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
        this.path = path;
        this.count = (base >> 2) + 1;
        return this;
    }
}
