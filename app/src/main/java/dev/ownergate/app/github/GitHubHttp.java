package dev.ownergate.app.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that talks HTTP to GitHub's REST API (github.com or GHES {@code /api/v3}).
 *
 * <p>It fails fast and never sleeps: a rate limit or a server error becomes a retryable {@link GitHubException}
 * carrying GitHub's {@code Retry-After} or {@code x-ratelimit-reset}, and the evaluation queue decides when to
 * try again. (Java's HttpClient is used rather than hub4j: see docs/app.md.)
 */
public final class GitHubHttp {
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String JSON_MEDIA_TYPE = "application/vnd.github+json";

    private final URI apiUrl;
    private final HttpClient client;
    private final ObjectMapper json;
    private final ApiObserver observer;
    private final Clock clock;

    public GitHubHttp(URI apiUrl, ApiObserver observer) {
        this(apiUrl, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build(), observer, Clock.systemUTC());
    }

    GitHubHttp(URI apiUrl, HttpClient client, ApiObserver observer, Clock clock) {
        String base = apiUrl.toString();
        this.apiUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.client = client;
        this.json = new ObjectMapper();
        this.observer = observer;
        this.clock = clock;
    }

    public URI apiUrl() {
        return apiUrl;
    }

    public ObjectMapper mapper() {
        return json;
    }

    /** Supplies the {@code Authorization} header value; may call GitHub itself (installation tokens). */
    @FunctionalInterface
    public interface Auth {
        String header() throws IOException;
    }

    public JsonNode get(String path, Auth auth) throws IOException {
        return send("GET", url(path), auth, null, JSON_MEDIA_TYPE).body();
    }

    /** A GET with another media type, e.g. {@code application/vnd.github.v3.repository+json}. */
    public JsonNode get(String path, Auth auth, String accept) throws IOException {
        return send("GET", url(path), auth, null, accept).body();
    }

    public JsonNode post(String path, Auth auth, Object body) throws IOException {
        return send("POST", url(path), auth, body, JSON_MEDIA_TYPE).body();
    }

    /**
     * Every item of a paginated list, following {@code Link: rel="next"}. {@code field} names the array inside
     * an object response ({@code repositories}, {@code check_runs}); null when the response is the array.
     * Stops after {@code maxItems}.
     */
    public List<JsonNode> list(String path, Auth auth, String field, int maxItems) throws IOException {
        List<JsonNode> items = new ArrayList<>();
        URI next = url(path);
        while (next != null && items.size() < maxItems) {
            Response page = send("GET", next, auth, null, JSON_MEDIA_TYPE);
            JsonNode array = field == null ? page.body() : page.body().path(field);
            for (JsonNode item : array) {
                if (items.size() < maxItems) {
                    items.add(item);
                }
            }
            next = page.next().orElse(null);
        }
        return items;
    }

    private URI url(String path) {
        return URI.create(apiUrl + path);
    }

    record Response(JsonNode body, Optional<URI> next) {}

    private Response send(String method, URI uri, Auth auth, Object body, String accept) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Accept", accept)
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "ownergate");
        if (auth != null) {
            request.header("Authorization", auth.header());
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitHubException(method + " " + uri.getPath() + ": interrupted", new IOException(e));
        } catch (IOException e) {
            observer.called(method, 0, -1);
            throw new GitHubException(method + " " + uri.getPath() + ": " + e.getClass().getSimpleName(), e);
        }
        int status = response.statusCode();
        long remaining = response.headers().firstValueAsLong("x-ratelimit-remaining").orElse(-1);
        observer.called(method, status, remaining);
        if (status >= 200 && status < 300) {
            byte[] bytes = response.body();
            JsonNode node = bytes.length == 0 ? json.nullNode() : json.readTree(bytes);
            return new Response(node, response.headers().firstValue("link").flatMap(GitHubHttp::nextLink));
        }
        throw failure(method, uri, response, remaining);
    }

    private GitHubException failure(String method, URI uri, HttpResponse<byte[]> response, long remaining) {
        int status = response.statusCode();
        String what = method + " " + uri.getPath() + " -> " + status + message(response.body());
        Optional<Duration> retryAfter = response.headers().firstValue("retry-after").flatMap(GitHubHttp::seconds)
                .map(Duration::ofSeconds);
        if (retryAfter.isEmpty() && remaining == 0) {
            // Primary rate limit: wait until the window resets (docs: "Rate limits for the REST API").
            retryAfter = response.headers().firstValue("x-ratelimit-reset").flatMap(GitHubHttp::seconds)
                    .map(reset -> Duration.between(clock.instant(), Instant.ofEpochSecond(reset)))
                    .map(d -> d.isNegative() ? Duration.ZERO : d);
        }
        boolean rateLimited = status == 429 || (status == 403 && (remaining == 0 || retryAfter.isPresent()));
        boolean retryable = rateLimited || status >= 500;
        return new GitHubException(status, what, retryable, retryAfter.orElse(null));
    }

    private String message(byte[] body) {
        try {
            String m = json.readTree(body).path("message").asText("");
            return m.isEmpty() ? "" : ": " + m;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static Optional<Long> seconds(String value) {
        try {
            return Optional.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<URI> nextLink(String header) {
        Matcher m = NEXT.matcher(header);
        return m.find() ? Optional.of(URI.create(m.group(1))) : Optional.empty();
    }
}
