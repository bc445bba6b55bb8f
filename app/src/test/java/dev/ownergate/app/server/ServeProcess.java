package dev.ownergate.app.server;

import dev.ownergate.app.webhook.WebhookSignature;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A real {@code ownergate serve} in a child JVM (the test classpath), for tests and benchmarks that kill it with
 * {@code kill -9}: {@link Process#destroyForcibly()} sends SIGKILL on Linux.
 */
public final class ServeProcess implements AutoCloseable {
    public final int port;
    public final Process process;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServeProcess(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /**
     * @param store the store's settings ({@code OWNERGATE_DATA_DIR} or {@code OWNERGATE_DATABASE_URL}, ...)
     * @param log   where its output goes, or null to drop it
     */
    public static ServeProcess start(long appId, PrivateKey key, String secret, URI apiUrl, Map<String, String> store,
                                     String extraJvmOption, java.io.File log) throws IOException {
        return start(appId, key, secret, apiUrl, store, List.of(extraJvmOption), log);
    }

    /** As above, with any number of options for the child JVM (e.g. {@code -Xmx128m}). */
    public static ServeProcess start(long appId, PrivateKey key, String secret, URI apiUrl, Map<String, String> store,
                                     List<String> jvmOptions, java.io.File log) throws IOException {
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Downergate.jobLeaseMillis=2000"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.ownergate.app.cli.OwnergateMain",
                "serve"));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("OWNERGATE_"));
        env.put("OWNERGATE_APP_ID", Long.toString(appId));
        env.put("OWNERGATE_PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        env.put("OWNERGATE_WEBHOOK_SECRET", secret);
        env.put("OWNERGATE_GITHUB_API_URL", apiUrl.toString());
        env.put("OWNERGATE_PORT", Integer.toString(port));
        env.putAll(store);
        pb.redirectErrorStream(true);
        if (log == null) {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        } else {
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        }
        return new ServeProcess(port, pb.start());
    }

    public ServeProcess awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (get("/readyz").statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // starting
            }
            if (!process.isAlive()) {
                throw new AssertionError("ownergate serve exited with " + process.exitValue());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("ownergate serve did not get ready on port " + port);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A Prometheus gauge or counter's value; -1 when absent. */
    public double metric(String name) throws IOException, InterruptedException {
        return get("/metrics").body().lines().filter(l -> l.startsWith(name + " "))
                .map(l -> Double.parseDouble(l.split(" ")[1])).findFirst().orElse(-1.0);
    }

    public HttpResponse<String> deliver(String secret, String event, byte[] body, String id)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhook"))
                .header("Content-Type", "application/json").header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", id)
                .header("X-Hub-Signature-256", WebhookSignature.sign(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL, and wait for it to die. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
