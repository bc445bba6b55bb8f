package dev.ownergate.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ownergate.app.fake.FakeGitHub;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * "Never print a secret, a key or a token in any log line": every line our code and hub4j log, at every level
 * they log at, through a whole life of the server: tokens minted, checks posted, GitHub failing, a bad
 * signature, reconciliation.
 */
class SecretsStayOutOfLogsTest {
    static final String REPO = "acme/widgets";
    static final long INSTALLATION = 7;

    final ListAppender<ILoggingEvent> ours = new ListAppender<>();
    final List<String> library = new ArrayList<>();
    final Handler julHandler = new Handler() {
        final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            if (isLoggable(r)) {
                library.add(format.format(r));
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    Level rootLevel;
    static final List<String> HUB4J = List.of("org.kohsuke.github", "org.kohsuke.github.GitHubClient",
            "org.kohsuke.github.GitHubResponse");

    @BeforeEach
    void capture() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        ours.start();
        root.addAppender(ours);
        julHandler.setLevel(java.util.logging.Level.ALL);
        LogManager.getLogManager().getLogger("").addHandler(julHandler);
        // As an operator turning on the library's debug logging would.
        for (String name : HUB4J) {
            java.util.logging.Logger.getLogger(name).setLevel(java.util.logging.Level.ALL);
        }
    }

    @AfterEach
    void release() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(ours);
        root.setLevel(rootLevel);
        LogManager.getLogManager().getLogger("").removeHandler(julHandler);
        for (String name : HUB4J) {
            java.util.logging.Logger.getLogger(name).setLevel(null);
        }
    }

    @Test
    void noSecretKeyOrTokenReachesALogLine() throws Exception {
        List<String> lines = new ArrayList<>();
        try (ServerHarness h = new ServerHarness(new PolicyGate())) {
            h.github.installation(INSTALLATION, REPO);
            FakeGitHub.Repo repo = h.github.repo(REPO);
            String base = repo.commit(Map.of("OWNERS", "approvers:\n- alice\n", "src/app.txt", "x\n"));
            repo.pull(1, "carol", "main", base, "h1").modified("src/app.txt").review(1, "alice", "APPROVED");
            repo.pull(2, "carol", "main", base, "h2").modified("src/app.txt");
            h.github.fail("GET /repos/{o}/{r}/pulls/{n}/files", 500, 1, null);

            for (int n = 1; n <= 2; n++) {
                h.deliver("pull_request", ServerHarness.pullRequestEvent("pull_request.opened.json", INSTALLATION,
                        REPO, n, "h" + n));
            }
            assertThat(h.send("pull_request", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "sha256=00", "bad").statusCode()).isEqualTo(401);
            h.awaitIdle();
            h.server.reconcileNow();
            h.awaitIdle();

            assertThat(repo.latestCheckRun("h1", "code-owners").path("conclusion").asText()).isEqualTo("success");
            assertThat(h.github.calls()).containsKey("POST /app/installations/{id}/access_tokens");
        }
        ours.list.forEach(e -> lines.add(e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())));
        lines.addAll(library);

        assertThat(lines).as("something was logged, at every level").isNotEmpty();
        assertThat(lines).noneMatch(l -> l.contains("ghs_fake"))   // installation tokens the fake minted
                .noneMatch(l -> l.contains("eyJ"))                   // the App's JWT (base64 of '{"')
                .noneMatch(l -> l.contains(ServerHarness.SECRET))    // the webhook secret
                .noneMatch(l -> l.contains("PRIVATE KEY") || l.contains("MII"));
    }
}
