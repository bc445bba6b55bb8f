package dev.ownergate.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownergate.app.config.AppConfig;
import dev.ownergate.app.server.OwnergateServer;
import dev.ownergate.app.server.PolicyGate;
import dev.ownergate.app.server.ServerMetrics;
import dev.ownergate.app.webhook.EventRouter;
import dev.ownergate.app.webhook.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What one webhook acknowledgement costs the server, stage by stage, without HTTP: a loop over the same signed
 * ~20 KB {@code pull_request_review} body the load benchmark sends. Single-threaded, so the figures are CPU time
 * per delivery and not queueing. JMH-free on purpose: it runs from the test classpath, like {@link WebhookLoad}.
 * Last, the same body through the real server over loopback, one request at a time, with an action that queues
 * nothing, so no evaluation competes for the CPU. CPU time and allocation count every thread of the process
 * (the JIT and GC too): for the round trip, the client's share as well.
 *
 * <p>Arguments: {@code [iterations=50000]}; each stage is warmed with as many iterations first.
 */
public final class AckCost {
    private static final String EVENT = "pull_request_review";
    private static final byte[] SECRET = "bench-secret".getBytes(StandardCharsets.UTF_8);

    // Results land here so the JIT cannot drop the work that made them.
    private static volatile Object sink;

    @FunctionalInterface
    private interface Stage {
        Object run(int i) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        byte[] body = body();
        WebhookSignature signature = new WebhookSignature(SECRET);
        String header = signature.sign(body);
        ObjectMapper json = new ObjectMapper();
        EventRouter router = new EventRouter();
        JsonNode tree = json.readTree(body);
        java.nio.file.Path data = java.nio.file.Files.createTempDirectory("ownergate-ack-cost");
        dev.ownergate.app.store.JdbcStore store = dev.ownergate.app.store.JdbcStore.open(
                dev.ownergate.app.store.StoreSettings.embedded(data), 8);
        dev.ownergate.app.store.DeliveryQueue deliveries = store.deliveries();
        java.time.Instant now = java.time.Instant.now();
        ServerMetrics metrics = new ServerMetrics();

        System.out.printf("body %d bytes, %d iterations per stage, %s%n", body.length, iterations,
                Runtime.version());
        measure("signature", iterations, i -> signature.verify(body, header));
        measure("parse: full tree (before)", iterations, i -> json.readTree(body));
        measure("parse: handler's fields", iterations, i -> router.fields(EVENT).read(body));
        measure("route", iterations, i -> router.route(EVENT, tree));
        // The durable accept alone: one thread, so each delivery waits for its own commit (no group to share).
        measure("durable accept (H2), 1 thread", iterations / 10, i -> deliveries.accept("d-" + i, EVENT, now,
                List.of()));
        measure("metrics", iterations, i -> {
            metrics.delivery(EVENT, "accepted");
            return null;
        });
        // The endpoint's steps in its order, minus HTTP and the queue.
        measure("ack (all of the above)", iterations, i -> {
            if (!signature.verify(body, header)) {
                throw new IllegalStateException("bad signature");
            }
            Object work = router.route(EVENT, router.fields(EVENT).read(body).orElseThrow());
            metrics.delivery(EVENT, "accepted");
            return work;
        });
        concurrentAccepts(deliveries, iterations);
        store.close();
        roundTrips(iterations);
    }

    /**
     * The durable accept from 64 threads at once, as webhooks arrive in a burst: they share group commits, so
     * this is the store's ceiling on acknowledgements per second.
     */
    private static void concurrentAccepts(dev.ownergate.app.store.DeliveryQueue deliveries, int iterations)
            throws Exception {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.time.Instant now = java.time.Instant.now();
        long cpuBefore = cpu();
        long t0 = System.nanoTime();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(64)) {
            for (int t = 0; t < 64; t++) {
                pool.execute(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < iterations) {
                        deliveries.accept("c-" + i, EVENT, now, List.of(dev.ownergate.app.store.Job.of(
                                new dev.ownergate.app.webhook.Work.EvaluatePullRequest(1, "acme/bench", i % 2000,
                                        "h"), "c-" + i)));
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%-26s %,9.0f accepts/s   CPU %,9d ns per accept (each queues one job)%n",
                "durable accept, 64 threads", iterations / seconds, (cpu() - cpuBefore) / iterations);
    }

    private static void roundTrips(int iterations) throws Exception {
        ObjectNode payload = (ObjectNode) new ObjectMapper().readTree(body());
        byte[] body = new ObjectMapper().writeValueAsBytes(payload.put("action", "not-acted-on"));
        String header = WebhookSignature.sign(new String(SECRET, StandardCharsets.UTF_8), body);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        AppConfig config = new AppConfig(1, rsa.generateKeyPair().getPrivate(), SECRET,
                URI.create("http://127.0.0.1:9"), 0, Optional.empty(), Duration.ofHours(1), 1)
                .withStore(dev.ownergate.app.store.StoreSettings.embedded(
                        java.nio.file.Files.createTempDirectory("ownergate-bench")));
        try (OwnergateServer server = OwnergateServer.builder(config).gate(new PolicyGate()).reconcile(false)
                .start();
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            URI webhook = URI.create("http://127.0.0.1:" + server.port() + "/webhook");
            measure("http round trip", iterations, i -> {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(webhook)
                        .header("X-GitHub-Event", EVENT).header("X-GitHub-Delivery", "h" + i)
                        .header("X-Hub-Signature-256", header)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("status " + r.statusCode());
                }
                return r;
            });
        }
    }

    /** The load benchmark's body: the fixture, compact, as GitHub sends it. */
    static byte[] body() {
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = AckCost.class.getResourceAsStream("/github-webhooks/pull_request_review.submitted.json")) {
            ObjectNode payload = (ObjectNode) json.readTree(in);
            ((ObjectNode) payload.path("installation")).put("id", 1);
            ((ObjectNode) payload.path("repository")).put("full_name", "acme/bench");
            return json.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void measure(String name, int iterations, Stage stage) throws Exception {
        for (int i = 0; i < iterations; i++) {
            sink = stage.run(-1 - i);
        }
        long[] took = new long[iterations];
        long allocatedBefore = allocated();
        long cpuBefore = cpu();
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            sink = stage.run(i);
            took[i] = System.nanoTime() - t0;
        }
        long cpuNanos = (cpu() - cpuBefore) / iterations;
        long allocatedBytes = (allocated() - allocatedBefore) / iterations;
        Arrays.sort(took);
        System.out.printf("%-26s p50 %,9d ns   p99 %,9d ns   CPU %,9d ns   %,8d B allocated%n", name,
                took[iterations / 2], took[(int) (iterations * 0.99)], cpuNanos, allocatedBytes);
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getTotalThreadAllocatedBytes();
    }
}
