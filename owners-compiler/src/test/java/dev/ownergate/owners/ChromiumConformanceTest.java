package dev.ownergate.owners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.settings.OwnersSettings;
import dev.ownergate.settings.PerFileGlobs;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Chromium depot_tools owners_unittest.py cases (its test_repo, per-file, set noparent, file: includes,
 * {@code *}), restated as "who may approve this file" through {@link OwnersTree#resolve}, with the default
 * find-owners reading of {@code per-file} globs (they reach subfolders, as in depot_tools and Gerrit).
 */
class ChromiumConformanceTest {

    private static final String BEN = "ben@example.com";
    private static final String BRETT = "brett@example.com";
    private static final String DARIN = "darin@example.com";
    private static final String JOHN = "john@example.com";
    private static final String KEN = "ken@example.com";
    private static final String PETER = "peter@example.com";
    private static final String TOM = "tom@example.com";

    /** depot_tools test_repo(), optionally with some files replaced. */
    private static OwnersTree repo(String... overrides) {
        List<String> files = new ArrayList<>(List.of(
                "OWNERS", "*\n",
                "chrome/OWNERS", lines(BEN, BRETT),
                "chrome/browser/OWNERS", lines(BRETT),
                "chrome/gpu/OWNERS", lines(KEN),
                "chrome/renderer/OWNERS", lines(PETER),
                "content/OWNERS", "# foo\nset noparent\n" + lines(JOHN, DARIN),
                "content/baz/OWNERS", lines(BRETT),
                "content/garply/OWNERS", "file:test/OWNERS\n",
                "content/garply/test/OWNERS", lines(PETER),
                "content/qux/OWNERS", "file://content/baz/OWNERS\n" + lines(PETER),
                "content/views/OWNERS", "set noparent\n" + lines(BEN, JOHN, "*")));
        for (int i = 0; i < overrides.length; i += 2) {
            int at = files.indexOf(overrides[i]);
            if (at >= 0) {
                files.set(at + 1, overrides[i + 1]);
            } else {
                files.add(overrides[i]);
                files.add(overrides[i + 1]);
            }
        }
        return FakeRepo.of(files.toArray(String[]::new)).tree();
    }

    static Stream<Arguments> testRepo() {
        return Stream.of(
                Arguments.of("ownersPropagateDown", "chrome/renderer/gpu/gpu_channel_host.h",
                        List.of(BEN, BRETT, PETER), true),
                Arguments.of("rootStarLetsAnyoneApprove", "DEPS", List.of(), true),
                Arguments.of("setNoparentCutsTheRootStar", "content/content.gyp", List.of(DARIN, JOHN), false),
                Arguments.of("subfolderWithoutOwnersInherits", "content/bar/foo.cc", List.of(DARIN, JOHN), false),
                Arguments.of("ownersUnionWithParents", "content/baz/froboz.h", List.of(BRETT, DARIN, JOHN), false),
                Arguments.of("relativeFileImport", "content/garply/foo.cc", List.of(DARIN, JOHN, PETER), false),
                Arguments.of("absoluteFileImport", "content/qux/foo.cc", List.of(BRETT, DARIN, JOHN, PETER), false),
                Arguments.of("starNextToNamedOwners", "content/views/pie.h", List.of(BEN, JOHN), true),
                Arguments.of("gpuOwnerPlusParents", "chrome/gpu/gpu_channel.h", List.of(BEN, BRETT, KEN), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("testRepo")
    void testRepoOwners(String rule, String file, List<String> approvers, boolean anyone) {
        assertResolves(repo(), file, approvers, anyone);
    }

    @Test
    void perFileOwnersAddToTheFolderOwners() {
        OwnersTree tree = repo("content/baz/OWNERS", lines(BRETT, "per-file ugly.*=" + TOM));
        assertResolves(tree, "content/baz/ugly.cc", List.of(BRETT, DARIN, JOHN, TOM), false);
        assertResolves(tree, "content/baz/froboz.h", List.of(BRETT, DARIN, JOHN), false);
    }

    @Test
    void perFileGlobsReachSubfoldersAsInDepotToolsAndFindOwners() {
        // depot_tools fnmatch()es the path relative to the OWNERS folder; Gerrit find-owners adds {**/,}.
        OwnersTree tree = repo("content/baz/OWNERS", lines(BRETT, "per-file ugly.*=" + TOM));
        assertResolves(tree, "content/baz/sub/dir/ugly.cc", List.of(BRETT, DARIN, JOHN, TOM), false);
        assertResolves(tree, "content/baz/sub/dir/pretty.cc", List.of(BRETT, DARIN, JOHN), false);
    }

    @Test
    void oneFolderKeepsPerFileGlobsToDirectChildren() {
        OwnersTree tree = FakeRepo.of("content/OWNERS", lines(JOHN, "per-file ugly.*=" + TOM)).tree(
                OwnersSettings.DEFAULTS.withPerFileGlobs(PerFileGlobs.ONE_FOLDER));
        assertResolves(tree, "content/ugly.cc", List.of(JOHN, TOM), false);
        assertResolves(tree, "content/sub/ugly.cc", List.of(JOHN), false);
    }

    @Test
    void perFileAllowsSpacesAroundTheEquals() {
        OwnersTree tree = repo("content/baz/OWNERS", lines(BRETT, "per-file ugly.* = " + TOM));
        assertResolves(tree, "content/baz/ugly.cc", List.of(BRETT, DARIN, JOHN, TOM), false);
    }

    @Test
    void perFileSetNoparentLeavesOnlyThePerFileOwners() {
        OwnersTree tree = repo("content/baz/OWNERS",
                lines(BRETT, "per-file ugly.*=" + TOM, "per-file ugly.*=set noparent"));
        assertResolves(tree, "content/baz/ugly.cc", List.of(TOM), false);
        assertResolves(tree, "content/baz/froboz.h", List.of(BRETT, DARIN, JOHN), false);
    }

    @Test
    void perFileStarLetsAnyoneApprove() {
        OwnersTree tree = repo("OWNERS", "per-file DEPS=*\n");
        assertResolves(tree, "DEPS", List.of(), true);
        assertResolves(tree, "README", List.of(), false);
    }

    @Test
    void perFileImportsAFilesOwners() {
        OwnersTree absolute = repo("content/qux/OWNERS", lines(PETER, "per-file foo.*=file://content/baz/OWNERS"));
        assertResolves(absolute, "content/qux/foo.cc", List.of(BRETT, DARIN, JOHN, PETER), false);
        assertResolves(absolute, "content/qux/baz.cc", List.of(DARIN, JOHN, PETER), false);
        OwnersTree relative = repo("content/garply/OWNERS", lines(BRETT, "per-file foo.*=file:test/OWNERS"));
        assertResolves(relative, "content/garply/foo.cc", List.of(BRETT, DARIN, JOHN, PETER), false);
        assertResolves(relative, "content/garply/baz.cc", List.of(BRETT, DARIN, JOHN), false);
    }

    @Test
    void perFileSetNoparentWithAnImportedFile() {
        OwnersTree tree = repo("content/garply/OWNERS",
                lines(BRETT, "per-file foo.*=set noparent", "per-file foo.*=file:test/OWNERS"));
        assertResolves(tree, "content/garply/foo.cc", List.of(PETER), false);
        assertResolves(tree, "content/garply/bar.cc", List.of(BRETT, DARIN, JOHN), false);
    }

    @Test
    void fileImportsAreRecursive() {
        OwnersTree tree = repo("content/baz/OWNERS", "file://chrome/gpu/OWNERS\n");
        assertResolves(tree, "content/qux/foo.cc", List.of(DARIN, JOHN, KEN, PETER), false);
    }

    @Test
    void fileImportsWithADifferentFileName() {
        OwnersTree tree = repo("owners/garply", lines(PETER),
                "content/garply/OWNERS", lines(JOHN, "per-file foo.*=file://owners/garply"));
        assertResolves(tree, "content/garply/foo.cc", List.of(DARIN, JOHN, PETER), false);
    }

    @Test
    void importLoopsAreErrorsUnlikeChromium() {
        // depot_tools tolerates this loop (test_file_include_recursive_loop); we report it, as the spec asks.
        OwnersTree.LoadResult result = FakeRepo.of(
                "content/baz/OWNERS", lines(BRETT, "file://content/qux/OWNERS"),
                "content/qux/OWNERS", "file://content/baz/OWNERS\n" + lines(PETER)).load();
        assertThat(result.diagnostics()).filteredOn(Diagnostic::isError).extracting(Diagnostic::message)
                .allMatch(m -> m.startsWith("import cycle: "));
        assertThat(result.hasErrors()).isTrue();
    }

    static Stream<Arguments> syntaxErrors() {
        // depot_tools assert_syntax_error cases: each must be an error at foo/OWNERS:1.
        return Stream.of(
                Arguments.of("unknownToken", "{x\n"),
                Arguments.of("unknownSet", "set myfatherisbillgates\n"),
                Arguments.of("badOwner", "ben!\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syntaxErrors")
    void syntaxErrorsPointAtTheLine(String rule, String text) {
        OwnersTree.LoadResult result = FakeRepo.of("foo/OWNERS", text).load();
        assertThat(result.diagnostics()).filteredOn(Diagnostic::isError).isNotEmpty()
                .allSatisfy(d -> assertThat(d.format()).startsWith("foo/OWNERS:1:"));
    }

    @Test
    void anEmptyFlowMappingIsAnEmptyYamlFileUnlikeChromium() {
        // depot_tools calls "{}" a syntax error; by our format rule it is a YAML mapping that owns nothing.
        OwnersTree.LoadResult result = FakeRepo.of("foo/OWNERS", "{}\n").load();
        assertThat(result.tree().configs().get("foo").format()).isEqualTo(OwnersConfig.Format.YAML);
        assertThat(result.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "foo/OWNERS:1:1: warning: has no entries, so it has no effect; add approvers,"
                        + " e.g. \"approvers: [alice]\", or delete it");
    }

    @Test
    void plainLoginsAreValidOwnersUnlikeChromium() {
        // Chromium owners are emails only; on GitHub a bare login is the normal owner.
        assertResolves(FakeRepo.of("foo/OWNERS", "ben\n").tree(), "foo/x", List.of("@ben"), false);
    }

    @Test
    void perFileGlobsMayNameSubfoldersUnlikeChromium() {
        // depot_tools rejects "per-file content/*"; Gerrit code-owners globs allow folders, and '*' stays in one.
        OwnersTree tree = FakeRepo.of("OWNERS", "root\nper-file content/*=" + JOHN + "\n").tree();
        assertResolves(tree, "content/a.cc", List.of("@root", JOHN), false);
        assertResolves(tree, "content/sub/a.cc", List.of("@root"), false);
    }

    private static void assertResolves(OwnersTree tree, String file, List<String> approvers, boolean anyone) {
        Resolution r = tree.resolve(file);
        assertThat(r.approvers()).extracting(Owner::toString).containsExactlyInAnyOrderElementsOf(approvers);
        assertThat(r.anyone()).as("anyone").isEqualTo(anyone);
    }

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }
}
