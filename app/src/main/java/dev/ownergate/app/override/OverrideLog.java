package dev.ownergate.app.override;

import java.util.List;
import java.util.Optional;

/** Where overrides are kept: the one standing on a pull request's head, and every one ever granted. */
public interface OverrideLog {

    void record(OverrideGrant override);

    /** The override standing on exactly this head of the pull request, if any. */
    Optional<OverrideGrant> active(String repo, int number, String headSha);

    /** Every override, newest first, at most {@code limit}. */
    List<OverrideGrant> recent(int limit);
}
