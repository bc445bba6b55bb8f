package dev.ownergate.repo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/** The URLs of a repository's git remotes. */
public final class GitRemotes {
    private GitRemotes() {}

    /** {@code git remote get-url origin}; empty when git is missing, the folder is no repository, or no origin. */
    public static Optional<String> originUrl(Path repoDir) throws IOException {
        Optional<Git.Output> out = new Git(repoDir.toAbsolutePath().normalize()).run("remote", "get-url", "origin");
        if (out.isEmpty() || !out.get().ok()) {
            return Optional.empty();
        }
        String url = new String(out.get().stdout(), StandardCharsets.UTF_8).strip();
        return url.isEmpty() ? Optional.empty() : Optional.of(url);
    }
}
