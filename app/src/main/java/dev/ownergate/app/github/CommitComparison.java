package dev.ownergate.app.github;

import java.util.Objects;
import java.util.Set;

/**
 * What changed from one commit to another, as GitHub's "Compare two commits" lists it.
 *
 * @param outcome whether the paths are the whole answer
 * @param paths   every changed path (both paths of a rename) when {@code outcome} is {@link Outcome#LISTED}
 */
public record CommitComparison(Outcome outcome, Set<String> paths) {

    public enum Outcome {
        /** {@code paths} is every changed path. */
        LISTED,
        /** The older commit no longer exists (a force-push replaced it and GitHub dropped it): 404 or 422. */
        GONE,
        /** GitHub lists at most 300 files of a comparison; this one may have more. */
        TOO_MANY_FILES
    }

    /** GitHub's documented cap on a comparison's file list (docs: "Compare two commits"). */
    public static final int MAX_LISTED_FILES = 300;

    public CommitComparison {
        Objects.requireNonNull(outcome, "outcome");
        paths = Set.copyOf(paths);
    }

    public static CommitComparison listed(Set<String> paths) {
        return new CommitComparison(Outcome.LISTED, paths);
    }

    public static CommitComparison gone() {
        return new CommitComparison(Outcome.GONE, Set.of());
    }
}
