package dev.ownergate.app.override;

import java.util.Optional;

/** Where the override standing on a pull request's head is found. */
public interface OverrideLog {

    /** The override standing on exactly this head of the pull request, if any. */
    Optional<OverrideGrant> active(String repo, int number, String headSha);

    /**
     * Whether the pull request's newest decision is this override itself: then posting it again changes nothing
     * on the audit trail, and recording it again would list one override as several exceptions.
     */
    boolean newest(OverrideGrant grant);
}
