package dev.ownergate.app.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How GitHub's answers become results or retryable failures; nothing here sleeps. */
class GitHubHttpTest {
    HttpServer server;
    GitHubHttp http;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
        http = new GitHubHttp(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), ApiObserver.NONE);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    void answer(String path, int status, String body, String... headers) {
        server.createContext(path, ex -> {
            for (int i = 0; i < headers.length; i += 2) {
                ex.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
    }

    @Test
    void primaryRateLimitIsRetryableUntilTheWindowResets() {
        long reset = Instant.now().plusSeconds(120).getEpochSecond();
        answer("/limited", 403, "{\"message\":\"API rate limit exceeded\"}",
                "x-ratelimit-remaining", "0", "x-ratelimit-reset", Long.toString(reset));

        GitHubException e = catchThrowableOfType(GitHubException.class, () -> http.get("/limited", null));

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter().orElseThrow()).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(121));
        assertThat(e.getMessage()).contains("403").contains("API rate limit exceeded");
    }

    @Test
    void secondaryRateLimitHonoursRetryAfter() {
        answer("/secondary", 403, "{\"message\":\"You have exceeded a secondary rate limit\"}", "Retry-After", "60");

        GitHubException e = catchThrowableOfType(GitHubException.class, () -> http.get("/secondary", null));

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
    }

    @Test
    void forbiddenWithoutRateLimitIsFinal() {
        answer("/forbidden", 403, "{\"message\":\"Resource not accessible by integration\"}",
                "x-ratelimit-remaining", "4000");

        GitHubException e = catchThrowableOfType(GitHubException.class, () -> http.get("/forbidden", null));

        assertThat(e.retryable()).isFalse();
    }

    @Test
    void serverErrorsAndUnreachableHostsAreRetryable() throws IOException {
        answer("/down", 502, "");
        assertThat(catchThrowableOfType(GitHubException.class, () -> http.get("/down", null)).retryable()).isTrue();

        GitHubHttp nowhere = new GitHubHttp(URI.create("http://127.0.0.1:1"), ApiObserver.NONE);
        GitHubException e = catchThrowableOfType(GitHubException.class, () -> nowhere.get("/x", null));
        assertThat(e.retryable()).isTrue();
        assertThat(e.status()).isZero();
    }

    @Test
    void listsFollowNextLinksAcrossPages() throws IOException {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        answer("/items", 200, "[{\"n\":1},{\"n\":2}]", "Link", "<" + base + "/items2?page=2>; rel=\"next\"");
        answer("/items2", 200, "[{\"n\":3}]");

        List<JsonNode> all = http.list("/items", null, null, 10);

        assertThat(all).extracting(n -> n.path("n").asInt()).containsExactly(1, 2, 3);
    }
}
