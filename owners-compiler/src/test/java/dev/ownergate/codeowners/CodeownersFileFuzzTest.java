package dev.ownergate.codeowners;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Arbitrary text never makes the parser or the matcher throw. A normal build replays the seeds; fuzz with
 * {@code JAZZER_FUZZ=1 ./mvnw -pl owners-compiler test -Dtest=CodeownersFileFuzzTest} (about 600k inputs/min).
 */
class CodeownersFileFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parsingAndMatchingArbitraryTextNeverThrows(FuzzedDataProvider data) {
        String path = data.consumeString(64);
        String text = data.consumeRemainingAsString();
        CodeownersFile file = CodeownersFile.parse(".github/CODEOWNERS", text);
        CodeownersMatcher matcher = CodeownersMatcher.of(file.rules());
        matcher.match(path);
        matcher.allMatches(path);
        file.diagnostics();
        assertThat(file.rules().size() + file.errors().size()).isLessThanOrEqualTo(text.split("\n", -1).length * 64);
    }
}
