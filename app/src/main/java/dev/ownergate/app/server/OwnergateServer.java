package dev.ownergate.app.server;

import dev.ownergate.app.config.AppConfig;
import dev.ownergate.app.github.GitHubApp;
import dev.ownergate.app.github.GitHubClients;
import dev.ownergate.app.web.VerdictPages;
import dev.ownergate.app.webhook.DeliveryLog;
import dev.ownergate.app.webhook.EvaluationQueue;
import dev.ownergate.app.webhook.EventRouter;
import dev.ownergate.app.webhook.RetryPolicy;
import dev.ownergate.app.webhook.WebhookSignature;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GitHub App server: {@code POST /webhook}, {@code GET /healthz}, {@code /readyz} and {@code /metrics}.
 * Webhooks are acknowledged at once and evaluated on the queue's workers.
 *
 * <pre>{@code
 * try (OwnergateServer server = OwnergateServer.builder(config).gate(new PolicyGate()).start()) { ... }
 * }</pre>
 */
public final class OwnergateServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OwnergateServer.class);

    private final Javalin javalin;
    private final EvaluationQueue queue;
    private final Reconciler reconciler;
    private final ServerMetrics metrics;
    private final AtomicBoolean ready = new AtomicBoolean(false);
    private final Duration stopTimeout;

    private OwnergateServer(Builder b) {
        AppConfig config = b.config;
        this.metrics = new ServerMetrics();
        this.stopTimeout = b.stopTimeout;
        GitHubApp app = new GitHubApp(new GitHubClients(config.apiUrl(), metrics, b.clock), config.appId(),
                config.privateKey());
        LongFunction<GitHubAccess> github = id -> GitHubAccess.of(app.installation(id));
        TeamCache teams = new TeamCache(b.teamTtl, b.clock);
        this.queue = new EvaluationQueue(b.workers != null ? b.workers : config.maxEvaluations(), b.retry);
        metrics.queueDepth(queue::depth);
        VerdictPages pages = new VerdictPages(b.clock);
        PullRequestEvaluator evaluator =
                new PullRequestEvaluator(github, b.gate, teams, config.publicUrl(), metrics, pages);
        Dispatcher dispatcher = new Dispatcher(queue, evaluator, teams, github);
        this.reconciler = new Reconciler(app, dispatcher);
        WebhookEndpoint webhook = new WebhookEndpoint(new WebhookSignature(config.webhookSecret()),
                new DeliveryLog(b.deliveryLogSize), new EventRouter(), dispatcher, metrics, new RequestBodies());

        this.javalin = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.http.maxRequestSize = RequestBodies.MAX_BODY;
            c.jetty.port = config.port();
            c.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setPort(config.port());
                connector.setIdleTimeout(BodyDeadlines.IDLE_TIMEOUT.toMillis());
                // Java's default backlog of 50 drops connections under a flood; GitHub's SYN is then retried
                // after 1, 3 and 7 seconds, close to its 10-second limit.
                connector.setAcceptQueueSize(BodyDeadlines.ACCEPT_QUEUE);
                return connector;
            });
            c.jetty.modifyServer(server -> {
                // In-flight requests finish before Jetty stops; new ones are refused meanwhile.
                server.setStopTimeout(b.stopTimeout.toMillis());
                // Bodies arrive without a thread and at a minimum rate (docs/security.md).
                server.insertHandler(BodyDeadlines.eagerSmallBodies());
                server.insertHandler(new BodyDeadlines(() -> metrics.delivery("unverified", "too_large")));
                // Outermost, so that it counts a request from its first byte: a request inside the eager
                // content handler was otherwise counted out twice when its connection was cut, and stop hung.
                server.insertHandler(new GracefulHandler());
            });
            c.routes.post("/webhook", webhook);
            c.routes.get("/pulls/{owner}/{repo}/{number}", pages.handler());
            c.routes.get("/pulls/{owner}/{repo}", pages.handler());
            c.routes.get("/healthz", ctx -> ctx.result("ok"));
            c.routes.get("/readyz", ctx -> {
                if (ready.get()) {
                    ctx.result("ready");
                } else {
                    ctx.status(503).result("not ready");
                }
            });
            c.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
        });
        this.reconcileInterval = b.reconcile ? config.reconcileInterval() : null;
    }

    private final Duration reconcileInterval;

    public static Builder builder(AppConfig config) {
        return new Builder(config);
    }

    private OwnergateServer startServer() {
        javalin.start();
        ready.set(true);
        if (reconcileInterval != null) {
            reconciler.start(reconcileInterval);
        }
        LOG.info("ownergate listening on port {}", javalin.port());
        return this;
    }

    public int port() {
        return javalin.port();
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    /** Waits until every queued evaluation has finished (or given up). */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return queue.awaitIdle(timeout);
    }

    public int queueDepth() {
        return queue.depth();
    }

    /** One reconciliation pass now, e.g. at start-up in tests. */
    public int reconcileNow() throws java.io.IOException {
        return reconciler.reconcile();
    }

    /** Stops gracefully: not ready, in-flight requests finish, running evaluations finish, the rest is left. */
    @Override
    public void close() {
        ready.set(false);
        reconciler.close();
        javalin.stop();
        try {
            int left = queue.close(stopTimeout);
            if (left > 0) {
                LOG.info("stopped with {} evaluation(s) not run; reconciliation redoes them after restart", left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static final class Builder {
        private final AppConfig config;
        private OwnershipGate gate;
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private Integer workers; // null: the configuration's maxEvaluations
        private boolean reconcile = true;
        private Duration teamTtl = Duration.ofMinutes(10);
        private Duration stopTimeout = Duration.ofSeconds(20);
        private int deliveryLogSize = 10_000;
        private Clock clock = Clock.systemUTC();

        private Builder(AppConfig config) {
            this.config = Objects.requireNonNull(config);
        }

        public Builder gate(OwnershipGate gate) {
            this.gate = gate;
            return this;
        }

        public Builder retry(RetryPolicy retry) {
            this.retry = retry;
            return this;
        }

        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        /** False: no reconciliation at start-up nor on a timer (tests call {@link #reconcileNow()}). */
        public Builder reconcile(boolean reconcile) {
            this.reconcile = reconcile;
            return this;
        }

        public Builder teamTtl(Duration ttl) {
            this.teamTtl = ttl;
            return this;
        }

        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = timeout;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public OwnergateServer start() {
            Objects.requireNonNull(gate, "gate");
            return new OwnergateServer(this).startServer();
        }
    }
}
