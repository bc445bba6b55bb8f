package dev.ownergate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ownergate.codeowners.CodeownersFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodeownersRuleIndexTest {

    @Test
    void findingsFollowGithubPatternSemanticsThroughTheIndexedMatcher() {
        CodeownersFile file = CodeownersFile.parse(".github/CODEOWNERS", """
                * @org/all
                *.js @org/js
                /docs/guide.md @org/guides
                /docs/ @org/docs
                /build/logs/ @org/ops
                /src/ @org/src
                /src/ @org/src @alice
                """);
        List<String> files = List.of("README", "a.js", "docs/guide.md", "docs/x.md", "src/y.js");

        AuditReport r = OwnershipAudit.of(files, CodeownersRuleIndex.of(file));

        assertThat(r.rules()).extracting(RuleFinding::kind, RuleFinding::line, RuleFinding::relatedLine, RuleFinding::example)
                .containsExactly(
                        tuple(RuleFinding.Kind.SHADOWED, 3, 4, "docs/guide.md"),
                        tuple(RuleFinding.Kind.DEAD, 5, 0, ""),
                        tuple(RuleFinding.Kind.DUPLICATE, 6, 7, ""));
        assertThat(r.coverage()).isEqualTo(new Coverage(5, 5, 0, 0));
        assertThat(r.source()).isEqualTo(".github/CODEOWNERS");
    }

    @Test
    void rulesThatMayMatchAnywhereAndUnsortedFileListsGetTheSameFindings() {
        CodeownersFile file = CodeownersFile.parse("CODEOWNERS", """
                docs/ @a
                *.txt @b
                /docs/ @c
                /lib/*.py @d
                * @e
                /lib/ @f
                """);
        List<String> files = List.of("lib/z.py", "docs/a.md", "lib/a.py");

        AuditReport r = OwnershipAudit.of(files, CodeownersRuleIndex.of(file));

        assertThat(r.rules()).extracting(RuleFinding::kind, RuleFinding::line, RuleFinding::relatedLine, RuleFinding::example)
                .containsExactly(
                        tuple(RuleFinding.Kind.SHADOWED, 1, 5, "docs/a.md"),
                        tuple(RuleFinding.Kind.DEAD, 2, 0, ""),
                        tuple(RuleFinding.Kind.SHADOWED, 3, 5, "docs/a.md"),
                        tuple(RuleFinding.Kind.SHADOWED, 4, 6, "lib/z.py"));
    }

    @Test
    void anchoredPatternsHaveTheirLiteralTextAsPrefix() {
        CodeownersRuleIndex index = CodeownersRuleIndex.of(CodeownersFile.parse("CODEOWNERS", """
                /lib/pay/*.py @a
                /docs/ @a
                docs/ @a
                /a\\ b/ @a
                /*/x @a
                """));

        assertThat(index.rules()).extracting(index::literalPrefix).containsExactly("lib/pay/", "docs/", "", "a", "");
    }

    @Test
    void probeMapsSubsetMatchesBackToTheOriginalRules() {
        CodeownersRuleIndex index = CodeownersRuleIndex.of(CodeownersFile.parse("CODEOWNERS", """
                *.md @a
                /x/ @b
                /docs/ @c
                """));

        RuleIndex.Probe probe = index.probe(List.of(index.rules().get(0), index.rules().get(2)));

        assertThat(probe.matching("docs/readme.md")).extracting(AuditedRule::line).containsExactly(1, 3);
        assertThat(probe.matching("x/readme.txt")).isEmpty();
        assertThat(index.deciding("x/a.md")).isEqualTo(1);
        assertThat(index.deciding("nothing.txt")).isEqualTo(-1);
    }
}
