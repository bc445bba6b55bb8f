package dev.ownergate.codeowners;

/** A path cut at its slashes, without copying: segment i is {@code path[starts[i], ends[i])}. */
final class PathSegments {
    final String path;
    final int count;
    final int[] starts;
    final int[] ends;

    private PathSegments(String path, int count, int[] starts, int[] ends) {
        this.path = path;
        this.count = count;
        this.starts = starts;
        this.ends = ends;
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
        int count = 1;
        for (int i = from; i < length; i++) {
            if (path.charAt(i) == '/') {
                count++;
            }
        }
        int[] starts = new int[count];
        int[] ends = new int[count];
        int segment = 0;
        starts[0] = from;
        for (int i = from; i < length; i++) {
            if (path.charAt(i) == '/') {
                ends[segment++] = i;
                starts[segment] = i + 1;
            }
        }
        ends[segment] = length;
        return new PathSegments(path, count, starts, ends);
    }

    /** The same hash as {@code path.substring(start, end).hashCode()}, without the copy. */
    int hash(int segment) {
        int h = 0;
        for (int i = starts[segment], end = ends[segment]; i < end; i++) {
            h = 31 * h + path.charAt(i);
        }
        return h;
    }
}
