package dev.ownergate.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownergate.app.config.AppConfig;
import dev.ownergate.app.fake.FakeGitHub;
import dev.ownergate.app.cli.OwnergateMain;
import dev.ownergate.app.server.OwnergateServer;
import dev.ownergate.app.server.PolicyGate;
import dev.ownergate.app.webhook.RetryPolicy;
import dev.ownergate.app.webhook.WebhookSignature;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load generator: starts the real server against the fake GitHub, sends N signed {@code pull_request_review}
 * deliveries at a target rate from a bounded pool on loopback, waits until every one is evaluated, and prints
 * deliveries/s, ack latency (p50, p99) and evaluation latency (p50).
 *
 * <p>Arguments: {@code [deliveries=20000] [rate=2500] [pullRequests=500] [inFlight=64]}.
 */
public final class WebhookLoad {
    private static final String SECRET = "bench-secret";
    private static final String REPO = "acme/bench";
    private static final long INSTALLATION = 1;

    public static void main(String[] args) throws Exception {
        OwnergateMain.reserveCoresForAcknowledgements(); // as ./ownergate serve does
        int deliveries = arg(args, 0, 20_000);
        int rate = arg(args, 1, 2_500);
        int pullRequests = arg(args, 2, 500);
        int senders = arg(args, 3, 64);

        try (FakeGitHub github = FakeGitHub.start()) {
            github.installation(INSTALLATION, REPO);
            FakeGitHub.Repo repo = github.repo(REPO);
            Map<String, String> files = new HashMap<>();
            files.put("OWNERS", "approvers:\n- alice\n");
            files.put("lib/OWNERS", "approvers:\n- bob\n");
            for (int i = 0; i < 50; i++) {
                files.put("lib/f" + i + ".txt", "x" + i);
            }
            String base = repo.commit(files);
            for (int n = 1; n <= pullRequests; n++) {
                repo.pull(n, "carol", "main", base, "head" + n).modified("lib/f" + (n % 50) + ".txt", "README")
                        .review(n, "alice", "APPROVED");
            }

            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            AppConfig config = new AppConfig(1, gen.generateKeyPair().getPrivate(),
                    SECRET.getBytes(StandardCharsets.UTF_8), github.apiUrl(), 0, Optional.empty(), Duration.ofHours(1),
                    Integer.getInteger("bench.maxEvaluations", AppConfig.DEFAULT_MAX_EVALUATIONS))
                    .withStore(dev.ownergate.app.store.StoreSettings.embedded(
                            java.nio.file.Files.createTempDirectory("ownergate-bench")));
            try (OwnergateServer server = OwnergateServer.builder(config).gate(new PolicyGate()).reconcile(false)
                    .retry(new RetryPolicy(Duration.ofMillis(50), Duration.ofSeconds(1), 5)).start()) {
                URI webhook = URI.create("http://127.0.0.1:" + server.port() + "/webhook");
                ObjectMapper json = new ObjectMapper();
                ObjectNode template;
                try (InputStream in = WebhookLoad.class.getResourceAsStream(
                        "/github-webhooks/pull_request_review.submitted.json")) {
                    template = (ObjectNode) json.readTree(in);
                }
                ((ObjectNode) template.path("installation")).put("id", INSTALLATION);
                ((ObjectNode) template.path("repository")).put("full_name", REPO);
                byte[][] bodies = new byte[pullRequests][];
                for (int n = 1; n <= pullRequests; n++) {
                    ObjectNode p = template.deepCopy();
                    ((ObjectNode) p.path("pull_request")).put("number", n);
                    ((ObjectNode) p.path("pull_request").path("head")).put("sha", "head" + n);
                    bodies[n - 1] = json.writeValueAsBytes(p);
                }
                String[] signatures = new String[pullRequests];
                for (int i = 0; i < pullRequests; i++) {
                    signatures[i] = WebhookSignature.sign(SECRET, bodies[i]);
                }
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .executor(Executors.newFixedThreadPool(4)).build();

                // Warm-up: every pull request evaluated once, so the measured run is warm (tree, blobs, token).
                send(http, webhook, bodies, signatures, pullRequests, Math.max(rate, 1000), senders, "warm-");
                server.awaitIdle(Duration.ofMinutes(5));
                server.metrics().evaluationTimer(); // touch
                long evaluationsBefore = server.metrics().evaluationTimer().count();
                double evalTotalBefore = server.metrics().evaluationTimer().totalTime(TimeUnit.NANOSECONDS);

                long[] ack = new long[deliveries];
                com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
                long cpuBefore = os.getProcessCpuTime();
                long start = System.nanoTime();
                int failed = send(http, webhook, bodies, signatures, deliveries, rate, senders, "run-", ack);
                long sent = System.nanoTime();
                boolean idle = server.awaitIdle(Duration.ofMinutes(10));
                long done = System.nanoTime();
                long cpu = os.getProcessCpuTime() - cpuBefore;

                Arrays.sort(ack);
                double seconds = (sent - start) / 1e9;
                long evaluations = server.metrics().evaluationTimer().count() - evaluationsBefore;
                double evalMean = (server.metrics().evaluationTimer().totalTime(TimeUnit.NANOSECONDS) - evalTotalBefore)
                        / Math.max(1, evaluations) / 1e6;
                double evalP50 = Double.NaN;
                for (ValueAtPercentile v : server.metrics().evaluationTimer().takeSnapshot().percentileValues()) {
                    if (v.percentile() == 0.5) {
                        evalP50 = v.value(TimeUnit.MILLISECONDS);
                    }
                }
                System.out.printf("deliveries        %d (%d failed), target rate %d/s, %d pull requests, at most %d in flight%n",
                        deliveries, failed, rate, pullRequests, senders);
                System.out.printf("deliveries/s      %.0f%n", deliveries / seconds);
                System.out.printf("ack latency       p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                        ack[deliveries / 2] / 1e6, ack[(int) (deliveries * 0.99)] / 1e6, ack[deliveries - 1] / 1e6);
                System.out.printf("evaluations       %d (bursts per pull request coalesce), all done: %s, drained %.2f s after the last send%n",
                        evaluations, idle, (done - sent) / 1e9);
                System.out.printf("evaluation        p50 %.2f ms (recent window), mean %.2f ms%n", evalP50, evalMean);
                System.out.printf("GitHub API calls  %d total%n", github.totalCalls());
                System.out.printf("CPU               %.3f ms per delivery (server, fake GitHub and load generator"
                        + " together; %d cores, load average %.1f)%n", cpu / 1e6 / deliveries,
                        Runtime.getRuntime().availableProcessors(), os.getSystemLoadAverage());
            }
        }
        System.exit(0); // the client and sender pools are not daemons
    }

    private static int send(HttpClient http, URI webhook, byte[][] bodies, String[] signatures, int count, int rate,
                            int senders, String idPrefix) throws InterruptedException {
        return send(http, webhook, bodies, signatures, count, rate, senders, idPrefix, new long[count]);
    }

    /**
     * Sends {@code count} deliveries, the i-th not before start + i/rate, with at most {@code inFlight} awaiting
     * their answer; returns how many were not answered 200.
     */
    private static int send(HttpClient http, URI webhook, byte[][] bodies, String[] signatures, int count, int rate,
                            int inFlight, String idPrefix, long[] ack) throws InterruptedException {
        AtomicInteger failed = new AtomicInteger();
        Semaphore slots = new Semaphore(inFlight);
        CountDownLatch answered = new CountDownLatch(count);
        long start = System.nanoTime();
        long intervalNanos = 1_000_000_000L / rate;
        for (int i = 0; i < count; i++) {
            long wait = start + i * intervalNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            slots.acquire();
            int pr = i % bodies.length;
            HttpRequest request = HttpRequest.newBuilder(webhook)
                    .header("X-GitHub-Event", "pull_request_review")
                    .header("X-GitHub-Delivery", idPrefix + i)
                    .header("X-Hub-Signature-256", signatures[pr])
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies[pr])).build();
            long t0 = System.nanoTime();
            int index = i;
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                ack[index] = System.nanoTime() - t0;
                if (e != null || r.statusCode() != 200) {
                    failed.incrementAndGet();
                }
                slots.release();
                answered.countDown();
            });
        }
        answered.await();
        return failed.get();
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
