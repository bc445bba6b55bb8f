package dev.ownergate.app.policy;

import dev.ownergate.diagnostics.Diagnostic;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one evaluation: pass or fail, and why, file by file.
 *
 * @param passed             whether the gate passes
 * @param headSha            the commit the verdict is for (the check run's {@code head_sha})
 * @param subject            what was evaluated, e.g. {@code owner/repo#12}; empty when failing closed without facts
 * @param title              one line for people, e.g. "2 of 5 owned files need approval"
 * @param policy             the policy in one line ({@link PolicyConfig#describe}); empty when not evaluated
 * @param files              one verdict per path the pull request touches (a rename contributes two), by path
 * @param groups             the same paths, but for ignored ones, grouped by owners and status
 * @param rules              a verdict for each {@code approval.rules} rule that matches a changed file
 * @param approvers          every approver whose approval counted for at least one path
 * @param blockedBy          owners whose latest review requests changes, when that blocks
 * @param staleApprovals     approvals that no longer count because of a later push, each with its reason
 * @param suggestedReviewers a small set of owners whose approvals would complete the requirements
 *                           ({@code alice}, or {@code @org/team} for a team), best first; never the author
 * @param rulesSource        where the ownership rules came from, e.g. "OWNERS files at abc1234"
 * @param configProblems     problems in the policy file (errors: the defaults apply) and warnings about the rules
 * @param notes              anything else people should know (stale approvals, unknown team members, ...)
 * @param members            for a merge group, the verdicts of its pull requests; empty otherwise
 */
public record Verdict(
        boolean passed,
        String headSha,
        String subject,
        String title,
        String policy,
        List<FileVerdict> files,
        List<OwnerGroup> groups,
        List<RuleVerdict> rules,
        List<String> approvers,
        List<String> blockedBy,
        List<StaleApproval> staleApprovals,
        List<String> suggestedReviewers,
        String rulesSource,
        List<Diagnostic> configProblems,
        List<String> notes,
        List<Verdict> members) {

    public Verdict {
        Objects.requireNonNull(headSha, "headSha");
        Objects.requireNonNull(title, "title");
        subject = subject == null ? "" : subject;
        policy = policy == null ? "" : policy;
        rulesSource = rulesSource == null ? "" : rulesSource;
        files = List.copyOf(files);
        groups = List.copyOf(groups);
        rules = List.copyOf(rules);
        staleApprovals = List.copyOf(staleApprovals);
        approvers = List.copyOf(approvers);
        blockedBy = List.copyOf(blockedBy);
        suggestedReviewers = List.copyOf(suggestedReviewers);
        configProblems = List.copyOf(configProblems);
        notes = List.copyOf(notes);
        members = List.copyOf(members);
    }

    public String conclusion() {
        return passed ? "success" : "failure";
    }
}
