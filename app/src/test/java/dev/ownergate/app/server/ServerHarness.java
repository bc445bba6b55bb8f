package dev.ownergate.app.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownergate.app.config.AppConfig;
import dev.ownergate.app.store.StoreSettings;
import dev.ownergate.app.fake.FakeGitHub;
import dev.ownergate.app.webhook.RetryPolicy;
import dev.ownergate.app.webhook.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** The real server against the fake GitHub, with helpers to send signed webhook deliveries. */
final class ServerHarness implements AutoCloseable {
    static final String SECRET = "it's a secret to everybody";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final KeyPair KEYS = newKeys();
    static final long APP_ID = 42;

    final FakeGitHub github;
    final AppConfig config;
    private final OwnershipGate gate;
    private final boolean openApi;
    private final Duration stopTimeout;
    OwnergateServer server;
    final HttpClient http = HttpClient.newHttpClient();

    ServerHarness(OwnershipGate gate) {
        this(gate, config -> config, true);
    }

    /** A server whose graceful stop waits at most {@code stopTimeout} for requests in flight. */
    ServerHarness(OwnershipGate gate, Duration stopTimeout) {
        this(gate, config -> config, true, stopTimeout);
    }

    /**
     * @param adjust  changes to the test configuration, e.g. sign-in settings
     * @param openApi true: the API routes skip the access check (tests of the routes themselves); false: the
     *                real sign-in and admin-token check guards them
     */
    ServerHarness(OwnershipGate gate, java.util.function.UnaryOperator<AppConfig> adjust, boolean openApi) {
        this(gate, adjust, openApi, Duration.ofSeconds(5));
    }

    private ServerHarness(OwnershipGate gate, java.util.function.UnaryOperator<AppConfig> adjust, boolean openApi,
                          Duration stopTimeout) {
        this.stopTimeout = stopTimeout;
        this.github = FakeGitHub.start();
        github.app(APP_ID, KEYS.getPublic());
        this.gate = gate;
        this.openApi = openApi;
        this.config = adjust.apply(new AppConfig(APP_ID, KEYS.getPrivate(), SECRET.getBytes(StandardCharsets.UTF_8),
                github.apiUrl(), 0, Optional.of(URI.create("https://ownergate.example.com")), Duration.ofMinutes(10),
                AppConfig.DEFAULT_MAX_EVALUATIONS).withStore(StoreSettings.embedded(tempDir())));
        this.server = newServer();
    }

    /** Stops the server and starts another on the same store, as a restart (or a second replica) would. */
    void restart() {
        restart(() -> {});
    }

    /** Stops the server, lets {@code whileDown} change GitHub, and starts it again on the same store. */
    void restart(Runnable whileDown) {
        server.close();
        whileDown.run();
        server = newServer();
    }

    private OwnergateServer newServer() {
        OwnergateServer.Builder builder = OwnergateServer.builder(config);
        if (openApi) {
            builder.apiGuard(ApiGuard.OPEN);
        }
        return builder
                .gate(gate)
                .retry(new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(200), 6))
                .reconcile(false)
                .workers(4)
                .stopTimeout(stopTimeout)
                .start();
    }

    /** A fresh folder for the embedded database, deleted when the JVM exits. */
    static java.nio.file.Path tempDir() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ownergate-store");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KeyPair newKeys() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            return gen.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** A webhook fixture as an editable tree. */
    static ObjectNode payload(String fixture) {
        try (InputStream in = ServerHarness.class.getResourceAsStream("/github-webhooks/" + fixture)) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A pull_request or pull_request_review fixture pointed at our repo, PR and head. */
    static ObjectNode pullRequestEvent(String fixture, long installation, String repo, int number, String head) {
        ObjectNode p = payload(fixture);
        if (p.path("installation").isObject()) {
            ((ObjectNode) p.path("installation")).put("id", installation);
        } else {
            p.putObject("installation").put("id", installation);
        }
        ((ObjectNode) p.path("repository")).put("full_name", repo);
        if (p.has("number")) {
            p.put("number", number);
        }
        ObjectNode pr = (ObjectNode) p.path("pull_request");
        pr.put("number", number);
        ((ObjectNode) pr.path("head")).put("sha", head);
        return p;
    }

    HttpResponse<String> deliver(String event, Object payload) {
        return deliver(event, payload, UUID.randomUUID().toString());
    }

    HttpResponse<String> deliver(String event, Object payload, String deliveryId) {
        try {
            byte[] body = payload instanceof byte[] b ? b : JSON.writeValueAsBytes(payload);
            return send(event, body, WebhookSignature.sign(SECRET, body), deliveryId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> send(String event, byte[] body, String signature, String deliveryId) {
        HttpRequest.Builder req = HttpRequest.newBuilder(url("/webhook"))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", deliveryId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                // A big body waits for the server's go-ahead, so a refusal (413) arrives before the upload
                // instead of racing a connection reset mid-upload, as curl does for big bodies.
                .expectContinue(body.length > 1024 * 1024);
        if (signature != null) {
            req.header("X-Hub-Signature-256", signature);
        }
        try {
            return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Signs {@code login} in through the fake GitHub's OAuth flow, step by step as a browser would follow it, and
     * returns the {@code Cookie} header value of the session. Needs sign-in settings in the configuration and
     * {@code github.oauthClient(...)} set to match.
     */
    String signIn(String login) {
        github.browserSignedInAs(login);
        HttpResponse<String> start = get("/login?next=/");
        String signInCookie = cookie(start, "ownergate_sign_in");
        HttpResponse<String> authorize = send(HttpRequest.newBuilder(URI.create(
                start.headers().firstValue("Location").orElseThrow())));
        String callback = authorize.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> back = send(HttpRequest.newBuilder(url(callback.substring(callback.indexOf("/login/"))))
                .header("Cookie", "ownergate_sign_in=" + signInCookie));
        return "ownergate_session=" + cookie(back, "ownergate_session");
    }

    private static String cookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.headers().map()));
    }

    HttpResponse<String> get(String path, String cookie) {
        return send(HttpRequest.newBuilder(url(path)).header("Cookie", cookie));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(url(path)));
    }

    void awaitIdle() throws InterruptedException {
        if (!server.awaitIdle(Duration.ofSeconds(30))) {
            throw new AssertionError("evaluations did not finish; queue depth " + server.queueDepth());
        }
    }

    @Override
    public void close() {
        server.close();
        github.close();
    }
}
