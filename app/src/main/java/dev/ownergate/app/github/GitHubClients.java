package dev.ownergate.app.github;

import java.io.IOException;
import java.net.URI;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.authorization.AppInstallationAuthorizationProvider;
import org.kohsuke.github.authorization.AuthorizationProvider;
import org.kohsuke.github.authorization.ImmutableAuthorizationProvider;
import org.kohsuke.github.extras.authorization.JWTTokenProvider;

/**
 * Builds hub4j {@link GitHub} clients the one way Ownergate uses them: against one API URL (github.com or a
 * GHES {@code /api/v3}), through {@link HttpConnector}, with rate limits failing fast ({@link FailFastLimits}).
 */
public final class GitHubClients {
    // hub4j logs through java.util.logging, and below INFO it prints response bodies (FINEST always, FINE when
    // one does not parse); the body that mints an installation token holds the token. A filter on the loggers
    // that do this drops those records whatever level an operator sets. Held here: JUL keeps loggers weakly.
    private static final List<Logger> HUB4J_BODY_LOGGERS = List.of(
            Logger.getLogger("org.kohsuke.github.GitHubClient"), Logger.getLogger("org.kohsuke.github.GitHubResponse"));

    static {
        for (Logger log : HUB4J_BODY_LOGGERS) {
            log.setFilter(record -> record.getLevel().intValue() >= Level.INFO.intValue());
        }
    }

    private final String apiUrl;
    private final HttpConnector connector;
    private final Clock clock;

    public GitHubClients(URI apiUrl, ApiObserver observer, Clock clock) {
        String url = apiUrl.toString();
        this.apiUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.connector = new HttpConnector(observer);
        this.clock = clock;
    }

    public String apiUrl() {
        return apiUrl;
    }

    /** The App's own JWT (RS256, refreshed by hub4j before its 10-minute limit); never logged. */
    public static AuthorizationProvider appJwt(long appId, PrivateKey key) {
        return new JWTTokenProvider(Long.toString(appId), key);
    }

    /** A client acting as the App itself ({@code /app/...} endpoints). */
    public GitHub asApp(AuthorizationProvider appJwt) throws IOException {
        return builder().withAuthorizationProvider(appJwt).build();
    }

    /**
     * A client acting as one installation. hub4j mints its token with the App's JWT and reuses it until five
     * minutes before it expires.
     */
    public GitHub asInstallation(AuthorizationProvider appJwt, long installationId) throws IOException {
        return builder().withAuthorizationProvider(new AppInstallationAuthorizationProvider(
                app -> app.getInstallationById(installationId), appJwt)).build();
    }

    /**
     * A client with a personal or Actions token. Sent as {@code token X}, without hub4j's {@code GET /user}
     * lookup of the token's login, which an Actions token may not make.
     */
    public GitHub withToken(String token) throws IOException {
        return builder().withAuthorizationProvider(ImmutableAuthorizationProvider.fromAppInstallationToken(token))
                .build();
    }

    private GitHubBuilder builder() {
        return new GitHubBuilder()
                .withEndpoint(apiUrl)
                .withConnector(connector)
                .withRateLimitHandler(FailFastLimits.primary(clock))
                .withAbuseLimitHandler(FailFastLimits.secondary(clock));
    }
}
