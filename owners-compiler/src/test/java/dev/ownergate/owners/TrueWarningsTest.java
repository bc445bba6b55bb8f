package dev.ownergate.owners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.diagnostics.Diagnostic;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue #8, point 4, and issue #10, point 5: warnings that are true, and typos that are errors. */
class TrueWarningsTest {

    static Stream<Arguments> normalProwFiles() {
        return Stream.of(
                Arguments.of("reviewersOnly", "reviewers: [bob]\n"),
                Arguments.of("labelsOnly", "labels: [sig/node]\n"),
                Arguments.of("emeritusOnly", "emeritus_approvers: [dave]\nemeritus_reviewers: [erin]\n"),
                Arguments.of("requiredReviewersFilterOnly", "filters:\n  \"\\\\.go$\":\n    required_reviewers: [carol]\n"),
                Arguments.of("emeritusInsideAFilter", "filters:\n  \".*\":\n    reviewers: [bob]\n"
                        + "    emeritus_approvers: [dave]\n    emeritus_reviewers: [erin]\n"),
                Arguments.of("optionsAndReviewers", "options:\n  no_parent_owners: true\nreviewers: [bob]\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("normalProwFiles")
    void normalProwFilesGiveNoWarning(String rule, String text) {
        assertThat(OwnersFileParser.parse("pkg/OWNERS", text, OwnersAliases.none()).diagnostics()).isEmpty();
    }

    @Test
    void aFileWithNoEntriesAtAllWarns() {
        assertThat(OwnersFileParser.parse("pkg/OWNERS", "approvers: []\nreviewers:\n", OwnersAliases.none())
                .diagnostics()).extracting(Diagnostic::format).containsExactly(
                "pkg/OWNERS:1:1: warning: has no entries, so it has no effect; add approvers, e.g."
                        + " \"approvers: [alice]\", or delete it");
    }

    @Test
    void anAliasThatExpandsToNobodyWarnsWithItsAliasesLine() {
        OwnersAliases aliases = OwnersAliases.parse("OWNERS_ALIASES",
                "aliases:\n  cluster-approvers: [alice]\n  provider-approvers: []\n  provider-reviewers:\n").aliases();
        assertThat(OwnersFileParser.parse("exp/OWNERS", "approvers:\n  - provider-approvers\n  - cluster-approvers\n",
                aliases).diagnostics()).extracting(Diagnostic::format).containsExactly(
                "exp/OWNERS:2:5: warning: alias 'provider-approvers' (OWNERS_ALIASES:3) has no members, so it adds"
                        + " nobody here; add members to the alias or list the owners directly");
        assertThat(OwnersFileParser.parse("OWNERS", "provider-reviewers\n", aliases).diagnostics())
                .extracting(Diagnostic::format).containsExactly(
                "OWNERS:1:1: warning: alias 'provider-reviewers' (OWNERS_ALIASES:4) has no members, so it adds"
                        + " nobody here; add members to the alias or list the owners directly",
                "OWNERS:1:1: warning: lists no owners, so it owns nothing; add owners (one per line, e.g. \"alice\")");
    }

    static Stream<Arguments> typos() {
        return Stream.of(
                Arguments.of("approversMissingALetter", "aprovers: [alice]\n",
                        List.of("OWNERS:1:1: unknown key 'aprovers' in OWNERS file; did you mean 'approvers'?")),
                Arguments.of("optionMissingAnS", "approvers: [alice]\noptions:\n  no_parent_owner: true\n",
                        List.of("OWNERS:3:3: unknown key 'no_parent_owner' in options; did you mean"
                                + " 'no_parent_owners'?")),
                Arguments.of("filterKeyTypo", "filters:\n  \".*\":\n    reviewrs: [bob]\n",
                        List.of("OWNERS:3:5: unknown key 'reviewrs' in a filter; did you mean 'reviewers'?")),
                Arguments.of("aPlainOwnerWithAColon", "alice:\n",
                        List.of("OWNERS:1:1: 'alice:' is not an OWNERS key; to make alice an owner, write 'alice'"
                                + " without the colon (plain format, one owner per line) or 'approvers: [alice]'"
                                + " (YAML)")),
                Arguments.of("onlyUnknownKeys", "owners: [alice]\n",
                        List.of("OWNERS:1:1: unknown key 'owners' in OWNERS file, and no known key, so this file"
                                + " would own nothing; known keys: approvers, emeritus_approvers, emeritus_reviewers,"
                                + " filters, labels, options, required_reviewers, reviewers")),
                Arguments.of("aYamlLookingPlainLineGetsAHint", "alice\nbob:\n",
                        List.of("OWNERS:2:1: 'bob:' is not a valid owner: " + Owner.expectedForm() + "; it looks like"
                                + " YAML: in a plain OWNERS file write one owner per line without ':' (e.g. 'bob'),"
                                + " or write the whole file as YAML (e.g. 'approvers: [bob]')")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typos")
    void typosThatWouldChangeOwnershipAreErrors(String rule, String text, List<String> expected) {
        assertThat(OwnersFileParser.parse("OWNERS", text, OwnersAliases.none()).diagnostics())
                .extracting(Diagnostic::format).containsExactlyElementsOf(expected);
    }

    @Test
    void aPerFileGlobThatMatchesNoFileWarns() {
        OwnersTree tree = FakeRepo.of("docs/OWNERS", "lead@example.com\nper-file *.md=w@example.com\n"
                + "per-file *.rst=w@example.com\n").tree();
        assertThat(tree.unmatchedPerFileGlobs(List.of("docs/a/guide.md", "docs/b.txt", "other.rst")))
                .extracting(Diagnostic::format).containsExactly(
                "docs/OWNERS:3:1: warning: per-file glob '*.rst' matches no file; fix the glob or remove it"
                        + " (per-file globs are read as find-owners, see docs/owners-format.md)");
    }

    @Test
    void anImportedGlobThatMatchesInOneFolderDoesNotWarn() {
        OwnersTree tree = FakeRepo.of("common/OWNERS", "per-file *.py=py@example.com\n",
                "a/OWNERS", "x@example.com\ninclude /common/OWNERS\n",
                "b/OWNERS", "x@example.com\ninclude /common/OWNERS\n").tree();
        assertThat(tree.unmatchedPerFileGlobs(List.of("a/x.go", "b/y.py", "common/OWNERS"))).isEmpty();
    }
}
