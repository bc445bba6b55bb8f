package dev.ownergate.app.github;

import dev.ownergate.repo.RepoSnapshot;
import java.io.IOException;

/** A repository's files at one commit. */
public interface RepoContents {

    /**
     * The snapshot at {@code commitSha}. Throws when GitHub cannot list the whole tree (it truncates very
     * large trees), so the caller fails closed rather than judging on part of the rules.
     */
    RepoSnapshot snapshot(String repo, String commitSha) throws IOException;
}
