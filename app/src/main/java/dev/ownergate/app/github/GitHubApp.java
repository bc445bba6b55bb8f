package dev.ownergate.app.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The App's view of GitHub: which installations and repositories it has, and an API client per installation.
 * Trees and blobs are cached here, shared by all installations, since both are addressed by SHA.
 */
public final class GitHubApp {
    private final GitHubHttp http;
    private final AppAuth auth;
    private final LruCache<String, Map<String, String>> trees = new LruCache<>(64);
    private final LruCache<String, String> blobs = new LruCache<>(20_000);

    public GitHubApp(GitHubHttp http, AppAuth auth) {
        this.http = http;
        this.auth = auth;
    }

    public record Installation(long id, String account) {}

    public GitHubInstallation installation(long installationId) {
        return new GitHubInstallation(http, auth.asInstallation(installationId), trees, blobs);
    }

    public List<Installation> installations() throws IOException {
        List<Installation> out = new ArrayList<>();
        for (JsonNode i : http.list("/app/installations?per_page=100", auth.asApp(), null, Integer.MAX_VALUE)) {
            out.add(new Installation(i.path("id").asLong(), i.path("account").path("login").asText()));
        }
        return out;
    }

    /** {@code owner/name} of every repository the installation can see. */
    public List<String> repositories(long installationId) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode r : http.list("/installation/repositories?per_page=100", auth.asInstallation(installationId),
                "repositories", Integer.MAX_VALUE)) {
            out.add(r.path("full_name").asText());
        }
        return out;
    }

    public AppAuth auth() {
        return auth;
    }
}
