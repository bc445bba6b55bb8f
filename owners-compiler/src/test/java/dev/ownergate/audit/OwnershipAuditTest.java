package dev.ownergate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ownergate.owners.Owner;
import dev.ownergate.ownership.FileOwnership;
import dev.ownergate.ownership.OwnershipRules;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OwnershipAuditTest {

    private static AuditReport audit(List<String> files, String... rules) {
        return OwnershipAudit.of(files, new FakeRuleIndex(rules));
    }

    // ---- coverage ------------------------------------------------------------------------------

    static Stream<Arguments> coverageCases() {
        return Stream.of(
                Arguments.of("everyFileMatchedIsOwned", List.of("a.py", "lib/b.py"), List.of("* @org/all"), 2, 2, 100.0),
                Arguments.of("fileWithNoMatchingRuleIsUnowned", List.of("a.py", "lib/b.py"), List.of("lib/ @org/lib"), 2, 1, 50.0),
                Arguments.of("lastMatchWithoutOwnersUnownsTheFile", List.of("lib/a.py", "lib/gen.py"),
                        List.of("lib/ @org/lib", "lib/gen.py"), 2, 1, 50.0),
                Arguments.of("emptyTreeCountsAsFullyCovered", List.of(), List.of("* @org/all"), 0, 0, 100.0),
                Arguments.of("noRulesLeaveEverythingUnowned", List.of("x", "y/z"), List.of(), 2, 0, 0.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("coverageCases")
    void coverage(String rule, List<String> files, List<String> rules, int total, int owned, double percent) {
        Coverage c = audit(files, rules.toArray(String[]::new)).coverage();

        assertThat(c.files()).isEqualTo(total);
        assertThat(c.owned()).isEqualTo(owned);
        assertThat(c.unowned()).isEqualTo(total - owned);
        assertThat(c.percentOwned()).isEqualTo(percent);
    }

    @Test
    void failUnderComparesTheUnroundedPercentage() {
        AuditReport r = audit(List.of("a", "b", "c"), "a @x", "b @x"); // 66.67 %

        assertThat(r.coverageBelow(66.67)).isTrue();
        assertThat(r.coverageBelow(66.66)).isFalse();
    }

    @Test
    void unownedFilesGroupByTopmostWhollyUnownedFolderOtherwiseByTheirOwnFolder() {
        AuditReport r = audit(
                List.of("README", "lib/a.py", "lib/notes.txt", "vendor/x/1.c", "vendor/x/2.c", "vendor/y.c"),
                "*.py @org/py");

        assertThat(r.unowned()).containsExactly(
                new UnownedGroup("vendor", 3, true, List.of()),
                new UnownedGroup("", 1, false, List.of("README")),
                new UnownedGroup("lib", 1, false, List.of("lib/notes.txt")));
    }

    // ---- owners and bus factor ---------------------------------------------------------------------

    @Test
    void ownerFilesCountEveryFileTheOwnerMayApprove() {
        AuditReport r = audit(List.of("a/1", "a/2", "b/1"), "a/ @alice @org/core", "b/ @org/core");

        assertThat(r.owners()).extracting(o -> o.owner().toString(), OwnerLoad::files)
                .containsExactly(tuple("@org/core", 3), tuple("@alice", 2));
    }

    static Stream<Arguments> busFactorCases() {
        return Stream.of(
                Arguments.of("soleOwnerOfEveryFileUnderAFolderOwnsIt",
                        List.of("pay/a", "pay/sub/b", "web/c"), List.of("pay/ @alice", "web/ @bob"),
                        Map.of("@alice", List.of("pay"), "@bob", List.of("web"))),
                Arguments.of("onlyTheTopmostSoleFolderIsListed",
                        List.of("pay/a", "pay/x/b", "pay/x/y/c", "web/c"), List.of("pay/ @alice", "web/ @bob"),
                        Map.of("@alice", List.of("pay"), "@bob", List.of("web"))),
                Arguments.of("aSecondOwnerOnAnyFileBreaksSoleOwnership",
                        List.of("pay/a", "pay/b"), List.of("pay/ @alice", "pay/b @alice @bob"),
                        Map.of("@alice", List.of(), "@bob", List.of())),
                Arguments.of("anUnownedFileBreaksSoleOwnership",
                        List.of("pay/a", "pay/b", "x/c"), List.of("pay/a @alice", "x/ @bob"),
                        Map.of("@alice", List.of(), "@bob", List.of("x"))),
                Arguments.of("soleOwnerOfTheWholeTreeOwnsTheRoot",
                        List.of("a", "b/c"), List.of("* @alice"),
                        Map.of("@alice", List.of(""))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("busFactorCases")
    void busFactor(String rule, List<String> files, List<String> rules, Map<String, List<String>> soleFolders) {
        AuditReport r = audit(files, rules.toArray(String[]::new));

        for (OwnerLoad load : r.owners()) {
            assertThat(load.soleOwner()).as(load.owner().toString())
                    .extracting(OwnerLoad.FolderCount::folder)
                    .containsExactlyElementsOf(soleFolders.get(load.owner().toString()));
        }
        assertThat(r.owners()).extracting(o -> o.owner().toString()).containsExactlyInAnyOrderElementsOf(soleFolders.keySet());
    }

    // ---- rules ---------------------------------------------------------------------------------

    static Stream<Arguments> ruleCases() {
        List<String> files = List.of("docs/a.md", "lib/a.py", "lib/b.py", "lib/c.js");
        return Stream.of(
                Arguments.of("ruleDecidingSomeFileIsFine", files, List.of("lib/ @x", "docs/ @y"), List.of()),
                Arguments.of("ruleMatchingNoFileIsDead", files, List.of("* @x", "old/ @y"),
                        List.of("DEAD CODEOWNERS:2 old/ related=0 example=")),
                Arguments.of("ruleAlwaysOverriddenByALaterMatchIsShadowed", files, List.of("*.py @x", "lib/ @y"),
                        List.of("SHADOWED CODEOWNERS:1 *.py related=2 example=lib/a.py")),
                Arguments.of("ruleOverriddenOnlyForSomeFilesIsFine", files, List.of("lib/ @x", "*.py @y"), List.of()),
                Arguments.of("earlierCopyOfARepeatedPatternIsDuplicateNotShadowed", files,
                        List.of("lib/ @x", "docs/ @d", "lib/ @y"),
                        List.of("DUPLICATE CODEOWNERS:1 lib/ related=3 example=")),
                Arguments.of("repeatedDeadPatternReportsDuplicateThenDead", files, List.of("old/ @x", "old/ @y"),
                        List.of("DUPLICATE CODEOWNERS:1 old/ related=2 example=", "DEAD CODEOWNERS:2 old/ related=0 example=")),
                Arguments.of("ruleWithoutOwnersStillCountsAsDeciding", files, List.of("* @x", "docs/"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleCases")
    void ruleFindings(String rule, List<String> files, List<String> rules, List<String> expected) {
        AuditReport r = audit(files, rules.toArray(String[]::new));

        assertThat(r.rules()).extracting(f -> f.kind() + " " + f.file() + ":" + f.line() + " " + f.pattern()
                        + " related=" + f.relatedLine() + " example=" + f.example())
                .containsExactlyElementsOf(expected);
        assertThat(r.rulesFile()).isEqualTo("CODEOWNERS");
    }

    @Test
    void shadowedRuleMessageNamesTheWinningLineAndAnExample() {
        RuleFinding f = audit(List.of("lib/a.py"), "*.py @x", "lib/ @y").rules().getFirst();

        assertThat(f.message()).isEqualTo("'*.py' never decides an owner: a later rule wins for every file it matches "
                + "(e.g. lib/a.py, decided by line 2); remove it or move it below");
    }

    // ---- any OwnershipRules (OWNERS trees) ---------------------------------------------------------

    /** OWNERS-like answers from a map of folder prefixes; {@code *} means anyone may approve. */
    record FakeOwnership(Map<String, String> byPrefix) implements OwnershipRules {
        @Override
        public FileOwnership ownersOf(String path) {
            String best = null;
            for (String prefix : byPrefix.keySet()) {
                if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                    best = prefix;
                }
            }
            if (best == null) {
                return new FileOwnership(path, new TreeSet<>(), false, new TreeSet<>(), "", List.of());
            }
            String owners = byPrefix.get(best);
            boolean anyone = owners.equals("*");
            TreeSet<Owner> set = new TreeSet<>();
            if (!anyone) {
                for (String t : owners.split(" ")) {
                    set.add(Owner.parse(t).orElseThrow());
                }
            }
            return new FileOwnership(path, set, anyone, new TreeSet<>(), best + "OWNERS:1", List.of());
        }

        @Override
        public String sourceDescription() {
            return "OWNERS files";
        }
    }

    @Test
    void anyoneMayApproveIsCountedApartAndNotAsOwned() {
        AuditReport r = OwnershipAudit.of(List.of("open/a", "lib/b", "c"),
                new FakeOwnership(Map.of("open/", "*", "lib/", "@alice")), Optional.empty());

        assertThat(r.coverage()).isEqualTo(new Coverage(3, 1, 1, 1));
        assertThat(r.source()).isEqualTo("OWNERS files");
        assertThat(r.rulesFile()).isEmpty();
        assertThat(r.unowned()).containsExactly(new UnownedGroup("", 1, false, List.of("c")));
    }

    @Test
    void ownersTreeAuditChecksTheCodeownersRulesGithubEnforces() {
        AuditReport r = OwnershipAudit.of(List.of("lib/a", "lib/b"),
                new FakeOwnership(Map.of("lib/", "@alice")), Optional.of(new FakeRuleIndex("lib/ @alice", "gone/ @bob")));

        assertThat(r.coverage().owned()).isEqualTo(2);
        assertThat(r.rules()).extracting(RuleFinding::kind, RuleFinding::line)
                .containsExactly(tuple(RuleFinding.Kind.DEAD, 2));
    }

    // ---- the folder tree -----------------------------------------------------------------------

    @Test
    void folderTreeRollsUpFilesUnownedOwnersAndRules() {
        AuditReport r = audit(List.of("a.txt", "lib/x.py", "lib/y.py", "lib/deep/z.py", "lib/deep/w.c"),
                "*.py @org/py", "lib/deep/ @org/deep");

        FolderNode root = r.root();
        assertThat(root.files()).isEqualTo(5);
        assertThat(root.directFiles()).isEqualTo(1);
        assertThat(root.unowned()).isEqualTo(1);
        FolderNode lib = root.children().getFirst();
        assertThat(lib.path()).isEqualTo("lib");
        assertThat(lib.files()).isEqualTo(4);
        assertThat(lib.owners()).extracting(s -> s.owners().toString(), FolderNode.OwnerShare::files)
                .containsExactly(tuple("[@org/py]", 2), tuple("[@org/deep]", 2));
        assertThat(lib.rules()).extracting(FolderNode.RuleShare::location, FolderNode.RuleShare::pattern)
                .containsExactly(tuple("CODEOWNERS:1", "*.py"),
                        tuple("CODEOWNERS:2", "lib/deep/"));
        FolderNode deep = lib.children().getFirst();
        assertThat(deep.name()).isEqualTo("deep");
        assertThat(deep.rules()).extracting(FolderNode.RuleShare::files).containsExactly(2);
    }
}
