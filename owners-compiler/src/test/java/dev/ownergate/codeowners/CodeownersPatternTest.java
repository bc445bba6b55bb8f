package dev.ownergate.codeowners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One named case per rule of GitHub's CODEOWNERS pattern semantics. */
class CodeownersPatternTest {

    static Stream<Arguments> rules() {
        return Stream.of(
                // rule, pattern, path, matches
                Arguments.of("matchingIsCaseSensitive", "README.md", "readme.md", false),
                Arguments.of("matchingIsCaseSensitiveForFolders", "/Docs/", "docs/a.md", false),
                Arguments.of("starDoesNotCrossSlash", "/src/*.js", "src/lib/a.js", false),
                Arguments.of("starMatchesEmpty", "*.js", ".js", true),
                Arguments.of("questionMarkIsOneCharacter", "/a?c", "abc", true),
                Arguments.of("questionMarkDoesNotMatchSlash", "/a?c", "a/c", false),
                Arguments.of("leadingSlashAnchorsAtRoot", "/build", "x/build/a", false),
                Arguments.of("middleSlashAnchorsAtRoot", "src/app", "lib/src/app/a", false),
                Arguments.of("noSlashMatchesAtAnyDepth", "Makefile", "a/b/c/Makefile", true),
                Arguments.of("noSlashNameMatchesFolderAnywhere", "docs", "x/docs/y/z.md", true),
                Arguments.of("trailingSlashIsAFolderNotAFile", "apps/", "apps", false),
                Arguments.of("trailingSlashUnanchoredFolderAnywhere", "apps/", "x/y/apps/z", true),
                Arguments.of("anchoredFolderOwnsEverythingBelow", "/build/logs/", "build/logs/a/b/c.log", true),
                Arguments.of("anchoredFolderOnlyAtRoot", "/build/logs/", "x/build/logs/a.log", false),
                Arguments.of("docsStarMatchesDirectChildren", "docs/*", "docs/getting-started.md", true),
                Arguments.of("docsStarDoesNotMatchNestedFiles", "docs/*", "docs/build-app/troubleshooting.md", false),
                Arguments.of("docsStarIsAnchored", "docs/*", "x/docs/a.md", false),
                Arguments.of("starSlashMatchesEverythingInFolders", "*/", "a/b", true),
                Arguments.of("starSlashDoesNotMatchRootFiles", "*/", "a", false),
                Arguments.of("loneSlashMatchesNothing", "/", "a", false),
                Arguments.of("loneSlashMatchesNothingNested", "/", "a/b/c", false),
                Arguments.of("doubleStarMatchesEverything", "**", "a/b/c", true),
                Arguments.of("doubleStarSlashMatchesFilesInFolders", "**/", "a/b", true),
                Arguments.of("doubleStarSlashSkipsRootFiles", "**/", "a", false),
                Arguments.of("doubleStarMatchesZeroFolders", "foo/**/bar", "foo/bar", true),
                Arguments.of("doubleStarMatchesManyFolders", "foo/**/bar", "foo/a/b/c/bar/x", true),
                Arguments.of("leadingDoubleStarLogsAnywhere", "**/logs", "deeply/nested/logs/x", true),
                Arguments.of("leadingDoubleStarLogsAtRoot", "**/logs", "logs", true),
                Arguments.of("trailingDoubleStarIsFolderContents", "/foo/**", "foo", false),
                Arguments.of("trailingDoubleStarIsFolderContentsBelow", "/foo/**", "foo/a/b", true),
                Arguments.of("repeatedDoubleStarsAreOne", "a/**/**/b", "a/b", true),
                Arguments.of("doubleStarInsideSegmentIsAStar", "/a**b", "aXYb", true),
                Arguments.of("doubleStarInsideSegmentDoesNotCrossSlash", "/a**b", "aX/Yb", false),
                Arguments.of("escapedSpaceIsLiteral", "my\\ docs/", "my docs/a", true),
                Arguments.of("escapedStarIsLiteral", "/a\\*", "ab", false),
                Arguments.of("literalPrefixNameNotMatchedByLongerName", "/foo", "foobar/a", false),
                Arguments.of("extensionGlobMatchesAtAnyDepth", "*.go", "cmd/tool/main.go", true),
                Arguments.of("extensionGlobMatchesFolderName", "*.d", "conf.d/a.conf", true),
                Arguments.of("midWildcardSegment", "/src/*/test/", "src/mod/test/a.java", true),
                Arguments.of("midWildcardSegmentIsOneFolder", "/src/*/test/", "src/a/b/test/a.java", false),
                Arguments.of("leadingSlashOnPathIsTolerated", "/docs/", "/docs/a.md", true),
                Arguments.of("emptyPathMatchesNothing", "**", "", false));
    }

    @ParameterizedTest(name = "{0}: {1} vs {2}")
    @MethodSource("rules")
    void patternFollowsGitHubSemantics(String rule, String pattern, String path, boolean matches) {
        assertThat(CodeownersPattern.compile(pattern).matches(path)).as(rule).isEqualTo(matches);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "!foo", "[ab].js", "***/x", "\\#foo", "a/***"})
    void patternsGitHubRejectsDoNotCompile(String pattern) {
        assertThatIllegalArgumentException().isThrownBy(() -> CodeownersPattern.compile(pattern));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\\!b", "\\!important", "foo[", "x]y", "a#b", "\\[x]"})
    void lookalikesOfRejectedSyntaxAreLiteral(String pattern) {
        assertThat(CodeownersPattern.compile(pattern).pattern()).isEqualTo(pattern);
    }
}
