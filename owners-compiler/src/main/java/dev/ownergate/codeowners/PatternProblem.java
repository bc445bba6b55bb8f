package dev.ownergate.codeowners;

import java.util.Optional;

/**
 * Why GitHub rejects a pattern: the gitignore features it does not support (GitHub docs, "About code owners",
 * syntax exceptions: escaping a leading {@code #}, {@code !} negation, {@code [ ]} ranges) and {@code ***},
 * which GitHub reports as "Invalid pattern ... Did you mean `**`?".
 *
 * @param offset     0-based index in the pattern of the character at fault
 * @param suggestion what to write instead
 */
record PatternProblem(int offset, String suggestion) {

    static Optional<PatternProblem> find(String pattern) {
        if (pattern.startsWith("\\#")) {
            return Optional.of(new PatternProblem(0, "CODEOWNERS cannot escape a leading `#`; match it with `?`"
                    + " instead: `?" + pattern.substring(2) + "`"));
        }
        if (pattern.startsWith("!")) {
            return Optional.of(new PatternProblem(0, "CODEOWNERS has no `!` negation; to leave paths unowned,"
                    + " add a later line with just the pattern `" + pattern.substring(1) + "` and no owners"));
        }
        int stars = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
                stars = 0;
            } else if (c == '*') {
                if (++stars == 3) {
                    return Optional.of(new PatternProblem(i - 2, "Did you mean `" + collapseStars(pattern) + "`?"));
                }
            } else {
                stars = 0;
            }
        }
        int open = -1;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[' && open < 0) {
                open = i;
            } else if (c == ']' && open >= 0) {
                return Optional.of(new PatternProblem(open, "CODEOWNERS has no `[ ]` character ranges; write one"
                        + " line per name, or use `?` for a single character"));
            }
        }
        return Optional.empty();
    }

    private static String collapseStars(String pattern) {
        StringBuilder out = new StringBuilder(pattern.length());
        int stars = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                out.append(c).append(pattern.charAt(++i));
                stars = 0;
            } else if (c == '*') {
                if (++stars <= 2) {
                    out.append(c);
                }
            } else {
                out.append(c);
                stars = 0;
            }
        }
        return out.toString();
    }
}
