package dev.ownergate.app.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kohsuke.github.authorization.AuthorizationProvider;

/**
 * The App's webhook deliveries API (docs: "REST API endpoints for GitHub App webhooks"): GitHub does not
 * redeliver on its own, but lists every delivery with its status and redelivers one on request. hub4j has no
 * call for these, so they go over the JDK's HTTP client with the App's JWT.
 */
public final class HookDeliveries {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static final Pattern CURSOR = Pattern.compile("[?&]cursor=([^&]+)");

    /** One delivery attempt as GitHub lists it; {@code statusCode} 0 when GitHub could not connect at all. */
    public record Delivery(long id, String guid, Instant deliveredAt, boolean redelivery, int statusCode,
                           String event, String action) {
        public boolean succeeded() {
            return statusCode >= 200 && statusCode < 300;
        }
    }

    /** A page, newest first, and the cursor of the next (older) page. */
    public record Page(List<Delivery> deliveries, Optional<String> nextCursor) {}

    private final String apiUrl;
    private final AuthorizationProvider jwt;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    HookDeliveries(String apiUrl, AuthorizationProvider jwt) {
        this.apiUrl = apiUrl;
        this.jwt = jwt;
    }

    /** {@code GET /app/hook/deliveries}. */
    public Page list(Optional<String> cursor, int perPage) throws IOException {
        String url = apiUrl + "/app/hook/deliveries?per_page=" + perPage
                + cursor.map(c -> "&cursor=" + URLEncoder.encode(c, StandardCharsets.UTF_8)).orElse("");
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url)).GET(), "GET /app/hook/deliveries");
        List<Delivery> out = new ArrayList<>();
        for (JsonNode d : JSON.readTree(answer.body())) {
            out.add(new Delivery(d.path("id").asLong(), d.path("guid").asText(),
                    d.hasNonNull("delivered_at") ? Instant.parse(d.path("delivered_at").asText()) : null,
                    d.path("redelivery").asBoolean(false), d.path("status_code").asInt(0),
                    d.path("event").asText(""), d.path("action").asText("")));
        }
        Optional<String> next = answer.headers().firstValue("Link").map(NEXT::matcher).filter(Matcher::find)
                .map(m -> m.group(1)).map(CURSOR::matcher).filter(Matcher::find)
                .map(m -> java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8));
        return new Page(out, next);
    }

    /** {@code POST /app/hook/deliveries/{id}/attempts}: GitHub sends the delivery again, with the same GUID. */
    public void redeliver(long id) throws IOException {
        send(HttpRequest.newBuilder(URI.create(apiUrl + "/app/hook/deliveries/" + id + "/attempts"))
                .POST(HttpRequest.BodyPublishers.ofString("")), "POST /app/hook/deliveries/{id}/attempts");
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String endpoint) throws IOException {
        HttpResponse<String> answer;
        try {
            answer = http.send(request.timeout(Duration.ofSeconds(30))
                    .header("Authorization", jwt.getEncodedAuthorization())
                    .header("Accept", "application/vnd.github+json")
                    .header("X-GitHub-Api-Version", "2022-11-28").build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(endpoint + " interrupted", e);
        }
        if (answer.statusCode() >= 300) {
            throw new IOException(endpoint + " answered HTTP " + answer.statusCode());
        }
        return answer;
    }
}
