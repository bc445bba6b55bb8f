package dev.ownergate.app.bench;

import dev.ownergate.app.webhook.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Attacks a webhook server on loopback without its secret, while a stream of signed {@code ping} deliveries
 * and {@code /healthz} probes measure whether it still answers. Every loop is bounded by {@code duration};
 * every socket is closed at the end. Each {@link #run} counts only its own attack: runs one after the other on
 * the same server do not mix their figures. Used by {@code WebhookUnderAttackTest} and
 * {@code bench/webhook-attack.sh}.
 */
public final class WebhookAttack {
    /** What the attackers send. */
    public enum Kind {
        /** Unsigned bodies that declare 26,214,300 bytes (just under GitHub's 25 MB) and send them at full speed. */
        LARGE_UNSIGNED,
        /** Unsigned bodies that declare 1,000 bytes and send one byte every {@code slowGap}. */
        SLOW_BODIES
    }

    /**
     * The figures of one run; latencies in milliseconds. {@code attackHeldP50Millis} and {@code attackHeldMinMillis}
     * are over the attack requests the server ended (answered, closed or reset) before the run's end, from the
     * connection to that end; {@code endings} counts how the server ended them: the status line of its answer,
     * {@code closed}, or the error the attacker saw.
     */
    public record Result(Kind kind, int attackers, int signedSent, int signedAcknowledged, long signedP50,
                         long signedP99, long signedMax, int healthSent, int healthOk, long healthMax,
                         long attackRequests, long attackHeldP50Millis, long attackHeldMinMillis,
                         Map<String, Long> endings, long peakHeapBytes, long peakHeapAfterGcBytes) {
        public String line() {
            return String.format("%s x%d: signed %d/%d acknowledged, p50 %d ms, p99 %d ms, max %d ms;"
                            + " healthz %d/%d, max %d ms; %d attack requests, those the server ended held p50 %d ms,"
                            + " min %d ms; peak heap %d MB used, %d MB after GC; ended by %s", kind, attackers,
                    signedAcknowledged, signedSent, signedP50, signedP99, signedMax, healthOk, healthSent, healthMax,
                    attackRequests, attackHeldP50Millis, attackHeldMinMillis, peakHeapBytes >> 20,
                    peakHeapAfterGcBytes >> 20, endings);
        }
    }

    /** The heap in use after the latest collection: what was live, not the garbage awaiting collection. */
    static long heapAfterLastGc() {
        long live = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof com.sun.management.GarbageCollectorMXBean sun && sun.getLastGcInfo() != null) {
                live = Math.max(live, sun.getLastGcInfo().getMemoryUsageAfterGc().values().stream()
                        .mapToLong(java.lang.management.MemoryUsage::getUsed).sum());
            }
        }
        return live;
    }

    static final long DECLARED_LARGE = 26_214_300;

    private final int port;
    private final String secret;

    /** What one run's attackers did. */
    private static final class Attack {
        final Set<Socket> open = ConcurrentHashMap.newKeySet();
        final AtomicLong requests = new AtomicLong();
        final Map<String, AtomicLong> endings = new ConcurrentHashMap<>();
        final List<Long> heldMillis = Collections.synchronizedList(new ArrayList<>());

        void ended(String how, long connected) {
            endings.computeIfAbsent(how, k -> new AtomicLong()).incrementAndGet();
            heldMillis.add((System.nanoTime() - connected) / 1_000_000);
        }
    }

    public WebhookAttack(int port, String secret) {
        this.port = port;
        this.secret = secret;
    }

    public Result run(Kind kind, int attackers, Duration duration, Duration slowGap) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        byte[] ping = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}".getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.sign(secret, ping);
        // A server in service is warm: the first deliveries before the attack pay for class loading and JIT.
        for (int i = 0; i < 20; i++) {
            timed(http, signedPing(ping, signature), new ArrayList<>());
        }
        long end = System.nanoTime() + duration.toNanos();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peakHeap = new AtomicLong(memory.getHeapMemoryUsage().getUsed());
        AtomicLong peakLive = new AtomicLong(heapAfterLastGc());
        List<Thread> threads = new ArrayList<>();
        threads.add(Thread.ofPlatform().daemon().start(() -> {
            while (System.nanoTime() < end) {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                peakLive.accumulateAndGet(heapAfterLastGc(), Math::max);
                sleep(Duration.ofMillis(20));
            }
        }));
        Attack attack = new Attack();
        for (int i = 0; i < attackers; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    attackOnce(attack, kind, end, slowGap);
                }
            }));
        }
        sleep(Duration.ofMillis(500)); // let the attack take hold before measuring
        List<Long> signed = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger signedSent = new AtomicInteger();
        List<Long> health = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger healthSent = new AtomicInteger();
        while (System.nanoTime() < end - Duration.ofSeconds(1).toNanos()) {
            signedSent.incrementAndGet();
            timed(http, signedPing(ping, signature), signed);
            healthSent.incrementAndGet();
            timed(http, HttpRequest.newBuilder(uri("/healthz")).timeout(Duration.ofSeconds(30)).build(), health);
            sleep(Duration.ofMillis(100));
        }
        for (Thread t : threads) {
            t.join(Math.max(1, (end - System.nanoTime()) / 1_000_000 + 2_000));
        }
        attack.open.forEach(WebhookAttack::closeQuietly);
        for (Thread t : threads) {
            t.join(10_000);
        }
        http.close();
        List<Long> sorted = new ArrayList<>(signed);
        Collections.sort(sorted);
        List<Long> held;
        synchronized (attack.heldMillis) {
            held = new ArrayList<>(attack.heldMillis);
        }
        Collections.sort(held);
        Map<String, Long> endings = new TreeMap<>();
        attack.endings.forEach((how, count) -> endings.put(how, count.get()));
        return new Result(kind, attackers, signedSent.get(), sorted.size(),
                sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2),
                sorted.isEmpty() ? -1 : sorted.get((int) (sorted.size() * 0.99)), sorted.isEmpty() ? -1 : sorted.getLast(),
                healthSent.get(), health.size(), health.stream().mapToLong(Long::longValue).max().orElse(-1),
                attack.requests.get(), held.isEmpty() ? -1 : held.get(held.size() / 2),
                held.isEmpty() ? -1 : held.getFirst(), endings, peakHeap.get(), peakLive.get());
    }

    private HttpRequest signedPing(byte[] ping, String signature) {
        return HttpRequest.newBuilder(uri("/webhook")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "ping")
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(ping)).build();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Adds the latency of a 200 answer to {@code into}; other answers and failures add nothing. */
    private static void timed(HttpClient http, HttpRequest request, List<Long> into) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                into.add((System.nanoTime() - start) / 1_000_000);
            }
        } catch (IOException e) {
            // counted as not acknowledged
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One attack request. It counts as ended by the server (and how long it was held) only when the server
     * answered, closed or reset it before the run's end; at the end the attacker drops it itself.
     */
    private void attackOnce(Attack attack, Kind kind, long end, Duration slowGap) {
        long declared = kind == Kind.LARGE_UNSIGNED ? DECLARED_LARGE : 1_000;
        Socket socket = new Socket();
        long connected = 0;
        try (socket) {
            attack.open.add(socket);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            attack.requests.incrementAndGet();
            connected = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            out.write(("POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "X-GitHub-Event: push\r\nX-Hub-Signature-256: sha256=00\r\nContent-Length: " + declared
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream answer = socket.getInputStream();
            if (kind == Kind.LARGE_UNSIGNED) {
                byte[] block = new byte[64 * 1024];
                java.util.Arrays.fill(block, (byte) '{');
                for (long sent = 0; sent < declared && System.nanoTime() < end; sent += block.length) {
                    out.write(block, 0, (int) Math.min(block.length, declared - sent));
                }
            } else {
                // Wait for the next byte's turn by reading: an answer or a closed connection ends this request
                // at once, so the time it was held is the server's doing, not this loop's.
                socket.setSoTimeout((int) Math.max(1, slowGap.toMillis()));
                for (long sent = 0; sent < declared && System.nanoTime() < end; sent++) {
                    out.write('{');
                    out.flush();
                    try {
                        endedBy(answer, attack, connected, end);
                        return;
                    } catch (java.net.SocketTimeoutException stillOpen) {
                        // the server is still waiting for the body
                    }
                }
            }
            if (System.nanoTime() < end) {
                socket.setSoTimeout(5_000);
                endedBy(answer, attack, connected, end);
            }
        } catch (IOException e) {
            // the server closed or reset the connection while the attacker wrote (or read): the point of the
            // exercise, unless the run was over and the attacker dropped it
            if (connected != 0 && System.nanoTime() < end) {
                attack.ended(e.getClass().getSimpleName() + ": " + e.getMessage(), connected);
            }
        } finally {
            attack.open.remove(socket);
            sleep(Duration.ofMillis(10)); // no busy loop when the server refuses at once
        }
    }

    /** Reads the server's answer (its status line) or the end of the connection, and counts it. */
    private static void endedBy(InputStream answer, Attack attack, long connected, long end) throws IOException {
        byte[] head = new byte[400];
        int n = answer.read(head);
        if (System.nanoTime() < end) {
            attack.ended(n <= 0 ? "closed"
                    : new String(head, 0, n, StandardCharsets.US_ASCII).lines().findFirst().orElse(""), connected);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing at the end of the run
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
