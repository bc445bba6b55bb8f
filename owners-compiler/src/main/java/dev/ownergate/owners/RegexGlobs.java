package dev.ownergate.owners;

import java.util.Optional;

/**
 * Best CODEOWNERS glob for the common shapes of Prow filter regexes ({@code \.go$}, {@code ^docs/},
 * {@code ^README\.md$}, {@code .*_test\.go$}). Anything else has no glob; the compiler then lists files.
 */
final class RegexGlobs {

    private RegexGlobs() {}

    static Optional<String> toGlob(String regex) {
        String r = regex;
        boolean anchoredStart = false;
        if (r.startsWith("^")) {
            anchoredStart = true;
            r = r.substring(1);
        }
        if (r.startsWith(".*")) {
            // ".*" at the start is the same as no anchor at all.
            anchoredStart = false;
            r = r.substring(2);
        }
        boolean anchoredEnd = false;
        if (r.endsWith("$") && !r.endsWith("\\$")) {
            anchoredEnd = true;
            r = r.substring(0, r.length() - 1);
        }
        if (r.isEmpty()) {
            return anchoredStart && anchoredEnd ? Optional.empty() : Optional.of("**");
        }
        Optional<String> literal = literal(r);
        if (literal.isEmpty()) {
            return Optional.empty();
        }
        String lit = literal.get();
        if (!lit.contains("/")) {
            if (anchoredStart && anchoredEnd) {
                return Optional.of(lit);
            }
            if (anchoredEnd) {
                return Optional.of("**/*" + lit);
            }
            if (!anchoredStart) {
                // "contains lit": some folder or the file name contains it.
                return Optional.of("**/*" + lit + "*");
            }
            return Optional.empty();
        }
        if (anchoredStart && anchoredEnd && !lit.startsWith("/") && !lit.contains("//")) {
            return Optional.of(lit);
        }
        if (anchoredStart && !anchoredEnd && lit.endsWith("/") && !lit.startsWith("/") && !lit.contains("//")) {
            return Optional.of(lit + "**");
        }
        return Optional.empty();
    }

    /** The regex as a literal string when it is one (letters, digits, {@code _-/} and escaped punctuation). */
    static Optional<String> literal(String r) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == '\\') {
                if (i + 1 >= r.length()) {
                    return Optional.empty();
                }
                char next = r.charAt(++i);
                if (Character.isLetterOrDigit(next) || "*?[]".indexOf(next) >= 0) {
                    return Optional.empty(); // \d, \w ... are classes; glob metacharacters cannot be literal
                }
                out.append(next);
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '/') {
                out.append(c);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(out.toString());
    }
}
