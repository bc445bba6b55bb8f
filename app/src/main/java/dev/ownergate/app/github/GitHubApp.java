package dev.ownergate.app.github;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kohsuke.github.GHAppInstallation;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.authorization.AuthorizationProvider;

/**
 * The App's view of GitHub: which installations and repositories it has, and a client per installation.
 * Trees and blobs are cached here ({@link RepoCaches}), shared by all installations, since both are addressed
 * by SHA.
 */
public final class GitHubApp {
    private final GitHubClients clients;
    private final long appId;
    private final AuthorizationProvider jwt;
    private final GitHub asApp;
    private final Map<Long, GitHubInstallation> installations = new ConcurrentHashMap<>();
    private final RepoCaches caches = new RepoCaches();

    public GitHubApp(GitHubClients clients, long appId, PrivateKey key) {
        this.clients = clients;
        this.appId = appId;
        this.jwt = GitHubClients.appJwt(appId, key);
        this.asApp = unchecked(() -> clients.asApp(jwt));
    }

    public record Installation(long id, String account) {}

    /** The App's webhook deliveries: listed, and redelivered on request. */
    public HookDeliveries hookDeliveries() {
        return new HookDeliveries(clients.apiUrl(), jwt);
    }

    /** The client of one installation; one per installation for the life of the server, so its token is reused. */
    public GitHubInstallation installation(long installationId) {
        // A client whose token GitHub rejected is dropped, so the next evaluation mints a new token.
        return installations.computeIfAbsent(installationId, id -> new GitHubInstallation(
                unchecked(() -> clients.asInstallation(jwt, id)), appId, caches,
                dropped -> installations.remove(id, dropped)));
    }

    private static GitHub unchecked(IoSupplier<GitHub> build) {
        try {
            return build.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // hub4j declares it, but building a client does no I/O
        }
    }

    public List<Installation> installations() throws IOException {
        try {
            List<Installation> out = new ArrayList<>();
            for (GHAppInstallation i : asApp.getApp().listInstallations().withPageSize(100).toList()) {
                out.add(new Installation(i.getId(), i.getAccount() == null ? "" : i.getAccount().getLogin()));
            }
            return out;
        } catch (IOException e) {
            throw GitHubException.from("GET /app/installations", e);
        }
    }

    /** {@code owner/name} of every repository the installation can see. */
    public List<String> repositories(long installationId) throws IOException {
        try {
            List<String> out = new ArrayList<>();
            for (GHRepository r : installation(installationId).client().getInstallation().listRepositories()
                    .withPageSize(100).toList()) {
                out.add(r.getFullName());
            }
            return out;
        } catch (IOException e) {
            throw GitHubException.from("GET /installation/repositories", e);
        }
    }
}
