package dev.ownergate.app.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The last step of GitHub's manifest flow: trades the one-time code GitHub put on the redirect for the new
 * App's credentials, {@code POST /app-manifests/{code}/conversions} (no authentication; the code expires after
 * an hour and works once).
 */
public final class ManifestConversion {
    /** GitHub's codes are hex; anything else is refused before it reaches a URL. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI apiUrl;
    private final HttpClient http;

    public ManifestConversion(URI apiUrl) {
        this.apiUrl = apiUrl;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public static boolean wellFormedCode(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    public RegisteredApp convert(String code) throws SetupException {
        if (!wellFormedCode(code)) {
            throw new SetupException("GitHub's redirect carried no usable code; start again from /setup");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/app-manifests/" + code + "/conversions"))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SetupException("cannot reach GitHub at " + apiUrl + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SetupException("interrupted while asking GitHub for the App's credentials");
        }
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new SetupException("GitHub answered " + response.statusCode() + " to the code exchange ("
                    + message(response.body()) + "); the code works once and for an hour: start again from /setup");
        }
        try {
            JsonNode app = JSON.readTree(response.body());
            RegisteredApp registered = new RegisteredApp(app.path("id").asLong(), app.path("slug").asText(""),
                    app.path("name").asText(""), app.path("html_url").asText(""),
                    app.path("owner").path("login").asText(""), app.path("pem").asText(""),
                    app.path("webhook_secret").asText(""), app.path("client_id").asText(""),
                    app.path("client_secret").asText(""));
            if (registered.id() <= 0 || registered.pem().isBlank() || registered.webhookSecret().isBlank()) {
                throw new SetupException("GitHub's answer lacks the App id, key or webhook secret; start again from /setup");
            }
            return registered;
        } catch (IOException e) {
            throw new SetupException("GitHub's answer to the code exchange is not JSON: " + e.getMessage());
        }
    }

    private static String message(String body) {
        try {
            return JSON.readTree(body).path("message").asText("no message");
        } catch (IOException e) {
            return "no message";
        }
    }

    /** The web address that belongs to an API URL, where Apps are registered. */
    public static URI webUrl(URI apiUrl) {
        String text = apiUrl.toString();
        if (text.endsWith("/api/v3")) { // GitHub Enterprise Server
            return URI.create(text.substring(0, text.length() - "/api/v3".length()));
        }
        String host = apiUrl.getHost();
        if (host != null && host.startsWith("api.")) { // api.github.com, api.SUBDOMAIN.ghe.com
            return URI.create(apiUrl.getScheme() + "://" + host.substring(4)
                    + (apiUrl.getPort() > 0 ? ":" + apiUrl.getPort() : ""));
        }
        return apiUrl;
    }
}
