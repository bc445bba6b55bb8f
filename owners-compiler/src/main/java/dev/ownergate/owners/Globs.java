package dev.ownergate.owners;

import com.google.re2j.Pattern;
import java.util.Optional;

/** Gerrit-style per-file globs: validation, translation to RE2 and to a CODEOWNERS glob. */
final class Globs {

    private Globs() {}

    /** @throws IllegalArgumentException with a user-facing reason */
    static String toRegex(String glob) {
        validate(glob);
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                boolean segmentStart = i == 0 || glob.charAt(i - 1) == '/';
                if (slashAfter && segmentStart) {
                    re.append("(?:.*/)?"); // "**/" also matches no folder at all
                    i += 3;
                } else {
                    re.append(".*");
                    i += 2;
                }
            } else if (c == '*') {
                re.append("[^/]*");
                i++;
            } else if (c == '?') {
                re.append("[^/]");
                i++;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return re.toString();
    }

    private static void validate(String glob) {
        if (glob.isEmpty()) {
            throw new IllegalArgumentException("empty glob");
        }
        if (glob.startsWith("/")) {
            throw new IllegalArgumentException(
                    "per-file globs are relative to the OWNERS folder; remove the leading '/'");
        }
        for (String segment : glob.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException(
                        "per-file globs must name files in the OWNERS folder or below, without '.', '..' or '//'");
            }
        }
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if ("[]{}!\\".indexOf(c) >= 0) {
                throw new IllegalArgumentException("'" + c + "' is not supported in per-file globs"
                        + " (only *, ** and ?), because CODEOWNERS cannot express it");
            }
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("per-file globs cannot contain spaces");
            }
        }
    }

    /**
     * Same syntax as CODEOWNERS when every {@code **} is a whole path segment (gitignore treats any other
     * {@code **} like {@code *}); {@code **x} with no folder part is {@code **}{@code /*x}.
     */
    static Optional<String> toCodeownersGlob(String glob) {
        if (onlySegmentDoubleStars(glob)) {
            return Optional.of(glob);
        }
        if (glob.startsWith("**") && !glob.substring(2).contains("/") && !glob.substring(2).contains("**")) {
            return Optional.of("**/*" + glob.substring(2));
        }
        return Optional.empty();
    }

    private static boolean onlySegmentDoubleStars(String glob) {
        for (String segment : glob.split("/", -1)) {
            if (segment.contains("**") && !segment.equals("**")) {
                return false;
            }
        }
        return true;
    }
}
