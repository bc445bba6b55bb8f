package dev.ownergate.app.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProtectedPathsTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("doubleStarSlashNameMatchesTheNameAtTheRoot", "**/OWNERS", "OWNERS", true),
                Arguments.of("doubleStarSlashNameMatchesTheNameInAnyFolder", "**/OWNERS", "a/b/OWNERS", true),
                Arguments.of("doubleStarSlashNameDoesNotMatchALongerName", "**/OWNERS", "a/MY_OWNERS", false),
                Arguments.of("doubleStarSlashNameDoesNotMatchAFolderOfThatName", "**/OWNERS", "OWNERS/x", false),
                Arguments.of("pathWithSlashMatchesExactlyThatPath", ".github/CODEOWNERS", ".github/CODEOWNERS", true),
                Arguments.of("pathWithSlashIsAnchoredAtTheRoot", ".github/CODEOWNERS", "x/.github/CODEOWNERS", false),
                Arguments.of("leadingSlashAnchorsAtTheRoot", "/OWNERS_ALIASES", "OWNERS_ALIASES", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches(String rule, String pattern, String path, boolean expected) {
        assertThat(new ProtectedPaths(java.util.List.of(pattern)).matching(path).isPresent()).isEqualTo(expected);
    }
}
