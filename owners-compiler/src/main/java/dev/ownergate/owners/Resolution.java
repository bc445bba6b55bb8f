package dev.ownergate.owners;

import java.util.List;
import java.util.SortedSet;

/**
 * Who owns one file under the OWNERS tree, and why.
 *
 * @param approvers         everyone who may approve, without {@code *}
 * @param anyone            anyone may approve: {@code *} is among the owners, or the file is auto-approved
 * @param autoApproved      Prow {@code auto_approve_unowned_subfolders} covers the file
 * @param reviewers         suggested reviewers (Prow {@code reviewers})
 * @param requiredReviewers Prow {@code required_reviewers}
 * @param labels            Prow {@code labels}
 * @param chain             the OWNERS entries that decided the approvers, nearest folder first
 * @param decidedAt         {@code file:line} of the rule that decided: in the nearest folder with approvers for
 *                          the file, its most specific matching rule (a {@code per-file} line or filter before the
 *                          folder's owner lines); for imported owners, the import line in that folder's OWNERS file;
 *                          empty when no rule gave approvers
 */
public record Resolution(
        String path,
        SortedSet<Owner> approvers,
        boolean anyone,
        boolean autoApproved,
        SortedSet<Owner> reviewers,
        SortedSet<Owner> requiredReviewers,
        SortedSet<String> labels,
        List<Step> chain,
        String decidedAt) {


    public Resolution {
        approvers = FrozenSortedSet.of(approvers);
        reviewers = FrozenSortedSet.of(reviewers);
        requiredReviewers = FrozenSortedSet.of(requiredReviewers);
        labels = FrozenSortedSet.of(labels);
        chain = List.copyOf(chain);
        if (approvers.contains(Owner.ANYONE)) {
            throw new IllegalArgumentException("'*' is expressed by anyone=true, not as an approver");
        }
    }

    /** The same answer for another file in the same folder (the folder-level cache). */
    Resolution withPath(String otherPath) {
        return new Resolution(otherPath, approvers, anyone, autoApproved, reviewers, requiredReviewers, labels,
                chain, decidedAt);
    }

    /**
     * One link of the chain: an OWNERS rule and what it did.
     *
     * @param source  the file the rule is written in
     * @param line    1-based; 0 for a file-wide option ({@code set noparent}, {@code options})
     * @param rule    {@code all files}, {@code per-file *.json=set noparent}, {@code options.no_parent_owners}
     * @param outcome {@code @alice, @bob}, {@code stop}, {@code auto-approved}
     */
    public record Step(String source, int line, String rule, String outcome) {
        /** {@code lib/OWNERS:3 per-file *.json=set noparent -> stop} */
        public String describe() {
            return source + (line > 0 ? ":" + line : "") + " " + rule + " -> " + outcome;
        }

        /** {@code lib/OWNERS:3}, or just the path for a file-wide option. */
        public String location() {
            return line > 0 ? source + ":" + line : source;
        }
    }
}
