package dev.ownergate.owners;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which files of an OWNERS folder an entry applies to. Paths are relative to the OWNERS file's folder
 * ({@code sub/a.go} for {@code lib/sub/a.go} under {@code lib/OWNERS}). Filters are equal when their text is.
 */
public sealed interface PathFilter {

    PathFilter ALL = new All();

    boolean matches(String relativePath);

    /** For messages and trails: {@code all files}, {@code filters "\.go$"}, {@code per-file *.json}. */
    String describe();

    /**
     * A CODEOWNERS-style glob, relative to and anchored at the OWNERS folder (the compiler writes
     * {@code /<folder>/<glob>}), that matches the same files; {@code **} means everything in the folder.
     * Empty when there is no simple equivalent. Exact for files; a glob that also names a directory would in
     * CODEOWNERS cover that directory's contents too, so the compiler verifies every rule against the real file
     * list and patches differences.
     */
    Optional<String> glob();

    /** Every file in the folder and below: Prow's {@code .*} filter or top-level lists, Chromium owner lines. */
    record All() implements PathFilter {
        @Override
        public boolean matches(String relativePath) {
            return true;
        }

        @Override
        public String describe() {
            return "all files";
        }

        @Override
        public Optional<String> glob() {
            return Optional.of("**");
        }
    }

    /**
     * A Prow {@code filters} key: an unanchored RE2 regular expression (Go's dialect, via RE2/J), matched with
     * find semantics like Go's {@code MatchString}.
     */
    final class Regex implements PathFilter {
        private final String regex;
        private final Pattern compiled;
        private final Predicate<String> matcher;

        private Regex(String regex) {
            this.regex = regex;
            this.compiled = Pattern.compile(regex);
            // Literal shapes (\.go$, ^docs/) skip the regex engine: the resolver runs this for every file.
            this.matcher = FastMatch.forRegex(regex).orElse(p -> compiled.matcher(p).find());
        }

        /** @throws PatternSyntaxException when {@code regex} is not valid RE2 */
        public static Regex of(String regex) {
            return new Regex(regex);
        }

        public String regex() {
            return regex;
        }

        public Pattern compiled() {
            return compiled;
        }

        @Override
        public boolean matches(String relativePath) {
            return matcher.test(relativePath);
        }

        @Override
        public String describe() {
            return "filters \"" + regex + "\"";
        }

        @Override
        public Optional<String> glob() {
            return RegexGlobs.toGlob(regex);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Regex other && other.regex.equals(regex);
        }

        @Override
        public int hashCode() {
            return regex.hashCode();
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * A Chromium {@code per-file} glob with Gerrit code-owners glob syntax: {@code *} and {@code ?} stay within
     * one folder, {@code **} crosses folders ({@code **}{@code /} also matches no folder at all). Matched against
     * the whole relative path. Character classes and braces are not supported: GitHub CODEOWNERS has no
     * character ranges, so such a rule could not be compiled.
     */
    final class Glob implements PathFilter {
        private final String pattern;
        private final Pattern compiled;
        private final Predicate<String> matcher;

        private Glob(String pattern) {
            this.pattern = pattern;
            this.compiled = Pattern.compile(Globs.toRegex(pattern));
            this.matcher = FastMatch.forGlob(pattern).orElse(p -> compiled.matcher(p).matches());
        }

        /** @throws IllegalArgumentException with a user-facing reason when the glob is not supported */
        public static Glob of(String pattern) {
            return new Glob(pattern);
        }

        public String pattern() {
            return pattern;
        }

        public Pattern compiled() {
            return compiled;
        }

        @Override
        public boolean matches(String relativePath) {
            return matcher.test(relativePath);
        }

        @Override
        public String describe() {
            return "per-file " + pattern;
        }

        @Override
        public Optional<String> glob() {
            return Globs.toCodeownersGlob(pattern);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Glob other && other.pattern.equals(pattern);
        }

        @Override
        public int hashCode() {
            return pattern.hashCode();
        }

        @Override
        public String toString() {
            return describe();
        }
    }
}
