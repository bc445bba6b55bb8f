package dev.ownergate.app.github;

import dev.ownergate.repo.RepoSnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A repository at one commit, read through the git database API: one recursive tree listing up front, and
 * each file's blob fetched only when read, cached by blob SHA (shared across commits, so an unchanged OWNERS
 * file is fetched once for the life of the server).
 */
final class GitHubTreeSnapshot implements RepoSnapshot {

    @FunctionalInterface
    interface BlobReader {
        String read(String blobSha) throws IOException;
    }

    private final String repo;
    private final String commitSha;
    private final Map<String, String> blobByPath;
    private final List<String> files;
    private final BlobReader blobs;

    GitHubTreeSnapshot(String repo, String commitSha, Map<String, String> blobByPath, BlobReader blobs) {
        this.repo = repo;
        this.commitSha = commitSha;
        this.blobByPath = Map.copyOf(blobByPath);
        List<String> sorted = new ArrayList<>(blobByPath.keySet());
        Collections.sort(sorted);
        this.files = List.copyOf(sorted);
        this.blobs = blobs;
    }

    @Override
    public List<String> files() {
        return files;
    }

    @Override
    public Optional<String> read(String path) throws IOException {
        String sha = blobByPath.get(path);
        return sha == null ? Optional.empty() : Optional.of(blobs.read(sha));
    }

    @Override
    public String describe() {
        return repo + "@" + commitSha.substring(0, Math.min(7, commitSha.length()));
    }
}
