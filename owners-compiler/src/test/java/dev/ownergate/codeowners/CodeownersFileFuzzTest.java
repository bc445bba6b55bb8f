package dev.ownergate.codeowners;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Arbitrary text never makes the parser or the matcher throw. Runs its seeds in a normal build. */
class CodeownersFileFuzzTest {

    @FuzzTest
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
