package dev.ownergate.owners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PathFilterTest {

    static Stream<Arguments> globMatches() {
        return Stream.of(
                Arguments.of("starStaysInOneFolder", "*.json", "a.json", true),
                Arguments.of("starStaysInOneFolder", "*.json", "sub/a.json", false),
                Arguments.of("questionMarkIsOneCharacter", "ugly.?", "ugly.h", true),
                Arguments.of("questionMarkIsOneCharacter", "ugly.?", "ugly.cc", false),
                Arguments.of("questionMarkNeverMatchesASlash", "a?b", "a/b", false),
                Arguments.of("doubleStarSlashMatchesNoFolder", "**/*.py", "x.py", true),
                Arguments.of("doubleStarSlashMatchesDeepFolders", "**/*.py", "a/b/x.py", true),
                Arguments.of("trailingDoubleStarMatchesEverythingBelow", "docs/**", "docs/a/b.md", true),
                Arguments.of("trailingDoubleStarNeedsTheFolder", "docs/**", "docsx/a.md", false),
                Arguments.of("doubleStarInsideASegmentCrossesFolders", "**.json", "a/b.json", true),
                Arguments.of("globMatchesTheWholePath", "foo", "foo", true),
                Arguments.of("globMatchesTheWholePath", "foo", "foo/bar", false),
                Arguments.of("dotsAreLiteral", "a.b", "axb", false));
    }

    @ParameterizedTest(name = "{0}: {1} vs {2}")
    @MethodSource("globMatches")
    void globMatching(String rule, String glob, String path, boolean expected) {
        assertThat(PathFilter.Glob.of(glob).matches(path)).isEqualTo(expected);
    }

    static Stream<Arguments> regexMatches() {
        return Stream.of(
                Arguments.of("regexIsUnanchored", "\\.go$", "pkg/a.go", true),
                Arguments.of("regexIsUnanchored", "go", "pkg/a.gox", true),
                Arguments.of("caretAnchorsAtTheFolder", "^docs/", "docs/a.md", true),
                Arguments.of("caretAnchorsAtTheFolder", "^docs/", "x/docs/a.md", false),
                Arguments.of("re2SyntaxWorks", "(?i)readme", "README.md", true));
    }

    @ParameterizedTest(name = "{0}: {1} vs {2}")
    @MethodSource("regexMatches")
    void regexMatching(String rule, String regex, String path, boolean expected) {
        assertThat(PathFilter.Regex.of(regex).matches(path)).isEqualTo(expected);
    }

    static Stream<Arguments> codeownersGlobs() {
        return Stream.of(
                Arguments.of("endsWithExtension", "\\.py$", Optional.of("**/*.py")),
                Arguments.of("dotStarPrefixIsTheSame", ".*_test\\.go$", Optional.of("**/*_test.go")),
                Arguments.of("anchoredLiteralIsThatFile", "^README\\.md$", Optional.of("README.md")),
                Arguments.of("anchoredFolderPrefix", "^docs/", Optional.of("docs/**")),
                Arguments.of("anchoredPathLiteral", "^a/b\\.txt$", Optional.of("a/b.txt")),
                Arguments.of("containsLiteral", "vendor", Optional.of("**/*vendor*")),
                Arguments.of("dotStarIsEverything", ".*", Optional.of("**")),
                Arguments.of("alternativesHaveSeveralGlobs", "\\.(go|py)$", Optional.empty()),
                Arguments.of("unescapedDotHasNoGlob", "a.md$", Optional.empty()),
                Arguments.of("prefixWithoutSlashOwnsWhatStartsWithIt", "^foo", Optional.of("foo*")),
                Arguments.of("escapeClassesHaveNoGlob", "\\d+$", Optional.empty()));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("codeownersGlobs")
    void regexToCodeownersGlob(String rule, String regex, Optional<String> expected) {
        assertThat(PathFilter.Regex.of(regex).glob()).isEqualTo(expected);
    }

    @Test
    void globsTranslateToCodeownersWhenDoubleStarsAreWholeSegments() {
        assertThat(PathFilter.Glob.of("*.json").glob()).hasValue("*.json");
        assertThat(PathFilter.Glob.of("docs/**/*.md").glob()).hasValue("docs/**/*.md");
        assertThat(PathFilter.Glob.of("**.json").glob()).hasValue("**/*.json");
        assertThat(PathFilter.Glob.of("a**b/c").glob()).isEmpty();
        assertThat(PathFilter.ALL.glob()).hasValue("**");
    }

    @Test
    void unsupportedGlobsAreRejectedWithAReason() {
        assertThatThrownBy(() -> PathFilter.Glob.of("/abs")).hasMessageContaining("remove the leading '/'");
        assertThatThrownBy(() -> PathFilter.Glob.of("../x")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> PathFilter.Glob.of("{a,b}")).hasMessageContaining("'{' is not supported");
    }

    @ParameterizedTest(name = "regex \"{0}\"")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"\\.go$", "^docs/", "^README\\.md$", "vendor",
            ".*_test\\.go$", "^$", "", "$", "^.*x", "a\\-b$"})
    void regexShortcutsAgreeWithTheRegexEngine(String regex) {
        PathFilter.Regex filter = PathFilter.Regex.of(regex);
        for (String path : SAMPLE_PATHS) {
            assertThat(filter.matches(path)).as(path).isEqualTo(filter.compiled().matcher(path).find());
        }
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"*.json", "**/*.go", "BUILD", "docs/README.md", "**/*",
            "*", "ugly.*", "a?.txt", "**/x/*.c"})
    void globShortcutsAgreeWithTheRegexEngine(String glob) {
        PathFilter.Glob filter = PathFilter.Glob.of(glob);
        for (String path : SAMPLE_PATHS) {
            assertThat(filter.matches(path)).as(path).isEqualTo(filter.compiled().matcher(path).matches());
        }
    }

    private static final java.util.List<String> SAMPLE_PATHS = java.util.List.of("", "a.go", "x/a.go", "a.gox",
            "docs/a.md", "x/docs/a.md", "README.md", "READMExmd", "vendor/a", "a/vendor", "a_test.go",
            "x/y/a_test.go", "a.json", "x/a.json", "BUILD", "x/BUILD", "docs/README.md", "ugly.cc", "ugly",
            "a1.txt", "x/a1.txt", "x/x/y.c", "x/y.c", "a-b", "xa-b", "x");

    @Test
    void filtersAreEqualByTheirText() {
        assertThat(PathFilter.Regex.of("a")).isEqualTo(PathFilter.Regex.of("a")).hasSameHashCodeAs(PathFilter.Regex.of("a"));
        assertThat(PathFilter.Glob.of("*.c")).isEqualTo(PathFilter.Glob.of("*.c"));
        assertThat(PathFilter.Glob.of("*.c").describe()).isEqualTo("per-file *.c");
        assertThat(PathFilter.Regex.of("\\.go$").describe()).isEqualTo("filters \"\\.go$\"");
    }
}
