package dev.ownergate.app.override;

import java.util.Optional;

/** Where the override standing on a pull request's head is found. */
@FunctionalInterface
public interface OverrideLog {

    /** The override standing on exactly this head of the pull request, if any. */
    Optional<OverrideGrant> active(String repo, int number, String headSha);
}
