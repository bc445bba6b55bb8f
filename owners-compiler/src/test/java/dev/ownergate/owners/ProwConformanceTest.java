package dev.ownergate.owners;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Prow's repoowners_test.go cases (TestGetApprovers, TestLoadRepoOwners, TestOwnersRegexpFiltering,
 * TestFindLabelsForPath), restated as YAML OWNERS trees and checked through {@link OwnersTree#resolve}.
 */
class ProwConformanceTest {

    /** TestGetApprovers: base, leaf, regex-filtered leaf, no_parent_owners dirs with and without filters. */
    private static final OwnersTree GET_APPROVERS = FakeRepo.of(
            "OWNERS", "approvers: [alice, bob]\n",
            "a/b/c/OWNERS", "approvers: [carl, dave]\n",
            "a/b/e/OWNERS", "filters:\n  \".*\\\\.md\":\n    approvers: [carl, dave]\n"
                    + "  \".*\\\\.txt\":\n    approvers: [elic]\n",
            "d/OWNERS", "approvers: [mml]\noptions:\n  no_parent_owners: true\n",
            "f/OWNERS", "options:\n  no_parent_owners: true\nfilters:\n  \".*\\\\.md\":\n    approvers: [carl, dave]\n"
                    + "  \".*\\\\.txt\":\n    approvers: [flex]\n").tree();

    static Stream<Arguments> getApprovers() {
        return Stream.of(
                Arguments.of("modifiedBaseDirOnly", "testFile.md", List.of("@alice", "@bob"), "OWNERS:1"),
                Arguments.of("modifiedLeafDirUnionsWithParents", "a/b/c/testFile.md",
                        List.of("@alice", "@bob", "@carl", "@dave"), "a/b/c/OWNERS:1"),
                Arguments.of("regexMatchedFileInLeafDir", "a/b/e/testFile.md",
                        List.of("@alice", "@bob", "@carl", "@dave"), "a/b/e/OWNERS:2"),
                Arguments.of("regexUnmatchedFileFallsToBase", "a/b/e/testFile.dat", List.of("@alice", "@bob"),
                        "OWNERS:1"),
                Arguments.of("noParentOwnersDirStopsAfterItsApprovers", "d/testFile.go", List.of("@mml"), "d/OWNERS:1"),
                Arguments.of("noParentOwnersWithMatchingFilterStops", "f/testFile.txt", List.of("@flex"),
                        "f/OWNERS:6"),
                Arguments.of("noParentOwnersStopsOnlyWhenApproversFound", "f/testFile.go_to_parent",
                        List.of("@alice", "@bob"), "OWNERS:1"),
                Arguments.of("nonexistentDirDefaultsToBase", "DELETED_DIR/testFile.md", List.of("@alice", "@bob"),
                        "OWNERS:1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("getApprovers")
    void approversForFile(String rule, String file, List<String> approvers, String decidedBy) {
        Resolution r = GET_APPROVERS.resolve(file);
        assertThat(r.approvers()).extracting(Owner::toString).containsExactlyElementsOf(approvers);
        assertThat(GET_APPROVERS.ownersOf(file).decidedBy()).isEqualTo(decidedBy);
    }

    /** TestLoadRepoOwners' repository, with OWNERS_ALIASES. */
    private static final FakeRepo LOAD_REPO = FakeRepo.of(
            "OWNERS_ALIASES", "aliases:\n  Best-approvers:\n  - carl\n  - cjwagner\n  best-reviewers:\n  - Carl\n  - BOB",
            "foo", "approvers:\n- bob",
            "OWNERS", "approvers:\n- cjwagner\nreviewers:\n- Alice\n- bob\nrequired_reviewers:\n- chris\n"
                    + "labels:\n- EVERYTHING",
            "src/OWNERS", "approvers:\n- Best-Approvers",
            "src/dir/OWNERS", "approvers:\n- bob\nreviewers:\n- alice\n- \"@CJWagner\"\n- jakub\n"
                    + "required_reviewers:\n- ben\nlabels:\n- src-code",
            "src/dir/subdir/OWNERS", "approvers:\n- bob\n- alice\nreviewers:\n- bob\n- alice",
            "src/dir/conformance/OWNERS", "options:\n  no_parent_owners: true\n"
                    + "  auto_approve_unowned_subfolders: true\napprovers:\n- mml",
            "vendor/OWNERS", "approvers:\n- alice",
            "vendor/k8s.io/client-go/OWNERS", "approvers:\n- bob");

    @Test
    void loadRepoOwnersReadsEveryOwnersFileExpandsAliasesAndNormalizesLogins() {
        OwnersTree tree = LOAD_REPO.tree();
        assertThat(tree.configs().keySet()).containsExactly("", "src", "src/dir", "src/dir/conformance",
                "src/dir/subdir", "vendor", "vendor/k8s.io/client-go");
        assertThat(approvers(tree.configs().get("src"))).containsExactly("@carl", "@cjwagner");
        assertThat(tree.configs().get("src/dir").entries().getFirst().reviewers()).extracting(Owner::toString)
                .containsExactly("@alice", "@cjwagner", "@jakub");
        OwnersConfig conformance = tree.configs().get("src/dir/conformance");
        assertThat(conformance.noParentOwners()).isTrue();
        assertThat(conformance.autoApproveUnownedSubfolders()).isTrue();
        assertThat(tree.aliases().asMap()).containsOnlyKeys("best-approvers", "best-reviewers");
    }

    static Stream<Arguments> loadRepoResolution() {
        return Stream.of(
                Arguments.of("approversUnionUpTheTree", "src/dir/subdir/a.go",
                        "@alice @bob @carl @cjwagner", "@alice @bob @cjwagner @jakub", "@ben @chris",
                        "EVERYTHING src-code", false),
                Arguments.of("noParentOwnersStopsApprovers", "src/dir/conformance/a.go",
                        "@mml", "@alice @bob @cjwagner @jakub", "@ben @chris", "EVERYTHING src-code", false),
                Arguments.of("autoApproveCoversUnownedSubfolders", "src/dir/conformance/sub/a.go",
                        "@mml", "@alice @bob @cjwagner @jakub", "@ben @chris", "EVERYTHING src-code", true),
                Arguments.of("vendorSubtreeInherits", "vendor/k8s.io/client-go/x.go",
                        "@alice @bob @cjwagner", "@alice @bob", "@chris", "EVERYTHING", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loadRepoResolution")
    void resolvesEachListWithItsOwnWalk(String rule, String file, String approvers, String reviewers,
            String required, String labels, boolean autoApproved) {
        Resolution r = LOAD_REPO.tree().resolve(file);
        assertThat(join(r.approvers())).isEqualTo(approvers);
        assertThat(join(r.reviewers())).isEqualTo(reviewers);
        assertThat(join(r.requiredReviewers())).isEqualTo(required);
        assertThat(String.join(" ", r.labels())).isEqualTo(labels);
        assertThat(r.autoApproved()).isEqualTo(autoApproved);
        assertThat(r.anyone()).isEqualTo(autoApproved);
    }

    @Test
    void autoApprovedFilesExplainWhy() {
        var ownership = LOAD_REPO.tree().ownersOf("src/dir/conformance/sub/a.go");
        assertThat(ownership.anyone()).isTrue();
        assertThat(ownership.owners()).isEmpty();
        assertThat(ownership.decidedBy()).isEqualTo("src/dir/conformance/OWNERS");
        assertThat(ownership.trail()).containsExactly(
                "src/dir/conformance/OWNERS:4 approvers -> @mml",
                "src/dir/conformance/OWNERS options.no_parent_owners -> stop",
                "src/dir/conformance/OWNERS options.auto_approve_unowned_subfolders -> auto-approved:"
                        + " src/dir/conformance/sub has no approvers of its own");
    }

    /** TestOwnersRegexpFiltering: labels from regex filters at two levels. */
    static Stream<Arguments> regexpFiltering() {
        return Stream.of(
                Arguments.of("re/a/go.go", "re/all re/go re/go-in-a"),
                Arguments.of("re/a/md.md", "re/all re/md-in-a"),
                Arguments.of("re/a/txt.txt", "re/all"),
                Arguments.of("re/go.go", "re/all re/go"),
                Arguments.of("re/txt.txt", "re/all"),
                Arguments.of("re/b/md.md", "re/all"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regexpFiltering")
    void labelsFollowRegexFilters(String file, String labels) {
        OwnersTree tree = FakeRepo.of(
                "re/OWNERS", "filters:\n  \".*\":\n    labels:\n    - re/all\n  \"\\\\.go$\":\n    labels:\n    - re/go",
                "re/a/OWNERS", "filters:\n  \"\\\\.md$\":\n    labels:\n    - re/md-in-a\n  \"\\\\.go$\":\n"
                        + "    labels:\n    - re/go-in-a").tree();
        assertThat(String.join(" ", tree.resolve(file).labels())).isEqualTo(labels);
    }

    @Test
    void findLabelsForPathUnionsLabelsUpTheTree() {
        OwnersTree tree = FakeRepo.of(
                "OWNERS", "labels: [sig/godzilla]\n",
                "a/b/c/OWNERS", "labels: [wg/save-tokyo]\n").tree();
        assertThat(tree.resolve("foo.txt").labels()).containsExactly("sig/godzilla");
        assertThat(tree.resolve("a/b/c/foo.txt").labels()).containsExactly("sig/godzilla", "wg/save-tokyo");
        assertThat(tree.resolve("a/b/foo.txt").labels()).containsExactly("sig/godzilla");
    }

    @Test
    void mixedTopLevelListsAndFiltersIgnoreTheFilters() {
        OwnersTree tree = FakeRepo.of("OWNERS",
                "approvers: [alice]\nfilters:\n  \"\\\\.go$\":\n    approvers: [gopher]\n").tree();
        assertThat(join(tree.resolve("a.go").approvers())).isEqualTo("@alice");
    }

    @Test
    void emptyTopLevelListsDoNotHideTheFilters() {
        OwnersTree tree = FakeRepo.of("OWNERS",
                "approvers: []\nfilters:\n  \"\\\\.go$\":\n    approvers: [gopher]\n").tree();
        assertThat(join(tree.resolve("a.go").approvers())).isEqualTo("@gopher");
        assertThat(join(tree.resolve("a.py").approvers())).isEmpty();
    }

    @Test
    void noParentOwnersCountsApproversFromDeeperFolders() {
        // g has no_parent_owners and nothing matching a.go, but g/h already gave an approver: the walk stops at g.
        OwnersTree tree = FakeRepo.of(
                "OWNERS", "approvers: [root]\n",
                "g/OWNERS", "options: {no_parent_owners: true}\nfilters:\n  \"\\\\.md$\":\n    approvers: [writer]\n",
                "g/h/OWNERS", "approvers: [carol]\n").tree();
        assertThat(join(tree.resolve("g/h/a.go").approvers())).isEqualTo("@carol");
        assertThat(join(tree.resolve("g/a.go").approvers())).isEqualTo("@root");
        assertThat(join(tree.resolve("g/a.md").approvers())).isEqualTo("@writer");
    }

    @Test
    void filtersMatchThePathRelativeToTheOwnersFolder() {
        OwnersTree tree = FakeRepo.of("lib/OWNERS", "filters:\n  \"^docs/\":\n    approvers: [writer]\n").tree();
        assertThat(join(tree.resolve("lib/docs/a.md").approvers())).isEqualTo("@writer");
        assertThat(join(tree.resolve("lib/src/docs/a.md").approvers())).isEmpty();
    }

    @Test
    void autoApproveDoesNotCoverFilesInTheOwnersFolderItself() {
        OwnersTree tree = FakeRepo.of("x/OWNERS", "approvers: [a]\noptions: {auto_approve_unowned_subfolders: true}\n")
                .tree();
        assertThat(tree.resolve("x/file.go").autoApproved()).isFalse();
        assertThat(tree.resolve("x/new/file.go").autoApproved()).isTrue();
    }

    @Test
    void autoApproveStopsWhereASubfolderHasItsOwnApprovers() {
        OwnersTree tree = FakeRepo.of(
                "x/OWNERS", "approvers: [a]\noptions: {auto_approve_unowned_subfolders: true}\n",
                "x/y/OWNERS", "approvers: [b]\n",
                "x/r/OWNERS", "reviewers: [c]\n").tree();
        assertThat(tree.resolve("x/y/z/file.go").autoApproved()).isFalse();
        assertThat(tree.resolve("x/r/file.go").autoApproved()).as("reviewers alone do not own").isTrue();
    }

    @Test
    void withoutAnyApproversTheRootOptionDecides() {
        // Prow's FindApproverOwnersForFile returns "" when nothing owns the file, so the root's option applies.
        OwnersTree tree = FakeRepo.of("OWNERS", "reviewers: [r]\noptions: {auto_approve_unowned_subfolders: true}\n",
                "cut/OWNERS", "set noparent\n").tree();
        assertThat(tree.resolve("x/y.go").autoApproved()).isTrue();
        assertThat(tree.resolve("y.go").autoApproved()).isFalse();
        assertThat(tree.resolve("cut/y.go").autoApproved()).as("set noparent hides the root").isFalse();
    }

    private static List<String> approvers(OwnersConfig config) {
        return config.entries().stream().flatMap(e -> e.approvers().stream()).map(Owner::toString).toList();
    }

    private static String join(java.util.Collection<Owner> owners) {
        return String.join(" ", owners.stream().map(Owner::toString).toList());
    }
}
