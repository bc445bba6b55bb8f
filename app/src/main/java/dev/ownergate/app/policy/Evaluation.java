package dev.ownergate.app.policy;

import dev.ownergate.app.policy.FileVerdict.FileStatus;
import dev.ownergate.app.policy.FileVerdict.Requirement;
import dev.ownergate.app.policy.PolicyConfig.ApprovalMode;
import dev.ownergate.app.policy.PolicyConfig.InvalidateOnPush;
import dev.ownergate.app.policy.PolicyConfig.UnownedFiles;
import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.owners.Owner;
import dev.ownergate.ownership.FileOwnership;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The approval gate: changed files, ownership rules at the base, reviews and the policy in; a {@link Verdict} out.
 * Pure: no I/O, the same input always gives the same verdict.
 */
public final class Evaluation {
    private Evaluation() {}

    /** Evaluates one pull request at its head commit. */
    public static Verdict evaluate(EvaluationInput in) {
        PullRequestFacts pr = in.pr();
        if (!pr.filesComplete()) {
            return failClosed(in, "Failed closed: GitHub did not list every changed file (it lists at most 3,000),"
                    + " so ownership cannot be checked");
        }
        return new Run(in).verdict();
    }

    /**
     * For {@code invalidate_on_push: owned-changes}: the distinct older commits that approvals which could count
     * were given on. The adapter lists what changed from each to the head ({@link EvaluationInput#changesSince}),
     * one comparison per commit however many reviewers approved it. Empty under the other settings.
     */
    public static Set<String> commitsToCompare(PolicyConfig policy, PullRequestFacts pr) {
        if (policy.invalidateOnPush() != InvalidateOnPush.OWNED_CHANGES) {
            return Set.of();
        }
        Set<String> commits = new TreeSet<>();
        ReviewTally.of(pr.reviews(), lower(pr.author())).approvals().forEach((login, review) -> {
            String sha = review.commitSha();
            if ((!review.bot() || trusted(policy, login)) && sha != null && !sha.isEmpty()
                    && !sha.equalsIgnoreCase(pr.headSha())) {
                commits.add(sha);
            }
        });
        return commits;
    }

    /**
     * The teams named by rules that cover at least one of {@code paths} (ignored paths left out): the adapter looks up
     * their members, and no others, since a rule that matches nothing needs nobody.
     */
    public static Set<Owner> ruleTeams(PolicyConfig policy, java.util.Collection<String> paths) {
        PathPatterns ignored = new PathPatterns(policy.ignore());
        PathPatterns protectedPaths = new PathPatterns(policy.protectedPaths());
        List<String> judged = paths.stream().filter(p -> protectedPaths.matching(p).isPresent()
                || ignored.matching(p).isEmpty()).toList();
        Set<Owner> teams = new TreeSet<>();
        for (ApprovalRule rule : policy.rules()) {
            PathPatterns patterns = new PathPatterns(rule.paths());
            if (judged.stream().anyMatch(p -> patterns.matching(p).isPresent())) {
                rule.from().stream().filter(Owner::isTeam).forEach(teams::add);
            }
        }
        return teams;
    }

