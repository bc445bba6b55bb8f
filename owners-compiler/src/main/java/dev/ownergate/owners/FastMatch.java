package dev.ownergate.owners;

import java.util.Optional;
import java.util.function.Predicate;

/** String tests that are exactly equivalent to common regex and glob shapes, to keep resolution fast. */
final class FastMatch {

    private FastMatch() {}

    /** {@code LIT$} ends with, {@code ^LIT$} equals, {@code ^LIT} starts with, {@code LIT} contains. */
    static Optional<Predicate<String>> forRegex(String regex) {
        String r = regex;
        boolean start = false;
        if (r.startsWith("^")) {
            start = true;
            r = r.substring(1);
        }
        if (r.startsWith(".*")) {
            start = false;
            r = r.substring(2);
        }
        boolean end = false;
        if (r.endsWith("$") && !r.endsWith("\\$")) {
            end = true;
            r = r.substring(0, r.length() - 1);
        }
        Optional<String> literal = RegexGlobs.literal(r);
        if (literal.isEmpty()) {
            return Optional.empty();
        }
        String lit = literal.get();
        if (start && end) {
            return Optional.of(lit::equals);
        }
        if (start) {
            return Optional.of(p -> p.startsWith(lit));
        }
        if (end) {
            return Optional.of(p -> p.endsWith(lit));
        }
        return Optional.of(p -> p.contains(lit));
    }

    /** A glob without wildcards is equality; {@code *LIT} and {@code **}{@code /*LIT} are suffix tests. */
    static Optional<Predicate<String>> forGlob(String glob) {
        if (!hasWildcard(glob)) {
            return Optional.of(glob::equals);
        }
        if (glob.startsWith("**/*") && plainSegment(glob.substring(4))) {
            String lit = glob.substring(4);
            return Optional.of(p -> p.endsWith(lit));
        }
        if (glob.startsWith("*") && plainSegment(glob.substring(1))) {
            String lit = glob.substring(1);
            return Optional.of(p -> p.endsWith(lit) && p.indexOf('/') < 0);
        }
        return Optional.empty();
    }

    private static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }

    private static boolean plainSegment(String s) {
        return !hasWildcard(s) && s.indexOf('/') < 0;
    }
}
