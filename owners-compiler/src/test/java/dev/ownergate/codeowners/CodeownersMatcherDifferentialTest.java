package dev.ownergate.codeowners;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** The indexed matcher must give exactly the answers of trying every rule, for any rules and any path. */
class CodeownersMatcherDifferentialTest {

    // A small alphabet, so random patterns and random paths actually meet.
    private static final List<String> NAMES = List.of(
            "a", "b", "ab", "src", "docs", "x.js", "a.js", "v.x.js", "a.", "Makefile", "b.go");

    @Property(tries = 400)
    void indexedMatcherAgreesWithTryingEveryRule(
            @ForAll @Size(min = 1, max = 40) List<@From("patterns") String> patterns,
            @ForAll @Size(min = 1, max = 30) List<@From("paths") String> paths) {
        List<CodeownersRule> rules = new ArrayList<>();
        for (String pattern : patterns) {
            rules.add(new CodeownersRule(rules.size(), rules.size() + 1, pattern, List.of()));
        }
        CodeownersMatcher indexed = CodeownersMatcher.of(rules);
        NaiveMatcher naive = new NaiveMatcher(rules);
        for (String path : paths) {
            assertThat(indexed.match(path)).as("match %s in %s", path, patterns).isEqualTo(naive.match(path));
            assertThat(indexed.allMatches(path)).as("allMatches %s in %s", path, patterns)
                    .isEqualTo(naive.allMatches(path));
        }
        assertThat(indexed.matchAll(paths)).isEqualTo(paths.stream().map(naive::match).toList());
    }

    @Provide
    Arbitrary<String> patterns() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of(NAMES),
                Arbitraries.of("*", "**", "*.js", "*.go", "a*", "*b", "?", "a?", "s*c", "*a*", "M*e", "\\*", "do?s",
                        "*x.js", "*.", "a.*", "*b.go", "*.x.js"));
        Arbitrary<List<String>> segments = segment.list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(Arbitraries.of(true, false), segments, Arbitraries.of(true, false))
                .as((leading, segs, trailing) -> (leading ? "/" : "") + String.join("/", segs) + (trailing ? "/" : ""))
                .filter(p -> !p.contains("***"))
                .injectDuplicates(0.05)
                .edgeCases(e -> e.add("/"));
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of(NAMES).list().ofMinSize(1).ofMaxSize(5).map(s -> String.join("/", s));
    }
}
