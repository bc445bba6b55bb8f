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

/**
 * GitHub's web application flow with the App's OAuth client (docs: "Generating a user access token for a GitHub
 * App"): send the browser to {@code /login/oauth/authorize}, then trade the code it brings back for a user token
 * at {@code /login/oauth/access_token}. hub4j does not do this part, so it is a plain HTTP call.
 */
public final class GitHubOAuth {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI webUrl;
    private final String clientId;
    private final String clientSecret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** @param webUrl GitHub's web address ({@code https://github.com}, or a GHES host), not its API */
    public GitHubOAuth(URI webUrl, String clientId, String clientSecret) {
        this.webUrl = webUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** GitHub's web address for an API address: github.com for api.github.com, the host for GHES's /api/v3. */
    public static URI webUrl(URI apiUrl) {
        String api = apiUrl.toString();
        if (api.equals("https://api.github.com")) {
            return URI.create("https://github.com");
        }
        return URI.create(api.endsWith("/api/v3") ? api.substring(0, api.length() - "/api/v3".length()) : api);
    }

    /** Where to send the browser; GitHub sends it back to {@code redirectUri} with a code and the state. */
    public URI authorizeUrl(String state, String redirectUri) {
        return URI.create(webUrl + "/login/oauth/authorize?client_id=" + enc(clientId) + "&redirect_uri="
                + enc(redirectUri) + "&state=" + enc(state));
    }

    /** The user token for a code; throws when GitHub refuses the code (expired, used, or for another client). */
    public String exchange(String code, String redirectUri) throws IOException {
        String form = "client_id=" + enc(clientId) + "&client_secret=" + enc(clientSecret) + "&code=" + enc(code)
                + "&redirect_uri=" + enc(redirectUri);
        HttpRequest request = HttpRequest.newBuilder(URI.create(webUrl + "/login/oauth/access_token"))
                .timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signing in", e);
        }
        JsonNode body = response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.nullNode();
        String token = body.path("access_token").asText("");
        if (token.isEmpty()) {
            // GitHub answers 200 with {"error": "bad_verification_code", ...} for a bad code; never log the body.
            throw new IOException("GitHub did not grant a token (" + response.statusCode() + " "
                    + body.path("error").asText("no error given") + ")");
        }
        return token;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
