package dev.ownergate.app.store;

import java.util.List;
import java.util.Optional;

/** The latest check posted per pull request, with its input fingerprint. Survives restarts and is shared by replicas. */
public interface VerdictStore {

    /** Replaces the pull request's latest verdict. */
    void save(PostedVerdict verdict);

    /** The check last posted for the pull request; empty when none. */
    Optional<PostedVerdict> posted(String repo, int number);

    /** The stored fingerprint digest, or empty when none (never evaluated, or failed closed). */
    Optional<String> fingerprintDigest(String repo, int number);

    /** The latest verdicts of a repository, newest first (the admin page). */
    List<PostedVerdict> recent(String repo, int limit);
}
