package dev.ownergate.codeowners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class CodeownersMatcherTest {

    private static CodeownersMatcher matcher(String text) {
        return CodeownersMatcher.of(CodeownersFile.parse("CODEOWNERS", text).rules());
    }

    @Test
    void lastMatchWinsAcrossIndexKinds() {
        CodeownersMatcher m = matcher("""
                *.js @js
                /src/ @src
                Makefile @make
                src/*/gen/ @gen
                """);
        assertThat(m.match("src/a/gen/x.js").orElseThrow().line()).isEqualTo(4);
        assertThat(m.match("src/a/x.js").orElseThrow().line()).isEqualTo(2);
        assertThat(m.match("lib/x.js").orElseThrow().line()).isEqualTo(1);
        assertThat(m.match("src/Makefile").orElseThrow().line()).isEqualTo(3);
    }

    @Test
    void allMatchesListsEveryMatchingRuleInFileOrder() {
        CodeownersMatcher m = matcher("* @all\n*.js @js\n/src/ @src\n/lib/ @lib\n");
        assertThat(m.allMatches("src/a.js")).extracting(CodeownersRule::line).containsExactly(1, 2, 3);
    }

    @Test
    void aRuleMatchingTwoSegmentsIsListedOnce() {
        assertThat(matcher("docs @d").allMatches("docs/docs/a")).hasSize(1);
    }

    @Test
    void loneSlashNeverMatchesButKeepsItsIndex() {
        CodeownersMatcher m = matcher("* @a\n/ @b\n");
        assertThat(m.match("x").orElseThrow().line()).isEqualTo(1);
        assertThat(m.rules()).hasSize(2);
    }

    @Test
    void emptyPathHasNoOwnerRule() {
        assertThat(matcher("* @a").match("")).isEmpty();
        assertThat(matcher("* @a").allMatches("")).isEmpty();
    }

    @Test
    void wholeTreePassKeepsThePathOrder() {
        CodeownersMatcher m = matcher("*.md @docs\n/src/ @src\n");
        assertThat(m.matchAll(List.of("src/a.c", "b.c", "README.md")))
                .extracting(r -> r.map(CodeownersRule::line).orElse(0))
                .containsExactly(2, 0, 1);
    }

    @Test
    void rulesMustBeNumberedByPosition() {
        List<CodeownersRule> misnumbered = List.of(new CodeownersRule(3, 1, "*", List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> CodeownersMatcher.of(misnumbered));
    }
}
