package dev.ownergate.app.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ownergate.repo.UnsafeFileException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue #10, point 3: one evaluation reads a bounded number of blobs and bytes, in bounded time. */
class EvaluationBudgetTest {
    private static final GitHubTreeSnapshot.Tree TREE = GitHubTreeSnapshot.Tree.of("acme/w", "abc1234",
            Map.of("a/OWNERS", "s1", "b/OWNERS", "s2", "c/OWNERS", "s3", "link/OWNERS", "s4"),
            Map.of("a/OWNERS", 10L, "b/OWNERS", 10L, "c/OWNERS", 10L, "link/OWNERS", 11L), Set.of("link/OWNERS"));

    @Test
    void theBlobPastTheLimitIsRefusedWithATitleNamingTheLimit() throws Exception {
        GitHubTreeSnapshot snapshot = new GitHubTreeSnapshot(TREE, sha -> "alice\n",
                new EvaluationBudget(2, 1_000, Duration.ofMinutes(1)));
        snapshot.read("a/OWNERS");
        snapshot.read("b/OWNERS");

        assertThatThrownBy(() -> snapshot.read("c/OWNERS")).isInstanceOfSatisfying(EvaluationBudget.Exceeded.class,
                e -> {
                    assertThat(e.limit()).isEqualTo("blobs");
                    assertThat(e.title()).isEqualTo("Ownergate stopped: this repository's rules need more than 2"
                            + " files (limit per evaluation)");
                });
    }

    @Test
    void bytesAndTimeAreLimitsToo() {
        GitHubTreeSnapshot bytes = new GitHubTreeSnapshot(TREE, sha -> "alice\n",
                new EvaluationBudget(100, 15, Duration.ofMinutes(1)));
        assertThatThrownBy(() -> {
            bytes.read("a/OWNERS");
            bytes.read("b/OWNERS");
        }).isInstanceOfSatisfying(EvaluationBudget.Exceeded.class, e -> assertThat(e.limit()).isEqualTo("bytes"));

        GitHubTreeSnapshot time = new GitHubTreeSnapshot(TREE, sha -> "alice\n",
                new EvaluationBudget(100, 1_000, Duration.ZERO));
        assertThatThrownBy(() -> time.read("a/OWNERS"))
                .isInstanceOfSatisfying(EvaluationBudget.Exceeded.class, e -> assertThat(e.limit()).isEqualTo("time"));
    }

    @Test
    void aSymlinkEntryIsRefusedAndItsBlobNeverFetched() {
        GitHubTreeSnapshot snapshot = new GitHubTreeSnapshot(TREE, sha -> {
            throw new AssertionError("fetched " + sha);
        });
        assertThatThrownBy(() -> snapshot.read("link/OWNERS")).isInstanceOf(UnsafeFileException.class)
                .hasMessageContaining("'link/OWNERS' is a symbolic link");
    }
}
