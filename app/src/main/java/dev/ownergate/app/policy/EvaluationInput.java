package dev.ownergate.app.policy;

import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.owners.Owner;
import dev.ownergate.ownership.FileOwnership;
import dev.ownergate.ownership.OwnershipRules;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Everything one evaluation looks at.
 *
 * @param rules          the ownership rules at the pull request's BASE commit, never its head, so a pull request
 *                       cannot approve itself by editing OWNERS; null when the repository has no rules at all
 *                       (every file is then unowned). Rules that exist but fail to parse are not evaluated:
 *                       the caller uses {@link Evaluation#failClosed}.
 * @param rulesSource    for the check run, e.g. "OWNERS files at abc1234" or ".github/CODEOWNERS at abc1234"
 * @param policy         the policy at the base ({@link PolicyConfig#DEFAULTS} when missing; an invalid policy is
 *                       never evaluated: the caller fails closed)
 * @param configProblems warnings to show in the check run: the policy file's (e.g. unknown keys) and the rules'
 *                       (e.g. CODEOWNERS lines GitHub skips)
 * @param teamMembers    each owning team's (and each rule's team's) members (logins), child teams included; a team
 *                       missing here has unknown members, so no approval can satisfy it
 * @param changesSince   for {@code invalidate_on_push: owned-changes}: what changed from each commit in
 *                       {@link Evaluation#commitsToCompare} to the head; a commit missing here counts as
 *                       everything changed
 */
public record EvaluationInput(
        PullRequestFacts pr,
        OwnershipRules rules,
        String rulesSource,
        PolicyConfig policy,
        List<Diagnostic> configProblems,
        Map<Owner, Set<String>> teamMembers,
        Map<String, PushedChanges> changesSince) {

    /** An input for a policy that keeps or drops older approvals without comparing commits. */
    public EvaluationInput(PullRequestFacts pr, OwnershipRules rules, String rulesSource, PolicyConfig policy,
            List<Diagnostic> configProblems, Map<Owner, Set<String>> teamMembers) {
        this(pr, rules, rulesSource, policy, configProblems, teamMembers, Map.of());
    }

    public EvaluationInput {
        Objects.requireNonNull(pr, "pr");
        Objects.requireNonNull(policy, "policy");
        rules = rules == null ? NoRules.INSTANCE : rules;
        rulesSource = rulesSource == null ? rules.sourceDescription() : rulesSource;
        configProblems = configProblems == null ? List.of() : List.copyOf(configProblems);
        teamMembers = teamMembers == null ? Map.of() : teamMembers.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().stream()
                        .map(login -> login.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toCollection(TreeSet::new))));
        changesSince = changesSince == null ? Map.of() : Map.copyOf(changesSince);
    }

    /** A repository without OWNERS or CODEOWNERS files: nothing is owned. */
    static final class NoRules implements OwnershipRules {
        static final NoRules INSTANCE = new NoRules();

        @Override
        public FileOwnership ownersOf(String path) {
            return new FileOwnership(path, new TreeSet<>(), false, new TreeSet<>(), "", List.of());
        }

        @Override
        public String sourceDescription() {
            return "no ownership rules";
        }
    }
}
