package dev.ownergate.app.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RepoCachesTest {

    static GitHubTreeSnapshot.Tree tree(int files) {
        Map<String, String> paths = new HashMap<>();
        for (int i = 0; i < files; i++) {
            paths.put("f" + i, "sha" + i);
        }
        return GitHubTreeSnapshot.Tree.of("acme/widgets", "abc1234", paths);
    }

    @Test
    void treesAreFetchedOnceAndBoundedByTheirPathCount() throws IOException {
        RepoCaches caches = new RepoCaches(250, 1_000);
        AtomicInteger fetches = new AtomicInteger();

        GitHubTreeSnapshot.Tree first = caches.tree("a", () -> {
            fetches.incrementAndGet();
            return tree(100);
        });
        GitHubTreeSnapshot.Tree again = caches.tree("a", () -> {
            fetches.incrementAndGet();
            return tree(100);
        });
        assertThat(again).isSameAs(first);
        assertThat(fetches).hasValue(1);

        caches.tree("b", () -> tree(100));
        caches.tree("c", () -> tree(100)); // 300 paths > 250: one of the three must go
        int refetched = 0;
        for (String key : new String[] {"a", "b", "c"}) {
            AtomicInteger miss = new AtomicInteger();
            caches.tree(key, () -> {
                miss.incrementAndGet();
                return tree(1);
            });
            refetched += miss.get();
        }
        assertThat(refetched).isPositive();
    }

    @Test
    void aFailedFetchIsThrownAndNotCached() throws IOException {
        RepoCaches caches = new RepoCaches(10, 10);
        assertThatThrownBy(() -> caches.blob("s", () -> {
            throw new GitHubException(502, "bad gateway", true, null);
        })).isInstanceOf(GitHubException.class).hasMessage("bad gateway");

        assertThat(caches.blob("s", () -> "text")).isEqualTo("text");
    }
}
