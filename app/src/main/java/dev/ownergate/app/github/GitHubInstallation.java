package dev.ownergate.app.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownergate.repo.RepoSnapshot;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Our interfaces over GitHub's REST API, acting as one installation of the App. */
public final class GitHubInstallation implements PullRequestSource, ChecksSink, TeamDirectory, RepoContents {
    /** GitHub lists at most 3,000 files of a pull request (docs: "List pull requests files"). */
    public static final int MAX_LISTED_FILES = 3000;
    private static final int PAGE = 100;

    private final GitHubHttp http;
    private final GitHubHttp.Auth auth;
    private final LruCache<String, Map<String, String>> trees;
    private final LruCache<String, String> blobs;

    GitHubInstallation(GitHubHttp http, GitHubHttp.Auth auth, LruCache<String, Map<String, String>> trees,
                       LruCache<String, String> blobs) {
        this.http = http;
        this.auth = auth;
        this.trees = trees;
        this.blobs = blobs;
    }

    @Override
    public PullRequestInfo pullRequest(String repo, int number) throws IOException {
        return pullRequestOf(repo, http.get("/repos/" + repo + "/pulls/" + number, auth));
    }

    @Override
    public FileChanges files(String repo, int number, int expectedCount) throws IOException {
        List<FileChange> files = new ArrayList<>();
        for (JsonNode f : http.list("/repos/" + repo + "/pulls/" + number + "/files?per_page=" + PAGE, auth, null,
                MAX_LISTED_FILES)) {
            String previous = f.path("previous_filename").asText(null);
            files.add(new FileChange(f.path("filename").asText(), previous, f.path("status").asText("modified")));
        }
        boolean complete = expectedCount < 0 ? files.size() < MAX_LISTED_FILES : files.size() >= expectedCount;
        return new FileChanges(files, complete);
    }

    @Override
    public List<ReviewInfo> reviews(String repo, int number) throws IOException {
        List<ReviewInfo> reviews = new ArrayList<>();
        for (JsonNode r : http.list("/repos/" + repo + "/pulls/" + number + "/reviews?per_page=" + PAGE, auth, null,
                Integer.MAX_VALUE)) {
            String submitted = r.path("submitted_at").asText(null);
            reviews.add(new ReviewInfo(
                    r.path("id").asLong(),
                    r.path("user").path("login").asText("").toLowerCase(Locale.ROOT),
                    r.path("state").asText(""),
                    r.path("commit_id").asText(""),
                    submitted == null ? null : Instant.parse(submitted)));
        }
        return reviews;
    }

    @Override
    public List<PullRequestInfo> openPullRequests(String repo, String baseRef) throws IOException {
        String query = "?state=open&per_page=" + PAGE + (baseRef == null ? "" : "&base=" + encode(baseRef));
        List<PullRequestInfo> out = new ArrayList<>();
        for (JsonNode p : http.list("/repos/" + repo + "/pulls" + query, auth, null, Integer.MAX_VALUE)) {
            out.add(pullRequestOf(repo, p));
        }
        return out;
    }

    @Override
    public void requestReviewers(String repo, int number, Set<String> users, Set<String> teamSlugs)
            throws IOException {
        if (users.isEmpty() && teamSlugs.isEmpty()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reviewers", List.copyOf(users));
        body.put("team_reviewers", List.copyOf(teamSlugs));
        http.post("/repos/" + repo + "/pulls/" + number + "/requested_reviewers", auth, body);
    }

    @Override
    public void post(String repo, CheckRunPost run) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", run.name());
        body.put("head_sha", run.headSha());
        body.put("status", "completed");
        body.put("conclusion", run.conclusion());
        body.put("completed_at", Instant.now().toString());
        if (run.detailsUrl() != null) {
            body.put("details_url", run.detailsUrl());
        }
        body.put("output", Map.of("title", run.title(), "summary", truncate(run.summary())));
        http.post("/repos/" + repo + "/check-runs", auth, body);
    }

