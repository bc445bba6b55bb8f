package dev.ownergate.app.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.app.fake.FakeGitHub;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import java.io.IOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AppAuthTest {

    @Test
    void jwtIsSignedWithTheAppKeyAndLivesUnderTenMinutes() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair keys = gen.generateKeyPair();
        AppAuth auth = new AppAuth(4242, keys.getPrivate(), null, Clock.systemUTC());

        Claims claims = Jwts.parser().verifyWith(keys.getPublic()).build().parseSignedClaims(auth.jwt()).getPayload();

        assertThat(claims.getIssuer()).isEqualTo("4242");
        Duration lifetime = Duration.between(claims.getIssuedAt().toInstant(), claims.getExpiration().toInstant());
        assertThat(lifetime).isLessThanOrEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void installationTokenIsReusedUntilCloseToExpiry() throws Exception {
        try (FakeGitHub github = FakeGitHub.start()) {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            GitHubHttp http = new GitHubHttp(github.apiUrl(), ApiObserver.NONE);
            AppAuth auth = new AppAuth(1, gen.generateKeyPair().getPrivate(), http, Clock.systemUTC());

            String first = auth.installationToken(9);
            String second = auth.installationToken(9);
            auth.forget(9);
            String third = auth.installationToken(9);

            assertThat(second).isEqualTo(first);
            assertThat(third).isNotEqualTo(first);
            assertThat(github.calls()).containsEntry("POST /app/installations/{id}/access_tokens", 2);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
