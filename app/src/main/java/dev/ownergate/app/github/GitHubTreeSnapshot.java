package dev.ownergate.app.github;

import dev.ownergate.repo.RepoSnapshot;
import dev.ownergate.repo.SourceUnavailableException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    record Tree(String repo, String commitSha, Map<String, String> blobByPath, List<String> files) {
        static Tree of(String repo, String commitSha, Map<String, String> blobByPath) {
            List<String> sorted = new ArrayList<>(blobByPath.keySet());
            Collections.sort(sorted);
            return new Tree(repo, commitSha, Map.copyOf(blobByPath), List.copyOf(sorted));
        }
    }

    private final Tree tree;
    private final BlobReader blobs;

    GitHubTreeSnapshot(Tree tree, BlobReader blobs) {
        this.tree = tree;
        this.blobs = blobs;
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
    public Optional<String> read(String path) {
        String sha = tree.blobByPath().get(path);
        if (sha == null) {
            return Optional.empty();
        }
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
