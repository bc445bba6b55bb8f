package dev.ownergate.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoAdaptersTest {

    @Test
    void workTreeListsTrackedFilesAndRuleFilesNotAddedYetButNotIgnoredOnes(@TempDir Path dir) throws IOException {
        GitRepoFixture repo = GitRepoFixture.init(dir)
                .write(".gitignore", "build/\n*.local/\n")
                .write("lib/a.py", "")
                .write("build/keep.txt", "")
                .commitAll("first")
                .write("lib/new.py", "")
                .write("lib/OWNERS", "carol\n")
                .write("OWNERS", "alice\n")
                .write(".github/CODEOWNERS", "* @org/team\n")
                .write("build/OWNERS", "mallory\n")
                .write("brand-new/OWNERS", "dave\n");
        repo.git("add", "-f", "build/keep.txt");
        repo.git("commit", "-q", "-m", "keep");

        WorkTree tree = WorkTree.open(repo.root());

        assertThat(tree.isGit()).isTrue();
        // build/OWNERS is ignored; lib/new.py is not a rule file; brand-new/ holds no tracked file, so its rules
        // would govern nothing that is listed.
        assertThat(tree.files()).containsExactly(".github/CODEOWNERS", ".gitignore", "OWNERS", "build/keep.txt",
                "lib/OWNERS", "lib/a.py");
    }

    @Test
    void anIndexLackingMostOfHeadIsNamedButAFewFilesRemovedOnPurposeAreNot(@TempDir Path dir) throws IOException {
        GitRepoFixture repo = GitRepoFixture.init(dir)
                .write("OWNERS", "alice\n")
                .write("src/a.py", "")
                .write("docs/b.md", "")
                .write("tools/c.sh", "")
                .commitAll("first");
        assertThat(WorkTree.open(repo.root()).indexWarning()).as("a full index").isEmpty();

        repo.git("rm", "-q", "-r", "--cached", "tools");
        assertThat(WorkTree.open(repo.root()).indexWarning()).as("one of four entries removed").isEmpty();

        repo.git("read-tree", "--empty");
        WorkTree empty = WorkTree.open(repo.root());
        assertThat(empty.files()).as("untracked OWNERS in the root still count").containsExactly("OWNERS");
        assertThat(empty.indexWarning()).hasValueSatisfying(w -> assertThat(w)
                .startsWith("git's index holds 0 files, but 4 of the 4 top-level entries of HEAD have none in it"
                        + " (OWNERS, docs, src, ...)")
                .contains("`git reset` fills it from HEAD"));

        repo.git("reset", "-q");
        assertThat(WorkTree.open(repo.root()).indexWarning()).as("after git reset").isEmpty();
    }

    @Test
    void aRepositoryWithoutACommitHasNoIndexWarning(@TempDir Path dir) throws IOException {
        GitRepoFixture repo = GitRepoFixture.init(dir).write("OWNERS", "alice\n");
        assertThat(WorkTree.open(repo.root()).indexWarning()).isEmpty();
    }

    @Test
    void folderOutsideGitIsWalkedSkippingDotGitFolders(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("a/.git"));
        Files.writeString(dir.resolve("a/.git/config"), "x");
        Files.writeString(dir.resolve("a/OWNERS"), "alice\n");
        Files.writeString(dir.resolve("top.txt"), "");

        WorkTree tree = WorkTree.open(dir);

        assertThat(tree.isGit()).isFalse();
        assertThat(tree.files()).containsExactly("a/OWNERS", "top.txt");
        assertThat(tree.read("a/OWNERS")).contains("alice\n");
        assertThat(tree.read("missing")).isEmpty();
        assertThat(tree.read("../escape")).isEmpty();
    }

    @Test
    void aFileReachedThroughALinkedFolderIsRefusedOnEveryReadAndARootReachedThroughALinkIsRead(@TempDir Path dir)
            throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("OWNERS"), "mallory\n");
        Files.createDirectories(real.resolve("lib"));
        Files.writeString(real.resolve("lib/OWNERS"), "alice\n");
        Files.createSymbolicLink(real.resolve("vendored"), outside);
        Path linkedRoot = Files.createSymbolicLink(dir.resolve("root-link"), real);

        for (Path root : List.of(real, linkedRoot)) {
            WorkTree tree = WorkTree.open(root);
            for (int read = 0; read < 2; read++) {
                assertThat(tree.read("lib/OWNERS")).contains("alice\n");
                assertThatThrownBy(() -> tree.read("vendored/OWNERS")).isInstanceOf(UnsafeFileException.class)
                        .hasMessageContaining("reached through a symbolic link to a folder");
            }
        }
    }

    @Test
    void gitRevisionReadsTheCommittedTreeNotTheWorkTree(@TempDir Path dir) throws IOException {
        GitRepoFixture repo = GitRepoFixture.init(dir).write("OWNERS", "alice\n").commitAll("base");
        repo.git("branch", "base");
        repo.write("OWNERS", "mallory\n").write("extra.py", "").commitAll("head");

        GitRevision base = GitRevision.at(repo.root(), "base");

        assertThat(base.files()).containsExactly("OWNERS");
        assertThat(base.read("OWNERS")).contains("alice\n");
        assertThat(base.describe()).startsWith("git base@");
        assertThatThrownBy(() -> GitRevision.at(repo.root(), "no-such-ref"))
                .hasMessageContaining("'no-such-ref' is not a commit");
    }

    @Test
    void changesReportRenamesWithBothPathsAndDeletionsWithTheOldPath(@TempDir Path dir) throws IOException {
        GitRepoFixture repo = GitRepoFixture.init(dir)
                .write("lib/keep.py", "x = 1\n".repeat(20))
                .write("lib/gone.py", "y = 2\n")
                .write("lib/edit.py", "z = 3\n")
                .commitAll("base");
        repo.git("branch", "base");
        repo.git("mv", "lib/keep.py", "lib/moved.py");
        repo.git("rm", "-q", "lib/gone.py");
        repo.write("lib/edit.py", "z = 4\n").write("lib/added.py", "").commitAll("head");

        List<GitChanges.Change> changes = GitChanges.between(repo.root(), "base..HEAD");

        assertThat(changes).containsExactlyInAnyOrder(
                new GitChanges.Change(GitChanges.Kind.ADDED, "lib/added.py", null),
                new GitChanges.Change(GitChanges.Kind.MODIFIED, "lib/edit.py", null),
                new GitChanges.Change(GitChanges.Kind.REMOVED, "lib/gone.py", null),
                new GitChanges.Change(GitChanges.Kind.RENAMED, "lib/moved.py", "lib/keep.py"));
        assertThat(changes.stream().flatMap(c -> c.pathsToApprove().stream()))
                .contains("lib/keep.py", "lib/moved.py", "lib/gone.py");
    }
}
