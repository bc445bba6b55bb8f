package dev.ownergate.app.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.jsonwebtoken.Jwts;
import java.io.IOException;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticates as the GitHub App: an RS256 JWT for the App endpoints, and installation tokens for everything
 * else. Installation tokens live one hour; each is reused until five minutes before it expires.
 * Tokens and the key are never logged.
 */
public final class AppAuth {
    // GitHub rejects a JWT that lives longer than 10 minutes; iat is back-dated for clock drift
    // (docs: "Generating a JSON Web Token (JWT) for a GitHub App").
    private static final Duration JWT_LIFETIME = Duration.ofMinutes(9);
    private static final Duration CLOCK_DRIFT = Duration.ofSeconds(60);
    private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final long appId;
    private final PrivateKey key;
    private final GitHubHttp http;
    private final Clock clock;
    private final Map<Long, Token> tokens = new ConcurrentHashMap<>();
    private volatile Token jwt;

    private record Token(String value, Instant expiresAt) {}

    public AppAuth(long appId, PrivateKey key, GitHubHttp http, Clock clock) {
        this.appId = appId;
        this.key = key;
        this.http = http;
        this.clock = clock;
    }

    public long appId() {
        return appId;
    }

    /** Authorization as the App itself. */
    public GitHubHttp.Auth asApp() {
        return () -> "Bearer " + jwt();
    }

    /** Authorization as one installation of the App. */
    public GitHubHttp.Auth asInstallation(long installationId) {
        return () -> "Bearer " + installationToken(installationId);
    }

    String jwt() {
        Instant now = clock.instant();
        Token current = jwt;
        if (current != null && now.isBefore(current.expiresAt().minus(Duration.ofMinutes(1)))) {
            return current.value();
        }
        Instant expires = now.plus(JWT_LIFETIME);
        String value = Jwts.builder()
                .issuer(Long.toString(appId))
                .issuedAt(Date.from(now.minus(CLOCK_DRIFT)))
                .expiration(Date.from(expires))
                .signWith(key, Jwts.SIG.RS256)
                .compact();
        jwt = new Token(value, expires);
        return value;
    }

    String installationToken(long installationId) throws IOException {
        Instant now = clock.instant();
        Token current = tokens.get(installationId);
        if (current != null && now.isBefore(current.expiresAt().minus(REFRESH_BEFORE_EXPIRY))) {
            return current.value();
        }
        JsonNode body = http.post("/app/installations/" + installationId + "/access_tokens", asApp(), Map.of());
        String value = body.path("token").asText("");
        if (value.isEmpty()) {
            throw new GitHubException(0, "GitHub returned no installation token for installation " + installationId,
                    true, null);
        }
        Instant expires;
        try {
            expires = Instant.parse(body.path("expires_at").asText());
        } catch (RuntimeException e) {
            expires = now.plus(Duration.ofMinutes(55));
        }
        tokens.put(installationId, new Token(value, expires));
        return value;
    }

    /** Forgets a cached token, e.g. after GitHub rejected it with 401. */
    public void forget(long installationId) {
        tokens.remove(installationId);
    }
}
