package dev.ownergate.app.policy;

import dev.ownergate.owners.Owner;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The verdict on one path a pull request touches, with the reason in words.
 *
 * @param path        the path judged; a rename yields one verdict for its old path and one for its new path
 * @param change      how the pull request changes it
 * @param requirement what the path needs, given its owners and the policy
 * @param status      whether it has that
 * @param owners      its owners under the base rules (empty for unowned and {@code *} paths)
 * @param anyone      the rules say anyone may approve it ({@code *})
 * @param protectedBy the {@code protected_paths} pattern it matches, or null
 * @param decidedBy   the rule that decided its owners, e.g. {@code lib/OWNERS:3}; empty when none matched
 * @param approvedBy  the logins whose approvals count for it: for an owned path only approvers who own it (a team
 *                    owner through a member), in either mode
 * @param blockedBy   the owners of it whose latest review requests changes, when that blocks
 * @param why         one sentence for people: owners, rule, requirement and who approved or what is missing
 */
public record FileVerdict(
        String path,
        ChangedFile.Change change,
        Requirement requirement,
        FileStatus status,
        SortedSet<Owner> owners,
        boolean anyone,
        String protectedBy,
        String decidedBy,
        SortedSet<String> approvedBy,
        SortedSet<String> blockedBy,
        String why) {

    /** What a path needs. */
    public enum Requirement {
        /** Approval from its own owners (every-file mode, or a protected path). */
        OWN_OWNERS,
        /** In any-owner mode: approval from an owner of any changed file. */
        ANY_CODE_OWNER,
        /** Approval from anyone but the author: {@code *} files, and unowned files under require-approval. */
        ANY_REVIEWER,
        /** Nothing: unowned files under {@code unowned_files: allow}. */
        NONE,
        /** Nothing: it matches {@code approval.ignore} (lockfiles, generated code). */
        IGNORED,
        /** It cannot be merged: unowned files under {@code unowned_files: block}. */
        FORBIDDEN
    }

    public enum FileStatus {
        /** Approved by approvers who own it (or, for {@code *} and unowned files, by anyone but the author). */
        APPROVED,
        /**
         * In {@code any-owner} mode: none of its own owners approved, but the pull request has enough approvals from
         * owners of other changed files. It passes, and is never shown as approved.
         */
        ACCEPTED_BY_OTHER_OWNERS,
        NEEDS_APPROVAL,
        CHANGES_REQUESTED,
        BLOCKED,
        NOT_REQUIRED;

        public boolean satisfied() {
            return this == APPROVED || this == ACCEPTED_BY_OTHER_OWNERS || this == NOT_REQUIRED;
        }
    }

    public FileVerdict {
        Objects.requireNonNull(path, "path");
        owners = Collections.unmodifiableSortedSet(new TreeSet<>(owners));
        approvedBy = Collections.unmodifiableSortedSet(new TreeSet<>(approvedBy));
        blockedBy = Collections.unmodifiableSortedSet(new TreeSet<>(blockedBy));
        decidedBy = decidedBy == null ? "" : decidedBy;
    }

    public boolean isOwned() {
        return !owners.isEmpty();
    }

    /** The owners as written in CODEOWNERS ({@code @alice @org/team}), or {@code *}, or "(no owner)". */
    public String ownersText() {
        if (anyone) {
            return "*";
        }
        return owners.isEmpty() ? "(no owner)" : String.join(" ", owners.stream().map(Owner::toString).toList());
    }
}
