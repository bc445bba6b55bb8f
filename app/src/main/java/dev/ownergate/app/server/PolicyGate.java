package dev.ownergate.app.server;

import dev.ownergate.app.checks.CheckRunRenderer;
import dev.ownergate.app.checks.CheckRunText;
import dev.ownergate.app.github.CheckRunPost;
import dev.ownergate.app.github.CommitComparison;
import dev.ownergate.app.github.FileChange;
import dev.ownergate.app.github.ReviewInfo;
import dev.ownergate.app.policy.ChangedFile;
import dev.ownergate.app.policy.Evaluation;
import dev.ownergate.app.policy.EvaluationInput;
import dev.ownergate.app.policy.PolicyConfig;
import dev.ownergate.app.policy.PullRequestFacts;
import dev.ownergate.app.policy.PushedChanges;
import dev.ownergate.app.policy.Review;
import dev.ownergate.app.policy.Verdict;
import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.owners.Owner;
import dev.ownergate.ownership.OwnershipLoader;
import dev.ownergate.ownership.OwnershipRules;
import dev.ownergate.repo.FileLimits;
import dev.ownergate.repo.SourceUnavailableException;
import dev.ownergate.repo.TextSource;
import dev.ownergate.repo.UnsafeFileException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The real gate: rules from the OWNERS or CODEOWNERS files at the base, the policy from
 * {@code .github/ownergate.yml} at the base, and the pure {@link Evaluation}.
 */
public final class PolicyGate implements OwnershipGate {

    /**
     * A verdict with what is needed to post it.
     *
     * @param checkName the name the policy chose; null when no policy was read (a fail-closed verdict)
     */
    record PolicyDecision(Verdict verdict, String checkName, boolean requestReviews, boolean dismissStale)
            implements Decision {
        PolicyDecision(Verdict verdict, String checkName, boolean requestReviews) {
            this(verdict, checkName, requestReviews, false);
        }

        @Override
        public boolean passed() {
            return verdict.passed();
        }

        @Override
        public String headSha() {
            return verdict.headSha();
        }

        @Override
        public CheckRunPost checkRun(String detailsUrl) {
            CheckRunText text = CheckRunRenderer.render(verdict,
                    checkName == null ? PolicyConfig.DEFAULT_CHECK_NAME : checkName, detailsUrl);
            return new CheckRunPost(text.name(), verdict.headSha(), text.conclusion(), text.title(), text.summary(),
                    text.detailsUrl());
        }

        @Override
        public Optional<Verdict> audited() {
            return Optional.of(verdict);
        }

        @Override
        public List<String> reviewRequests() {
            return requestReviews ? verdict.suggestedReviewers() : List.of();
        }

        @Override
        public List<Dismissal> dismissals() {
            if (!dismissStale) {
                return List.of();
            }
            return verdict.staleApprovals().stream().filter(s -> s.reviewId() > 0)
                    .map(s -> new Dismissal(s.reviewId(), s.login(), "Ownergate: this approval no longer counts: @"
                            + s.login() + " " + s.reason() + ". Please review the new changes."))
                    .toList();
        }
    }

    @Override
    public Decision evaluate(Input in) throws IOException {
        try {
            return evaluateBase(in);
        } catch (SourceUnavailableException e) {
            throw e.getCause(); // GitHub failed, not the rules: the evaluator fails closed and retries
        }
    }

    /**
     * The policy of a revision, or the defaults when it has none. A policy file that is a symbolic link or over
     * {@link FileLimits#MAX_RULES_FILE_BYTES} is invalid, with an error naming it, so the gate fails closed
     * (docs/security.md).
     */
    public static PolicyConfig.Parsed policyAt(TextSource revision) throws IOException {
        try {
            return revision.read(PolicyConfig.PATH, FileLimits.MAX_RULES_FILE_BYTES)
                    .map(text -> PolicyConfig.parse(PolicyConfig.PATH, text))
                    .orElse(PolicyConfig.Parsed.valid(PolicyConfig.DEFAULTS, List.of()));
        } catch (UnsafeFileException e) {
            return new PolicyConfig.Parsed(Optional.empty(),
                    List.of(Diagnostic.error(PolicyConfig.PATH, 0, 0, e.getMessage())), PolicyConfig.DEFAULTS.checkName());
        }
    }

