package dev.ownergate.app.server;

import dev.ownergate.app.github.CheckRunPost;
import dev.ownergate.app.github.FileChanges;
import dev.ownergate.app.github.EvaluationBudget;
import dev.ownergate.app.github.GitHubException;
import dev.ownergate.app.github.LruCache;
import dev.ownergate.app.github.PullRequestInfo;
import dev.ownergate.app.github.ReviewInfo;
import dev.ownergate.app.github.TeamDirectory;
import dev.ownergate.app.override.OverrideGrant;
import dev.ownergate.app.override.OverrideLog;
import dev.ownergate.app.override.OverrideService;
import dev.ownergate.app.policy.FileVerdict;
import dev.ownergate.app.policy.Verdict;
import dev.ownergate.app.store.DecisionRecord;
import dev.ownergate.app.store.Fingerprint;
import dev.ownergate.app.store.PostedVerdict;
import dev.ownergate.app.store.VerdictStore;
import dev.ownergate.app.webhook.RetryPolicy;
import dev.ownergate.repo.RepoSnapshot;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers what GitHub knows about a pull request, asks the {@link OwnershipGate}, and posts the verdict as a
 * check run on the head commit. Fails closed: when something goes wrong it posts a failing check that says
 * why, then rethrows so the queue retries when retrying can help.
 *
 * <p>Runs for one pull request never overlap, in any replica (the queue's lease sees to that), and each reads
 * GitHub afresh, so a later run sees newer data. Two guards cover GitHub's own lag: a run that reads an older
 * head than the webhook behind it reported waits and retries, and a run that reads older reviews than the last
 * posted verdict on the same head does not post (that verdict is found in the store when another replica, or
 * this one before a restart, posted it).
 *
 * <p>When a run fails before GitHub told it the head, the failing check goes on the head the webhook reported:
 * an event that may withdraw approval never leaves an older success standing while it is retried.
 */
public final class PullRequestEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(PullRequestEvaluator.class);

    private record Posted(String headSha, long newestReviewId) {}

    private final LongFunction<GitHubAccess> github;
    private final OwnershipGate gate;
    private final TeamCache teams;
    private final Optional<URI> publicUrl;
    private final ServerMetrics metrics;
    private final VerdictStore verdicts;
    private final Clock clock;
    private final OverrideLog overrides;
    // Bounded: one entry per recently active pull request is all the ordering guard needs.
    private final LruCache<String, Posted> posted = new LruCache<>(50_000);
    // The check name each repository's policy chose, learned from its verdicts; fail-closed checks use it.
    private final LruCache<String, String> checkNames = new LruCache<>(50_000);

    public PullRequestEvaluator(LongFunction<GitHubAccess> github, OwnershipGate gate, TeamCache teams,
                                Optional<URI> publicUrl, ServerMetrics metrics, VerdictStore verdicts, Clock clock,
                                OverrideLog overrides) {
        this.overrides = overrides;
        this.verdicts = verdicts;
        this.clock = clock;
        this.github = github;
        this.gate = gate;
        this.teams = teams;
        this.publicUrl = publicUrl;
        this.metrics = metrics;
    }

    public static String key(String repo, int number) {
        return repo.toLowerCase(Locale.ROOT) + "#" + number;
    }

    /**
     * Evaluates and posts. Returns the decision to put on the audit trail (none when nothing was posted).
     *
     * @param announcedHead the head the webhook behind this run reported, or null
     * @param deliveryId    that webhook's delivery, or null
     * @param firstAttempt  false on a retry: GitHub's head may rightly have moved on from the announced one
     */
    public List<DecisionRecord> evaluate(long installationId, String repo, int number, String announcedHead,
                                         String deliveryId, boolean firstAttempt) throws Exception {
        long start = System.nanoTime();
        String outcome = "error";
        GitHubAccess gh = github.apply(installationId);
        // Until GitHub answers, the head the webhook reported is the one a failing check must cover.
        String headSha = announcedHead;
        try {
            PullRequestInfo pr = gh.pulls().pullRequest(repo, number);
            if (!pr.open()) {
                posted.remove(key(repo, number));
                outcome = "closed";
                return List.of();
            }
            headSha = pr.headSha();
            if (firstAttempt && announcedHead != null && !announcedHead.equals(pr.headSha())) {
                // GitHub answered with an older head than the webhook reported: its replicas lag.
                headSha = announcedHead;
                throw new RetryPolicy.RetryLater("GitHub still reports head " + pr.headSha() + " for " + repo
                        + "#" + number + ", expected " + announcedHead);
            }
            Optional<Judged> judged = decide(gh, pr);
            if (judged.isEmpty()) {
                outcome = "stale";
                return List.of();
            }
            Optional<OverrideGrant> standing = overrides.active(pr.repo(), pr.number(), pr.headSha());
            if (standing.isPresent()) {
                outcome = "overridden";
                DecisionRecord reposted = postOverride(gh, pr, judged.get(), standing.get(), deliveryId);
                return overrides.newest(standing.get()) ? List.of() : List.of(reposted);
            }
            post(gh, pr, judged.get());
            outcome = judged.get().decision().passed() ? "passed" : "failed";
            return List.of(record(pr, judged.get(), deliveryId));
        } catch (RetryPolicy.RetryLater e) {
            throw e; // the head is in flux; the run after the wait decides
        } catch (GitHubException e) {
            if (headSha != null) {
                failClosed(gh, repo, number, headSha, e.retryable()
                        ? "GitHub API error, retrying (" + describe(e) + ")"
                        : describe(e));
            }
            throw e;
        } catch (EvaluationBudget.Exceeded e) {
            // Not retried: the same rules would exceed the same limit. The title names the limit.
            if (headSha != null) {
                failClosed(gh, repo, number, headSha, e.title());
            }
            outcome = "over_budget";
            return List.of();
        } catch (IOException | RuntimeException e) {
            // A bug or an unreadable answer must not leave an old passing check standing.
            if (headSha != null) {
                failClosed(gh, repo, number, headSha, "Ownergate could not evaluate this pull request ("
                        + e.getClass().getSimpleName() + ")");
            }
            throw e;
        } finally {
            metrics.evaluation(Duration.ofNanos(System.nanoTime() - start), outcome, repo);
        }
    }

    /** Reports on a merge queue group's head: it passes when every pull request in it passes. */
    public void evaluateMergeGroup(long installationId, String repo, String headSha, List<Integer> numbers)
            throws Exception {
        long start = System.nanoTime();
        GitHubAccess gh = github.apply(installationId);
        String outcome = "error";
        try {
            if (numbers.isEmpty()) {
                failClosed(gh, repo, 0, headSha, "Cannot tell which pull requests this merge group holds");
                outcome = "failed";
                return;
            }
            List<OwnershipGate.Decision> members = new ArrayList<>();
            for (int number : numbers) {
                PullRequestInfo pr = gh.pulls().pullRequest(repo, number);
                members.add(gatherAndDecide(gh, pr));
            }
            OwnershipGate.Decision combined = gate.combine(headSha, members);
            postVerdict(gh, repo, 0, combined.checkRun(detailsUrl(repo, 0)), Optional.empty());
            outcome = combined.passed() ? "passed" : "failed";
        } catch (GitHubException e) {
            failClosed(gh, repo, numbers.isEmpty() ? 0 : numbers.get(0), headSha, e.retryable()
                    ? "GitHub API error, retrying (" + describe(e) + ")" : describe(e));
            throw e;
        } finally {
            metrics.evaluation(Duration.ofNanos(System.nanoTime() - start), outcome, repo);
        }
    }

    private record Judged(OwnershipGate.Decision decision, List<ReviewInfo> reviews, Fingerprint fingerprint) {}

    private Optional<Judged> decide(GitHubAccess gh, PullRequestInfo pr) throws IOException {
        FileChanges files = gh.pulls().files(pr.repo(), pr.number(), pr.changedFiles());
        if (!files.complete()) {
            // Judging on part of the diff could pass a change to an unlisted owned file.
            failClosed(gh, pr.repo(), pr.number(), pr.headSha(), "This pull request changes " + pr.changedFiles()
                    + " files; GitHub lists only the first 3,000, so Ownergate cannot check them all. Split it up.");
            return Optional.empty();
        }
        RepoSnapshot base = gh.contents().snapshot(pr.repo(), pr.baseSha());
        List<ReviewInfo> reviews = gh.pulls().reviews(pr.repo(), pr.number());
        long newest = reviews.stream().mapToLong(ReviewInfo::id).max().orElse(0);
        Posted last = lastPosted(pr.repo(), pr.number()).orElse(null);
        if (last != null && last.headSha().equals(pr.headSha()) && newest < last.newestReviewId()) {
            LOG.info("not posting for {}#{}: read older reviews than the verdict already posted",
                    pr.repo(), pr.number());
            return Optional.empty();
        }
        TeamDirectory teamDirectory = teams.over(gh.teams());
        return Optional.of(new Judged(gate.evaluate(new OwnershipGate.Input(pr, files, reviews, base, teamDirectory,
                compare(gh, pr))), reviews, Fingerprints.of(pr.headSha(), pr.baseSha(), reviews, base)));
    }

    /**
     * The head and newest review of the verdict posted last: this replica's memory, or else the store, where
     * another replica (or this one before a restart) left it.
     */
    private Optional<Posted> lastPosted(String repo, int number) {
        Optional<Posted> here = posted.get(key(repo, number));
        if (here.isPresent()) {
            return here;
        }
        return verdicts.posted(repo, number).flatMap(v -> v.fingerprint()
                .map(f -> new Posted(f.headSha(), Fingerprints.newestReviewId(f))));
    }

    private OwnershipGate.Decision gatherAndDecide(GitHubAccess gh, PullRequestInfo pr) throws IOException {
        FileChanges files = gh.pulls().files(pr.repo(), pr.number(), pr.changedFiles());
        if (!files.complete()) {
            return gate.failClosed(pr.headSha(), "Pull request #" + pr.number() + " changes too many files to check");
        }
        RepoSnapshot base = gh.contents().snapshot(pr.repo(), pr.baseSha());
        List<ReviewInfo> reviews = gh.pulls().reviews(pr.repo(), pr.number());
        return gate.evaluate(new OwnershipGate.Input(pr, files, reviews, base, teams.over(gh.teams()),
                compare(gh, pr)));
    }

    private static OwnershipGate.Compare compare(GitHubAccess gh, PullRequestInfo pr) {
        return (from, to) -> gh.pulls().compare(pr.repo(), from, to);
    }

    private void post(GitHubAccess gh, PullRequestInfo pr, Judged judged) throws IOException {
        postVerdict(gh, pr.repo(), pr.number(), judged.decision().checkRun(detailsUrl(pr.repo(), pr.number())),
                Optional.of(judged.fingerprint()));
        long newest = judged.reviews().stream().mapToLong(ReviewInfo::id).max().orElse(0);
        posted.put(key(pr.repo(), pr.number()), new Posted(pr.headSha(), newest));
        try {
            requestReviews(gh, pr, judged);
        } catch (IOException e) {
            // The verdict is posted; a failed courtesy request must not replace it. The next evaluation retries.
            LOG.warn("could not request reviews on {}#{}: {}", pr.repo(), pr.number(), e.getMessage());
        }
        for (OwnershipGate.Dismissal d : judged.decision().dismissals()) {
            try {
                gh.pulls().dismissReview(pr.repo(), pr.number(), d.reviewId(), d.message());
            } catch (IOException e) {
                // The verdict already ignores this approval; the dismissal only tells people. Logged, not retried.
                LOG.warn("could not dismiss @{}'s review {} on {}#{}: {}", d.login(), d.reviewId(), pr.repo(),
                        pr.number(), e.getMessage());
            }
        }
    }

    /**
     * A break-glass override stands on this head: it holds until a push, so the rules' verdict does not replace
     * it. The override is posted again (under the name the policy chose), and recorded as the decision in force
     * unless it already is the newest decision.
     */
    private DecisionRecord postOverride(GitHubAccess gh, PullRequestInfo pr, Judged judged, OverrideGrant grant,
                                        String deliveryId) throws IOException {
        String name = judged.decision().checkRun(null).name();
        CheckRunPost check = OverrideService.check(grant, name, detailsUrl(pr.repo(), pr.number()));
        postVerdict(gh, pr.repo(), pr.number(), check, Optional.of(judged.fingerprint()));
        long newest = judged.reviews().stream().mapToLong(ReviewInfo::id).max().orElse(0);
        posted.put(key(pr.repo(), pr.number()), new Posted(pr.headSha(), newest));
        return OverrideService.record(grant, pr.baseSha(), check, deliveryId);
    }

    private void requestReviews(GitHubAccess gh, PullRequestInfo pr, Judged judged) throws IOException {
        OwnershipGate.Decision decision = judged.decision();
        if (decision.passed() || decision.reviewRequests().isEmpty()) {
            return;
        }
        if (pr.draft()) {
            // A draft is not ready for review: the check is posted, the requests wait for ready_for_review.
            LOG.debug("not requesting reviews on draft {}#{}", pr.repo(), pr.number());
            return;
        }
        Set<String> reviewed = new LinkedHashSet<>();
        for (ReviewInfo r : judged.reviews()) {
            reviewed.add(r.login());
        }
        Set<String> users = new LinkedHashSet<>();
        Set<String> teamSlugs = new LinkedHashSet<>();
        for (String who : decision.reviewRequests()) {
            String name = (who.startsWith("@") ? who.substring(1) : who).toLowerCase(Locale.ROOT);
            if (name.contains("/")) {
                if (!pr.requestedTeams().contains(name)) {
                    teamSlugs.add(name.substring(name.indexOf('/') + 1));
                }
            } else if (!name.equals(pr.author()) && !pr.requestedUsers().contains(name) && !reviewed.contains(name)) {
                users.add(name);
            }
        }
        gh.pulls().requestReviewers(pr.repo(), pr.number(), users, teamSlugs);
    }

    /**
     * Posts a failing check that says why Ownergate could not judge. It goes under every name a passing check
     * of ours may stand under on this head: the name the repository's policy chose (learned from earlier
     * verdicts; the default when none was seen yet), and the names of our check runs already on the head. So
     * an older success under a renamed check cannot outlive a failure to evaluate.
     */
    private void failClosed(GitHubAccess gh, String repo, int number, String headSha, String reason) {
        CheckRunPost failure = gate.failClosed(headSha, reason).checkRun(detailsUrl(repo, number));
        Set<String> names = new LinkedHashSet<>();
        names.add(checkNames.get(repo.toLowerCase(Locale.ROOT)).orElse(failure.name()));
        try {
            gh.checks().ourCheckRuns(repo, headSha).forEach(run -> names.add(run.name()));
        } catch (IOException e) {
            LOG.debug("could not list the check runs on {}@{}: {}", repo, headSha, e.getMessage());
        }
        for (String name : names) {
            try {
                postCheck(gh, repo, number, failure.withName(name), Optional.empty());
            } catch (IOException e) {
                LOG.warn("could not post the failing check for {}@{}: {}", repo, headSha, e.getMessage());
            }
        }
    }

    /** Posts a verdict the gate reached, remembering the check name the repository's policy chose. */
    private void postVerdict(GitHubAccess gh, String repo, int number, CheckRunPost check,
                             Optional<Fingerprint> fingerprint) throws IOException {
        checkNames.put(repo.toLowerCase(Locale.ROOT), check.name());
        postCheck(gh, repo, number, check, fingerprint);
    }

    /**
     * Posts the check and stores it for the page its details link opens. A fail-closed check is stored with no
     * fingerprint, so reconciliation always looks at its pull request again.
     */
    private void postCheck(GitHubAccess gh, String repo, int number, CheckRunPost check,
                           Optional<Fingerprint> fingerprint) throws IOException {
        gh.checks().post(repo, check);
        verdicts.save(new PostedVerdict(repo, number, check, fingerprint, clock.instant()));
    }

    private DecisionRecord record(PullRequestInfo pr, Judged judged, String deliveryId) {
        OwnershipGate.Decision d = judged.decision();
        CheckRunPost check = d.checkRun(null);
        Optional<Verdict> verdict = d.audited();
        List<DecisionRecord.FileDecision> files = verdict.map(v -> v.files().stream()
                .map(PullRequestEvaluator::fileDecision).toList()).orElse(List.of());
        Fingerprint f = judged.fingerprint();
        return new DecisionRecord(pr.repo(), pr.number(), pr.headSha(), pr.baseSha(),
                verdict.map(v -> v.policy().isEmpty() && !v.passed() ? DecisionRecord.Kind.FAIL_CLOSED
                        : DecisionRecord.Kind.EVALUATION).orElse(DecisionRecord.Kind.EVALUATION),
                verdict.map(Verdict::rulesSource).orElse(""), f.rulesDigest(), verdict.map(Verdict::policy).orElse(""),
                f.policySha(), files, check.conclusion(), check.title(), "", "", deliveryId, clock.instant());
    }

    /** A file's verdict as the audit trail keeps it. */
    private static DecisionRecord.FileDecision fileDecision(FileVerdict v) {
        List<String> owners = v.anyone() ? List.of("*") : v.owners().stream().map(Object::toString).toList();
        return new DecisionRecord.FileDecision(v.path(), owners, List.copyOf(v.approvedBy()), v.status().name());
    }

    /** The check's details link: the pull request's page on this server; null without a public URL. */
    public String detailsUrl(String repo, int number) {
        return publicUrl.map(u -> u + "/pulls/" + repo + (number > 0 ? "/" + number : "")).orElse(null);
    }

    private static String describe(GitHubException e) {
        return e.status() == 0 ? "GitHub did not answer" : e.getMessage();
    }
}
