package dev.ownergate.owners;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One rule of an OWNERS file: for the files its filter matches, who may approve, who reviews, which labels.
 * A YAML file gives one entry for its top-level lists or one per {@code filters} key; a plain file gives one
 * entry for its owner lines (one more per imported file) and one per {@code per-file} glob.
 *
 * @param approvers         owners; may contain {@link Owner#ANYONE}
 * @param reviewers         suggested reviewers (YAML only)
 * @param requiredReviewers Prow {@code required_reviewers} (YAML only)
 * @param labels            Prow {@code labels}, as written (YAML only)
 * @param exclusive         Chromium {@code per-file GLOB=set noparent}: matching files ignore the folder's other
 *                          owners and all parent folders
 * @param sourcePath        the file the rule is written in: the OWNERS file itself, or an imported file
 * @param line              1-based line in {@code sourcePath}
 */
public record OwnersEntry(
        PathFilter filter,
        SortedSet<Owner> approvers,
        SortedSet<Owner> reviewers,
        SortedSet<Owner> requiredReviewers,
        SortedSet<String> labels,
        boolean exclusive,
        String sourcePath,
        int line) {

    public OwnersEntry {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(sourcePath, "sourcePath");
        approvers = Collections.unmodifiableSortedSet(new TreeSet<>(approvers));
        reviewers = Collections.unmodifiableSortedSet(new TreeSet<>(reviewers));
        requiredReviewers = Collections.unmodifiableSortedSet(new TreeSet<>(requiredReviewers));
        labels = Collections.unmodifiableSortedSet(new TreeSet<>(labels));
    }

    /** An entry that only names approvers. */
    public static OwnersEntry approvers(PathFilter filter, SortedSet<Owner> approvers, String sourcePath, int line) {
        return new OwnersEntry(filter, approvers, new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), false,
                sourcePath, line);
    }

    /** True when the entry names nobody and no label: Prow skips such entries entirely. */
    public boolean isEmpty() {
        return approvers.isEmpty() && reviewers.isEmpty() && requiredReviewers.isEmpty() && labels.isEmpty()
                && !exclusive;
    }

    /** {@code lib/OWNERS:3} */
    public String location() {
        return sourcePath + ":" + line;
    }
}