    @Override
    public List<CheckRunInfo> checkRuns(String repo, String sha, String name) throws IOException {
        List<CheckRunInfo> out = new ArrayList<>();
        for (JsonNode c : http.list("/repos/" + repo + "/commits/" + sha + "/check-runs?check_name=" + encode(name)
                + "&per_page=" + PAGE, auth, "check_runs", Integer.MAX_VALUE)) {
            out.add(new CheckRunInfo(c.path("id").asLong(), c.path("name").asText(), c.path("head_sha").asText(),
                    c.path("conclusion").isNull() ? null : c.path("conclusion").asText(null)));
        }
        return out;
    }

    @Override
    public Set<String> members(String org, String teamSlug) throws IOException {
        Set<String> logins = new LinkedHashSet<>();
        try {
            for (JsonNode m : http.list("/orgs/" + org + "/teams/" + teamSlug + "/members?per_page=" + PAGE, auth,
                    null, Integer.MAX_VALUE)) {
                logins.add(m.path("login").asText().toLowerCase(Locale.ROOT));
            }
        } catch (GitHubException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
        return logins;
    }

    @Override
    public RepoSnapshot snapshot(String repo, String commitSha) throws IOException {
        String key = repo + "@" + commitSha;
        Map<String, String> tree = trees.get(key).orElse(null);
        if (tree == null) {
            JsonNode body = http.get("/repos/" + repo + "/git/trees/" + commitSha + "?recursive=1", auth);
            if (body.path("truncated").asBoolean(false)) {
                // GitHub stops a recursive listing at 100,000 entries / 7 MB (docs: "Get a tree").
                throw new GitHubException(200, "the file tree of " + repo + " at " + commitSha
                        + " is too large for GitHub to list in one response", false, null);
            }
            Map<String, String> paths = new HashMap<>();
            for (JsonNode entry : body.path("tree")) {
                if ("blob".equals(entry.path("type").asText())) {
                    paths.put(entry.path("path").asText(), entry.path("sha").asText());
                }
            }
            tree = Map.copyOf(paths);
            trees.put(key, tree);
        }
        return new GitHubTreeSnapshot(repo, commitSha, tree, sha -> blob(repo, sha));
    }

    private String blob(String repo, String sha) throws IOException {
        var cached = blobs.get(sha);
        if (cached.isPresent()) {
            return cached.get();
        }
        JsonNode body = http.get("/repos/" + repo + "/git/blobs/" + sha, auth);
        String content = body.path("content").asText("").replace("\\n", "").replaceAll("\\s", "");
        String text = "base64".equals(body.path("encoding").asText("base64"))
                ? new String(Base64.getDecoder().decode(content), StandardCharsets.UTF_8)
                : body.path("content").asText("");
        blobs.put(sha, text);
        return text;
    }

    static PullRequestInfo pullRequestOf(String repo, JsonNode p) {
        Set<String> users = new LinkedHashSet<>();
        for (JsonNode u : p.path("requested_reviewers")) {
            users.add(u.path("login").asText().toLowerCase(Locale.ROOT));
        }
        String org = repo.substring(0, repo.indexOf('/')).toLowerCase(Locale.ROOT);
        Set<String> teams = new LinkedHashSet<>();
        for (JsonNode t : p.path("requested_teams")) {
            teams.add(org + "/" + t.path("slug").asText().toLowerCase(Locale.ROOT));
        }
        return new PullRequestInfo(
                repo,
                p.path("number").asInt(),
                "open".equals(p.path("state").asText()),
                p.path("draft").asBoolean(false),
                p.path("user").path("login").asText("").toLowerCase(Locale.ROOT),
                p.path("head").path("sha").asText(),
                p.path("base").path("ref").asText(),
                p.path("base").path("sha").asText(),
                p.has("changed_files") ? p.path("changed_files").asInt() : -1,
                users,
                teams);
    }

    private static String truncate(String summary) {
        // The Checks API rejects a summary over 65,535 characters.
        int max = 65_000;
        return summary.length() <= max ? summary : summary.substring(0, max) + "\n\n…(truncated)";
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
