package dev.ownergate.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.app.fake.FakeGitHub;
import dev.ownergate.app.store.AuditEntry;
import dev.ownergate.app.store.AuditQuery;
import dev.ownergate.app.store.Databases;
import dev.ownergate.app.store.JdbcStore;
import dev.ownergate.app.store.StoreSettings;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code ownergate serve} in a child JVM, killed with {@code kill -9} right after acknowledging a burst of
 * deliveries that it could not evaluate yet (GitHub answering 502). A second process on the same database
 * evaluates every one of them: nothing acknowledged is lost, and no evaluation is committed twice. Run on the
 * embedded default and on PostgreSQL.
 */
class KillNineTest {
    static final String REPO = "acme/widgets";
    static final long INSTALLATION = 7;
    static final int PULLS = 30;
    static final KeyPair KEYS = ServerHarness.newKeys();

    FakeGitHub github;
    final List<ServeProcess> children = new ArrayList<>();

    @AfterEach
    void stop() {
        children.forEach(c -> c.process.destroyForcibly());
        if (github != null) {
            github.close();
        }
    }

    @Test
    void embeddedDefault(@TempDir Path data) throws Exception {
        run(Map.of("OWNERGATE_DATA_DIR", data.toString()), StoreSettings.embedded(data));
    }

    @Test
    void postgres() throws Exception {
        StoreSettings pg = Databases.postgres("kill9");
        try {
            JdbcStore.open(pg, 2).close(); // creates the schema
            run(Map.of("OWNERGATE_DATABASE_URL", pg.jdbcUrl(), "OWNERGATE_DATABASE_USER", Databases.PG_USER), pg);
        } finally {
            Databases.drop(pg);
        }
    }

    private void run(Map<String, String> store, StoreSettings settings) throws Exception {
        github = FakeGitHub.start();
        github.app(ServerHarness.APP_ID, KEYS.getPublic());
        github.installation(INSTALLATION, REPO);
        github.user("alice", "carol");
        FakeGitHub.Repo repo = github.repo(REPO);
        String base = repo.commit(Map.of("OWNERS", "approvers:\n- alice\n", "src/app.txt", "x\n"));
        Map<Integer, String> expected = new HashMap<>();
        for (int n = 1; n <= PULLS; n++) {
            FakeGitHub.Pull pr = repo.pull(n, "carol", "main", base, "h" + n).modified("src/app.txt");
            if (n % 2 == 0) {
                pr.review(1000 + n, "alice", "APPROVED");
            }
            expected.put(n, n % 2 == 0 ? "success" : "failure");
        }
        // Reconciliation must not be what saves the day: GitHub will not list installations.
        github.fail("GET /app/installations", 500, 1_000_000, null);
        // Evaluations cannot finish: every acknowledged delivery is still queued when the process dies.
        github.fail("GET /repos/{o}/{r}/pulls/{n}", 502, 1_000_000, null);

        ServeProcess first = serve(store);
        List<String> deliveries = new ArrayList<>();
        for (int n = 1; n <= PULLS; n++) {
            for (String fixture : List.of("pull_request.opened.json", "pull_request_review.submitted.json")) {
                String id = UUID.randomUUID().toString();
                HttpResponse<String> ack = first.deliver(ServerHarness.SECRET, fixture.startsWith(
                        "pull_request_review") ? "pull_request_review" : "pull_request", ServerHarness.JSON
                        .writeValueAsBytes(ServerHarness.pullRequestEvent(fixture, INSTALLATION, REPO, n, "h" + n)),
                        id);
                assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
                deliveries.add(id);
            }
        }
        first.kill9(); // right after the last acknowledgement
        assertThat(first.process.exitValue()).isEqualTo(137);

        github.clearFaults();
        github.fail("GET /app/installations", 500, 1_000_000, null);
        ServeProcess second = serve(store);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Map<Integer, String> actual = Map.of();
        while (System.nanoTime() < deadline) {
            actual = finalChecks(repo);
            if (actual.equals(expected) && second.metric("ownergate_queue_depth") == 0) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(actual).isEqualTo(expected);
        second.close(); // a graceful stop this time

        try (JdbcStore check = JdbcStore.open(settings, 2)) {
            assertThat(check.deliveries().depth()).isZero();
            assertThat(check.deliveries().deadLetterCount()).isZero();
            assertThat(check.deliveries().accept(deliveries.getFirst(), "pull_request", java.time.Instant.now(),
                    List.of())).as("the first process's deliveries are remembered").hasToString("DUPLICATE");
            Map<String, Long> perDelivery = check.decisions().query(AuditQuery.all()).stream()
                    .map(e -> ((AuditEntry.Decided) e).stored().decision().deliveryId())
                    .filter(d -> d != null)
                    .collect(Collectors.groupingBy(d -> d, Collectors.counting()));
            assertThat(perDelivery.values()).as("no delivery's evaluation committed twice").allMatch(c -> c == 1);
            assertThat(deliveries).containsAll(perDelivery.keySet());
        }
    }

    private Map<Integer, String> finalChecks(FakeGitHub.Repo repo) {
        Map<Integer, String> out = new HashMap<>();
        for (int n = 1; n <= PULLS; n++) {
            var check = repo.latestCheckRun("h" + n, "code-owners");
            out.put(n, check == null ? "none" : check.path("conclusion").asText());
        }
        return out;
    }

    private ServeProcess serve(Map<String, String> store) throws Exception {
        ServeProcess p = ServeProcess.start(ServerHarness.APP_ID, KEYS.getPrivate(), ServerHarness.SECRET,
                github.apiUrl(), store, "-Xmx256m", null);
        children.add(p);
        return p.awaitReady();
    }
}
