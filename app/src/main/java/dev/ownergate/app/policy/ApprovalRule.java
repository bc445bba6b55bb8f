package dev.ownergate.app.policy;

import dev.ownergate.owners.Owner;
import java.util.List;
import java.util.Objects;

/**
 * A named rule of {@code approval.rules}: every changed file that matches {@code paths} also needs {@code count}
 * distinct approvals from {@code from}, on top of what its code owners must give (policy-bot's "and", codeowners-plus'
 * {@code &}).
 *
 * @param name  unique within the policy, shown in the check run
 * @param paths CODEOWNERS-style patterns
 * @param from  the users and teams who may approve for it (a team through any member)
 * @param count how many distinct approvers it needs, at least 1
 */
public record ApprovalRule(String name, List<String> paths, List<Owner> from, int count) {
    public ApprovalRule {
        Objects.requireNonNull(name, "name");
        paths = List.copyOf(paths);
        from = List.copyOf(from);
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
    }

    /** Who may approve, as written in the policy: "@acme/dba or @alice". */
    public String fromText() {
        return Evaluation.join(from.stream().map(Owner::toString).toList()).replace(" and ", " or ");
    }
}
