package dev.ownergate.owners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.ownership.FileOwnership;
import dev.ownergate.repo.SourceUnavailableException;
import dev.ownergate.repo.TextSource;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OwnersTreeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"OWNERS,true", "a/b/OWNERS,true", "a/OWNERS.md,false", "a/XOWNERS,false", "OWNERS_ALIASES,false",
            "a/owners,false", "OWNERS/x,false"})
    void ownersFilesAreNamedExactlyOwners(String path, boolean expected) {
        assertThat(OwnersTree.isOwnersFile(path)).isEqualTo(expected);
    }

    @Test
    void aSourceThatIsUnavailableIsPassedOnNotReportedAsABadFile() {
        IOException down = new IOException("GET /repos/acme/widgets/git/blobs/abc -> 502");
        TextSource failing = path -> {
            if (path.equals("lib/OWNERS") || path.equals("shared/OWNERS.team")) {
                throw new SourceUnavailableException(down);
            }
            return path.equals("OWNERS") ? Optional.of("file:/shared/OWNERS.team\n") : Optional.empty();
        };

        assertThatThrownBy(() -> OwnersTree.load(List.of("lib/OWNERS"), failing))
                .isInstanceOf(SourceUnavailableException.class).hasCause(down);
        assertThatThrownBy(() -> OwnersTree.load(List.of("OWNERS"), failing))
                .as("an import that cannot be read now").isInstanceOf(SourceUnavailableException.class);
    }

    @Test
    void otherReadFailuresAreReportedAgainstTheFile() {
        TextSource broken = path -> {
            throw new IOException("Permission denied");
        };

        OwnersTree.LoadResult result = OwnersTree.load(List.of("lib/OWNERS"), broken);

        assertThat(result.diagnostics()).extracting(Diagnostic::format)
                .contains("lib/OWNERS:0:0: cannot read: Permission denied")
                .as("the reason is given once, not followed by a generic line")
                .doesNotContain("lib/OWNERS:0:0: cannot read this OWNERS file");
    }

    @Test
    void trailNamesEveryContributingRuleNearestFirst() {
        OwnersTree tree = FakeRepo.of(
                "OWNERS", "root\n",
                "lib/OWNERS", "alice\nbob\nper-file *.json=set noparent\nper-file *.json=carol\n").tree();
        FileOwnership json = tree.ownersOf("lib/a.json");
        assertThat(json.owners()).extracting(Owner::toString).containsExactly("@carol");
        assertThat(json.decidedBy()).isEqualTo("lib/OWNERS:4");
        assertThat(json.trail()).containsExactly(
                "lib/OWNERS:4 per-file *.json -> @carol",
                "lib/OWNERS:3 per-file *.json=set noparent -> stop");

        FileOwnership txt = tree.ownersOf("lib/a.txt");
        assertThat(txt.owners()).extracting(Owner::toString).containsExactly("@alice", "@bob", "@root");
        assertThat(txt.decidedBy()).isEqualTo("lib/OWNERS:1");
        assertThat(txt.trail()).containsExactly("lib/OWNERS:1 owners -> @alice, @bob", "OWNERS:1 owners -> @root");
    }

    @Test
    void importedOwnersSayWhereTheyCameFrom() {
        OwnersTree tree = FakeRepo.of(
                "build/COMMON_OWNERS", "builder\n",
                "lib/OWNERS", "file://build/COMMON_OWNERS\nset noparent\n").tree();
        assertThat(tree.ownersOf("lib/x").trail()).containsExactly(
                "build/COMMON_OWNERS:1 owners (imported by lib/OWNERS) -> @builder",
                "lib/OWNERS set noparent -> stop");
        // The deciding line is where lib/ brings the owners in: the import line of lib/OWNERS.
        assertThat(tree.ownersOf("lib/x").decidedBy()).isEqualTo("lib/OWNERS:1");
    }

    @Test
    void perFileSetNoparentKeepsOwnersFromDeeperFolders() {
        OwnersTree tree = FakeRepo.of(
                "OWNERS", "root\n",
                "lib/OWNERS", "alice\nper-file **/*.json=set noparent\nper-file **/*.json=bob\n",
                "lib/sub/OWNERS", "carol\n").tree();
        assertThat(tree.resolve("lib/sub/x.json").approvers()).extracting(Owner::toString)
                .containsExactly("@bob", "@carol");
        assertThat(tree.resolve("lib/sub/x.txt").approvers()).extracting(Owner::toString)
                .containsExactly("@alice", "@carol", "@root");
    }

    @Test
    void setNoparentStopsEvenWithoutOwnersInTheFolder() {
        OwnersTree.LoadResult result = FakeRepo.of("OWNERS", "root\n", "lib/OWNERS", "set noparent\n").load();
        assertThat(result.hasErrors()).isFalse();
        assertThat(result.tree().resolve("lib/x").approvers()).isEmpty();
        assertThat(result.tree().ownersOf("lib/x").isOwned()).isFalse();
    }

    @Test
    void setNoparentIsUnconditionalButNoParentOwnersIsNot() {
        OwnersTree tree = FakeRepo.of(
                "OWNERS", "approvers: [root]\n",
                "plain/OWNERS", "set noparent\nper-file *.md=writer\n",
                "yaml/OWNERS", "options: {no_parent_owners: true}\nfilters:\n  \"\\\\.md$\":\n    approvers: [writer]\n")
                .tree();
        assertThat(tree.resolve("plain/a.go").approvers()).isEmpty();
        assertThat(tree.resolve("yaml/a.go").approvers()).extracting(Owner::toString).containsExactly("@root");
        assertThat(tree.resolve("plain/a.md").approvers()).extracting(Owner::toString).containsExactly("@writer");
        assertThat(tree.resolve("yaml/a.md").approvers()).extracting(Owner::toString).containsExactly("@writer");
    }

    @Test
    void bothFormatsMixInOneTree() {
        OwnersTree tree = FakeRepo.of(
                "OWNERS", "approvers: [root]\nreviewers: [rev]\n",
                "chromium/OWNERS", "@org/team\n").tree();
        Resolution r = tree.resolve("chromium/x.cc");
        assertThat(r.approvers()).extracting(Owner::toString).containsExactly("@org/team", "@root");
        assertThat(r.reviewers()).extracting(Owner::toString).containsExactly("@rev");
        assertThat(tree.configs().get("chromium").format()).isEqualTo(OwnersConfig.Format.PLAIN);
    }

    @Test
    void unownedFilesHaveAnEmptyAnswer() {
        FileOwnership none = FakeRepo.of("lib/OWNERS", "alice\n").tree().ownersOf("README.md");
        assertThat(none.isOwned()).isFalse();
        assertThat(none.anyone()).isFalse();
        assertThat(none.decidedBy()).isEmpty();
        assertThat(none.trail()).isEmpty();
    }

    @Test
    void anyoneHidesTheNamedOwnersInFileOwnership() {
        OwnersTree tree = FakeRepo.of("OWNERS", "alice\n*\n").tree();
        assertThat(tree.resolve("x").approvers()).extracting(Owner::toString).containsExactly("@alice");
        FileOwnership ownership = tree.ownersOf("x");
        assertThat(ownership.anyone()).isTrue();
        assertThat(ownership.owners()).isEmpty();
        assertThat(ownership.decidedBy()).isEqualTo("OWNERS:1");
    }

    @Test
    void folderCacheGivesTheSameAnswerAsAFreshTree() {
        FakeRepo repo = FakeRepo.of(
                "OWNERS", "root\n",
                "a/OWNERS", "alice\nper-file *.md=writer\n",
                "a/b/OWNERS", "approvers: [bob]\noptions: {no_parent_owners: true}\n");
        OwnersTree warm = repo.tree();
        List<String> files = List.of("x", "a/x", "a/x.md", "a/b/x", "a/b/x.md", "a/b/c/x", "a/c/x.md", "a/x");
        files.forEach(warm::resolve);
        for (String file : files) {
            assertThat(warm.resolve(file)).isEqualTo(repo.tree().resolve(file));
        }
        assertThat(warm.resolve("a/b/c/x").path()).isEqualTo("a/b/c/x");
        for (String dir : List.of("", "a", "a/b", "a/b/c", "z")) {
            assertThat(warm.configAt(dir)).as(dir).isEqualTo(java.util.Optional.ofNullable(warm.configs().get(dir)));
        }
    }

    /**
     * Answers are shared per class (the nearest OWNERS folder, the filters matching, whether the file is in that
     * folder itself). Each file must still get exactly what a fresh tree gives it, whatever order the files of a
     * class are asked in: a class that lumps together files needing different answers shows here.
     */
    @Test
    void sharedAnswersSplitByFilterMatchesAndByTheOwnersFolderItself() {
        FakeRepo repo = FakeRepo.of(
                "OWNERS", "filters:\n  \".*\":\n    approvers: [root]\n  \"\\\\.py$\":\n    approvers: [py]\n",
                "a/OWNERS", "approvers: [alice]\noptions: {auto_approve_unowned_subfolders: true}\n",
                "a/b/c/OWNERS", "carol\nper-file *.md=writer\nper-file *_test.py=tester\n");
        List<String> files = List.of("x.py", "x.go", "a/x.py", "a/x.go", "a/b/x.go", "a/b/y.py", "a/d/x.go",
                "a/b/c/x.go", "a/b/c/x.md", "a/b/c/x_test.py", "a/b/c/x.py", "a/b/c/d/e/x.md", "a/b/c/d/x.go");
        for (List<String> order : List.of(files, files.reversed())) {
            OwnersTree warm = repo.tree();
            order.forEach(warm::resolveShared);
            for (String file : files) {
                Resolution fresh = repo.tree().resolve(file);
                assertThat(warm.resolve(file)).as(file).isEqualTo(fresh);
                assertThat(warm.ownersOf(file)).as(file).isEqualTo(repo.tree().ownersOf(file));
                assertThat(warm.resolveShared(file).withPath(file)).as(file).isEqualTo(fresh);
                String dir = file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : "";
                assertThat(warm.resolveShared(file, dir)).as("%s, its folder given", file)
                        .isSameAs(warm.resolveShared(file)).isSameAs(warm.resolveShared("/" + file, dir));
            }
        }
        OwnersTree tree = repo.tree();
        assertThat(tree.resolve("a/b/c/x.md").approvers()).extracting(Owner::toString)
                .containsExactly("@alice", "@carol", "@root", "@writer");
        assertThat(tree.resolve("a/b/c/x.go").approvers()).extracting(Owner::toString)
                .containsExactly("@alice", "@carol", "@root");
        assertThat(tree.resolve("a/b/c/x_test.py").approvers()).extracting(Owner::toString)
                .containsExactly("@alice", "@carol", "@py", "@root", "@tester");
        assertThat(tree.resolve("a/x.go").autoApproved()).as("in the OWNERS folder itself").isFalse();
        assertThat(tree.ownersOf("a/b/x.go").trail()).last().asString().endsWith("a/b has no approvers of its own");
        assertThat(tree.ownersOf("a/d/x.go").trail()).last().asString().endsWith("a/d has no approvers of its own");
        assertThat(tree.resolveShared("a/b/x.go")).as("one object per class")
                .isSameAs(tree.resolveShared("a/b/z.go")).isNotSameAs(tree.resolveShared("a/b/y.py"));
        assertThat(tree.resolveShared("a/b/c/d/x.go")).as("folders below one OWNERS folder share")
                .isSameAs(tree.resolveShared("a/b/c/d/e/y.go")).isNotSameAs(tree.resolveShared("a/b/c/x.go"));
        assertThat(tree.ownersFolderOf("a/b/c/d/e")).isEqualTo("a/b/c");
        assertThat(tree.ownersFolderOf("z")).isEmpty();
    }

    @ParameterizedTest(name = "{0} per-file rules")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 6, 70})
    void manyPerFileRulesResolveLikeFew(int rules) {
        StringBuilder text = new StringBuilder("alice\n");
        for (int i = 0; i < rules; i++) {
            text.append("per-file f").append(i).append(".*=owner").append(i).append('\n');
        }
        OwnersTree tree = FakeRepo.of("OWNERS", text.toString()).tree();
        for (int i = 0; i < rules; i++) {
            assertThat(tree.resolve("f" + i + ".c").approvers()).extracting(Owner::toString)
                    .containsExactly("@alice", "@owner" + i);
        }
        assertThat(tree.resolve("g.c").approvers()).extracting(Owner::toString).containsExactly("@alice");
    }

    @Test
    void resolveIsSafeFromManyThreads() {
        OwnersTree tree = FakeRepo.of("OWNERS", "root\n", "a/OWNERS", "alice\n").tree();
        List<Resolution> answers = IntStream.range(0, 2000).parallel()
                .mapToObj(i -> tree.resolve("a/d" + (i % 50) + "/f" + i)).toList();
        assertThat(answers).allSatisfy(r -> assertThat(r.approvers()).extracting(Owner::toString)
                .containsExactly("@alice", "@root"));
    }

    @Test
    void loadIgnoresOtherFilesAndReportsUnreadableOwners() {
        OwnersTree.LoadResult result = OwnersTree.load(List.of("README.md", "gone/OWNERS", "OWNERS"),
                path -> path.equals("OWNERS") ? Optional.of("alice\n") : Optional.empty());
        assertThat(result.tree().configs().keySet()).containsExactly("");
        assertThat(result.diagnostics()).extracting(Diagnostic::format)
                .containsExactly("gone/OWNERS:0:0: cannot read this OWNERS file");
    }

    @Test
    void loadTurnsReadFailuresIntoDiagnostics() {
        OwnersTree.LoadResult result = OwnersTree.load(List.of("OWNERS"), path -> {
            throw new IOException("disk on fire");
        });
        assertThat(result.hasErrors()).isTrue();
        assertThat(result.diagnostics()).extracting(Diagnostic::format).contains(
                "OWNERS_ALIASES:0:0: cannot read: disk on fire", "OWNERS:0:0: cannot read: disk on fire");
    }

    @Test
    void loadReadsRootAliasesAndReportsTheirErrors() {
        OwnersTree.LoadResult result = FakeRepo.of(
                "OWNERS_ALIASES", "aliases:\n  sig-x: [alice, \"not valid\"]\n",
                "OWNERS", "approvers: [sig-x]\n").load();
        assertThat(result.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "OWNERS_ALIASES:2:18: 'not valid' in alias 'sig-x' is not a valid member: " + Owner.expectedForm());
        assertThat(result.tree().resolve("x").approvers()).extracting(Owner::toString).containsExactly("@alice");
    }

    @Test
    void unknownAliasLookingTokensAreLogins() {
        OwnersTree tree = FakeRepo.of("OWNERS", "approvers: [sig-undefined-approvers]\n").tree();
        assertThat(tree.resolve("x").approvers()).containsExactly(Owner.user("sig-undefined-approvers"));
    }

    @Test
    void sourceDescriptionNamesOwnersFiles() {
        assertThat(FakeRepo.of("OWNERS", "a\n").tree().sourceDescription()).isEqualTo("OWNERS files");
    }
}
