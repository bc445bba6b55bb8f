package dev.ownergate.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.diagnostics.Diagnostic;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OwnersSettingsParserTest {

    private static final String PATH = ".github/ownergate.yml";

    @Test
    void readsTheOwnersSection() {
        OwnersSettingsParser.Result r = OwnersSettingsParser.parse(PATH, """
                approval: {mode: every-file}
                owners:
                  ignore: ["/examples/", "**/testdata/"]
                  per_file_globs: simple
                  unresolved_imports: error
                """);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.settings()).isEqualTo(new OwnersSettings(List.of("/examples/", "**/testdata/"),
                PerFileGlobs.SIMPLE, UnresolvedImports.ERROR));
    }

    @Test
    void noFileNoSectionOrAnEmptySectionAreTheDefaults() {
        assertThat(OwnersSettingsParser.none().settings()).isEqualTo(OwnersSettings.DEFAULTS);
        assertThat(OwnersSettingsParser.parse(PATH, "approval: {mode: any-owner}\n").settings())
                .isEqualTo(OwnersSettings.DEFAULTS);
        assertThat(OwnersSettingsParser.parse(PATH, "owners:\n").settings()).isEqualTo(OwnersSettings.DEFAULTS);
        assertThat(OwnersSettings.DEFAULTS.perFileGlobs()).isEqualTo(PerFileGlobs.FIND_OWNERS);
        assertThat(OwnersSettings.DEFAULTS.unresolvedImports()).isEqualTo(UnresolvedImports.WARN);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("unknownKey", "owners:\n  ignored: [a]\n", List.of(
                        ".github/ownergate.yml:2:3: unknown key 'owners.ignored'; the keys here are ignore,"
                                + " per_file_globs, unresolved_imports")),
                Arguments.of("badSyntax", "owners:\n  per_file_globs: fnmatch\n", List.of(
                        ".github/ownergate.yml:2:19: 'owners.per_file_globs' must be one of find-owners, one-folder,"
                                + " simple, not 'fnmatch', e.g. \"per_file_globs: find-owners\"")),
                Arguments.of("badImportsMode", "owners:\n  unresolved_imports: ignore\n", List.of(
                        ".github/ownergate.yml:2:23: 'owners.unresolved_imports' must be one of warn, error, not 'ignore',"
                                + " e.g. \"unresolved_imports: error\"")),
                Arguments.of("badPattern", "owners:\n  ignore: [\"!vendor/\"]\n", List.of()),
                Arguments.of("notAMapping", "owners: [a]\n", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void mistakesAreErrorsAtTheirPosition(String rule, String text, List<String> expected) {
        OwnersSettingsParser.Result r = OwnersSettingsParser.parse(PATH, text);
        assertThat(r.hasErrors()).isTrue();
        assertThat(r.settings()).isEqualTo(OwnersSettings.DEFAULTS);
        assertThat(r.diagnostics()).allMatch(Diagnostic::isError)
                .allSatisfy(d -> assertThat(d.format()).startsWith(PATH + ":"));
        if (!expected.isEmpty()) {
            assertThat(r.diagnostics()).extracting(Diagnostic::format).containsExactlyElementsOf(expected);
        }
    }
}
