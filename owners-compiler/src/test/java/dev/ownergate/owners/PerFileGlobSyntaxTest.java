package dev.ownergate.owners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.settings.OwnersSettings;
import dev.ownergate.settings.PerFileGlobs;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * {@code per-file} globs in each {@link PerFileGlobs} syntax. The trees are our own, shaped like Chromium-family
 * OWNERS files: a test folder whose OWNERS says every committer owns the tests ({@code per-file *=*}), docs owned
 * by a docs team ({@code per-file *.md}), build files owned by build owners, and a Gerrit SIMPLE tree that writes
 * {@code .../BUILD.gn}.
 */
class PerFileGlobSyntaxTest {

    private static final OwnersSettings FIND_OWNERS = OwnersSettings.DEFAULTS;
    private static final OwnersSettings ONE_FOLDER = OwnersSettings.DEFAULTS.withPerFileGlobs(PerFileGlobs.ONE_FOLDER);
    private static final OwnersSettings SIMPLE = OwnersSettings.DEFAULTS.withPerFileGlobs(PerFileGlobs.SIMPLE);

    private static final FakeRepo TREE = FakeRepo.of(
            "OWNERS", "root@example.com\n",
            "src/tests/OWNERS", "tester@example.com\n# All committers are owners of the tests.\nper-file *=*\n",
            "docs/OWNERS", "lead@example.com\nper-file *.md=writer@example.com\n",
            "build/OWNERS", "lead@example.com\nper-file BUILD.gn=builder@example.com\n",
            "third_party/OWNERS", "lead@example.com\nper-file zlib/*=zlib@example.com\n");

