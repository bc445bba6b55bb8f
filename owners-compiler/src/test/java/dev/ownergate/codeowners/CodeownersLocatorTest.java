package dev.ownergate.codeowners;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CodeownersLocatorTest {

    @Test
    void githubFolderComesFirst() {
        assertThat(CodeownersLocator.locate(Set.of("CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS")::contains))
                .contains(".github/CODEOWNERS");
    }

    @Test
    void rootComesBeforeDocs() {
        assertThat(CodeownersLocator.locate(Set.of("docs/CODEOWNERS", "CODEOWNERS")::contains)).contains("CODEOWNERS");
    }

    @Test
    void docsIsTheLastPlaceLooked() {
        assertThat(CodeownersLocator.locate(Set.of("docs/CODEOWNERS")::contains)).contains("docs/CODEOWNERS");
    }

    @Test
    void noFileAnywhere() {
        assertThat(CodeownersLocator.locate(Set.of("src/CODEOWNERS", ".github/codeowners")::contains)).isEmpty();
    }
}
