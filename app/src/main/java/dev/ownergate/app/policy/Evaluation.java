package dev.ownergate.app.policy;

import dev.ownergate.app.policy.FileVerdict.FileStatus;
import dev.ownergate.app.policy.FileVerdict.Requirement;
import dev.ownergate.app.policy.PolicyConfig.ApprovalMode;
import dev.ownergate.app.policy.PolicyConfig.UnownedFiles;
import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.owners.Owner;
import dev.ownergate.ownership.FileOwnership;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
     * A failing verdict for when the evaluation cannot be trusted to run, e.g. the ownership rules at the base
     * do not parse. The check then fails with {@code reason} as its title rather than passing by accident.
     */
    public static Verdict failClosed(String headSha, String reason) {
        return new Verdict(false, headSha, "", reason, "", List.of(), List.of(), List.of(), List.of(), List.of(),
                "", List.of(), List.of(), List.of());
    }

    private static Verdict failClosed(EvaluationInput in, String reason) {
        return new Verdict(false, in.pr().headSha(), in.pr().reference(), reason, in.policy().describe(), List.of(),
                List.of(), List.of(), List.of(), List.of(), in.rulesSource(), in.configProblems(), List.of(),
                List.of());
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
                List.of(), List.copyOf(approvers), List.copyOf(blockedBy), List.copyOf(suggested),
                first.rulesSource(), List.copyOf(problems), notes, members);
    }

    /** One evaluation's working state. */
    private static final class Run {
        private final EvaluationInput in;
        private final PolicyConfig policy;
        private final String author;
        private final ReviewTally tally;
        private final ProtectedPaths protectedPaths;
        private final Set<String> notes = new LinkedHashSet<>();

        Run(EvaluationInput in) {
            this.in = in;
            this.policy = in.policy();
            this.author = in.pr().author() == null ? "" : in.pr().author().toLowerCase(Locale.ROOT);
            this.tally = ReviewTally.of(in.pr().reviews(), author, in.pr().headSha(), policy.invalidateOnPush());
            this.protectedPaths = new ProtectedPaths(policy.protectedPaths());
        }

        /** One touched path before judging: its change, ownership and protection. */
        private record Touched(String path, ChangedFile file, FileOwnership ownership, String protectedBy,
                SortedSet<String> ownerApprovers, SortedSet<String> ownerBlockers) {}

        Verdict verdict() {
            List<Touched> touched = touchedPaths();
            SortedSet<String> codeOwnerApprovers = new TreeSet<>();
            touched.stream().filter(t -> t.ownership().isOwned())
                    .forEach(t -> codeOwnerApprovers.addAll(t.ownerApprovers()));
            boolean anyOwnerMet = codeOwnerApprovers.size() >= policy.minApprovals();

            List<FileVerdict> files = new ArrayList<>();
            for (Touched t : touched) {
                files.add(judge(t, codeOwnerApprovers, anyOwnerMet));
            }
            boolean passed = files.stream().allMatch(f -> f.status().satisfied());

            SortedSet<String> counted = new TreeSet<>();
            SortedSet<String> blockedBy = new TreeSet<>();
            files.forEach(f -> {
                counted.addAll(f.approvedBy());
                blockedBy.addAll(f.blockedBy());
            });
            noteReviews(touched, counted);
            List<String> suggested = List.of();
            if (!passed) {
                List<SuggestedReviewers.Judged> judged = new ArrayList<>(files.size());
                for (int i = 0; i < files.size(); i++) {
                    judged.add(new SuggestedReviewers.Judged(touched.get(i).ownership(), files.get(i)));
                }
                suggested = SuggestedReviewers.suggest(in.pr().reference(), author, policy.minApprovals(), judged,
                        codeOwnerApprovers, notes);
            }
            return new Verdict(passed, in.pr().headSha(), in.pr().reference(),
                    title(files, passed, blockedBy, codeOwnerApprovers, anyOwnerMet), policy.describe(), files,
                    OwnerGroup.of(files), List.copyOf(counted), List.copyOf(blockedBy), suggested, in.rulesSource(),
                    in.configProblems(), List.copyOf(notes), List.of());
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
                Set<String> satisfiers = satisfiers(ownership.owners());
                SortedSet<String> approvers = new TreeSet<>(tally.approvers());
                approvers.retainAll(satisfiers);
                if (policy.allowAuthor() && !author.isEmpty() && satisfiers.contains(author)) {
                    approvers.add(author);
                }
                SortedSet<String> blockers = new TreeSet<>(tally.changesRequested());
                blockers.retainAll(satisfiers);
                touched.add(new Touched(path, file, ownership, protectedPaths.matching(path).orElse(null),
                        approvers, blockers));
            });
            return touched;
        }

        /** The logins that can act as one of these owners: users themselves, teams through their members. */
        private Set<String> satisfiers(Set<Owner> owners) {
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
                    case EMAIL -> {
                        // The account GitHub links the email to, when the caller found it (teamMembers).
                        Set<String> account = in.teamMembers().get(owner);
                        if (account == null) {
                            notes.add(owner + " is an email address that no GitHub account shows, so no approval"
                                    + " can count for it; write that owner as a login in the rules");
                        } else {
                            logins.addAll(account);
                        }
                    }
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
            if (o.isOwned()) {
                String owned = "owned by " + String.join(" ", o.owners().stream().map(Owner::toString).toList()) + rule
                        + prot;
                boolean ownOwners = policy.mode() == ApprovalMode.EVERY_FILE || t.protectedBy() != null;
                Requirement req = ownOwners ? Requirement.OWN_OWNERS : Requirement.ANY_CODE_OWNER;
                SortedSet<String> approvedBy = ownOwners ? t.ownerApprovers() : codeOwnerApprovers;
                if (!t.ownerBlockers().isEmpty()) {
                    if (policy.blockOnChangesRequested()) {
                        return verdict(t, req, FileStatus.CHANGES_REQUESTED, approvedBy, t.ownerBlockers(),
                                owned + "; blocked: " + logins(t.ownerBlockers()) + " requested changes");
                    }
                    notes.add(logins(t.ownerBlockers()) + " requested changes; that does not block"
                            + " (block_on_changes_requested: false)");
                }
                int have = ownOwners ? t.ownerApprovers().size() : codeOwnerApprovers.size();
                boolean ok = ownOwners ? have >= min : anyOwnerMet;
                String need = ownOwners ? approvals(min) + " from its own owners" : approvals(min)
                        + " from an owner of any changed file (any-owner mode)";
                String status = ok ? "approved by " + logins(approvedBy)
                        : "needs " + need + (have == 0 ? "" : "; has " + have + " (" + logins(approvedBy) + ")");
                return verdict(t, req, ok ? FileStatus.APPROVED : FileStatus.NEEDS_APPROVAL, approvedBy, Set.of(),
                        owned + "; " + status);
            }
            if (o.anyone()) {
                return anyReviewer(t, "anyone may approve (*)" + rule + prot);
            }
            if (policy.unownedFiles() == UnownedFiles.BLOCK) {
                return verdict(t, Requirement.FORBIDDEN, FileStatus.BLOCKED, Set.of(), Set.of(),
                        "no owner" + prot + "; unowned files cannot be merged (unowned_files: block):"
                                + " add an owner for it to the rules");
            }
            if (t.protectedBy() != null) {
                // A protected file decides who approves everything else; never let it change unreviewed.
                return anyReviewer(t, "no owner" + prot + ", so it needs a reviewer even though unowned files"
                        + " are otherwise " + (policy.unownedFiles() == UnownedFiles.ALLOW ? "allowed" : "reviewed"));
            }
            if (policy.unownedFiles() == UnownedFiles.REQUIRE_APPROVAL) {
                return anyReviewer(t, "no owner; unowned files need a reviewer (unowned_files: require-approval)");
            }
            return verdict(t, Requirement.NONE, FileStatus.NOT_REQUIRED, Set.of(), Set.of(),
                    "no owner; no approval needed (unowned_files: allow)");
        }

        private FileVerdict anyReviewer(Touched t, String why) {
            int min = policy.minApprovals();
            SortedSet<String> approvers = tally.approvers();
            boolean ok = approvers.size() >= min;
            return verdict(t, Requirement.ANY_REVIEWER, ok ? FileStatus.APPROVED : FileStatus.NEEDS_APPROVAL,
                    approvers, Set.of(), why + "; " + (ok ? "approved by " + logins(approvers)
                            : "needs " + approvals(min) + " from anyone but the author"));
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

        private void noteReviews(List<Touched> touched, SortedSet<String> counted) {
            tally.stale().forEach((login, sha) -> notes.add("@" + login + "'s approval is on " + shortSha(sha)
                    + ", not the head commit, so it does not count (invalidate_on_push: true)"));
            boolean ownersNeeded = touched.stream().anyMatch(t -> t.ownership().isOwned());
            for (String approver : tally.approvers()) {
                if (ownersNeeded && !counted.contains(approver)) {
                    notes.add("@" + approver + "'s approval counts for no changed file: @" + approver
                            + " owns none of them");
                }
            }
            Set<String> owning = new TreeSet<>();
            touched.forEach(t -> owning.addAll(t.ownerBlockers()));
            for (String login : tally.changesRequested()) {
                if (!owning.contains(login)) {
                    notes.add("@" + login + " requested changes but owns no changed file, so it does not block");
                }
            }
            if (policy.allowAuthor() && counted.contains(author)) {
                notes.add("@" + author + " (the author) owns changed files and counts as one of their approvers"
                        + " (allow_author: true)");
            }
        }

        private String title(List<FileVerdict> files, boolean passed, SortedSet<String> blockedBy,
                SortedSet<String> codeOwnerApprovers, boolean anyOwnerMet) {
            if (!blockedBy.isEmpty()) {
                return "Blocked: " + logins(blockedBy) + " requested changes";
            }
            long forbidden = files.stream().filter(f -> f.requirement() == Requirement.FORBIDDEN).count();
            if (forbidden > 0) {
                return "Blocked: " + count(forbidden, "changed file has", "changed files have") + " no owner";
            }
            long owned = files.stream().filter(FileVerdict::isOwned).count();
            if (passed) {
                if (owned > 0) {
                    return "Approved by code owners";
                }
                if (files.stream().anyMatch(f -> f.requirement() == Requirement.ANY_REVIEWER)) {
                    return "Approved";
                }
                return files.isEmpty() ? "No changed files" : "No approval needed: no changed file has an owner";
            }
            boolean anyOwnerMissing = policy.mode() == ApprovalMode.ANY_OWNER && !anyOwnerMet
                    && files.stream().anyMatch(f -> f.requirement() == Requirement.ANY_CODE_OWNER);
            if (anyOwnerMissing) {
                int missing = policy.minApprovals() - codeOwnerApprovers.size();
                return codeOwnerApprovers.isEmpty() && missing == 1 ? "Needs approval from a code owner"
                        : "Needs " + missing + " more " + (missing == 1 ? "approval" : "approvals") + " from code owners";
            }
            long ownedMissing = files.stream()
                    .filter(f -> f.isOwned() && f.status() == FileStatus.NEEDS_APPROVAL).count();
            if (ownedMissing > 0) {
                return ownedMissing + " of " + owned + " owned " + (owned == 1 ? "file" : "files")
                        + (ownedMissing == 1 ? " needs" : " need") + " approval";
            }
            long anyMissing = files.stream().filter(f -> f.status() == FileStatus.NEEDS_APPROVAL).count();
            return count(anyMissing, "file needs", "files need") + " approval from anyone but the author";
        }
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