    /**
     * A failing verdict for when the evaluation cannot be trusted to run, e.g. the ownership rules at the base
     * do not parse. The check then fails with {@code reason} as its title rather than passing by accident.
     */
    public static Verdict failClosed(String headSha, String reason) {
        return new Verdict(false, headSha, "", reason, "", List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), "", List.of(), List.of(), List.of());
    }

    /**
     * A failing verdict for a policy file with errors: nothing is evaluated (falling back to the defaults could pass
     * what the repository meant to block), and the check lists every problem with its position and fix.
     */
    public static Verdict invalidPolicy(String headSha, String subject, String policyPath, List<Diagnostic> problems) {
        long errors = problems.stream().filter(Diagnostic::isError).count();
        String title = "Failed closed: " + policyPath + " has " + count(errors, "error", "errors")
                + "; fix it on the base branch";
        return new Verdict(false, headSha, subject, title, "", List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), "", problems, List.of(), List.of());
    }

    private static Verdict failClosed(EvaluationInput in, String reason) {
        return new Verdict(false, in.pr().headSha(), in.pr().reference(), reason, in.policy().describe(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), in.rulesSource(),
                in.configProblems(), List.of(), List.of());
    }

    /**
     * The verdict on a merge group (GitHub merge queue): it passes only when every pull request in it passes,
     * since the queue merges them all together.
     */
    public static Verdict combine(String headSha, List<Verdict> members) {
        if (members.isEmpty()) {
            return failClosed(headSha, "Failed closed: the merge group holds no pull requests to check");
        }
        List<Verdict> failing = members.stream().filter(v -> !v.passed()).toList();
        String title;
        if (failing.isEmpty()) {
            title = members.size() == 1 ? "The pull request in the merge group is approved by code owners"
                    : "All " + members.size() + " pull requests in the merge group are approved by code owners";
        } else if (failing.size() == 1) {
            String who = failing.getFirst().subject().isEmpty() ? "1 pull request" : failing.getFirst().subject();
            title = who + " is not approved: " + failing.getFirst().title();
        } else {
            title = failing.size() + " of " + members.size() + " pull requests in the merge group are not approved";
        }
        List<FileVerdict> files = new ArrayList<>();
        Set<String> approvers = new TreeSet<>();
        Set<String> blockedBy = new TreeSet<>();
        Set<String> suggested = new LinkedHashSet<>();
        Set<Diagnostic> problems = new TreeSet<>();
        List<String> notes = new ArrayList<>();
        for (Verdict v : members) {
            files.addAll(v.files());
            approvers.addAll(v.approvers());
            blockedBy.addAll(v.blockedBy());
            if (!v.passed()) {
                suggested.addAll(v.suggestedReviewers());
            }
            problems.addAll(v.configProblems());
            notes.add((v.subject().isEmpty() ? "a pull request" : v.subject()) + ": " + v.title());
        }
        Verdict first = members.getFirst();
        return new Verdict(failing.isEmpty(), headSha, "merge group", title, first.policy(), files,
                List.of(), List.of(), List.copyOf(approvers), List.copyOf(blockedBy), List.of(),
                List.copyOf(suggested), first.rulesSource(), List.copyOf(problems), notes, members);
    }

    /** One evaluation's working state. */
    private static final class Run {
        private final EvaluationInput in;
        private final PolicyConfig policy;
        private final String author;
        private final ReviewTally tally;
        private final PathPatterns protectedPaths;
        private final PathPatterns ignored;
        private final List<PathPatterns> rulePaths = new ArrayList<>();
        private final Set<String> notes = new LinkedHashSet<>();
        /** Approvers whose approval counts: not the author, not an untrusted bot, not made stale by a push. */
        private final SortedSet<String> approvers = new TreeSet<>();
        private final List<StaleApproval> stale = new ArrayList<>();
        private final Map<String, SortedSet<String>> ownApprovers = new HashMap<>();

        Run(EvaluationInput in) {
            this.in = in;
            this.policy = in.policy();
            this.author = lower(in.pr().author());
            this.tally = ReviewTally.of(in.pr().reviews(), author);
            this.protectedPaths = new PathPatterns(policy.protectedPaths());
            this.ignored = new PathPatterns(policy.ignore());
            policy.rules().forEach(r -> rulePaths.add(new PathPatterns(r.paths())));
        }

        /**
         * One touched path before judging.
         *
         * @param ignoredBy  the {@code approval.ignore} pattern that exempts it; never set for a protected path
         * @param satisfiers the logins that act as its owners (teams through their members)
         * @param rules      the indexes of the rules that cover it
         */
        private record Touched(String path, ChangedFile file, FileOwnership ownership, String protectedBy,
                String ignoredBy, Set<String> satisfiers, List<Integer> rules) {
            boolean ignored() {
                return ignoredBy != null;
            }
        }

        Verdict verdict() {
            List<Touched> touched = touchedPaths();
            // Only rules that cover a touched path are asked who may approve them (an unknown team is noted).
            List<Set<String>> ruleApprovers = new ArrayList<>();
            for (int i = 0; i < policy.rules().size(); i++) {
                int index = i;
                boolean matched = touched.stream().anyMatch(t -> t.rules().contains(index));
                ruleApprovers.add(matched ? satisfiers(policy.rules().get(i).from()) : Set.of());
            }
            sortApprovals(touched, ruleApprovers);

            SortedSet<String> codeOwnerApprovers = new TreeSet<>();
            touched.stream().filter(t -> t.ownership().isOwned() && !t.ignored())
                    .forEach(t -> codeOwnerApprovers.addAll(ownApprovers(t)));
            boolean anyOwnerMet = codeOwnerApprovers.size() >= policy.minApprovals();

            List<FileVerdict> files = new ArrayList<>();
            for (Touched t : touched) {
                files.add(judge(t, codeOwnerApprovers, anyOwnerMet));
            }
            List<RuleVerdict> rules = judgeRules(touched, ruleApprovers);
            boolean passed = files.stream().allMatch(f -> f.status().satisfied())
                    && rules.stream().allMatch(RuleVerdict::satisfied);

            SortedSet<String> counted = new TreeSet<>();
            SortedSet<String> blockedBy = new TreeSet<>();
            files.forEach(f -> {
                counted.addAll(f.approvedBy());
                blockedBy.addAll(f.blockedBy());
            });
            rules.forEach(r -> {
                counted.addAll(r.approvedBy());
                blockedBy.addAll(r.blockedBy());
            });
            if (policy.mode() == ApprovalMode.ANY_OWNER && anyOwnerMet) {
                counted.addAll(codeOwnerApprovers);
            }
            noteReviews(touched, counted, ruleApprovers);
            List<String> suggested = List.of();
            if (!passed) {
                List<SuggestedReviewers.Judged> judged = new ArrayList<>(files.size());
                for (int i = 0; i < files.size(); i++) {
                    judged.add(new SuggestedReviewers.Judged(touched.get(i).ownership(), files.get(i)));
                }
                suggested = SuggestedReviewers.suggest(in.pr().reference(), author, policy.minApprovals(), judged,
                        rules, codeOwnerApprovers, notes);
            }
            return new Verdict(passed, in.pr().headSha(), in.pr().reference(),
                    title(files, rules, passed, blockedBy, codeOwnerApprovers, anyOwnerMet), policy.describe(),
                    files, OwnerGroup.of(files.stream().filter(f -> f.requirement() != Requirement.IGNORED).toList()), rules, List.copyOf(counted), List.copyOf(blockedBy),
                    List.copyOf(stale), suggested, in.rulesSource(), in.configProblems(), List.copyOf(notes),
                    List.of());
        }

        private List<Touched> touchedPaths() {
            // A path can be touched twice (a rename's old path re-added); judge it once, by its first change.
            Map<String, ChangedFile> byPath = new TreeMap<>();
            for (ChangedFile file : in.pr().files()) {
                for (String path : file.pathsToApprove()) {
                    byPath.putIfAbsent(path, file);
                }
            }
            List<Touched> touched = new ArrayList<>(byPath.size());
            byPath.forEach((path, file) -> {
                FileOwnership ownership = in.rules().ownersOf(path);
                String protectedBy = protectedPaths.matching(path).orElse(null);
                // A protected file decides who approves everything else: ignore never exempts it.
                String ignoredBy = protectedBy == null ? ignored.matching(path).orElse(null) : null;
                List<Integer> rules = new ArrayList<>();
                if (ignoredBy == null) {
                    for (int i = 0; i < rulePaths.size(); i++) {
                        if (rulePaths.get(i).matching(path).isPresent()) {
                            rules.add(i);
                        }
                    }
                }
                touched.add(new Touched(path, file, ownership, protectedBy, ignoredBy,
                        satisfiers(ownership.owners()), List.copyOf(rules)));
            });
            return touched;
        }

        /** Splits the latest approvals into those that count and those that do not, with the reason. */
        private void sortApprovals(List<Touched> touched, List<Set<String>> ruleApprovers) {
            tally.approvals().forEach((login, review) -> {
                if (review.bot() && !trusted(policy, login)) {
                    notes.add("@" + login + "'s approval does not count: it is a bot account; list it in"
                            + " approval.trusted_bots if its approvals should count");
                    return;
                }
                Optional<String> why = staleness(login, review, touched, ruleApprovers);
                if (why.isPresent()) {
                    stale.add(new StaleApproval(login, review.id(), review.commitSha(), why.get()));
                } else {
                    approvers.add(login);
                }
            });
        }

        /** Why a push made this approval stop counting, or empty when it still counts. */
        private Optional<String> staleness(String login, Review review, List<Touched> touched,
                List<Set<String>> ruleApprovers) {
            String sha = review.commitSha() == null ? "" : review.commitSha();
            if (policy.invalidateOnPush() == InvalidateOnPush.NEVER || sha.equalsIgnoreCase(in.pr().headSha())) {
                return Optional.empty();
            }
            String approved = "approved " + (sha.isEmpty() ? "an unknown commit" : shortSha(sha));
            if (policy.invalidateOnPush() == InvalidateOnPush.ANY_PUSH) {
                return Optional.of(approved + ", not the head commit (invalidate_on_push: true)");
            }
            PushedChanges changes = sha.isEmpty() ? new PushedChanges.Unknown("GitHub did not say which commit")
                    : in.changesSince().getOrDefault(sha,
                            new PushedChanges.Unknown("the changes since then were not listed"));
            List<String> affected = new ArrayList<>();
            for (Touched t : touched) {
                boolean changed = changes instanceof PushedChanges.Listed listed ? listed.paths().contains(t.path())
                        : true;
                if (changed && needsApprovalOf(login, t, ruleApprovers)) {
                    affected.add(t.path());
                }
            }
            if (affected.isEmpty()) {
                return Optional.empty();
            }
            if (changes instanceof PushedChanges.Unknown unknown) {
                return Optional.of(approved + "; " + unknown.reason() + ", so every file counts as changed");
            }
            List<String> shown = new ArrayList<>(affected.subList(0, Math.min(3, affected.size())));
            if (affected.size() > 3) {
                shown.set(2, (affected.size() - 2) + " more files");
            }
            return Optional.of(approved + "; since then " + join(shown) + " changed, which "
                    + (affected.size() == 1 ? "needs" : "need") + " @" + login + "'s approval"
                    + " (invalidate_on_push: owned-changes)");
        }

        /**
         * Whether {@code login}'s approval vouches for this path: they own it, or a rule that covers it lists them,
         * or anyone may approve it (then every approval vouches for it).
         */
        private boolean needsApprovalOf(String login, Touched t, List<Set<String>> ruleApprovers) {
            if (t.ignored()) {
                return false;
            }
            if (t.satisfiers().contains(login) || t.rules().stream().anyMatch(i -> ruleApprovers.get(i).contains(login))) {
                return true;
            }
            return !t.ownership().isOwned() && (t.ownership().anyone() || t.protectedBy() != null
                    || policy.unownedFiles() == UnownedFiles.REQUIRE_APPROVAL);
        }

        /** Approvers who own {@code t}; asked several times per path, computed once (approvers are settled by then). */
        private SortedSet<String> ownApprovers(Touched t) {
            return ownApprovers.computeIfAbsent(t.path(), p -> {
                SortedSet<String> own = new TreeSet<>();
                for (String a : approvers) {
                    if (t.satisfiers().contains(a)) {
                        own.add(a);
                    }
                }
                if (policy.allowAuthor() && !author.isEmpty() && t.satisfiers().contains(author)) {
                    own.add(author);
                }
                return Collections.unmodifiableSortedSet(own);
            });
        }

        private SortedSet<String> ownBlockers(Touched t) {
            SortedSet<String> blockers = new TreeSet<>(tally.changesRequested().keySet());
            blockers.retainAll(t.satisfiers());
            return blockers;
        }

        /** The logins that can act as one of these owners: users themselves, teams through their members. */
        private Set<String> satisfiers(Iterable<Owner> owners) {
            Set<String> logins = new TreeSet<>();
            for (Owner owner : owners) {
                switch (owner.kind()) {
                    case USER -> logins.add(owner.name());
                    case TEAM -> {
                        Set<String> members = in.teamMembers().get(owner);
                        if (members == null) {
                            notes.add("The members of " + owner + " are unknown, so no approval counts for it;"
                                    + " give Ownergate read access to the organization's members");
                        } else {
                            logins.addAll(members);
                        }
                    }
                    case EMAIL -> notes.add(owner + " is an email address: approvals are matched by GitHub login,"
                            + " so none can count for it; write that owner as a login in the rules");
                    case ANYONE -> { } // never an owner: FileOwnership expresses it with anyone=true
                }
            }
            return logins;
        }

        private FileVerdict judge(Touched t, SortedSet<String> codeOwnerApprovers, boolean anyOwnerMet) {
            FileOwnership o = t.ownership();
            int min = policy.minApprovals();
            String rule = o.decidedBy().isEmpty() ? "" : " (" + o.decidedBy() + ")";
            String prot = t.protectedBy() == null ? "" : "; protected path (" + t.protectedBy() + ")";
            String alsoRules = t.rules().isEmpty() ? "" : "; also rule " + join(t.rules().stream()
                    .map(i -> "'" + policy.rules().get(i).name() + "'").toList());
            if (t.ignored()) {
                return verdict(t, Requirement.IGNORED, FileStatus.NOT_REQUIRED, Set.of(), Set.of(),
                        (o.isOwned() ? "owned by " + o.owners().stream().map(Owner::toString)
                                .reduce((a, b) -> a + " " + b).orElse("") + rule + "; " : "")
                                + "ignored (approval.ignore: " + t.ignoredBy() + "): needs no approval");
            }
            if (o.isOwned()) {
                String owned = "owned by " + String.join(" ", o.owners().stream().map(Owner::toString).toList()) + rule
                        + prot;
                boolean ownOwners = policy.mode() == ApprovalMode.EVERY_FILE || t.protectedBy() != null;
                Requirement req = ownOwners ? Requirement.OWN_OWNERS : Requirement.ANY_CODE_OWNER;
                SortedSet<String> own = ownApprovers(t);
                SortedSet<String> blockers = ownBlockers(t);
                if (!blockers.isEmpty()) {
                    if (policy.blockOnChangesRequested()) {
                        return verdict(t, req, FileStatus.CHANGES_REQUESTED, own, blockers,
                                owned + "; blocked: " + logins(blockers) + " requested changes" + alsoRules);
                    }
                    notes.add(logins(blockers) + " requested changes; that does not block"
                            + " (block_on_changes_requested: false)");
                }
                int have = own.size();
                if (ownOwners || !anyOwnerMet) {
                    boolean ok = ownOwners ? have >= min : anyOwnerMet;
                    String need = ownOwners ? approvals(min) + " from its own owners"
                            : approvals(min) + " from an owner of any changed file (any-owner mode)";
                    String status = ok ? "approved by " + logins(own)
                            : "needs " + need + (have == 0 ? "" : "; has " + have + " (" + logins(own) + ")");
                    return verdict(t, req, ok ? FileStatus.APPROVED : FileStatus.NEEDS_APPROVAL, own, Set.of(),
                            owned + "; " + status + alsoRules);
                }
                if (have > 0) {
                    return verdict(t, req, FileStatus.APPROVED, own, Set.of(),
                            owned + "; approved by " + logins(own) + alsoRules);
                }
                // any-owner mode met by owners of other files: it passes, but is never shown as approved by them.
                return verdict(t, req, FileStatus.ACCEPTED_BY_OTHER_OWNERS, Set.of(), Set.of(), owned
                        + "; none of its owners approved; it passes in any-owner mode on the approval of "
                        + logins(codeOwnerApprovers) + ", who " + (codeOwnerApprovers.size() == 1 ? "owns" : "own")
                        + " other changed files" + alsoRules);
            }
            if (o.anyone()) {
                return anyReviewer(t, "anyone may approve (*)" + rule + prot, alsoRules);
            }
            if (policy.unownedFiles() == UnownedFiles.BLOCK) {
                return verdict(t, Requirement.FORBIDDEN, FileStatus.BLOCKED, Set.of(), Set.of(),
                        "no owner" + prot + "; unowned files cannot be merged (unowned_files: block):"
                                + " add an owner for it to the rules");
            }
            if (t.protectedBy() != null) {
                // A protected file decides who approves everything else; never let it change unreviewed.
                return anyReviewer(t, "no owner" + prot + ", so it needs a reviewer even though unowned files"
                        + " are otherwise " + (policy.unownedFiles() == UnownedFiles.ALLOW ? "allowed" : "reviewed"),
                        alsoRules);
            }
            if (policy.unownedFiles() == UnownedFiles.REQUIRE_APPROVAL) {
                return anyReviewer(t, "no owner; unowned files need a reviewer (unowned_files: require-approval)",
                        alsoRules);
            }
            return verdict(t, Requirement.NONE, FileStatus.NOT_REQUIRED, Set.of(), Set.of(),
                    "no owner; no approval needed from owners (unowned_files: allow)" + alsoRules);
        }

        private FileVerdict anyReviewer(Touched t, String why, String alsoRules) {
            int min = policy.minApprovals();
            boolean ok = approvers.size() >= min;
            return verdict(t, Requirement.ANY_REVIEWER, ok ? FileStatus.APPROVED : FileStatus.NEEDS_APPROVAL,
                    approvers, Set.of(), why + "; " + (ok ? "approved by " + logins(approvers)
                            : "needs " + approvals(min) + " from anyone but the author") + alsoRules);
        }

        private FileVerdict verdict(Touched t, Requirement req, FileStatus status, Set<String> approvedBy,
                Set<String> blockedBy, String why) {
            FileOwnership o = t.ownership();
            ChangedFile file = t.file();
            if (file.change() == ChangedFile.Change.RENAMED) {
                why = (t.path().equals(file.path()) ? "renamed from " + file.previousPath()
                        : "renamed to " + file.path()) + "; " + why;
            }
            return new FileVerdict(t.path(), file.change(), req, status, o.owners(), o.anyone(), t.protectedBy(),
                    o.decidedBy(), new TreeSet<>(approvedBy), new TreeSet<>(blockedBy), why);
        }

        /** Each rule that covers a changed (not ignored) file needs its own approvers, on top of the owners. */
        private List<RuleVerdict> judgeRules(List<Touched> touched, List<Set<String>> ruleApprovers) {
            List<RuleVerdict> out = new ArrayList<>();
            for (int i = 0; i < policy.rules().size(); i++) {
                ApprovalRule rule = policy.rules().get(i);
                int index = i;
                List<String> files = touched.stream().filter(t -> t.rules().contains(index)).map(Touched::path)
                        .toList();
                if (files.isEmpty()) {
                    continue;
                }
                Set<String> eligible = ruleApprovers.get(i);
                SortedSet<String> approvedBy = new TreeSet<>(approvers);
                approvedBy.retainAll(eligible);
                if (policy.allowAuthor() && !author.isEmpty() && eligible.contains(author)) {
                    approvedBy.add(author);
                }
                SortedSet<String> blockers = new TreeSet<>(tally.changesRequested().keySet());
                blockers.retainAll(eligible);
                int missing = Math.max(0, rule.count() - approvedBy.size());
                String covers = "rule '" + rule.name() + "' covers " + count(files.size(), "changed file",
                        "changed files") + " and needs " + approvals(rule.count()) + " from " + rule.fromText();
                FileStatus status;
                String why;
                if (!blockers.isEmpty() && policy.blockOnChangesRequested()) {
                    status = FileStatus.CHANGES_REQUESTED;
                    why = covers + "; blocked: " + logins(blockers) + " requested changes";
                } else {
                    if (!blockers.isEmpty()) {
                        notes.add(logins(blockers) + " requested changes; that does not block"
                                + " (block_on_changes_requested: false)");
                    }
                    status = missing == 0 ? FileStatus.APPROVED : FileStatus.NEEDS_APPROVAL;
                    why = covers + "; " + (missing == 0 ? "approved by " + logins(approvedBy)
                            : "missing " + missing + " more" + (approvedBy.isEmpty() ? ""
                                    : " (has " + logins(approvedBy) + ")"));
                }
                out.add(new RuleVerdict(rule, files, status, approvedBy, status == FileStatus.CHANGES_REQUESTED
                        ? blockers : new TreeSet<>(), missing, why));
            }
            return out;
        }

        private void noteReviews(List<Touched> touched, SortedSet<String> counted, List<Set<String>> ruleApprovers) {
            boolean ownersNeeded = touched.stream().anyMatch(t -> !t.ignored()
                    && (t.ownership().isOwned() || !t.rules().isEmpty()));
            for (String approver : approvers) {
                if (ownersNeeded && !counted.contains(approver)) {
                    notes.add("@" + approver + "'s approval counts for no changed file: @" + approver
                            + " owns none of them and no rule that covers them lists @" + approver);
                }
            }
            Set<String> owning = new TreeSet<>();
            touched.forEach(t -> owning.addAll(ownBlockers(t)));
            touched.forEach(t -> t.rules().forEach(i -> owning.addAll(ruleApprovers.get(i))));
            for (String login : tally.changesRequested().keySet()) {
                if (!owning.contains(login)) {
                    notes.add("@" + login + " requested changes but owns no changed file, so it does not block");
                }
            }
            if (policy.allowAuthor() && counted.contains(author)) {
                notes.add("@" + author + " (the author) owns changed files or may approve for a rule, and counts as"
                        + " one of their approvers (allow_author: true)");
            }
        }

        private String title(List<FileVerdict> files, List<RuleVerdict> rules, boolean passed,
                SortedSet<String> blockedBy, SortedSet<String> codeOwnerApprovers, boolean anyOwnerMet) {
            if (!blockedBy.isEmpty()) {
                return "Blocked: " + logins(blockedBy) + " requested changes";
            }
            long forbidden = files.stream().filter(f -> f.requirement() == Requirement.FORBIDDEN).count();
            if (forbidden > 0) {
                return "Blocked: " + count(forbidden, "changed file has", "changed files have") + " no owner";
            }
            long owned = files.stream().filter(f -> f.requirement() == Requirement.OWN_OWNERS
                    || f.requirement() == Requirement.ANY_CODE_OWNER).count();
            if (passed) {
                if (owned > 0) {
                    return "Approved by code owners" + (rules.isEmpty() ? "" : " and " + count(rules.size(),
                            "rule", "rules"));
                }
                if (!rules.isEmpty() || files.stream().anyMatch(f -> f.requirement() == Requirement.ANY_REVIEWER)) {
                    return "Approved";
                }
                if (files.isEmpty()) {
                    return "No changed files";
                }
                return files.stream().allMatch(f -> f.requirement() == Requirement.IGNORED)
                        ? "No approval needed: every changed file is ignored"
                        : "No approval needed: no changed file has an owner";
            }
            String filesPart = filesTitle(files, owned, codeOwnerApprovers, anyOwnerMet);
            List<RuleVerdict> open = rules.stream().filter(r -> !r.satisfied()).toList();
            String rulesPart = open.isEmpty() ? null : open.size() == 1
                    ? "rule '" + open.getFirst().name() + "' needs " + open.getFirst().missing() + " more "
                            + (open.getFirst().missing() == 1 ? "approval" : "approvals") + " from "
                            + open.getFirst().rule().fromText()
                    : open.size() + " rules need approvals";
            if (filesPart == null) {
                return Character.toUpperCase(rulesPart.charAt(0)) + rulesPart.substring(1);
            }
            return rulesPart == null ? filesPart : filesPart + "; " + rulesPart;
        }

        /** The files' part of a failing title, or null when every file is satisfied. */
        private String filesTitle(List<FileVerdict> files, long owned, SortedSet<String> codeOwnerApprovers,
                boolean anyOwnerMet) {
            boolean anyOwnerMissing = policy.mode() == ApprovalMode.ANY_OWNER && !anyOwnerMet
                    && files.stream().anyMatch(f -> f.requirement() == Requirement.ANY_CODE_OWNER);
            if (anyOwnerMissing) {
                int missing = policy.minApprovals() - codeOwnerApprovers.size();
                return codeOwnerApprovers.isEmpty() && missing == 1 ? "Needs approval from a code owner"
                        : "Needs " + missing + " more " + (missing == 1 ? "approval" : "approvals") + " from code owners";
            }
            long ownedMissing = files.stream().filter(f -> f.status() == FileStatus.NEEDS_APPROVAL
                    && (f.requirement() == Requirement.OWN_OWNERS || f.requirement() == Requirement.ANY_CODE_OWNER))
                    .count();
            if (ownedMissing > 0) {
                return ownedMissing + " of " + owned + " owned " + (owned == 1 ? "file" : "files")
                        + (ownedMissing == 1 ? " needs" : " need") + " approval";
            }
            long anyMissing = files.stream().filter(f -> f.status() == FileStatus.NEEDS_APPROVAL).count();
            return anyMissing == 0 ? null
                    : count(anyMissing, "file needs", "files need") + " approval from anyone but the author";
        }
    }

    static boolean trusted(PolicyConfig policy, String login) {
        return policy.trustedBots().contains(PolicyConfig.botName(login));
    }

    private static String lower(String login) {
        return login == null ? "" : login.toLowerCase(Locale.ROOT);
    }

    static String approvals(int n) {
        return n == 1 ? "1 approval" : n + " approvals";
    }

    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    static String shortSha(String sha) {
        return sha.length() > 7 && sha.chars().allMatch(c -> Character.digit(c, 16) >= 0) ? sha.substring(0, 7) : sha;
    }

    /** "@a", "@a and @b", "@a, @b and @c", "@a, @b and 3 others". */
    static String logins(Set<String> logins) {
        return join(logins.stream().map(l -> l.startsWith("@") ? l : "@" + l).toList());
    }

    static String join(List<String> names) {
        int n = names.size();
        if (n == 0) {
            return "nobody";
        }
        if (n == 1) {
            return names.getFirst();
        }
        if (n <= 3) {
            return String.join(", ", names.subList(0, n - 1)) + " and " + names.getLast();
        }
        return String.join(", ", names.subList(0, 2)) + " and " + (n - 2) + " others";
    }
}
