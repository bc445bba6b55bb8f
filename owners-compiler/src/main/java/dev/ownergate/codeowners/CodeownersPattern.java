package dev.ownergate.codeowners;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One CODEOWNERS pattern with GitHub's semantics (docs: "About code owners", CODEOWNERS syntax), checked
 * against every row of the hmarr/codeowners conformance table:
 * <ul>
 *   <li>case-sensitive; {@code *} and {@code ?} never cross a {@code /}; {@code **} spans any number of
 *       folders, including none ({@code foo/**}{@code /bar} matches {@code foo/bar});</li>
 *   <li>a leading {@code /} or a slash in the middle anchors the pattern at the repository root; a pattern
 *       without one matches at any depth;</li>
 *   <li>a pattern matching a folder matches everything below it, so {@code docs} owns {@code x/docs/a.md};</li>
 *   <li>a trailing {@code /} (or {@code /**}) means a folder: its contents match, a file of that name does not;</li>
 *   <li>a last segment that is a lone {@code *} matches direct children only: unlike gitignore, {@code docs/*}
 *       does not match {@code docs/build-app/troubleshooting.md} (the GitHub docs example);</li>
 *   <li>{@code /} alone matches nothing; a backslash makes the next character literal.</li>
 * </ul>
 * Paths are repo-relative FILE paths without a leading slash (one leading slash is tolerated). Immutable.
 */
public final class CodeownersPattern {

    private final String source;
    private final Segment[] core;
    private final boolean folderOnly;
    private final boolean directChildrenOnly;
    private final Segment[] whole;

    private CodeownersPattern(String source, Segment[] core, boolean folderOnly, boolean directChildrenOnly) {
        this.source = source;
        this.core = core;
        this.folderOnly = folderOnly;
        this.directChildrenOnly = directChildrenOnly;
        this.whole = wholePathForm(core, folderOnly, directChildrenOnly);
    }

    /**
     * Compiles a pattern as written in a CODEOWNERS file (escapes included).
     *
     * @throws IllegalArgumentException when GitHub rejects the pattern ({@link CodeownersFile#parse} reports
     *         those lines instead of compiling them)
     */
    public static CodeownersPattern compile(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("empty CODEOWNERS pattern");
        }
        Optional<PatternProblem> problem = PatternProblem.find(pattern);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("invalid CODEOWNERS pattern '" + pattern + "': "
                    + problem.get().suggestion());
        }
        List<String> raw = splitOnUnescapedSlash(pattern);
        boolean anchored = false;
        if (raw.size() > 1 && raw.get(0).isEmpty()) {
            anchored = true;
            raw.remove(0);
        }
        boolean folderOnly = false;
        if (raw.size() > 1 && raw.get(raw.size() - 1).isEmpty()) {
            folderOnly = true;
            raw.remove(raw.size() - 1);
        }
        if (raw.size() == 1 && raw.get(0).isEmpty()) {
            return new CodeownersPattern(pattern, null, false, false); // "/": GitHub says it never matches
        }
        // gitignore rule kept by GitHub: a slash at the start or in the middle anchors the pattern.
        anchored |= raw.size() > 1;
        List<Segment> segments = new ArrayList<>();
        if (!anchored) {
            segments.add(Segment.DOUBLE_STAR);
        }
        for (String r : raw) {
            Segment s = Segment.parse(r);
            boolean repeatedDoubleStar = s.kind == Segment.DOUBLE_STAR_KIND && !segments.isEmpty()
                    && segments.get(segments.size() - 1).kind == Segment.DOUBLE_STAR_KIND;
            if (!repeatedDoubleStar) {
                segments.add(s);
            }
        }
        // "foo/**" and "foo/**/" both mean: everything inside the folder foo.
        if (segments.size() > 1 && segments.get(segments.size() - 1).kind == Segment.DOUBLE_STAR_KIND) {
            segments.remove(segments.size() - 1);
            folderOnly = true;
        }
        boolean directChildrenOnly = !folderOnly
                && segments.get(segments.size() - 1).kind == Segment.LONE_STAR_KIND;
        return new CodeownersPattern(pattern, segments.toArray(Segment[]::new), folderOnly, directChildrenOnly);
    }

    /**
     * A pattern that matches what follows a folder D in a path below D as {@code /D/glob} matches the whole path,
     * so a loop over a folder's files skips D's segments; null when {@code /glob} would mean something else
     * (empty, {@code **}, {@code **}{@code /}: everything at the root, not "anything below").
     */
    static CodeownersPattern belowFolder(String glob) {
        CodeownersPattern pattern;
        try {
            pattern = compile("/" + glob);
        } catch (IllegalArgumentException e) {
            return null;
        }
        Segment[] core = pattern.core;
        return core == null || (core.length == 1 && core[0].kind == Segment.DOUBLE_STAR_KIND) ? null : pattern;
    }

    /** The pattern as written in the file. */
    public String pattern() {
        return source;
    }

    /** True when this file path is owned by the pattern. */
    public boolean matches(String path) {
        PathSegments segments = PathSegments.of(path);
        return segments != null && matches(segments);
    }

    boolean matches(PathSegments path) {
        return whole != null && matchSegments(whole, path);
    }

    /** Null for {@code /}, which matches nothing; otherwise the segments, with a leading ** when unanchored. */
    Segment[] core() {
        return core;
    }

    /** Only paths strictly below what {@link #core} matches are owned (trailing slash, or trailing /**). */
    boolean folderOnly() {
        return folderOnly;
    }

    /** The last segment is a lone {@code *}: only what it matches, nothing below it. */
    boolean directChildrenOnly() {
        return directChildrenOnly;
    }

    // The core must match a prefix of the path: all of it (direct children only), a proper prefix (folder), or
    // any prefix (a file, or a folder and everything below). Expressed as one whole-path segment pattern.
    private static Segment[] wholePathForm(Segment[] core, boolean folderOnly, boolean directChildrenOnly) {
        if (core == null) {
            return null;
        }
        List<Segment> whole = new ArrayList<>(List.of(core));
        boolean everything = core.length == 1 && core[0].kind == Segment.DOUBLE_STAR_KIND;
        if (everything && folderOnly) {
            // "**/": any folder at all, so every file that is in a folder.
            return new Segment[] {Segment.ANY, Segment.ANY, Segment.DOUBLE_STAR};
        }
        if (folderOnly) {
            whole.add(Segment.ANY);
            whole.add(Segment.DOUBLE_STAR);
        } else if (!directChildrenOnly && !everything) {
            whole.add(Segment.DOUBLE_STAR);
        }
        return whole.toArray(Segment[]::new);
    }

    // Greedy matching with backtracking to the last **: linear for one **, O(segments x pattern) at worst.
    private static boolean matchSegments(Segment[] pattern, PathSegments path) {
        String text = path.path;
        int n = path.count;
        int pi = 0;
        int si = 0;
        int starPi = -1;
        int starSi = 0;
        while (si < n) {
            if (pi < pattern.length && pattern[pi].kind == Segment.DOUBLE_STAR_KIND) {
                starPi = pi++;
                starSi = si;
            } else if (pi < pattern.length && pattern[pi].matches(text, path.start(si), path.end(si))) {
                pi++;
                si++;
            } else if (starPi >= 0) {
                pi = starPi + 1;
                si = ++starSi;
            } else {
                return false;
            }
        }
        while (pi < pattern.length && pattern[pi].kind == Segment.DOUBLE_STAR_KIND) {
            pi++;
        }
        return pi == pattern.length;
    }

    private static List<String> splitOnUnescapedSlash(String pattern) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                current.append(c).append(pattern.charAt(++i));
            } else if (c == '/') {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodeownersPattern other && source.equals(other.source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }

    /** One path segment of a pattern: {@code **}, a lone {@code *}, a literal name, or a glob. */
    static final class Segment {
        static final byte DOUBLE_STAR_KIND = 0;
        static final byte ANY_KIND = 1;
        static final byte LONE_STAR_KIND = 2;
        static final byte LITERAL_KIND = 3;
        static final byte GLOB_KIND = 4;

        static final int QUESTION = -1;
        static final int STAR = -2;

        static final Segment DOUBLE_STAR = new Segment(DOUBLE_STAR_KIND, null, null);
        /** Any one segment, even an empty one; only used for the "something below" tail. */
        static final Segment ANY = new Segment(ANY_KIND, null, null);
        static final Segment LONE_STAR = new Segment(LONE_STAR_KIND, null, null);

        final byte kind;
        /** For literals: the name with escapes removed. */
        final String literal;
        /** For globs: characters (>= 0), {@link #QUESTION} or {@link #STAR}. */
        final int[] glob;

        /** For {@code *literal} globs (the usual {@code *.py}): the literal, matched as a suffix; else null. */
        private final String suffix;

        private Segment(byte kind, String literal, int[] glob) {
            this.kind = kind;
            this.literal = literal;
            this.glob = glob;
            this.suffix = isStarThenLiteral() ? literalSuffix() : null;
        }

        static Segment parse(String raw) {
            if (raw.equals("**")) {
                return DOUBLE_STAR;
            }
            if (raw.equals("*")) {
                return LONE_STAR;
            }
            int[] program = new int[raw.length()];
            int length = 0;
            boolean wild = false;
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '\\' && i + 1 < raw.length()) {
                    program[length++] = raw.charAt(++i);
                } else if (c == '*') {
                    wild = true;
                    // Within a segment, "**" is just "*" (gitignore: other consecutive asterisks are regular).
                    if (length == 0 || program[length - 1] != STAR) {
                        program[length++] = STAR;
                    }
                } else if (c == '?') {
                    wild = true;
                    program[length++] = QUESTION;
                } else {
                    program[length++] = c;
                }
            }
            if (!wild) {
                StringBuilder name = new StringBuilder(length);
                for (int i = 0; i < length; i++) {
                    name.append((char) program[i]);
                }
                return new Segment(LITERAL_KIND, name.toString(), null);
            }
            return new Segment(GLOB_KIND, null, java.util.Arrays.copyOf(program, length));
        }

        boolean matches(String text, int start, int end) {
            return switch (kind) {
                case ANY_KIND -> true;
                case LONE_STAR_KIND -> end > start;
                case LITERAL_KIND -> end - start == literal.length() && text.startsWith(literal, start);
                case GLOB_KIND -> suffix != null
                        ? end - start >= suffix.length() && text.startsWith(suffix, end - suffix.length())
                        : globMatches(text, start, end);
                default -> false;
            };
        }

        boolean globMatches(String text, int start, int end) {
            int pi = 0;
            int ti = start;
            int starPi = -1;
            int starTi = 0;
            while (ti < end) {
                if (pi < glob.length && glob[pi] == STAR) {
                    starPi = pi++;
                    starTi = ti;
                } else if (pi < glob.length && (glob[pi] == QUESTION || glob[pi] == text.charAt(ti))) {
                    pi++;
                    ti++;
                } else if (starPi >= 0) {
                    pi = starPi + 1;
                    ti = ++starTi;
                } else {
                    return false;
                }
            }
            while (pi < glob.length && glob[pi] == STAR) {
                pi++;
            }
            return pi == glob.length;
        }

        /** The literal text after the last {@code *}, when the glob ends in plain characters; else null. */
        String literalSuffix() {
            if (kind != GLOB_KIND) {
                return null;
            }
            StringBuilder s = new StringBuilder();
            for (int i = glob.length - 1; i >= 0 && glob[i] >= 0; i--) {
                s.append((char) glob[i]);
            }
            return s.isEmpty() ? null : s.reverse().toString();
        }

        /** The literal text before the first wildcard, when the glob starts with plain characters; else null. */
        String literalPrefix() {
            if (kind != GLOB_KIND) {
                return null;
            }
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < glob.length && glob[i] >= 0; i++) {
                s.append((char) glob[i]);
            }
            return s.isEmpty() ? null : s.toString();
        }

        /** True for {@code *literal}: one leading star and nothing else wild. */
        boolean isStarThenLiteral() {
            if (kind != GLOB_KIND || glob.length < 2 || glob[0] != STAR) {
                return false;
            }
            for (int i = 1; i < glob.length; i++) {
                if (glob[i] < 0) {
                    return false;
                }
            }
            return true;
        }

        /** True for {@code literal*}: one trailing star and nothing else wild. */
        boolean isLiteralThenStar() {
            if (kind != GLOB_KIND || glob.length < 2 || glob[glob.length - 1] != STAR) {
                return false;
            }
            for (int i = 0; i < glob.length - 1; i++) {
                if (glob[i] < 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
