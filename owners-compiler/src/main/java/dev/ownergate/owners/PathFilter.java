package dev.ownergate.owners;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Optional;
import java.util.function.Predicate;
import dev.ownergate.settings.PerFileGlobs;

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

    /** What the two written filters share: their text, its compiled form, and a fast path for literal shapes. */
    abstract sealed class Compiled implements PathFilter permits Regex, Glob {
        private final String text;
        private final Pattern compiled;
        private final Predicate<String> matcher;

        Compiled(String text, Pattern compiled, Optional<Predicate<String>> fast, boolean wholePath) {
            this.text = text;
            this.compiled = compiled;
            // The resolver runs this for every file; literal shapes (\.go$, ^docs/, *.json) skip the engine.
            this.matcher = fast.orElse(wholePath ? p -> compiled.matcher(p).matches() : p -> compiled.matcher(p).find());
        }

        final String text() {
            return text;
        }

        public final Pattern compiled() {
            return compiled;
        }

        @Override
        public final boolean matches(String relativePath) {
            return matcher.test(relativePath);
        }

        @Override
        public final boolean equals(Object o) {
            return o != null && o.getClass() == getClass() && ((Compiled) o).text.equals(text);
        }

        @Override
        public final int hashCode() {
            return text.hashCode();
        }

        @Override
        public final String toString() {
            return describe();
        }
    }

    /**
     * A Prow {@code filters} key: an unanchored RE2 regular expression (Go's dialect, via RE2/J), matched with
     * find semantics like Go's {@code MatchString}.
     */
    final class Regex extends Compiled {
        private Regex(String regex) {
            super(regex, Pattern.compile(regex), FastMatch.forRegex(regex), false);
        }

        /** @throws PatternSyntaxException when {@code regex} is not valid RE2 */
        public static Regex of(String regex) {
            return new Regex(regex);
        }

        public String regex() {
            return text();
        }

        @Override
        public String describe() {
            return "filters \"" + text() + "\"";
        }

        @Override
        public Optional<String> glob() {
            return RegexGlobs.toGlob(text());
        }
    }

    /**
     * A Chromium {@code per-file} glob, read in one of the {@link PerFileGlobs} syntaxes and matched against the
     * whole path relative to the OWNERS folder. In every syntax {@code *} stays within one folder. With
     * {@code one-folder}, {@code ?} is one character, {@code **} crosses folders ({@code **}{@code /} also matches no
     * folder at all) and the glob is anchored at the OWNERS folder; {@code find-owners} reads the same glob with
     * {@code **}{@code /} in front (Gerrit's implicit {@code {**}{@code /,}}), so it reaches every subfolder;
     * {@code simple} has only {@code *} and {@code ...} (any path). Character classes and braces are not supported:
     * GitHub CODEOWNERS has no character ranges, so such a rule could not be compiled.
     */
    final class Glob extends Compiled {
        private final PerFileGlobs syntax;

        private Glob(String pattern, PerFileGlobs syntax) {
            super(pattern, Pattern.compile(Globs.toRegex(pattern, syntax)), Globs.fastMatch(pattern, syntax), true);
            this.syntax = syntax;
        }

        /**
         * A glob read literally, anchored at the OWNERS folder ({@code one-folder}).
         *
         * @throws IllegalArgumentException with a user-facing reason when the glob is not supported
         */
        public static Glob of(String pattern) {
            return new Glob(pattern, PerFileGlobs.ONE_FOLDER);
        }

        /** @throws IllegalArgumentException with a user-facing reason when the glob is not supported */
        public static Glob of(String pattern, PerFileGlobs syntax) {
            return new Glob(pattern, syntax);
        }

        public String pattern() {
            return text();
        }

        public PerFileGlobs syntax() {
            return syntax;
        }

        @Override
        public String describe() {
            return "per-file " + text();
        }

        @Override
        public Optional<String> glob() {
            return Globs.toCodeownersGlob(text(), syntax);
        }
    }
}
