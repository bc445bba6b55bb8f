package dev.ownergate.app.github;

import dev.ownergate.repo.GitRevision;
import dev.ownergate.repo.RepoSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHCheckRunBuilder;
import org.kohsuke.github.GHCommit;
import org.kohsuke.github.GHCompare;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHOrganization;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestFileDetail;
import org.kohsuke.github.GHPullRequestReview;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHTeam;
import org.kohsuke.github.GHTree;
import org.kohsuke.github.GHTreeEntry;
import org.kohsuke.github.GHUser;
import org.kohsuke.github.GitHub;

/**
 * Our interfaces over hub4j, acting as one installation of the App. Nothing outside this package sees a hub4j
 * type; every failure leaves as a {@link GitHubException}.
 *
 * <p>Repository and pull request objects are kept only as handles for building URLs (each read below is a
 * fresh request), so a warm evaluation costs the pull request, its files, its reviews and the check run: four
 * calls.
 */
public final class GitHubInstallation implements PullRequestSource, ChecksSink, TeamDirectory, RepoContents,
        IssueComments {
    /** GitHub lists at most 3,000 files of a pull request (docs: "List pull requests files"). */
    public static final int MAX_LISTED_FILES = 3000;
    private static final int PAGE = 100;
    // The Checks API rejects a summary over 65,535 characters.
    private static final int MAX_SUMMARY = 65_000;

    private final GitHub github;
    private final long appId;
    private final RepoCaches caches;
    private final Consumer<GitHubInstallation> onUnauthorized;
    private final LruCache<String, GHRepository> repositories = new LruCache<>(1_000);
    // Only needed from an evaluation's first call to its last; the objects are large (both repositories inside).
    private final LruCache<String, GHPullRequest> pulls = new LruCache<>(256);
    // Reviews listed by recent evaluations, so dismissing a stale one needs no second listing.
    private final LruCache<Long, GHPullRequestReview> listedReviews = new LruCache<>(4_096);

    /** @param appId the App this installation belongs to; it identifies our own check runs */
    GitHubInstallation(GitHub github, long appId, RepoCaches caches) {
        this(github, appId, caches, dropped -> {});
    }

    /** @param onUnauthorized told when GitHub answers 401: its owner should stop using this client */
    GitHubInstallation(GitHub github, long appId, RepoCaches caches, Consumer<GitHubInstallation> onUnauthorized) {
        this.github = github;
        this.appId = appId;
        this.caches = caches;
        this.onUnauthorized = onUnauthorized;
    }

    GitHub client() {
        return github;
    }

    private <T> T call(String what, IoSupplier<T> call) throws GitHubException {
        try {
            return call.get();
        } catch (IOException e) {
            throw translate(what, e);
        }
    }

    /**
     * GitHub rejected our installation token (revoked early, e.g. after the App's permissions changed): hub4j
     * would reuse it until it expires, so drop this client and let the queue retry with a newly minted one.
     */
    private GitHubException translate(String what, IOException e) {
        GitHubException failure = GitHubException.from(what, e);
        if (failure.status() != 401) {
            return failure;
        }
        onUnauthorized.accept(this);
        return new GitHubException(401, failure.getMessage() + " (installation token dropped; retrying with a new one)",
                true, null);
    }

    private GHRepository repository(String repo) throws GitHubException {
        var cached = repositories.get(repo);
        if (cached.isPresent()) {
            return cached.get();
        }
        GHRepository r = call("GET /repos/" + repo, () -> github.getRepository(repo));
        repositories.put(repo, r);
        return r;
    }

    /** A handle for the pull request's sub-resources; fetched only when none is cached. */
    private GHPullRequest pullHandle(String repo, int number) throws GitHubException {
        var cached = pulls.get(repo + "#" + number);
        if (cached.isPresent()) {
            return cached.get();
        }
        GHRepository r = repository(repo);
        GHPullRequest p = call("GET /repos/" + repo + "/pulls/" + number, () -> r.getPullRequest(number));
        pulls.put(repo + "#" + number, p);
        return p;
    }

    @Override
    public PullRequestInfo pullRequest(String repo, int number) throws IOException {
        GHRepository r = repository(repo);
        String what = "GET /repos/" + repo + "/pulls/" + number;
        return call(what, () -> {
            GHPullRequest p = r.getPullRequest(number);
            pulls.put(repo + "#" + number, p);
            return info(repo, p);
        });
    }

    private static PullRequestInfo info(String repo, GHPullRequest p) throws IOException {
        Set<String> users = new LinkedHashSet<>();
        for (GHUser u : p.getRequestedReviewers()) {
            users.add(u.getLogin().toLowerCase(Locale.ROOT));
        }
        String org = repo.substring(0, repo.indexOf('/')).toLowerCase(Locale.ROOT);
        Set<String> teams = new LinkedHashSet<>();
        for (GHTeam t : p.getRequestedTeams()) {
            teams.add(org + "/" + t.getSlug().toLowerCase(Locale.ROOT));
        }
        return new PullRequestInfo(
                repo,
                p.getNumber(),
                p.getState() == GHIssueState.OPEN,
                p.isDraft(),
                p.getUser() == null ? "" : p.getUser().getLogin().toLowerCase(Locale.ROOT),
                p.getHead().getSha(),
                p.getBase().getRef(),
                p.getBase().getSha(),
                p.getChangedFiles(),
                users,
                teams);
    }

    @Override
    public FileChanges files(String repo, int number, int expectedCount) throws IOException {
        GHPullRequest p = pullHandle(repo, number);
        List<GHPullRequestFileDetail> listed = call("GET /repos/" + repo + "/pulls/" + number + "/files",
                () -> p.listFiles().withPageSize(PAGE).toList());
        List<FileChange> files = new ArrayList<>();
        for (GHPullRequestFileDetail f : listed.subList(0, Math.min(listed.size(), MAX_LISTED_FILES))) {
            String status = f.getStatus() == null ? "modified" : f.getStatus();
            files.add(new FileChange(f.getFilename(), f.getPreviousFilename(), status));
        }
        boolean complete = expectedCount < 0 ? files.size() < MAX_LISTED_FILES : files.size() >= expectedCount;
        return new FileChanges(files, complete);
    }

    @Override
    public List<ReviewInfo> reviews(String repo, int number) throws IOException {
        GHPullRequest p = pullHandle(repo, number);
        List<GHPullRequestReview> listed = call("GET /repos/" + repo + "/pulls/" + number + "/reviews",
                () -> p.listReviews().withPageSize(PAGE).toList());
        List<ReviewInfo> reviews = new ArrayList<>();
        for (GHPullRequestReview r : listed) {
            GHUser user = call("review user", r::getUser);
            Instant submitted = r.getSubmittedAt();
            String login = user == null ? "" : user.getLogin().toLowerCase(Locale.ROOT);
            // The listing carries the user's type, so this reads no more from GitHub.
            boolean bot = user != null && "Bot".equals(call("review user type", user::getType));
            reviews.add(new ReviewInfo(
                    r.getId(),
                    login,
                    r.getState() == null ? "" : r.getState().name(),
                    r.getCommitId() == null ? "" : r.getCommitId(),
                    submitted,
                    bot || login.endsWith("[bot]")));
            listedReviews.put(r.getId(), r);
        }
        return reviews;
    }

    @Override
    public CommitComparison compare(String repo, String fromSha, String toSha) throws IOException {
        return caches.comparison(repo + "@" + fromSha + "..." + toSha, () -> {
            GHRepository r = repository(repo);
            String what = "GET /repos/" + repo + "/compare/" + fromSha + "..." + toSha;
            GHCompare compare;
            try {
                compare = r.getCompare(fromSha, toSha);
            } catch (IOException e) {
                GitHubException failure = translate(what, e);
                // 404: no such commit (a force-push replaced it and it was collected); 422: no common history.
                if (failure.isNotFound() || failure.status() == 422) {
                    return CommitComparison.gone();
                }
                throw failure;
            }
            GHCommit.File[] listed = compare.getFiles() == null ? new GHCommit.File[0] : compare.getFiles();
            if (listed.length >= CommitComparison.MAX_LISTED_FILES) {
                return new CommitComparison(CommitComparison.Outcome.TOO_MANY_FILES, Set.of());
            }
            Set<String> paths = new LinkedHashSet<>();
            for (GHCommit.File f : listed) {
                paths.add(f.getFileName());
                if (f.getPreviousFilename() != null) {
                    paths.add(f.getPreviousFilename());
                }
            }
            return CommitComparison.listed(paths);
        });
    }

    @Override
    public void dismissReview(String repo, int number, long reviewId, String message) throws IOException {
        GHPullRequestReview review = listedReviews.get(reviewId).orElse(null);
        if (review == null) {
            GHPullRequest p = pullHandle(repo, number);
            review = call("GET /repos/" + repo + "/pulls/" + number + "/reviews", () -> p.listReviews()
                    .withPageSize(PAGE).toList()).stream().filter(r -> r.getId() == reviewId).findFirst()
                    .orElse(null);
            if (review == null) {
                return; // gone already: nothing to dismiss
            }
        }
        GHPullRequestReview toDismiss = review;
        call("PUT /repos/" + repo + "/pulls/" + number + "/reviews/" + reviewId + "/dismissals", () -> {
            toDismiss.dismiss(message);
            return null;
        });
        listedReviews.remove(reviewId);
    }

    @Override
    public List<OpenPullRequest> openPullRequests(String repo, String baseRef) throws IOException {
        GHRepository r = repository(repo);
        List<GHPullRequest> listed = call("GET /repos/" + repo + "/pulls", () -> {
            var query = r.queryPullRequests().state(GHIssueState.OPEN);
            if (baseRef != null) {
                query.base(baseRef);
            }
            return query.list().withPageSize(PAGE).toList();
        });
        List<OpenPullRequest> out = new ArrayList<>();
        for (GHPullRequest p : listed) {
            out.add(new OpenPullRequest(p.getNumber(), p.getHead().getSha(), p.getBase().getSha()));
        }
        return out;
    }

    @Override
    public void requestReviewers(String repo, int number, Set<String> users, Set<String> teamSlugs)
            throws IOException {
        GHPullRequest p = pullHandle(repo, number);
        String what = "POST /repos/" + repo + "/pulls/" + number + "/requested_reviewers";
        if (!users.isEmpty()) {
            List<GHUser> reviewers = new ArrayList<>();
            for (String login : users) {
                reviewers.add(call("GET /users/" + login, () -> github.getUser(login)));
            }
            call(what, () -> {
                p.requestReviewers(reviewers);
                return null;
            });
        }
        if (!teamSlugs.isEmpty()) {
            String org = repo.substring(0, repo.indexOf('/'));
            GHOrganization organization = call("GET /orgs/" + org, () -> github.getOrganization(org));
            List<GHTeam> teams = new ArrayList<>();
            for (String slug : teamSlugs) {
                teams.add(call("GET /orgs/" + org + "/teams/" + slug, () -> organization.getTeamBySlug(slug)));
            }
            call(what, () -> {
                p.requestTeamReviewers(teams);
                return null;
            });
        }
    }

    @Override
    public void post(String repo, CheckRunPost run) throws IOException {
        GHRepository r = repository(repo);
        GHCheckRunBuilder check = r.createCheckRun(run.name(), run.headSha())
                .withStatus(GHCheckRun.Status.COMPLETED)
                .withConclusion(GHCheckRun.Conclusion.valueOf(run.conclusion().toUpperCase(Locale.ROOT)))
                .withCompletedAt(Instant.now())
                .add(new GHCheckRunBuilder.Output(run.title(), truncate(run.summary())));
        if (run.detailsUrl() != null) {
            check.withDetailsURL(run.detailsUrl());
        }
        call("POST /repos/" + repo + "/check-runs", check::create);
    }

    /** Whether owners exist and can write, asked as this installation (the admin page). */
    public dev.ownergate.ownership.OwnerDirectory owners() {
        return new GitHubOwnerDirectory(repo -> github);
    }

    @Override
    public void comment(String repo, int number, String body) throws IOException {
        GHPullRequest p = pullHandle(repo, number);
        call("POST /repos/" + repo + "/issues/" + number + "/comments", () -> p.comment(body));
    }

    @Override
    public List<CheckRunInfo> ourCheckRuns(String repo, String sha) throws IOException {
        GHRepository r = repository(repo);
        List<GHCheckRun> listed = call("GET /repos/" + repo + "/commits/" + sha + "/check-runs",
                () -> r.getCheckRuns(sha, Map.of("app_id", appId)).withPageSize(PAGE).toList());
        List<CheckRunInfo> out = new ArrayList<>();
        for (GHCheckRun c : listed) {
            GHCheckRun.Conclusion conclusion = c.getConclusion();
            out.add(new CheckRunInfo(c.getId(), c.getName(), c.getHeadSha(),
                    conclusion == null ? null : conclusion.name().toLowerCase(Locale.ROOT)));
        }
        return out;
    }

    @Override
    public Set<String> members(String org, String teamSlug) throws IOException {
        String what = "GET /orgs/" + org + "/teams/" + teamSlug + "/members";
        try {
            List<GHUser> listed = github.getOrganization(org).getTeamBySlug(teamSlug).listMembers()
                    .withPageSize(PAGE).toList();
            Set<String> logins = new LinkedHashSet<>();
            for (GHUser u : listed) {
                logins.add(u.getLogin().toLowerCase(Locale.ROOT));
            }
            return logins;
        } catch (GHFileNotFoundException e) {
            return Set.of(); // no such team, or one we may not see
        } catch (IOException e) {
            GitHubException failure = translate(what, e);
            if (failure.isNotFound()) {
                return Set.of();
            }
            throw failure;
        }
    }

    @Override
    public Optional<String> loginOfEmail(String email, String repo) throws IOException {
        return EmailAccounts.loginOf(github, repository(repo), email).map(l -> l.toLowerCase(Locale.ROOT));
    }

    @Override
    public RepoSnapshot snapshot(String repo, String commitSha) throws IOException {
        GitHubTreeSnapshot.Tree tree = caches.tree(repo + "@" + commitSha, () -> listTree(repo, commitSha));
        return new GitHubTreeSnapshot(tree, sha -> blob(repo, sha));
    }

    private GitHubTreeSnapshot.Tree listTree(String repo, String commitSha) throws IOException {
        GHRepository r = repository(repo);
        GHTree listed = call("GET /repos/" + repo + "/git/trees/" + commitSha, () -> r.getTreeRecursive(commitSha, 1));
        if (listed.isTruncated()) {
            // GitHub stops a recursive listing at 100,000 entries / 7 MB (docs: "Get a tree").
            throw new GitHubException(200, "the file tree of " + repo + " at " + commitSha
                    + " is too large for GitHub to list in one response", false, null);
        }
        Map<String, String> paths = new HashMap<>();
        Map<String, Long> sizes = new HashMap<>();
        Set<String> symlinks = new HashSet<>();
        for (GHTreeEntry entry : listed.getTree()) {
            if ("blob".equals(entry.getType())) {
                paths.put(entry.getPath(), entry.getSha());
                sizes.put(entry.getPath(), entry.getSize());
                if (GitRevision.SYMLINK_MODE.equals(entry.getMode())) {
                    symlinks.add(entry.getPath());
                }
            }
        }
        return GitHubTreeSnapshot.Tree.of(repo, commitSha, paths, sizes, symlinks);
    }

    private String blob(String repo, String sha) throws IOException {
        return caches.blob(sha, () -> {
            GHRepository r = repository(repo);
            return call("GET /repos/" + repo + "/git/blobs/" + sha, () -> {
                try (var in = r.getBlob(sha).read()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            });
        });
    }

    private static String truncate(String summary) {
        return summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY) + "\n\n…(truncated)";
    }
}
