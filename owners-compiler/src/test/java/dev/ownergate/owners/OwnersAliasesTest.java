package dev.ownergate.owners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.diagnostics.Diagnostic;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases follow Prow's TestParseAliasesConfig and TestExpandAliases. */
class OwnersAliasesTest {

    static Stream<Arguments> parsing() {
        return Stream.of(
                Arguments.of("blockLists", "aliases:\n  team1:\n    - alice\n    - bob\n  team2:\n    - nikhil\n",
                        Map.of("team1", List.of("@alice", "@bob"), "team2", List.of("@nikhil")), List.of()),
                Arguments.of("flowMappingSetSyntax", "aliases:\n  team1: {alice, bob}\n",
                        Map.of("team1", List.of("@alice", "@bob")), List.of()),
                Arguments.of("emptyBraces", "aliases:\n  empty: {}\n", Map.of("empty", List.of()), List.of()),
                Arguments.of("emptyValue", "aliases:\n  empty:\n", Map.of("empty", List.of()), List.of()),
                Arguments.of("namesAndMembersIgnoreCase", "aliases:\n  Best-Approvers: [Carl, \"@CJWagner\"]\n",
                        Map.of("best-approvers", List.of("@carl", "@cjwagner")), List.of()),
                Arguments.of("badIndentationIsAnError",
                        "aliases:\n  alias-group-1:\n    - user1\n    alias-group-2:\n    - user2\n", Map.of(),
                        List.of("OWNERS_ALIASES:4:5: invalid YAML: expected <block end>, but found '?'"
                                + " (while parsing a block collection at line 3)")),
                Arguments.of("aStringIsNotAList", "aliases:\n  alias-group-1: \"\"\n", Map.of(),
                        List.of("OWNERS_ALIASES:2:18: 'alias-group-1' must be a list of members,"
                                + " e.g. \"alias-group-1: [alice, bob]\"")),
                Arguments.of("badMemberIsPositioned", "aliases:\n  g: [ok, not ok]\n", Map.of("g", List.of("@ok")),
                        List.of("OWNERS_ALIASES:2:11: 'not ok' in alias 'g' is not a valid member: "
                                + Owner.expectedForm())),
                Arguments.of("namesDifferingOnlyInCaseClash", "aliases:\n  a: [x]\n  A: [y]\n", Map.of("a", List.of("@x")),
                        List.of("OWNERS_ALIASES:3:3: alias 'A' is defined twice (first at line 2; names ignore case);"
                                + " merge the two")),
                Arguments.of("nestedAliasesAreLoginsAndWarn", "aliases:\n  a: [b]\n  b: [x]\n",
                        Map.of("a", List.of("@b"), "b", List.of("@x")),
                        List.of("OWNERS_ALIASES:2:7: warning: 'b' is an alias, but aliases expand only one level,"
                                + " so it is read as a login here; list its members instead")),
                Arguments.of("unknownKeysWarn", "aliases: {}\nextra: 1\n", Map.of(),
                        List.of("OWNERS_ALIASES:2:1: warning: unknown key 'extra' in OWNERS_ALIASES;"
                                + " only 'aliases' is read")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parsing")
    void parses(String rule, String text, Map<String, List<String>> expected, List<String> diagnostics) {
        OwnersAliases.Result result = OwnersAliases.parse("OWNERS_ALIASES", text);
        Map<String, List<String>> actual = new java.util.TreeMap<>();
        result.aliases().asMap().forEach((k, v) -> actual.put(k, v.stream().map(Owner::toString).toList()));
        assertThat(actual).isEqualTo(new java.util.TreeMap<>(expected));
        assertThat(result.diagnostics()).extracting(Diagnostic::format).containsExactlyElementsOf(diagnostics);
    }

    static Stream<Arguments> expansion() {
        return Stream.of(
                Arguments.of("noExpansions", List.of("abc", "def"), List.of("@abc", "@def")),
                Arguments.of("oneAliasExpands", List.of("abc", "team/t1"), List.of("@abc", "@u1", "@u2")),
                Arguments.of("duplicatesInsideAndOutsideAnAliasMerge", List.of("u1", "team/t1"), List.of("@u1", "@u2")),
                Arguments.of("duplicatesAcrossAliasesMerge", List.of("u1", "team/t1", "team/t2"),
                        List.of("@u1", "@u2", "@u3")),
                Arguments.of("mixedCaseAliasNames", List.of("Team/T1"), List.of("@u1", "@u2")),
                Arguments.of("emptyAlias", List.of("Team/T3"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expansion")
    void expandsOneLevel(String rule, List<String> tokens, List<String> expected) {
        OwnersAliases aliases = OwnersAliases.of(Map.of(
                "team/t1", List.of(Owner.user("u1"), Owner.user("u2")),
                "team/t2", List.of(Owner.user("u1"), Owner.user("u3")),
                "team/t3", List.of()));
        SortedSet<Owner> out = new TreeSet<>();
        tokens.forEach(t -> out.addAll(aliases.resolve(t).orElseThrow()));
        assertThat(out).extracting(Owner::toString).containsExactlyElementsOf(expected);
    }

    @Test
    void emptyFileWarnsAndDefinesNothing() {
        OwnersAliases.Result result = OwnersAliases.parse("OWNERS_ALIASES", "");
        assertThat(result.aliases().isEmpty()).isTrue();
        assertThat(result.hasErrors()).isFalse();
        assertThat(result.diagnostics()).hasSize(1);
    }
}
