package dev.ownergate.owners;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Repo-relative path arithmetic: '/'-separated, no leading slash, the root folder is "". */
final class RepoPaths {

    private RepoPaths() {}

    static String dirOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    static String parentOf(String dir) {
        return dirOf(dir);
    }

    /** {@code path} relative to {@code dir}; {@code path} must be inside {@code dir}. */
    static String relativize(String dir, String path) {
        return dir.isEmpty() ? path : path.substring(dir.length() + 1);
    }

    static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }

    /** Resolves {@code .} and {@code ..}; empty when the path climbs above the root. */
    static Optional<String> normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return Optional.of(String.join("/", parts));
    }
}