    private Decision evaluateBase(Input in) throws IOException {
        PolicyConfig.Parsed policy = policyAt(in.base());
        String at = " at " + shortSha(in.pr().baseSha());
        if (policy.config().isEmpty()) {
            // Never the defaults instead: a repository that asked for more must not pass with less.
            return new PolicyDecision(Evaluation.invalidPolicy(in.pr().headSha(), in.pr().repo() + "#"
                    + in.pr().number(), PolicyConfig.PATH + at, policy.problems()), policy.checkName(), false);
        }
        PolicyConfig config = policy.config().get();
        PullRequestFacts facts = facts(in);

        Set<String> paths = new LinkedHashSet<>();
        facts.files().forEach(f -> paths.addAll(f.pathsToApprove()));
        OwnershipLoader.Loaded loaded = OwnershipLoader.load(in.base(), paths);
        if (loaded.rules().isEmpty() || loaded.hasErrors()) {
            List<Diagnostic> errors = loaded.problems().stream().filter(Diagnostic::isError).toList();
            String first = errors.isEmpty() ? "" : ": " + errors.get(0).format()
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
            return new PolicyDecision(Evaluation.failClosed(in.pr().headSha(),
                    "Failed closed: the " + loaded.source() + at + " do not parse" + first), config.checkName(), false);
        }
        OwnershipRules rules = loaded.rules().get();

        List<Diagnostic> problems = new ArrayList<>(policy.problems());
        problems.addAll(loaded.problems());
        Verdict verdict = Evaluation.evaluate(new EvaluationInput(facts, rules, loaded.source() + at, config,
                problems, teamMembers(in, rules, paths, config), changesSince(in, config, facts)));
        return new PolicyDecision(verdict, config.checkName(), config.requestReviews(), config.dismissStaleReviews());
    }

    /** One comparison per distinct older approved commit (the adapter caches them across evaluations too). */
    private static Map<String, PushedChanges> changesSince(Input in, PolicyConfig config, PullRequestFacts facts)
            throws IOException {
        Map<String, PushedChanges> changes = new LinkedHashMap<>();
        for (String sha : Evaluation.commitsToCompare(config, facts)) {
            CommitComparison c = in.compare().between(sha, facts.headSha());
            changes.put(sha, switch (c.outcome()) {
                case LISTED -> new PushedChanges.Listed(c.paths());
                case GONE -> new PushedChanges.Unknown("that commit is no longer in the repository (a force-push"
                        + " replaced it)");
                case TOO_MANY_FILES -> new PushedChanges.Unknown("GitHub lists only the first "
                        + CommitComparison.MAX_LISTED_FILES + " files changed since then");
            });
        }
        return changes;
    }

    @Override
    public Decision failClosed(String headSha, String reason) {
        return new PolicyDecision(Evaluation.failClosed(headSha, "Failed closed: " + reason), null, false);
    }

    @Override
    public Decision combine(String headSha, List<Decision> members) {
        List<Verdict> verdicts = members.stream().map(m -> ((PolicyDecision) m).verdict()).toList();
        // The group's check goes under the name the members' policy chose; a member that failed closed read none.
        String checkName = members.stream().map(m -> ((PolicyDecision) m).checkName()).filter(Objects::nonNull)
                .findFirst().orElse(null);
        return new PolicyDecision(Evaluation.combine(headSha, verdicts), checkName, false);
    }

    @Override
    public String defaultCheckName() {
        return PolicyConfig.DEFAULT_CHECK_NAME;
    }

    private static Map<Owner, Set<String>> teamMembers(Input in, OwnershipRules rules, Set<String> paths,
            PolicyConfig config) throws IOException {
        Set<Owner> teams = new LinkedHashSet<>();
        for (String path : paths) {
            rules.ownersOf(path).owners().stream().filter(Owner::isTeam).forEach(teams::add);
        }
        teams.addAll(Evaluation.ruleTeams(config, paths));
        Map<Owner, Set<String>> members = new LinkedHashMap<>();
        for (Owner team : teams) {
            String name = team.name();
            int slash = name.indexOf('/');
            members.put(team, in.teams().members(name.substring(0, slash), name.substring(slash + 1)));
        }
        // GitHub honours an email owner as the account it is a verified email of: that login approves for it.
        for (String path : paths) {
            for (Owner owner : rules.ownersOf(path).owners()) {
                if (owner.kind() == Owner.Kind.EMAIL && !members.containsKey(owner)) {
                    in.teams().loginOfEmail(owner.name(), in.pr().repo()).ifPresent(l -> members.put(owner, Set.of(l)));
                }
            }
        }
        return members;
    }

    static PullRequestFacts facts(Input in) {
        List<ChangedFile> files = new ArrayList<>();
        for (FileChange f : in.files().files()) {
            files.add(switch (f.status()) {
                case "added", "copied" -> ChangedFile.added(f.path());
                case "removed" -> ChangedFile.removed(f.path());
                case "renamed" -> f.previousPath() == null ? ChangedFile.added(f.path())
                        : ChangedFile.renamed(f.previousPath(), f.path());
                default -> ChangedFile.modified(f.path());
            });
        }
        List<Review> reviews = new ArrayList<>();
        for (ReviewInfo r : in.reviews()) {
            reviews.add(new Review(r.id(), r.login(), state(r.state()), r.commitSha(), r.submittedAt(), r.bot()));
        }
        var pr = in.pr();
        return new PullRequestFacts(pr.repo(), pr.number(), pr.author(), pr.headSha(), pr.baseRef(), pr.baseSha(),
                files, in.files().complete(), reviews);
    }

    private static Review.ReviewState state(String github) {
        try {
            return Review.ReviewState.valueOf(github.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Review.ReviewState.COMMENTED;
        }
    }

    private static String shortSha(String sha) {
        return Optional.ofNullable(sha).map(s -> s.substring(0, Math.min(7, s.length()))).orElse("");
    }
}
