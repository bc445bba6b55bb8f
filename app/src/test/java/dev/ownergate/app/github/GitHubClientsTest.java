package dev.ownergate.app.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ownergate.app.fake.FakeGitHub;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** hub4j as we configure it: GitHub's answers become results or retryable failures, and nothing sleeps. */
class GitHubClientsTest {
    HttpServer server;
    AtomicInteger requests = new AtomicInteger();
    List<String> observed = new CopyOnWriteArrayList<>();
    GitHubInstallation github;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            observed.add("UNEXPECTED " + ex.getRequestMethod() + " " + ex.getRequestURI());
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        GitHubClients clients = new GitHubClients(url, (method, status, remaining) ->
                observed.add(method + " " + status + " " + remaining), Clock.systemUTC());
        github = new GitHubInstallation(clients.withToken("ghp_test"), 1, new RepoCaches());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Every request for the repository gets this answer. */
    void answer(int status, String body, String... headers) {
        server.createContext("/repos/acme/widgets", ex -> {
            requests.incrementAndGet();
            for (int i = 0; i < headers.length; i += 2) {
                ex.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                ex.getResponseBody().write(bytes);
            }
            ex.close();
        });
    }

    GitHubException failure() {
        long started = System.nanoTime();
        GitHubException e = catchThrowableOfType(GitHubException.class, () -> github.pullRequest("acme/widgets", 1));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(requests.get()).as("one request, no retries inside the library").isEqualTo(1);
        return e;
    }

    @Test
    void primaryRateLimitFailsAtOnceAndWaitsForTheWindowToReset() {
        long reset = Instant.now().plusSeconds(120).getEpochSecond();
        answer(403, "{\"message\":\"API rate limit exceeded\"}",
                "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", Long.toString(reset));

        GitHubException e = failure();

        assertThat(e.retryable()).isTrue();
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.retryAfter().orElseThrow()).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(121));
        assertThat(observed).containsExactly("GET 403 0");
    }

    @Test
    void secondaryRateLimitHonoursRetryAfter() {
        answer(403, "{\"message\":\"You have exceeded a secondary rate limit\"}", "Retry-After", "60");

        GitHubException e = failure();

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() {
        answer(429, "{\"message\":\"slow down\"}", "Retry-After", "7");

        GitHubException e = failure();

        assertThat(e.retryable()).isTrue();
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void forbiddenWithoutRateLimitIsFinalAndKeepsGitHubsMessage() {
        answer(403, "{\"message\":\"Resource not accessible by integration\"}", "X-RateLimit-Remaining", "4000");

        GitHubException e = failure();

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("403").contains("Resource not accessible by integration");
    }

    @Test
    void notFoundIsFinal() {
        answer(404, "{\"message\":\"Not Found\"}");

        GitHubException e = failure();

        assertThat(e.isNotFound()).isTrue();
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void serverErrorsAndUnreachableHostsAreRetryable() throws IOException {
        answer(502, "{\"message\":\"Bad gateway\"}");
        GitHubException e = failure();
        assertThat(e.retryable()).isTrue();
        assertThat(e.status()).isEqualTo(502);

        GitHubInstallation nowhere = new GitHubInstallation(
                new GitHubClients(URI.create("http://127.0.0.1:1"), ApiObserver.NONE, Clock.systemUTC())
                        .withToken("ghp_test"), 1, new RepoCaches());
        GitHubException down = catchThrowableOfType(GitHubException.class, () -> nowhere.pullRequest("acme/x", 1));
        assertThat(down.retryable()).isTrue();
        assertThat(down.status()).isZero();
    }

    @Test
    void theAppSignsItsJwtAndReusesEachInstallationToken() throws Exception {
        KeyPair keys = rsa();
        try (FakeGitHub fake = FakeGitHub.start()) {
            fake.app(4242, keys.getPublic());
            fake.installation(7, "acme/widgets");
            GitHubApp app = new GitHubApp(new GitHubClients(fake.apiUrl(), ApiObserver.NONE, Clock.systemUTC()),
                    4242, keys.getPrivate());

            assertThat(app.installations()).extracting(GitHubApp.Installation::id).containsExactly(7L);
            assertThat(app.repositories(7)).containsExactly("acme/widgets");
            assertThat(app.repositories(7)).containsExactly("acme/widgets");

            assertThat(fake.calls()).containsEntry("POST /app/installations/{id}/access_tokens", 1)
                    .containsEntry("GET /installation/repositories", 2);
        }
    }

    @Test
    void gitHubEnterpriseServerIsReachedUnderItsApiPath() throws Exception {
        KeyPair keys = rsa();
        try (FakeGitHub ghes = FakeGitHub.start("/api/v3")) {
            ghes.app(4242, keys.getPublic());
            ghes.installation(7, "acme/widgets");
            FakeGitHub.Repo repo = ghes.repo("acme/widgets");
            String base = repo.commit(java.util.Map.of("OWNERS", "alice\n"));
            for (int i = 0; i < 3; i++) {
                repo.pull(i + 1, "carol", "main", base, "h" + i);
            }
            GitHubApp app = new GitHubApp(new GitHubClients(ghes.apiUrl(), ApiObserver.NONE, Clock.systemUTC()),
                    4242, keys.getPrivate());
            GitHubInstallation installation = app.installation(7);

            assertThat(ghes.apiUrl().getPath()).isEqualTo("/api/v3");
            assertThat(installation.openPullRequests("acme/widgets", "main")).hasSize(3);
            assertThat(installation.snapshot("acme/widgets", base).read("OWNERS")).contains("alice\n");
            assertThat(ghes.calls()).noneSatisfy((endpoint, count) -> assertThat(endpoint).startsWith("OUTSIDE"));
        }
    }

    @Test
    void aJwtSignedWithTheWrongKeyIsRefused() throws Exception {
        try (FakeGitHub fake = FakeGitHub.start()) {
            fake.app(4242, rsa().getPublic());
            fake.installation(7, "acme/widgets");
            GitHubApp app = new GitHubApp(new GitHubClients(fake.apiUrl(), ApiObserver.NONE, Clock.systemUTC()),
                    4242, rsa().getPrivate());

            GitHubException e = catchThrowableOfType(GitHubException.class, app::installations);

            assertThat(e.status()).isEqualTo(401);
            assertThat(e.retryable()).isFalse();
        }
    }

    private static KeyPair rsa() throws NoSuchAlgorithmException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        return gen.generateKeyPair();
    }
}
