package dev.ownergate.app.policy;

import java.util.Objects;
import java.util.Set;

/**
 * What changed between a commit an approval was given on and the pull request's head, for
 * {@code invalidate_on_push: owned-changes}. The adapter fills it from GitHub's compare API (or {@code git diff}).
 */
public sealed interface PushedChanges {

    /** Every path changed from that commit to the head (both paths of a rename). */
    record Listed(Set<String> paths) implements PushedChanges {
        public Listed {
            paths = Set.copyOf(paths);
        }
    }

    /**
     * The changes cannot be listed, e.g. the commit is gone after a force-push, or GitHub lists only part of a
     * long comparison: every file counts as changed.
     *
     * @param reason for people, e.g. "abc1234 is no longer in the repository (force-pushed away)"
     */
    record Unknown(String reason) implements PushedChanges {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
