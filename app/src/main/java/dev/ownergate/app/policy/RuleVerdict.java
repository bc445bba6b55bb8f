package dev.ownergate.app.policy;

import dev.ownergate.app.policy.FileVerdict.FileStatus;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The verdict on one {@link ApprovalRule} that matches at least one changed file.
 *
 * @param files      the changed paths it covers, sorted
 * @param status     {@code APPROVED}, {@code NEEDS_APPROVAL} or {@code CHANGES_REQUESTED}
 * @param approvedBy the approvers who count for it
 * @param blockedBy  its approvers whose latest review requests changes, when that blocks
 * @param missing    how many more approvals it needs (0 when approved)
 * @param why        one sentence for people
 */
public record RuleVerdict(ApprovalRule rule, List<String> files, FileStatus status, SortedSet<String> approvedBy,
        SortedSet<String> blockedBy, int missing, String why) {
    public RuleVerdict {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(status, "status");
        files = List.copyOf(files);
        approvedBy = Collections.unmodifiableSortedSet(new TreeSet<>(approvedBy));
        blockedBy = Collections.unmodifiableSortedSet(new TreeSet<>(blockedBy));
    }

    public String name() {
        return rule.name();
    }

    public boolean satisfied() {
        return status.satisfied();
    }
}
