package dev.ownergate.owners;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The CODEOWNERS globs that match exactly the paths a Prow filter regex matches, when such a set exists.
 *
 * <p>Prow matches a filter with find semantics against the path relative to the OWNERS folder, so an unanchored
 * regex ending in {@code $} is a suffix test ({@code BUILD(\.bazel)?$} is {@code **}{@code /*BUILD} and
 * {@code **}{@code /*BUILD.bazel}) and one without {@code $} is a prefix test ({@code ^docs} is {@code docs*}:
 * in CODEOWNERS a pattern that names a folder owns everything below it). This class parses the subset of RE2
 * that has such a translation: literals and escaped punctuation, groups, alternation, {@code ?}, {@code .*},
 * {@code [^/]}, {@code [^/]*}, small character classes, {@code ^} and {@code $}. Alternatives and optional
 * groups are expanded into several globs (at most {@link #MAX_GLOBS}). Everything else (a lone {@code .},
 * {@code +}, {@code \d}, flags, {@code .*} between two literals) has no exact glob, and the compiler lists files.
 *
 * <p>Exact means: a file matches one of the globs as a CODEOWNERS pattern exactly when the regex matches the
 * file's path or one of its folders. The folder part is CODEOWNERS semantics and cannot be switched off:
 * {@code **}{@code /*.go} also owns {@code gen.go/x.txt}, which {@code \.go$} does not match. The compiler's
 * self-check corrects existing files of that shape; RegexGlobsPropertyTest states the equivalence on random paths.
 *
 * <p>RE2/J has no public syntax tree, hence this small parser; anything it does not know makes it give up.
 */
final class RegexGlobs {

    /** More globs than this for one regex are not worth it: the compiler lists the files instead. */
    static final int MAX_GLOBS = 16;

    // Markers for the parts of an expanded alternative that are not literal characters (private-use code points;
    // a regex that contains them literally has no glob).
    private static final char ANY = '\uE000';      // .*
    private static final char SEGMENT = '\uE001';  // [^/]*
    private static final char ONE = '\uE002';      // [^/]
    private static final char START = '\uE003';   // ^
    private static final char END = '\uE004';     // $
    private static final char DOT = '\uE005';     // . (only usable before *)

    /** Characters CODEOWNERS cannot hold literally in a pattern (see CodeownersPaths in the compiler). */
    private static final String UNWRITABLE = "#[]!*?\\";

    private RegexGlobs() {}

    /** The single glob for the regex, when its exact glob set has exactly one element. */
    static Optional<String> toGlob(String regex) {
        return toGlobs(regex).filter(globs -> globs.size() == 1).map(List::getFirst);
    }

    /** Globs that together match exactly what the regex matches (relative to the OWNERS folder), if any. */
    static Optional<List<String>> toGlobs(String regex) {
        for (int i = 0; i < regex.length(); i++) {
            if (regex.charAt(i) >= ANY && regex.charAt(i) <= DOT) {
                return Optional.empty();
            }
        }
        List<String> alternatives;
        try {
            Parser parser = new Parser(regex);
            alternatives = parser.alternation();
            if (parser.pos != regex.length()) {
                return Optional.empty(); // an unbalanced ')'
            }
        } catch (NoGlob e) {
            return Optional.empty();
        }
        Set<String> globs = new LinkedHashSet<>();
        for (String alternative : alternatives) {
            Optional<String> glob = toGlobOfOne(alternative);
            if (glob.isEmpty()) {
                return Optional.empty();
            }
            globs.add(glob.get());
        }
        if (globs.contains("**")) {
            return Optional.of(List.of("**"));
        }
        return Optional.of(List.copyOf(globs));
    }

    /** One expanded alternative (literals and markers) to one glob. */
    private static Optional<String> toGlobOfOne(String alternative) {
        String body = alternative;
        boolean anchoredStart = false;
        boolean anchoredEnd = false;
        // ^ may repeat (^^a), and $ too; anywhere else they can only match an empty string at that place.
        while (!body.isEmpty() && body.charAt(0) == START) {
            anchoredStart = true;
            body = body.substring(1);
        }
        while (!body.isEmpty() && body.charAt(body.length() - 1) == END) {
            anchoredEnd = true;
            body = body.substring(0, body.length() - 1);
        }
        if (body.indexOf(START) >= 0 || body.indexOf(END) >= 0 || body.indexOf(DOT) >= 0) {
            return Optional.empty();
        }
        String tokens = collapse((anchoredStart ? "" : String.valueOf(ANY)) + body + (anchoredEnd ? "" : String.valueOf(ANY)));
        if (tokens.equals(String.valueOf(ANY))) {
            return Optional.of("**");
        }
        if (tokens.isEmpty()) {
            return Optional.empty(); // only the empty path, which is no file
        }
        StringBuilder glob = new StringBuilder();
        for (int i = 0; i < tokens.length(); i++) {
            char c = tokens.charAt(i);
            boolean first = i == 0;
            boolean last = i == tokens.length() - 1;
            if (c == ANY) {
                if (first) {
                    if (tokens.charAt(1) == '/') {
                        return Optional.empty(); // ".*/x" needs at least one folder before x
                    }
                    glob.append("**/*");
                } else if (last) {
                    // "x.*": x, then anything; a pattern naming a folder owns everything below it.
                    glob.append(glob.charAt(glob.length() - 1) == '/' ? "**" : "*");
                } else {
                    return Optional.empty(); // ".*" between two parts can span folders
                }
            } else if (c == SEGMENT) {
                glob.append('*');
            } else if (c == ONE) {
                glob.append('?');
            } else if (UNWRITABLE.indexOf(c) >= 0 || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return Optional.empty();
            } else {
                glob.append(c);
            }
        }
        String g = glob.toString();
        if (g.startsWith("/") || g.endsWith("/") || g.contains("//")) {
            return Optional.empty(); // relative paths never start with '/', and files never end with one
        }
        for (String segment : g.split("/", -1)) {
            if (segment.contains("**") && !segment.equals("**")) {
                return Optional.empty();
            }
        }
        return Optional.of(g);
    }

    /** {@code .*} absorbs a neighbouring {@code .*} or {@code [^/]*}; two {@code [^/]*} are one. */
    private static String collapse(String tokens) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < tokens.length(); i++) {
            char c = tokens.charAt(i);
            char prev = out.isEmpty() ? 0 : out.charAt(out.length() - 1);
            if ((c == ANY || c == SEGMENT) && (prev == ANY || prev == SEGMENT)) {
                if (c == ANY) {
                    out.setCharAt(out.length() - 1, ANY);
                }
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static final class NoGlob extends Exception {
        NoGlob() {
            super(null, null, false, false);
        }
    }

    /** Recursive descent over the RE2 subset; each method returns the expanded alternatives of what it read. */
    private static final class Parser {
        private final String re;
        private int pos;

        Parser(String re) {
            this.re = re;
        }

        List<String> alternation() throws NoGlob {
            List<String> all = new ArrayList<>(sequence());
            while (pos < re.length() && re.charAt(pos) == '|') {
                pos++;
                all.addAll(sequence());
                limit(all);
            }
            return all;
        }

        private List<String> sequence() throws NoGlob {
            List<String> result = List.of("");
            while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
                List<String> atom = atom();
                if (pos < re.length()) {
                    char q = re.charAt(pos);
                    if (q == '*') {
                        pos++;
                        atom = star(atom);
                        lazy();
                    } else if (q == '?') {
                        pos++;
                        List<String> optional = new ArrayList<>();
                        optional.add(""); // the shorter reading first: BUILD before BUILD.bazel
                        optional.addAll(atom);
                        atom = optional;
                        lazy();
                    } else if (q == '+' || q == '{') {
                        throw new NoGlob();
                    }
                }
                if (atom.size() == 1 && atom.getFirst().equals(String.valueOf(DOT))) {
                    throw new NoGlob(); // a lone '.' is any character, '/' included: no glob says that
                }
                List<String> next = new ArrayList<>();
                for (String a : result) {
                    for (String b : atom) {
                        next.add(a + b);
                    }
                }
                result = limit(next);
            }
            return result;
        }

        /** A '?' after a quantifier makes it lazy, which changes what is matched first, not what matches. */
        private void lazy() {
            if (pos < re.length() && re.charAt(pos) == '?') {
                pos++;
            }
        }

        private static List<String> star(List<String> atom) throws NoGlob {
            if (atom.size() == 1 && atom.getFirst().equals(String.valueOf(DOT))) {
                return List.of(String.valueOf(ANY));
            }
            if (atom.size() == 1 && atom.getFirst().equals(String.valueOf(ONE))) {
                return List.of(String.valueOf(SEGMENT));
            }
            throw new NoGlob();
        }

        private List<String> atom() throws NoGlob {
            char c = re.charAt(pos++);
            switch (c) {
                case '(' -> {
                    if (re.startsWith("?:", pos)) {
                        pos += 2;
                    } else if (pos < re.length() && re.charAt(pos) == '?') {
                        throw new NoGlob(); // flags and named groups
                    }
                    List<String> inner = alternation();
                    if (pos >= re.length() || re.charAt(pos) != ')') {
                        throw new NoGlob();
                    }
                    pos++;
                    return inner;
                }
                case '.' -> {
                    return List.of(String.valueOf(DOT));
                }
                case '^' -> {
                    return List.of(String.valueOf(START));
                }
                case '$' -> {
                    return List.of(String.valueOf(END));
                }
                case '[' -> {
                    return characterClass();
                }
                case '\\' -> {
                    if (pos >= re.length()) {
                        throw new NoGlob();
                    }
                    char next = re.charAt(pos++);
                    if (Character.isLetterOrDigit(next)) {
                        throw new NoGlob(); // \d, \w, \b, \A, \z, \Q... are not literals
                    }
                    return List.of(String.valueOf(next));
                }
                case '*', '+', '?', '{', ')', '|' -> throw new NoGlob();
                default -> {
                    return List.of(String.valueOf(c));
                }
            }
        }

        /** {@code [^/]}, or a small class of literal characters such as {@code [._-]} or {@code [a-c]}. */
        private List<String> characterClass() throws NoGlob {
            if (re.startsWith("^/]", pos)) {
                pos += 3;
                return List.of(String.valueOf(ONE));
            }
            if (pos < re.length() && re.charAt(pos) == '^') {
                throw new NoGlob();
            }
            Set<String> chars = new LinkedHashSet<>();
            boolean firstChar = true;
            while (pos < re.length() && (re.charAt(pos) != ']' || firstChar)) {
                char c = re.charAt(pos++);
                firstChar = false;
                if (c == '[') {
                    throw new NoGlob(); // [:alpha:] and friends
                }
                if (c == '\\') {
                    if (pos >= re.length() || Character.isLetterOrDigit(re.charAt(pos))) {
                        throw new NoGlob();
                    }
                    c = re.charAt(pos++);
                }
                if (pos + 1 < re.length() && re.charAt(pos) == '-' && re.charAt(pos + 1) != ']') {
                    char to = re.charAt(pos + 1);
                    pos += 2;
                    if (to == '\\' || to < c || to - c >= MAX_GLOBS) {
                        throw new NoGlob();
                    }
                    for (char x = c; x <= to; x++) {
                        chars.add(String.valueOf(x));
                    }
                } else {
                    chars.add(String.valueOf(c));
                }
                if (chars.size() > MAX_GLOBS) {
                    throw new NoGlob();
                }
            }
            if (pos >= re.length()) {
                throw new NoGlob();
            }
            pos++; // ']'
            return List.copyOf(chars);
        }

        private static List<String> limit(List<String> alternatives) throws NoGlob {
            if (alternatives.size() > MAX_GLOBS) {
                throw new NoGlob();
            }
            return alternatives;
        }
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
