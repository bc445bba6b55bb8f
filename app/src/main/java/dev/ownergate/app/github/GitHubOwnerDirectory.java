package dev.ownergate.app.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownergate.app.config.ConfigException;
import dev.ownergate.app.config.PemKeys;
import dev.ownergate.ownership.OwnerDirectory;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link OwnerDirectory} over GitHub's REST API: the checks GitHub makes before it honours a CODEOWNERS owner
 * (docs: "About code owners": owners need write access; teams must be visible).
 *
 * <p>Credentials: a token ({@code GITHUB_TOKEN}), or the App's ID and key, in which case each repository is
 * asked through the installation that covers it.
 */
public final class GitHubOwnerDirectory implements OwnerDirectory {
    private final GitHubHttp http;
    private final RepoAuth auth;

    @FunctionalInterface
    interface RepoAuth {
        GitHubHttp.Auth forRepo(String repo) throws IOException;
    }

    GitHubOwnerDirectory(GitHubHttp http, RepoAuth auth) {
        this.http = http;
        this.auth = auth;
    }

    /** With a personal or Actions token. */
    public static GitHubOwnerDirectory withToken(URI apiUrl, String token) {
        GitHubHttp http = new GitHubHttp(apiUrl, ApiObserver.NONE);
        GitHubHttp.Auth bearer = () -> "Bearer " + token;
        return new GitHubOwnerDirectory(http, repo -> bearer);
    }

    /** As the App: finds the installation of each repository, then uses its token. */
    public static GitHubOwnerDirectory withApp(URI apiUrl, long appId, java.security.PrivateKey key) {
        GitHubHttp http = new GitHubHttp(apiUrl, ApiObserver.NONE);
        AppAuth app = new AppAuth(appId, key, http, Clock.systemUTC());
        Map<String, Long> installations = new ConcurrentHashMap<>();
        return new GitHubOwnerDirectory(http, repo -> {
            Long id = installations.get(repo);
            if (id == null) {
                JsonNode installation = http.get("/repos/" + repo + "/installation", app.asApp());
                id = installation.path("id").asLong();
                installations.put(repo, id);
            }
            return app.asInstallation(id);
        });
    }

    /**
     * The connector {@code ownergate validate --github} uses: {@code GITHUB_TOKEN} when set, else the App's
     * {@code OWNERGATE_APP_ID} with {@code OWNERGATE_PRIVATE_KEY_FILE} or {@code OWNERGATE_PRIVATE_KEY}.
     */
    public static Connector connector(Map<String, String> env) {
        return apiUrl -> {
            URI url = URI.create(apiUrl);
            String token = env.get("GITHUB_TOKEN");
            if (token != null && !token.isBlank()) {
                return withToken(url, token.strip());
            }
            String appId = env.get("OWNERGATE_APP_ID");
            String pem = env.get("OWNERGATE_PRIVATE_KEY");
            String keyFile = env.get("OWNERGATE_PRIVATE_KEY_FILE");
            if (appId == null || (pem == null && keyFile == null)) {
                throw new IOException("set GITHUB_TOKEN, or OWNERGATE_APP_ID with OWNERGATE_PRIVATE_KEY_FILE, to ask"
                        + " GitHub about owners");
            }
            try {
                String text = pem != null ? pem : Files.readString(Path.of(keyFile), StandardCharsets.UTF_8);
                return withApp(url, Long.parseLong(appId.strip()), PemKeys.parseRsaPrivateKey(text));
            } catch (ConfigException | NumberFormatException e) {
                throw new IOException("cannot use the App credentials: " + e.getMessage());
            }
        };
    }

    @Override
    public Standing userStanding(String login, String repo) throws IOException {
        GitHubHttp.Auth a = auth.forRepo(repo);
        try {
            JsonNode p = http.get("/repos/" + repo + "/collaborators/" + login + "/permission", a);
            // "permission" is the legacy role: maintain reads as write, triage as read (docs).
            String permission = p.path("permission").asText("none").toLowerCase(Locale.ROOT);
            return permission.equals("admin") || permission.equals("write") || permission.equals("maintain")
                    ? Standing.OK : Standing.NO_WRITE_ACCESS;
        } catch (GitHubException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
        try {
            http.get("/users/" + login, a);
            return Standing.NO_WRITE_ACCESS;
        } catch (GitHubException e) {
            if (e.isNotFound()) {
                return Standing.NOT_FOUND;
            }
            throw e;
        }
    }

    @Override
    public Standing teamStanding(String orgSlashTeam, String repo) throws IOException {
        int slash = orgSlashTeam.indexOf('/');
        String org = orgSlashTeam.substring(0, slash);
        String slug = orgSlashTeam.substring(slash + 1);
        GitHubHttp.Auth a = auth.forRepo(repo);
        JsonNode team;
        try {
            team = http.get("/orgs/" + org + "/teams/" + slug, a);
        } catch (GitHubException e) {
            if (e.isNotFound()) {
                return Standing.NOT_FOUND;
            }
            throw e;
        }
        if ("secret".equals(team.path("privacy").asText())) {
            return Standing.NOT_VISIBLE;
        }
        try {
            // This media type returns the team's permissions on the repository instead of a bare 204
            // (docs: "Check team permissions for a repository").
            JsonNode access = http.get("/orgs/" + org + "/teams/" + slug + "/repos/" + repo, a,
                    "application/vnd.github.v3.repository+json");
            JsonNode p = access.path("permissions");
            return p.path("push").asBoolean(false) || p.path("maintain").asBoolean(false)
                    || p.path("admin").asBoolean(false) ? Standing.OK : Standing.NO_WRITE_ACCESS;
        } catch (GitHubException e) {
            if (e.isNotFound()) {
                return Standing.NO_WRITE_ACCESS;
            }
            throw e;
        }
    }
}