    static Stream<Arguments> cases() {
        return Stream.of(
                // Gerrit find-owners puts {**/,} in front of every glob; depot_tools fnmatch reaches subfolders too.
                Arguments.of("findOwnersStarCoversTheWholeTestTree", FIND_OWNERS, "src/tests/gl_tests/a/b.cpp",
                        List.of("@tester@example.com", "@root@example.com"), true),
                Arguments.of("findOwnersStarCoversDirectChildren", FIND_OWNERS, "src/tests/a.cpp",
                        List.of("@tester@example.com", "@root@example.com"), true),
                Arguments.of("findOwnersExtensionReachesSubfolders", FIND_OWNERS, "docs/guide/setup/install.md",
                        List.of("@lead@example.com", "@writer@example.com", "@root@example.com"), false),
                Arguments.of("findOwnersExtensionLeavesOtherFiles", FIND_OWNERS, "docs/guide/logo.png",
                        List.of("@lead@example.com", "@root@example.com"), false),
                Arguments.of("findOwnersFileNameReachesSubfolders", FIND_OWNERS, "build/config/linux/BUILD.gn",
                        List.of("@lead@example.com", "@builder@example.com", "@root@example.com"), false),
                Arguments.of("findOwnersFolderGlobMatchesAtAnyDepth", FIND_OWNERS, "third_party/x/zlib/inflate.c",
                        List.of("@lead@example.com", "@zlib@example.com", "@root@example.com"), false),
                Arguments.of("findOwnersStarStaysInTheNamedFolder", FIND_OWNERS, "third_party/zlib/contrib/a.c",
                        List.of("@lead@example.com", "@root@example.com"), false),
                // one-folder: today's reading, anchored at the OWNERS folder, '*' in one folder.
                Arguments.of("oneFolderStarOnlyDirectChildren", ONE_FOLDER, "src/tests/gl_tests/a/b.cpp",
                        List.of("@tester@example.com", "@root@example.com"), false),
                Arguments.of("oneFolderStarDirectChild", ONE_FOLDER, "src/tests/a.cpp",
                        List.of("@tester@example.com", "@root@example.com"), true),
                Arguments.of("oneFolderExtensionOnlyDirectChildren", ONE_FOLDER, "docs/guide/install.md",
                        List.of("@lead@example.com", "@root@example.com"), false),
                // Gerrit SIMPLE: '*' in one folder, '...' any path.
                Arguments.of("simpleStarOnlyDirectChildren", SIMPLE, "docs/guide/install.md",
                        List.of("@lead@example.com", "@root@example.com"), false),
                Arguments.of("simpleStarDirectChild", SIMPLE, "docs/install.md",
                        List.of("@lead@example.com", "@writer@example.com", "@root@example.com"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void perFileGlobsFollowTheChosenSyntax(String rule, OwnersSettings settings, String file, List<String> approvers,
            boolean anyone) {
        Resolution r = TREE.tree(settings).resolve(file);
        assertThat(r.approvers()).extracting(Owner::toString).containsExactlyInAnyOrderElementsOf(
                approvers.stream().map(a -> a.substring(1)).toList());
        assertThat(r.anyone()).as("anyone").isEqualTo(anyone);
    }

    @Test
    void simpleDotsMatchAnyPathButTheDirectChildNeedsItsOwnExpression() {
        // Gerrit's path-expressions docs: "BUILD in the folder and all subfolders" needs BUILD and .../BUILD.
        FakeRepo repo = FakeRepo.of("gpu/OWNERS", "lead@example.com\nper-file .../BUILD.gn=builder@example.com\n"
                + "per-file ....md=writer@example.com\n");
        OwnersTree tree = repo.tree(SIMPLE);
        assertThat(tree.resolve("gpu/command_buffer/service/BUILD.gn").approvers()).extracting(Owner::toString)
                .containsExactlyInAnyOrder("lead@example.com", "builder@example.com");
        assertThat(tree.resolve("gpu/BUILD.gn").approvers()).extracting(Owner::toString)
                .containsExactly("lead@example.com");
        assertThat(tree.resolve("gpu/a/b/README.md").approvers()).extracting(Owner::toString)
                .containsExactlyInAnyOrder("lead@example.com", "writer@example.com");
        assertThat(repo.load(SIMPLE).diagnostics()).isEmpty();
    }

    @Test
    void dotsUnderASyntaxThatReadsThemLiterallyWarn() {
        FakeRepo repo = FakeRepo.of("gpu/OWNERS", "lead@example.com\nper-file .../BUILD.gn=builder@example.com\n");
        for (OwnersSettings settings : List.of(FIND_OWNERS, ONE_FOLDER)) {
            assertThat(repo.load(settings).diagnostics()).extracting(Diagnostic::format).containsExactly(
                    "gpu/OWNERS:2:10: warning: per-file glob '.../BUILD.gn' contains '...', which the "
                            + settings.perFileGlobs().yaml() + " syntax reads as three literal dots; if this file is"
                            + " written for Gerrit's SIMPLE syntax ('...' matches any path), set \"owners:"
                            + " {per_file_globs: simple}\" in .github/ownergate.yml");
        }
    }

    static Stream<Arguments> codeownersGlobs() {
        return Stream.of(
                Arguments.of(FIND_OWNERS, "*.md", "**/*.md"),
                Arguments.of(FIND_OWNERS, "BUILD.gn", "**/BUILD.gn"),
                Arguments.of(FIND_OWNERS, "**/*.md", "**/*.md"),
                Arguments.of(FIND_OWNERS, "zlib/*", "**/zlib/*"),
                Arguments.of(ONE_FOLDER, "*.md", "*.md"),
                Arguments.of(SIMPLE, "*.md", "*.md"),
                Arguments.of(SIMPLE, ".../BUILD.gn", "*/**/BUILD.gn"),
                Arguments.of(SIMPLE, "sub/...", "sub/**"),
                Arguments.of(SIMPLE, "....md", "**/*.md"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("codeownersGlobs")
    void eachSyntaxHasItsCodeownersGlob(OwnersSettings settings, String glob, String codeowners) {
        assertThat(PathFilter.Glob.of(glob, settings.perFileGlobs()).glob()).hasValue(codeowners);
    }

    @Test
    void aSimpleQuestionMarkIsLiteralSoItHasNoCodeownersGlob() {
        PathFilter.Glob glob = PathFilter.Glob.of("a?.txt", PerFileGlobs.SIMPLE);
        assertThat(glob.matches("a?.txt")).isTrue();
        assertThat(glob.matches("ab.txt")).isFalse();
        assertThat(glob.glob()).isEmpty();
    }
}
