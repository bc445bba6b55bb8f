package dev.ownergate.codeowners;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** Every row of hmarr/codeowners' patterns.json, through the single pattern and through the indexed matcher. */
class HmarrConformanceTest {

    private static final String TABLE = "/dev/ownergate/codeowners/hmarr-patterns.tsv";

    @ParameterizedTest(name = "{3}: {0} vs {1} -> {2}")
    @CsvFileSource(resources = TABLE, delimiter = '\t')
    void patternMatchesLikeTheConformanceTable(String pattern, String path, boolean matches, String caseName) {
        assertThat(CodeownersPattern.compile(pattern).matches(path)).as(caseName).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{3}: {0} vs {1} -> {2}")
    @CsvFileSource(resources = TABLE, delimiter = '\t')
    void indexedMatcherAgreesWithTheConformanceTable(String pattern, String path, boolean matches, String caseName) {
        CodeownersFile file = CodeownersFile.parse("CODEOWNERS", pattern + " @owner");
        assertThat(file.errors()).isEmpty();
        CodeownersMatcher matcher = CodeownersMatcher.of(file.rules());
        assertThat(matcher.match(path).isPresent()).as(caseName).isEqualTo(matches);
        assertThat(matcher.allMatches(path)).as(caseName).hasSize(matches ? 1 : 0);
    }
}
