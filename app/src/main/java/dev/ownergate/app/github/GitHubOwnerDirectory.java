package dev.ownergate.app.github;

import dev.ownergate.app.config.ConfigException;
import dev.ownergate.app.config.PemKeys;
import dev.ownergate.ownership.OwnerDirectory;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.kohsuke.github.GHPermissionType;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHTeam;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.authorization.AuthorizationProvider;

/**
 * {@link OwnerDirectory} over GitHub's REST API: the checks GitHub makes before it honours a CODEOWNERS owner
 * (docs: "About code owners": owners need write access; teams must be visible).
 *
 * <p>Credentials: a token ({@code GITHUB_TOKEN}), or the App's ID and key, in which case each repository is
 * asked through the installation that covers it.
 */
public final class GitHubOwnerDirectory implements OwnerDirectory {
    private final RepoClient clients;
    private final Map<String, GHRepository> repositories = new ConcurrentHashMap<>();

    @FunctionalInterface
    interface RepoClient {
        GitHub forRepo(String repo) throws IOException;
    }

    GitHubOwnerDirectory(RepoClient clients) {
        this.clients = clients;
    }

    /** With a personal or Actions token. */
    public static GitHubOwnerDirectory withToken(URI apiUrl, String token) throws IOException {
        GitHub github = new GitHubClients(apiUrl, ApiObserver.NONE, Clock.systemUTC()).withToken(token);
        return new GitHubOwnerDirectory(repo -> github);
    }

    /** As the App: finds the installation of each repository, then acts as that installation. */
    public static GitHubOwnerDirectory withApp(URI apiUrl, long appId, PrivateKey key) throws IOException {
        GitHubClients clients = new GitHubClients(apiUrl, ApiObserver.NONE, Clock.systemUTC());
        AuthorizationProvider jwt = GitHubClients.appJwt(appId, key);
        GitHub asApp = clients.asApp(jwt);
        Map<String, Long> installationOfRepo = new ConcurrentHashMap<>();
        Map<Long, GitHub> byInstallation = new ConcurrentHashMap<>();
        return new GitHubOwnerDirectory(repo -> {
            Long id = installationOfRepo.get(repo);
            if (id == null) {
                try {
                    int slash = repo.indexOf('/');
                    id = asApp.getApp().getInstallationByRepository(repo.substring(0, slash), repo.substring(slash + 1))
                            .getId();
                } catch (IOException e) {
                    throw GitHubException.from("GET /repos/" + repo + "/installation", e);
                }
                installationOfRepo.put(repo, id);
            }
            GitHub client = byInstallation.get(id);
            if (client == null) {
                client = clients.asInstallation(jwt, id);
                byInstallation.put(id, client);
            }
            return client;
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

    private GHRepository repository(GitHub github, String repo) throws GitHubException {
        GHRepository cached = repositories.get(repo);
        if (cached != null) {
            return cached;
        }
        try {
            GHRepository r = github.getRepository(repo);
            repositories.put(repo, r);
            return r;
        } catch (IOException e) {
            throw GitHubException.from("GET /repos/" + repo, e);
        }
    }

    @Override
    public Standing userStanding(String login, String repo) throws IOException {
        GitHub github = clients.forRepo(repo);
        GHRepository repository = repository(github, repo);
        try {
            // The legacy "permission" field: maintain reads as write, triage as read (docs).
            GHPermissionType permission = repository.getPermission(login);
            return permission == GHPermissionType.ADMIN || permission == GHPermissionType.WRITE
                    ? Standing.OK : Standing.NO_WRITE_ACCESS;
        } catch (IOException e) {
            GitHubException failure = GitHubException.from("GET /repos/" + repo + "/collaborators/" + login, e);
            if (!failure.isNotFound()) {
                throw failure;
            }
        }
        try {
            github.getUser(login);
            return Standing.NO_WRITE_ACCESS;
        } catch (IOException e) {
            GitHubException failure = GitHubException.from("GET /users/" + login, e);
            if (failure.isNotFound()) {
                return Standing.NOT_FOUND;
            }
            throw failure;
        }
    }

    /** See {@link EmailAccounts}: the public profile search, then the repository's commits by the email. */
    @Override
    public Optional<String> loginOfEmail(String email, String repo) throws IOException {
        GitHub github = clients.forRepo(repo);
        return EmailAccounts.loginOf(github, repository(github, repo), email);
    }

    @Override
    public Standing teamStanding(String orgSlashTeam, String repo) throws IOException {
        int slash = orgSlashTeam.indexOf('/');
        String org = orgSlashTeam.substring(0, slash);
        String slug = orgSlashTeam.substring(slash + 1);
        GitHub github = clients.forRepo(repo);
        String what = "GET /orgs/" + org + "/teams/" + slug;
        try {
            GHTeam team = github.getOrganization(org).getTeamBySlug(slug);
            if (team.getPrivacy() == GHTeam.Privacy.SECRET) {
                return Standing.NOT_VISIBLE;
            }
            // The team's repositories carry its permissions on each (docs: "List team repositories").
            for (GHRepository r : team.listRepositories().withPageSize(100).toList()) {
                if (r.getFullName().toLowerCase(Locale.ROOT).equals(repo.toLowerCase(Locale.ROOT))) {
                    return r.hasPushAccess() ? Standing.OK : Standing.NO_WRITE_ACCESS;
                }
            }
            return Standing.NO_WRITE_ACCESS;
        } catch (IOException e) {
            GitHubException failure = GitHubException.from(what, e);
            if (failure.isNotFound()) {
                return Standing.NOT_FOUND;
            }
            throw failure;
        }
    }
}
