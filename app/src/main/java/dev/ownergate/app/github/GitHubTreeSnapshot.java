package dev.ownergate.app.github;

import dev.ownergate.repo.RepoSnapshot;
import dev.ownergate.repo.SourceUnavailableException;
import dev.ownergate.repo.UnsafeFileException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A repository at one commit, read through the git database API: one recursive tree listing up front, and
 * each file's blob fetched only when read, cached by blob SHA (shared across commits, so an unchanged OWNERS
 * file is fetched once).
 */
final class GitHubTreeSnapshot implements RepoSnapshot, BlobShas {

    @FunctionalInterface
    interface BlobReader {
        String read(String blobSha) throws IOException;
    }

    /**
     * A commit's file listing: built once per commit and cached, while the blob reader is bound per use, so a
     * cached tree never holds on to a client whose token GitHub has since rejected.
     */
    record Tree(String repo, String commitSha, Map<String, String> blobByPath, List<String> files,
                Map<String, Long> sizeByPath, Set<String> symlinks) {
        static Tree of(String repo, String commitSha, Map<String, String> blobByPath) {
            return of(repo, commitSha, blobByPath, Map.of(), Set.of());
        }

        /** {@code symlinks}: the entries of mode 120000, whose blob is a link's target, never followed. */
        static Tree of(String repo, String commitSha, Map<String, String> blobByPath, Map<String, Long> sizeByPath,
                       Set<String> symlinks) {
            List<String> sorted = new ArrayList<>(blobByPath.keySet());
            Collections.sort(sorted);
            return new Tree(repo, commitSha, Map.copyOf(blobByPath), List.copyOf(sorted), Map.copyOf(sizeByPath),
                    Set.copyOf(symlinks));
        }
    }

    private final Tree tree;
    private final BlobReader blobs;
    private final EvaluationBudget budget;

    GitHubTreeSnapshot(Tree tree, BlobReader blobs) {
        this(tree, blobs, new EvaluationBudget());
    }

    GitHubTreeSnapshot(Tree tree, BlobReader blobs, EvaluationBudget budget) {
        this.tree = tree;
        this.blobs = blobs;
        this.budget = budget;
    }

    @Override
    public List<String> files() {
        return tree.files();
    }

    /**
     * @throws SourceUnavailableException when GitHub fails to hand over the blob: the loaders pass that on
     *         instead of reporting the file as unreadable, so the evaluation is retried
     */
    @Override
    public Optional<String> read(String path) throws UnsafeFileException {
        return read(path, Long.MAX_VALUE);
    }

    /**
     * A symbolic link is refused, never followed, like on disk; a blob over {@code maxBytes} is refused by the
     * size the tree listing gave, before it is fetched; every fetch counts against the evaluation's budget.
     *
     * @throws EvaluationBudget.Exceeded when this evaluation has read more than it may
     */
    @Override
    public Optional<String> read(String path, long maxBytes) throws UnsafeFileException {
        String sha = tree.blobByPath().get(path);
        if (sha == null) {
            return Optional.empty();
        }
        if (tree.symlinks().contains(path)) {
            throw UnsafeFileException.symlink(path);
        }
        long size = tree.sizeByPath().getOrDefault(path, 0L);
        if (size > maxBytes) {
            throw UnsafeFileException.tooLarge(path, size, maxBytes);
        }
        budget.spend(size);
        try {
            return Optional.of(blobs.read(sha));
        } catch (IOException e) {
            throw new SourceUnavailableException(e);
        }
    }

    @Override
    public java.util.SortedMap<String, String> blobShas(java.util.function.Predicate<String> paths) {
        java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
        tree.blobByPath().forEach((path, sha) -> {
            if (paths.test(path)) {
                out.put(path, sha);
            }
        });
        return out;
    }

    @Override
    public String describe() {
        String sha = tree.commitSha();
        return tree.repo() + "@" + sha.substring(0, Math.min(7, sha.length()));
    }
}
