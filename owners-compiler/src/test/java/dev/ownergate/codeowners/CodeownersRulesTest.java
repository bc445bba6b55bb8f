package dev.ownergate.codeowners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.owners.Owner;
import dev.ownergate.ownership.FileOwnership;
import org.junit.jupiter.api.Test;

class CodeownersRulesTest {

    private final CodeownersRules rules = CodeownersRules.of(CodeownersFile.parse(".github/CODEOWNERS", """
            * @global
            *.js @js-owner @org/web
            /vendor/
            """));

    @Test
    void ownersComeFromTheLastMatchingRuleWithTrailOfAllMatches() {
        FileOwnership ownership = rules.ownersOf("app/main.js");
        assertThat(ownership.owners()).containsExactly(Owner.user("js-owner"), Owner.team("org/web"));
        assertThat(ownership.decidedBy()).isEqualTo(".github/CODEOWNERS:2");
        assertThat(ownership.trail()).containsExactly(".github/CODEOWNERS:1", ".github/CODEOWNERS:2");
        assertThat(ownership.anyone()).isFalse();
        assertThat(ownership.reviewers()).isEmpty();
    }

    @Test
    void lastRuleWithoutOwnersLeavesThePathUnowned() {
        FileOwnership ownership = rules.ownersOf("vendor/lib.js");
        assertThat(ownership.isOwned()).isFalse();
        assertThat(ownership.decidedBy()).isEqualTo(".github/CODEOWNERS:3");
    }

    @Test
    void noMatchingRuleMeansUnownedAndUndecided() {
        CodeownersRules onlyDocs = CodeownersRules.of(CodeownersFile.parse("CODEOWNERS", "/docs/ @d"));
        FileOwnership ownership = onlyDocs.ownersOf("src/a.c");
        assertThat(ownership.isOwned()).isFalse();
        assertThat(ownership.decidedBy()).isEmpty();
        assertThat(ownership.trail()).isEmpty();
    }

    @Test
    void describesItsSourceByPath() {
        assertThat(rules.sourceDescription()).isEqualTo(".github/CODEOWNERS");
    }
}
