package dev.ownergate.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownergate.app.fake.FakeGitHub;
import dev.ownergate.app.server.ServeProcess;
import dev.ownergate.app.store.AuditEntry;
import dev.ownergate.app.store.AuditQuery;
import dev.ownergate.app.store.Databases;
import dev.ownergate.app.store.JdbcStore;
import dev.ownergate.app.store.StoreSettings;
import dev.ownergate.app.webhook.WebhookSignature;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The durability benchmark of issue #11: real {@code ownergate serve} processes on one database, a load generator
 * sending signed {@code pull_request_review} deliveries (each after changing the review it announces in the fake
 * GitHub), and one replica killed with {@code kill -9} mid-run. Then it checks: every acknowledged delivery is
 * in the database (none lost), no delivery's decision is committed twice, and every pull request's final check
 * matches its final review state. Prints throughput and acknowledgement latency.
 *
 * <p>Arguments: {@code [pg|h2] [deliveries=20000] [pullRequests=2000] [replicas=2] [senders=32]}. With H2 (one
 * replica, the file is locked), the killed process is replaced by a new one on the same file.
 */
public final class DurableLoad {
    private static final String SECRET = "bench-secret-0123456789";
    private static final String REPO = "acme/bench";
    private static final long INSTALLATION = 1;
    private static final long APP_ID = 99;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "pg";
        int deliveries = arg(args, 1, 20_000);
        int pulls = arg(args, 2, 2_000);
        int replicas = arg(args, 3, db.equals("pg") ? 2 : 1);
        int senders = arg(args, 4, 32);
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair keys = gen.generateKeyPair();
        Path work = Files.createTempDirectory("ownergate-durable-load");
        StoreSettings settings = db.equals("pg") ? Databases.postgres("bench") : StoreSettings.embedded(work);
        Map<String, String> storeEnv = new HashMap<>(db.equals("pg")
                ? Map.of("OWNERGATE_DATABASE_URL", settings.jdbcUrl(), "OWNERGATE_DATABASE_USER", Databases.PG_USER)
                : Map.of("OWNERGATE_DATA_DIR", work.toString()));
        // Settings of the servers under test, e.g. BENCH_SERVE_ENV="OWNERGATE_MAX_EVALUATIONS=4".
        for (String setting : System.getenv().getOrDefault("BENCH_SERVE_ENV", "").split("\\s+")) {
            if (setting.contains("=")) {
                storeEnv.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            }
        }
        if (db.equals("pg")) {
            JdbcStore.open(settings, 2).close(); // the schema exists before two replicas race to migrate it
        }
        File log = work.resolve("serve.log").toFile();
        try (FakeGitHub github = FakeGitHub.start()) {
            github.app(APP_ID, keys.getPublic());
            github.installation(INSTALLATION, REPO);
            github.user("alice", "carol");
            FakeGitHub.Repo repo = github.repo(REPO);
            String base = repo.commit(Map.of("OWNERS", "approvers:\n- alice\n", "src/app.txt", "x\n"));
            List<FakeGitHub.Pull> prs = new ArrayList<>();
            for (int n = 1; n <= pulls; n++) {
                prs.add(repo.pull(n, "carol", "main", base, "h" + n).modified("src/app.txt"));
            }
            List<ServeProcess> live = new CopyOnWriteArrayList<>();
            for (int r = 0; r < replicas; r++) {
                live.add(ServeProcess.start(APP_ID, keys.getPrivate(), SECRET, github.apiUrl(), storeEnv,
                        serveOptions(), log).awaitReady());
            }
            String template = new String(DurableLoad.class.getResourceAsStream(
                    "/github-webhooks/pull_request_review.submitted.json").readAllBytes());
            // One body per pull request, made before the clock starts: the load generator shares the machine
            // with the server, and building a 25 KB payload per delivery would be its CPU, not the server's.
            byte[][] bodies = new byte[pulls + 1][];
            for (int n = 1; n <= pulls; n++) {
                ObjectNode p = (ObjectNode) JSON.readTree(template);
                p.putObject("installation").put("id", INSTALLATION);
                ((ObjectNode) p.path("repository")).put("full_name", REPO);
                ObjectNode pr = (ObjectNode) p.path("pull_request");
                pr.put("number", n);
                ((ObjectNode) pr.path("head")).put("sha", "h" + n);
                bodies[n] = JSON.writeValueAsBytes(p);
            }
            // A body is the same for every delivery of its pull request, and so is its signature.
            byte[][] heads = new byte[pulls + 1][];
            for (int n = 1; n <= pulls; n++) {
                heads[n] = KeepAliveSender.head("pull_request_review", WebhookSignature.sign(SECRET, bodies[n]),
                        bodies[n].length);
            }
            Map<Integer, String> finalState = new ConcurrentHashMap<>();
            long[] ackNanos = new long[deliveries];
            java.util.Queue<String> acked = new java.util.concurrent.ConcurrentLinkedQueue<>(); // not copy-on-write: 20,000 adds
            AtomicInteger next = new AtomicInteger();
            AtomicInteger sent = new AtomicInteger();
            AtomicInteger reviewIds = new AtomicInteger(1_000_000);
            Object[] prLocks = new Object[pulls + 1];
            Arrays.setAll(prLocks, i -> new Object());
            ExecutorService pool = Executors.newFixedThreadPool(senders);
            long start = System.nanoTime();
            // BENCH_KILL=none measures the same load without the kill -9 (the store's capacity without an outage).
            int killAt = "none".equals(System.getenv("BENCH_KILL")) ? -1 : deliveries / 2;
            long[] killedAtNanos = {0};
            for (int s = 0; s < senders; s++) {
                pool.execute(() -> {
                    Map<Integer, KeepAliveSender> connections = new HashMap<>();
                    int i;
                    while ((i = next.getAndIncrement()) < deliveries) {
                        int n = 1 + (i % pulls);
                        String state = Math.floorMod(Long.hashCode(i * 2654435761L), 3) == 0 ? "CHANGES_REQUESTED"
                                : "APPROVED";
                        String id = UUID.randomUUID().toString();
                        byte[] body = bodies[n];
                        synchronized (prLocks[n]) {
                            // GitHub's state changes first, then it sends the webhook about it.
                            prs.get(n - 1).review(reviewIds.incrementAndGet(), "alice", state);
                            finalState.put(n, state);
                        }
                        if (sent.incrementAndGet() == killAt) {
                            kill(live, killedAtNanos, db, keys, github, storeEnv, log);
                        }
                        long t0 = System.nanoTime();
                        for (int attempt = 0; ; attempt++) {
                            ServeProcess target = live.get(Math.floorMod(i + attempt, live.size()));
                            try {
                                int status = connections.computeIfAbsent(target.port, KeepAliveSender::new)
                                        .post(heads[n], id, body);
                                if (status == 200) {
                                    ackNanos[i] = System.nanoTime() - t0;
                                    acked.add(id);
                                    break;
                                }
                            } catch (Exception connectionRefused) {
                                // killed replica, or not up yet: like GitHub, try again (here, at once, elsewhere)
                            }
                            sleep(attempt < 10 ? 5 : 100);
                        }
                    }
                    connections.values().forEach(KeepAliveSender::close);
                });
            }
            pool.shutdown();
            pool.awaitTermination(2, TimeUnit.HOURS);
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            Map<Integer, String> expected = new HashMap<>();
            finalState.forEach((n, state) -> expected.put(n, state.equals("APPROVED") ? "success" : "failure"));
            long settleStart = System.nanoTime();
            Map<Integer, String> actual = Map.of();
            while (System.nanoTime() - settleStart < TimeUnit.MINUTES.toNanos(15)) {
                actual = new HashMap<>();
                for (int n : expected.keySet()) {
                    var check = repo.latestCheckRun("h" + n, "code-owners");
                    actual.put(n, check == null ? "none" : check.path("conclusion").asText());
                }
                if (actual.equals(expected) && live.getFirst().metric("ownergate_queue_depth") == 0) {
                    break;
                }
                sleep(500);
            }
            double settleSeconds = (System.nanoTime() - settleStart) / 1e9;
            for (ServeProcess p : live) {
                p.close();
            }
            Map<Integer, String> last = actual;
            long wrong = expected.entrySet().stream().filter(e -> !e.getValue().equals(last.get(e.getKey())))
                    .count();
            try (JdbcStore store = JdbcStore.open(settings, 4)) {
                long lost = acked.stream().filter(id -> !store.deliveries().seen(id)).count();
                Map<String, Long> perDelivery = store.decisions().query(new AuditQuery(java.util.Optional.empty(),
                        java.util.Optional.empty(), java.util.Optional.empty(), false, Integer.MAX_VALUE)).stream()
                        .map(e -> ((AuditEntry.Decided) e).stored().decision().deliveryId())
                        .filter(d -> d != null).collect(Collectors.groupingBy(d -> d, Collectors.counting()));
                long twice = perDelivery.values().stream().filter(c -> c > 1).count();
                long[] sorted = Arrays.stream(ackNanos).filter(x -> x > 0).sorted().toArray();
                System.out.printf("durable-load %s: %d replicas, %d deliveries for %d PRs, %d senders; %s%n", db,
                        replicas, deliveries, pulls, senders, killAt < 0 ? "no kill"
                                : "replica killed with kill -9 after " + killAt + " sends");
                System.out.printf("  acknowledged %d in %.1f s: %.0f deliveries/s; ack p50 %.1f ms, p99 %.1f ms,"
                                + " max %.1f ms%n", acked.size(), sendSeconds, acked.size() / sendSeconds,
                        sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
                        sorted[sorted.length - 1] / 1e6);
                System.out.printf("  settled %.1f s after the last acknowledgement; decisions committed: %d%n",
                        settleSeconds, perDelivery.values().stream().mapToLong(Long::longValue).sum());
                System.out.printf("  lost: %d; committed twice: %d; final checks wrong: %d of %d; queue left: %d;"
                                + " dead letters: %d%n", lost, twice, wrong, expected.size(),
                        store.deliveries().depth(), store.deliveries().deadLetterCount());
                System.exit(lost == 0 && twice == 0 && wrong == 0 ? 0 : 1);
            }
        } finally {
            Databases.drop(settings);
        }
    }

    private static synchronized void kill(List<ServeProcess> live, long[] killedAt, String db, KeyPair keys,
                                          FakeGitHub github, Map<String, String> storeEnv, File log) {
        try {
            ServeProcess victim = live.getFirst();
            if (db.equals("h2")) {
                // One replica owns the file: the victim is replaced by a new process once it is dead.
                victim.kill9();
                long t0 = System.nanoTime();
                live.set(0, ServeProcess.start(APP_ID, keys.getPrivate(), SECRET, github.apiUrl(), storeEnv,
                        serveOptions(), log).awaitReady());
                System.out.printf("  the replacement was ready %.1f s after the kill%n", (System.nanoTime() - t0) / 1e9);
            } else {
                live.remove(victim);
                victim.kill9();
            }
            killedAt[0] = System.nanoTime();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The servers' JVM options; BENCH_SERVE_OPTS adds some (e.g. a flight recording). */
    private static List<String> serveOptions() {
        List<String> options = new ArrayList<>(List.of("-Xmx512m"));
        for (String option : System.getenv().getOrDefault("BENCH_SERVE_OPTS", "").split("\\s+")) {
            if (!option.isBlank()) {
                options.add(option);
            }
        }
        return options;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
