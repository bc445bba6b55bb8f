package dev.ownergate.app.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PathPatternsTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("doubleStarSlashNameMatchesTheNameAtTheRoot", "**/OWNERS", "OWNERS", true),
                Arguments.of("doubleStarSlashNameMatchesTheNameInAnyFolder", "**/OWNERS", "a/b/OWNERS", true),
                Arguments.of("doubleStarSlashNameDoesNotMatchALongerName", "**/OWNERS", "a/MY_OWNERS", false),
                Arguments.of("nameWithoutSlashMatchesAtAnyDepth", "OWNERS_ALIASES", "a/OWNERS_ALIASES", true),
                Arguments.of("pathWithSlashMatchesExactlyThatPath", ".github/CODEOWNERS", ".github/CODEOWNERS", true),
                Arguments.of("pathWithSlashIsAnchoredAtTheRoot", ".github/CODEOWNERS", "x/.github/CODEOWNERS", false),
                Arguments.of("globsWorkAsInCodeowners", "docs/*.md", "docs/SECURITY.md", true),
                Arguments.of("loneStarMatchesDirectChildrenOnlyAsOnGitHub", "docs/*", "docs/a/b.md", false),
                Arguments.of("doubleStarExtensionMatchesAtAnyDepth", "**/*.sql", "a/b/q.sql", true),
                Arguments.of("doubleStarExtensionMatchesAtTheRoot", "**/*.sql", "q.sql", true),
                Arguments.of("extensionWithoutSlashMatchesAtAnyDepth", "*.lock", "web/yarn.lock", true),
                Arguments.of("folderAnywhereCoversItsContents", "**/migrations/**", "db/migrations/001.sql", true),
                Arguments.of("folderAnywhereDoesNotMatchASimilarName", "**/migrations/**", "db/migrations.sql", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesWithCodeownersSemantics(String rule, String pattern, String path, boolean expected) {
        assertThat(new PathPatterns(List.of(pattern)).matching(path).isPresent()).isEqualTo(expected);
    }

    @Test
    void patternsGitHubRejectsAreProblems() {
        assertThat(PathPatterns.problemWith("!OWNERS", "a protected path")).hasValueSatisfying(m -> assertThat(m)
                .startsWith("a protected path is not a valid CODEOWNERS pattern: '!OWNERS': CODEOWNERS has no `!`"));
        assertThat(PathPatterns.problemWith("**/OWNERS", "a protected path")).isEmpty();
    }
}
