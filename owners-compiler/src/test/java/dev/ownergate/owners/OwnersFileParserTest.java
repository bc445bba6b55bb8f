package dev.ownergate.owners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.diagnostics.Diagnostic;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OwnersFileParserTest {

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of("aSingleLoginIsPlain", "alice\n", OwnersConfig.Format.PLAIN),
                Arguments.of("severalLoginsArePlain", "alice\nbob\n", OwnersConfig.Format.PLAIN),
                Arguments.of("atLoginIsPlain", "@alice\n", OwnersConfig.Format.PLAIN),
                Arguments.of("starIsPlain", "*\n", OwnersConfig.Format.PLAIN),
                Arguments.of("perFileIsPlain", "per-file *.json=alice\n", OwnersConfig.Format.PLAIN),
                Arguments.of("fileImportWithSpaceIsPlain", "file: //build/OWNERS\n", OwnersConfig.Format.PLAIN),
                Arguments.of("commentsOnlyArePlain", "# nobody yet\n", OwnersConfig.Format.PLAIN),
                Arguments.of("emptyIsPlain", "", OwnersConfig.Format.PLAIN),
                Arguments.of("approversMappingIsYaml", "approvers: [a]\n", OwnersConfig.Format.YAML),
                Arguments.of("blockListIsYaml", "approvers:\n- alice\n", OwnersConfig.Format.YAML),
                Arguments.of("brokenYamlWithOwnersKeysIsYaml", "approvers: [alice\n", OwnersConfig.Format.YAML),
                Arguments.of("unknownMappingIsStillYaml", "owners: [alice]\n", OwnersConfig.Format.YAML));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void detectsTheFormat(String rule, String text, OwnersConfig.Format expected) {
        assertThat(OwnersFileParser.detect("OWNERS", text)).isEqualTo(expected);
        assertThat(OwnersFileParser.parse("OWNERS", text, OwnersAliases.none()).config().format()).isEqualTo(expected);
    }

    /** Each malformed input gives exactly these diagnostics. */
    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("approversMustBeAList", "OWNERS", "reviewers: [bob]\napprovers: alice\n", List.of(
                        "OWNERS:2:12: 'approvers' must be a list of owners, e.g. \"approvers: [alice]\"")),
                Arguments.of("brokenYaml", "lib/OWNERS", "approvers: [alice\n", List.of(
                        "lib/OWNERS:2:1: invalid YAML: expected ',' or ']', but got <stream end>"
                                + " (while parsing a flow sequence at line 1)")),
                Arguments.of("duplicateKey", "OWNERS", "approvers: [a]\napprovers: [b]\n", List.of(
                        "OWNERS:2:1: duplicate key 'approvers' (first at line 1); merge the two entries")),
                Arguments.of("malformedYamlOwner", "OWNERS", "approvers:\n  - alice smith\n", List.of(
                        "OWNERS:2:5: 'alice smith' in 'approvers' is not a valid owner or a defined alias: "
                                + Owner.expectedForm())),
                Arguments.of("badRegex", "OWNERS", "filters:\n  \"(\":\n    approvers: [a]\n", List.of(
                        "OWNERS:2:3: invalid regular expression \"(\": missing closing ); filters keys are RE2"
                                + " regexes, e.g. \"\\\\.go$\"")),
                Arguments.of("noParentOwnersMustBeABoolean", "OWNERS",
                        "approvers: [a]\noptions:\n  no_parent_owners: sometimes\n", List.of(
                        "OWNERS:3:21: 'no_parent_owners' must be true or false, e.g. \"no_parent_owners: true\"")),
                Arguments.of("nearMissKeysAreErrorsWithASuggestion", "OWNERS",
                        "approvers: [a]\nApprovers: [b]\nfiles: {}\n",
                        List.of("OWNERS:2:1: unknown key 'Approvers' in OWNERS file; did you mean 'approvers'?",
                                "OWNERS:3:1: unknown key 'files' in OWNERS file; did you mean 'filters'?")),
                Arguments.of("otherUnknownKeysWarn", "OWNERS", "approvers: [a]\nsecurity_contacts: [b]\n",
                        List.of("OWNERS:2:1: warning: unknown key 'security_contacts' in OWNERS file is ignored;"
                                + " known keys: approvers, emeritus_approvers, emeritus_reviewers, filters, labels,"
                                + " options, required_reviewers, reviewers")),
                Arguments.of("mixedTopLevelAndFiltersWarns", "OWNERS",
                        "approvers: [a]\nfilters:\n  \".*\":\n    approvers: [b]\n", List.of(
                        "OWNERS:2:1: warning: 'filters' is ignored because this file also has top-level lists"
                                + " (Prow reads one or the other); move the top-level lists into a \".*\" filter")),
                Arguments.of("malformedPlainOwner", "a/OWNERS", "alice\n  bob!\n", List.of(
                        "a/OWNERS:2:3: 'bob!' is not a valid owner: " + Owner.expectedForm())),
                Arguments.of("twoOwnersOnOneLine", "OWNERS", "alice bob\n", List.of(
                        "OWNERS:1:1: 'alice bob' is not an owner: write one owner per line (or 'set noparent',"
                                + " 'per-file ...', 'file:PATH', 'include PATH')")),
                Arguments.of("unknownSetDirective", "OWNERS", "alice\nset myfatherisbillgates\n", List.of(
                        "OWNERS:2:1: unknown directive 'set myfatherisbillgates'; the only one is 'set noparent'")),
                Arguments.of("perFileWithoutEquals", "OWNERS", "alice\nper-file *.json alice\n", List.of(
                        "OWNERS:2:1: malformed per-file line: no '='; write 'per-file GLOB[,GLOB]=owner[,owner]',"
                                + " 'per-file GLOB=set noparent' or 'per-file GLOB=file:PATH'")),
                Arguments.of("perFileWithoutOwners", "OWNERS", "alice\nper-file *.json=\n", List.of(
                        "OWNERS:2:17: per-file line names no owners after '='; write 'per-file"
                                + " GLOB[,GLOB]=owner[,owner]', 'per-file GLOB=set noparent' or"
                                + " 'per-file GLOB=file:PATH'")),
                Arguments.of("perFileBadOwnerIsPositioned", "OWNERS", "alice\nper-file *.json=bob, c d\n", List.of(
                        "OWNERS:2:22: 'c d' is not an owner: separate per-file owners with commas; write 'per-file"
                                + " GLOB[,GLOB]=owner[,owner]', 'per-file GLOB=set noparent' or"
                                + " 'per-file GLOB=file:PATH'")),
                Arguments.of("perFileCharacterClassesAreUnsupported", "OWNERS", "alice\nper-file [ab].c=bob\n",
                        List.of("OWNERS:2:10: bad per-file glob '[ab].c': '[' is not supported in per-file globs"
                                + " (only *, ** and ?), because CODEOWNERS cannot express it")),
                Arguments.of("missingImportWarns", "lib/OWNERS", "alice\nfile:common/OWNERS\n", List.of(
                        "lib/OWNERS:2:1: warning: imported file 'lib/common/OWNERS' does not exist in this repository"
                                + " (non-absolute imports are relative to this file's folder; start with '/' for the"
                                + " repository root); skipped, as Gerrit skips imports it cannot resolve (--strict or"
                                + " owners.unresolved_imports: error makes this an error)")),
                Arguments.of("importOutsideTheRepositoryIsAnError", "lib/OWNERS", "alice\ninclude ../../OWNERS\n",
                        List.of("lib/OWNERS:2:1: import '../../OWNERS' points outside the repository; imports must"
                                + " name a file inside it")),
                Arguments.of("importFromAnotherProjectWarns", "OWNERS", "alice\ninclude other/repo:/OWNERS\n", List.of(
                        "OWNERS:2:1: warning: import 'other/repo:/OWNERS' names another Gerrit project"
                                + " ('other/repo'), which cannot be read here; skipped, as Gerrit skips imports it"
                                + " cannot resolve (--strict or owners.unresolved_imports: error makes this an error)")),
                Arguments.of("emptyFileWarns", "OWNERS", "# to do\n\n", List.of(
                        "OWNERS:1:1: warning: empty OWNERS file owns nothing; add owners (one per line, e.g."
                                + " \"alice\") or delete it")),
                Arguments.of("setNoParentWithoutOwnersWarns", "OWNERS", "set noparent\n", List.of(
                        "OWNERS:1:1: warning: 'set noparent' with no owners leaves every file here without owners;"
                                + " add owners")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void reportsPositionedDiagnostics(String rule, String path, String text, List<String> expected) {
        OwnersFileParser.Result result = OwnersFileParser.parse(path, text, OwnersAliases.none());
        assertThat(result.diagnostics()).extracting(Diagnostic::format).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void yamlTopLevelListsBecomeOneEntryForAllFiles() {
        OwnersConfig config = parseOk("lib/OWNERS", """
                approvers: ["@Alice", org/Team]
                reviewers: [bob]
                required_reviewers: [carol]
                labels: [sig/storage]
                emeritus_approvers: [dave]
                options:
                  no_parent_owners: true
                  auto_approve_unowned_subfolders: yes
                """);
        assertThat(config.dir()).isEqualTo("lib");
        assertThat(config.noParentOwners()).isTrue();
        assertThat(config.autoApproveUnownedSubfolders()).isTrue();
        assertThat(config.setNoParent()).isFalse();
        assertThat(config.entries()).singleElement().satisfies(e -> {
            assertThat(e.filter()).isEqualTo(PathFilter.ALL);
            assertThat(e.approvers()).containsExactly(Owner.user("alice"), Owner.team("org/team"));
            assertThat(e.reviewers()).containsExactly(Owner.user("bob"));
            assertThat(e.requiredReviewers()).containsExactly(Owner.user("carol"));
            assertThat(e.labels()).containsExactly("sig/storage");
            assertThat(e.location()).isEqualTo("lib/OWNERS:1");
        });
    }

    @Test
    void emeritusApproversOwnNothing() {
        OwnersFileParser.Result result = OwnersFileParser.parse("OWNERS", "emeritus_approvers: [dave]\n",
                OwnersAliases.none());
        assertThat(result.config().hasApprovers()).isFalse();
        assertThat(result.diagnostics()).isEmpty(); // normal in Prow repositories: no warning
    }

    @Test
    void yamlFiltersBecomeOneEntryPerRegexAndDotStarMeansAllFiles() {
        OwnersConfig config = parseOk("OWNERS", """
                filters:
                  ".*":
                    approvers: [alice]
                  "\\\\.go$":
                    approvers: [bob]
                    labels: [lang/go]
                  "\\\\.md$":
                    reviewers: []
                """);
        assertThat(config.entries()).extracting(OwnersEntry::filter)
                .containsExactly(PathFilter.ALL, PathFilter.Regex.of("\\.go$"));
        assertThat(config.entries().get(1).line()).as("the regex line").isEqualTo(4);
    }

    @Test
    void aliasesExpandInBothFormatsAndWinOverTeamLookalikes() {
        OwnersAliases aliases = OwnersAliases.of(Map.of(
                "Sig-Approvers", List.of(Owner.user("carl"), Owner.user("cjwagner")),
                "team/t1", List.of(Owner.user("u1"))));
        OwnersConfig yaml = OwnersFileParser.parse("OWNERS", "approvers: [sig-approvers, team/t1, team/t2]\n",
                aliases).config();
        assertThat(yaml.entries().getFirst().approvers()).containsExactly(
                Owner.user("carl"), Owner.user("cjwagner"), Owner.team("team/t2"), Owner.user("u1"));
        OwnersConfig plain = OwnersFileParser.parse("OWNERS", "@SIG-approvers\n", aliases).config();
        assertThat(plain.entries().getFirst().approvers()).containsExactly(Owner.user("carl"), Owner.user("cjwagner"));
    }

    @Test
    void plainLinesCommentsAndPerFile() {
        OwnersConfig config = parseOk("a/OWNERS", """
                # owners of a
                alice  # lead
                @org/reviewers
                bob@example.com
                *
                set noparent
                per-file *.json, docs/**=carol, @dave
                per-file BUILD=set noparent
                """);
        assertThat(config.setNoParent()).isTrue();
        assertThat(config.entries()).extracting(e -> e.filter().describe() + "@" + e.line() + "=" + e.approvers()
                        + (e.exclusive() ? " exclusive" : ""))
                .containsExactly(
                        "all files@2=[@alice]",
                        "all files@3=[@org/reviewers]",
                        "all files@4=[bob@example.com]",
                        "all files@5=[*]",
                        "per-file *.json@7=[@carol, @dave]",
                        "per-file docs/**@7=[@carol, @dave]",
                        "per-file BUILD@8=[] exclusive");
    }

    @Test
    void fileImportsBringOnlyFolderOwnersButIncludeBringsEverything() {
        FakeRepo repo = FakeRepo.of(
                "common/OWNERS", "shared\nset noparent\nper-file *.md=writer\n",
                "a/OWNERS", "file://common/OWNERS\n",
                "b/OWNERS", "include /common/OWNERS\n");
        OwnersConfig a = OwnersFileParser.parse("a/OWNERS", "file://common/OWNERS\n", OwnersAliases.none(), repo)
                .config();
        assertThat(a.setNoParent()).isFalse();
        assertThat(a.entries()).extracting(e -> e.filter().describe() + " " + e.approvers() + " " + e.location())
                .containsExactly("all files [@shared] common/OWNERS:1");
        OwnersConfig b = OwnersFileParser.parse("b/OWNERS", "include /common/OWNERS\n", OwnersAliases.none(), repo)
                .config();
        assertThat(b.setNoParent()).isTrue();
        assertThat(b.entries()).extracting(e -> e.filter().describe() + " " + e.approvers() + " " + e.location())
                .containsExactly("all files [@shared] common/OWNERS:1", "per-file *.md [@writer] common/OWNERS:3");
    }

    @Test
    void nestedImportsNeverWiden() {
        // a includes b; b imports c with file:, so c's per-file line must not reach a.
        FakeRepo repo = FakeRepo.of(
                "b/OWNERS", "file:../c/OWNERS\n",
                "c/OWNERS", "carol\nper-file x=xavier\nset noparent\n");
        OwnersConfig a = OwnersFileParser.parse("a/OWNERS", "include ../b/OWNERS\n", OwnersAliases.none(), repo)
                .config();
        assertThat(a.setNoParent()).isFalse();
        assertThat(a.entries()).extracting(OwnersEntry::location).containsExactly("c/OWNERS:1");
    }

    @Test
    void perFileCanImportOwnersFromAFile() {
        FakeRepo repo = FakeRepo.of("content/garply/test/OWNERS", "peter@example.com\nper-file z=zed\n");
        OwnersConfig config = OwnersFileParser.parse("content/garply/OWNERS",
                "brett@example.com\nper-file foo.*=file:test/OWNERS\n", OwnersAliases.none(), repo).config();
        assertThat(config.entries().get(1).approvers()).containsExactly(Owner.email("peter@example.com"));
        assertThat(config.entries().get(1).filter()).isEqualTo(PathFilter.Glob.of("foo.*"));
    }

    @Test
    void importCyclesAreErrorsNamingTheCycle() {
        FakeRepo repo = FakeRepo.of(
                "a/OWNERS", "alice\nfile://b/OWNERS\n",
                "b/OWNERS", "bob\ninclude //a/OWNERS\n");
        OwnersTree.LoadResult result = repo.load();
        assertThat(result.hasErrors()).isTrue();
        assertThat(result.diagnostics()).extracting(Diagnostic::format).contains(
                "b/OWNERS:2:1: import cycle: a/OWNERS -> b/OWNERS -> a/OWNERS; remove one of these imports",
                "a/OWNERS:2:1: import cycle: b/OWNERS -> a/OWNERS -> b/OWNERS; remove one of these imports");
    }

    @Test
    void yamlFilesCannotBeImported() {
        FakeRepo repo = FakeRepo.of("y/OWNERS", "approvers: [a]\n");
        OwnersFileParser.Result result = OwnersFileParser.parse("OWNERS", "alice\nfile:/y/OWNERS\n",
                OwnersAliases.none(), repo);
        assertThat(result.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "OWNERS:2:1: imported file 'y/OWNERS' is a YAML OWNERS file; imports read plain OWNERS files only");
    }

    @Test
    void byteOrderMarkAndCrLfAreAccepted() {
        OwnersConfig config = parseOk("OWNERS", "\uFEFFalice\r\nbob\r\n");
        assertThat(config.entries()).hasSize(2);
        assertThat(parseOk("OWNERS", "\uFEFFapprovers:\r\n- alice\r\n").format()).isEqualTo(OwnersConfig.Format.YAML);
    }

    private static OwnersConfig parseOk(String path, String text) {
        OwnersFileParser.Result result = OwnersFileParser.parse(path, text, OwnersAliases.none());
        assertThat(result.diagnostics()).isEmpty();
        return result.config();
    }
}
