package dev.ownergate.owners;

import com.google.re2j.Pattern;
import dev.ownergate.settings.PerFileGlobs;
import java.util.Optional;
import java.util.function.Predicate;

/** Gerrit-style per-file globs: validation, translation to RE2 and to a CODEOWNERS glob, in each syntax. */
final class Globs {

    private static final String ANY_PATH = "...";

    private Globs() {}

    /** @throws IllegalArgumentException with a user-facing reason */
    static String toRegex(String glob, PerFileGlobs syntax) {
        validate(glob);
        return switch (syntax) {
            case ONE_FOLDER -> toRegex(glob);
            case FIND_OWNERS -> toRegex(findOwnersAsOneFolder(glob));
            case SIMPLE -> simpleToRegex(glob);
        };
    }

    /**
     * Gerrit find-owners prefixes every glob with {@code {**}{@code /,}}: in one-folder terms, {@code **}{@code /}
     * in front (which also matches no folder). A glob that already starts with {@code **} is unchanged by it.
     */
    static String findOwnersAsOneFolder(String glob) {
        return glob.startsWith("**") ? glob : "**/" + glob;
    }

    static Optional<Predicate<String>> fastMatch(String glob, PerFileGlobs syntax) {
        return switch (syntax) {
            case ONE_FOLDER -> FastMatch.forGlob(glob);
            case FIND_OWNERS -> FastMatch.forGlob(findOwnersAsOneFolder(glob));
            case SIMPLE -> Optional.empty();
        };
    }

    static Optional<String> toCodeownersGlob(String glob, PerFileGlobs syntax) {
        return switch (syntax) {
            case ONE_FOLDER -> toCodeownersGlob(glob);
            case FIND_OWNERS -> toCodeownersGlob(findOwnersAsOneFolder(glob));
            case SIMPLE -> simpleToCodeownersGlob(glob);
        };
    }

    /** Gerrit SIMPLE: {@code ...} is any string (slashes included), {@code *} any string without a slash. */
    private static String simpleToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            if (glob.startsWith(ANY_PATH, i)) {
                re.append(".*");
                i += ANY_PATH.length();
            } else if (glob.charAt(i) == '*') {
                re.append("[^/]*");
                i++;
            } else {
                re.append(Pattern.quote(String.valueOf(glob.charAt(i))));
                i++;
            }
        }
        return re.toString();
    }

    /**
     * A SIMPLE expression in CODEOWNERS terms, where one exists: {@code ...} as a whole segment (at least one
     * folder in the middle or front, anything in the last place), or {@code ...LIT} as the last segment. Paths
     * never hold an empty segment, so {@code .../BUILD.gn} is {@code *}{@code /**}{@code /BUILD.gn}. A {@code ?}
     * is literal in SIMPLE but a wildcard in CODEOWNERS, so such expressions are listed file by file.
     */
    private static Optional<String> simpleToCodeownersGlob(String glob) {
        if (glob.indexOf('?') >= 0) {
            return Optional.empty();
        }
        String[] segments = glob.split("/", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            String seg = segments[i];
            boolean last = i == segments.length - 1;
            if (i > 0) {
                out.append('/');
            }
            if (seg.equals(ANY_PATH)) {
                out.append(last ? "**" : "*/**");
            } else if (last && seg.startsWith(ANY_PATH) && !seg.substring(3).contains(ANY_PATH)
                    && seg.substring(3).indexOf('*') < 0) {
                out.append("**/*").append(seg.substring(3));
            } else if (seg.contains(ANY_PATH) || seg.contains("**")) {
                return Optional.empty();
            } else {
                out.append(seg);
            }
        }
        return Optional.of(out.toString());
    }

    private static String toRegex(String glob) {
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
