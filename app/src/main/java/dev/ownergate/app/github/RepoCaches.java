package dev.ownergate.app.github;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What the App keeps of repositories between evaluations, bounded by size rather than count: a monorepo's
 * tree has hundreds of thousands of paths, an OWNERS blob a few hundred bytes. Both are addressed by SHA, so
 * entries never go stale. Concurrent evaluations on the same base wait for one fetch instead of each fetching.
 */
final class RepoCaches {
    /** About 100 MB of heap: five trees of a 100,000-file monorepo. */
    static final long MAX_TREE_PATHS = 500_000;
    static final long MAX_BLOB_CHARS = 32L * 1024 * 1024;

    private final Cache<String, GitHubTreeSnapshot.Tree> trees;
    private final Cache<String, String> blobs;
    /** Comparisons of two commits, for owned-changes; weighed by their paths like trees. */
    private final Cache<String, CommitComparison> comparisons = Caffeine.newBuilder().executor(Runnable::run)
            .maximumWeight(200_000).weigher((String key, CommitComparison c) -> Math.max(1, c.paths().size())).build();

    RepoCaches() {
        this(MAX_TREE_PATHS, MAX_BLOB_CHARS);
    }

    RepoCaches(long maxTreePaths, long maxBlobChars) {
        // Evictions run on the calling thread: no background pool to manage or wait for.
        this.trees = Caffeine.newBuilder().executor(Runnable::run).maximumWeight(maxTreePaths)
                .weigher((String key, GitHubTreeSnapshot.Tree tree) -> Math.max(1, tree.files().size())).build();
        this.blobs = Caffeine.newBuilder().executor(Runnable::run).maximumWeight(maxBlobChars)
                .weigher((String sha, String text) -> Math.max(1, text.length())).build();
    }

    /** The tree of {@code repo@sha}, fetched once. */
    GitHubTreeSnapshot.Tree tree(String key, IoSupplier<GitHubTreeSnapshot.Tree> fetch) throws IOException {
        return cached(trees, key, fetch);
    }

    /** A blob's text by its SHA, fetched once. */
    String blob(String sha, IoSupplier<String> fetch) throws IOException {
        return cached(blobs, sha, fetch);
    }

    /** What changed between two commits, {@code repo@from...to}, compared once. */
    CommitComparison comparison(String key, IoSupplier<CommitComparison> fetch) throws IOException {
        return cached(comparisons, key, fetch);
    }

    private static <T> T cached(Cache<String, T> cache, String key, IoSupplier<T> fetch) throws IOException {
        try {
            return cache.get(key, k -> {
                try {
                    return fetch.get();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
