package dev.ownergate.app.server;

import dev.ownergate.app.config.AppConfig;
import dev.ownergate.app.github.GitHubApp;
import dev.ownergate.app.github.GitHubClients;
import dev.ownergate.app.audit.AuditApi;
import dev.ownergate.app.store.JdbcStore;
import dev.ownergate.app.store.Store;
import dev.ownergate.app.access.Access;
import dev.ownergate.app.access.UserDirectory;
import dev.ownergate.app.config.WebSettings;
import dev.ownergate.app.github.GitHubInstallation;
import dev.ownergate.app.github.GitHubOAuth;
import dev.ownergate.app.github.GitHubUserDirectory;
import dev.ownergate.app.override.DecisionLogOverrides;
import dev.ownergate.app.override.OverrideService;
import dev.ownergate.app.store.PostedVerdict;
import dev.ownergate.app.web.AdminPage;
import dev.ownergate.app.web.AdminView;
import dev.ownergate.app.web.Guard;
import dev.ownergate.app.web.Pages;
import dev.ownergate.app.web.PullPage;
import dev.ownergate.app.web.SealedCookies;
import dev.ownergate.app.web.SignIn;
import dev.ownergate.app.web.WebSessions;
import dev.ownergate.app.webhook.Work;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.util.List;
import java.util.Optional;
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
 * The GitHub App server: {@code POST /webhook}, {@code GET /healthz}, {@code /readyz}, {@code /metrics} and
 * {@code /api/audit}; the pages behind GitHub sign-in ({@code /pulls/...}, {@code /admin}). Webhooks are committed to the store, acknowledged, and evaluated by the workers of
 * whichever replica claims them.
 *
 * <pre>{@code
 * try (OwnergateServer server = OwnergateServer.builder(config).gate(new PolicyGate()).start()) { ... }
 * }</pre>
 */
public final class OwnergateServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OwnergateServer.class);

    private final Javalin javalin;
    private final Store store;
    private final TeamChanges teamChanges;
    private final boolean ownsStore;
    private final JobRunner runner;
    private final Retention retention;
    private final Reconciler reconciler;
    /** Package-private so that tests can hold the endpoint overloaded. */
    final IngestPressure pressure;
    private final ServerMetrics metrics;
    private final AtomicBoolean ready = new AtomicBoolean(false);
    private final Duration stopTimeout;

    private OwnergateServer(Builder b) {
        AppConfig config = b.config;
        WebSettings web = config.web();
        this.metrics = new ServerMetrics(web.detailedMetrics());
        this.stopTimeout = b.stopTimeout;
        GitHubClients clients = new GitHubClients(config.apiUrl(), metrics, b.clock);
        GitHubApp app = new GitHubApp(clients, config.appId(), config.privateKey());
        LongFunction<GitHubAccess> github = id -> GitHubAccess.of(app.installation(id));
        TeamCache teams = new TeamCache(b.teamTtl, b.clock);
        int workers = b.workers != null ? b.workers : config.maxEvaluations();
        this.ownsStore = b.store == null;
        // Evaluations hold a connection only for a claim or a commit, never while waiting on GitHub.
        this.store = b.store != null ? b.store : JdbcStore.open(config.store(), Math.min(workers, 16) + 4);
        LOG.info("store: {}", store.describe());
        metrics.queueDepth(store.deliveries()::depth);
        metrics.deadLetters(store.deliveries()::deadLetterCount);
        PullRequestEvaluator evaluator = new PullRequestEvaluator(github, b.gate, teams, config.publicUrl(), metrics,
                store.verdicts(), b.clock, new DecisionLogOverrides(store.decisions()));
        OverrideService overrides = new OverrideService(b.clock, evaluator::detailsUrl, (grant, check) ->
                store.verdicts().save(new PostedVerdict(grant.repo(), grant.number(), check, Optional.empty(),
                        grant.at())));
        this.pressure = new IngestPressure();
        metrics.webhooksOverloaded(pressure::busy);
        this.runner = new JobRunner(store.deliveries(), store.decisions(), store.verdicts(), evaluator, github,
                (override, deliveryId) -> {
                    GitHubInstallation i = app.installation(override.installationId());
                    return overrides.apply(new OverrideService.GitHub(i, i, teams.over(i), i, i), override.repo(),
                            override.number(), override.actor(), override.command(), deliveryId);
                },
                b.retry, workers, b.lease, metrics, b.clock, pressure);
        this.teamChanges = new TeamChanges(store, teams, b.clock);
        Dispatcher dispatcher = new Dispatcher(store.deliveries(), teamChanges::changed, b.clock, runner::wake);
        this.reconciler = new Reconciler(app, dispatcher, store, pressure::busy);
        this.retention = new Retention(store.decisions(), config.store().retentionDays(), b.clock);
        WebhookEndpoint webhook = new WebhookEndpoint(new WebhookSignature(config.webhookSecret()),
                new EventRouter(), dispatcher, metrics, new RequestBodies(), pressure);
        AuditApi audit = new AuditApi(store.decisions());

        // Pages and the API: sign-in with the App's OAuth client, and one Access that every route asks.
        InstalledRepos installed = new InstalledRepos(app, b.clock);
        UserDirectory users = new GitHubUserDirectory(clients, app);
        Access access = new Access(users, web.adminTeam(), installed::orgs);
        boolean tls = config.publicUrl().map(u -> u.getScheme().equals("https")).orElse(false);
        if (web.sessionSecret().isEmpty() && web.signInEnabled()) {
            LOG.info("OWNERGATE_SESSION_SECRET is not set: sessions end when this process stops, and do not span"
                    + " replicas");
        }
        WebSessions sessions = new WebSessions(new SealedCookies(web.sessionSecret()
                .orElseGet(SealedCookies::randomSecret), b.clock), tls);
        Guard guard = new Guard(sessions, web.adminToken());
        Optional<GitHubOAuth> oauth = web.signInEnabled()
                ? Optional.of(new GitHubOAuth(GitHubOAuth.webUrl(config.apiUrl()), web.clientId().get(),
                        web.clientSecret().get()))
                : Optional.empty();
        SignIn signIn = new SignIn(oauth, users, sessions, ctx -> config.publicUrl().map(URI::toString)
                // Without a public URL (local runs, tests) the address the browser used.
                .orElse(ctx.scheme() + "://" + ctx.host()) + "/login/callback");
        PullPage pullPage = new PullPage(guard, access, store.verdicts(), store.decisions());
        AdminPage admin = new AdminPage(guard, access, installed::repos,
                new RepoHealth(installed, app, store.verdicts(), store.decisions())::of, store.verdicts(), store.decisions(),
                store.deliveries(), new AdminPage.Reevaluate() {
                    @Override
                    public boolean queue(String repo, int number) {
                        return installed.installation(repo).map(id -> {
                            dispatcher.enqueue(new Work.EvaluatePullRequest(id, repo, number, null));
                            return true;
                        }).orElse(false);
                    }

                    @Override
                    public void wake() {
                        runner.wake();
                    }
                }, b.clock);
        ApiGuard apiGuard = b.apiGuard != null ? b.apiGuard : route -> ctx -> {
            // The audit trail spans every installed organization: only full admins (the admin token, the admin team).
            Optional<dev.ownergate.app.access.Viewer> viewer = guard.api(ctx);
            if (viewer.isEmpty()) {
                return;
            }
            if (!access.isFullAdmin(viewer.get())) {
                ctx.status(HttpStatus.FORBIDDEN).json(java.util.Map.of("message",
                        "Only the admin token and members of OWNERGATE_ADMIN_TEAM may read the audit trail"));
                return;
            }
            route.handle(ctx);
        };

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
                server.insertHandler(EagerBodies.smallBodies());
                server.insertHandler(new BodyDeadlines(() -> metrics.delivery("unverified", "too_large")));
                // Outermost, so that it counts a request from its first byte: a request inside the eager
                // content handler was otherwise counted out twice when its connection was cut, and stop hung.
                server.insertHandler(new GracefulHandler());
            });
            c.fileRenderer(Pages.renderer());
            c.routes.before(ctx -> {
                // Every POST but the webhook (signed with its own secret) must carry the session's CSRF token.
                if (ctx.method() == HandlerType.POST && !ctx.path().equals("/webhook")) {
                    guard.checkCsrf(ctx);
                }
            });
            c.routes.post("/webhook", webhook);
            c.routes.get("/", ctx -> Pages.message(ctx, HttpStatus.OK, "Ownergate",
                    "The code-owners check's details links lead here. Admins: /admin."));
            c.routes.get("/login", signIn::login);
            c.routes.get("/login/callback", signIn::callback);
            c.routes.post("/logout", signIn::logout);
            c.routes.get("/pulls/{owner}/{repo}/{number}", pullPage::show);
            c.routes.get("/pulls/{owner}/{repo}", pullPage::show);
            c.routes.get("/admin", admin::show);
            c.routes.post("/admin/reevaluate", admin::reevaluateForm);
            c.routes.post("/admin/requeue", admin::requeueForm);
            c.routes.get("/api/audit", apiGuard.protect(audit));
            c.routes.post("/api/pulls/{owner}/{repo}/{number}/reevaluate", admin::reevaluateApi);
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
        runner.start();
        retention.start();
        teamChanges.start();
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

    /** Waits until every queued job has finished (or been dead-lettered), in every replica. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return runner.awaitIdle(timeout);
    }

    public int queueDepth() {
        return store.deliveries().depth();
    }

    /** The store this server keeps its state in (shared with the other replicas). */
    public Store store() {
        return store;
    }

    /** One reconciliation pass now, e.g. at start-up in tests. */
    public Reconciler.Pass reconcileNow() throws java.io.IOException {
        return reconciler.reconcile();
    }

    /**
     * Stops gracefully: not ready; requests whose body has arrived finish, bodies still arriving are cut
     * ({@link BodyDeadlines}); running evaluations finish, the rest is left. Each wait is bounded by the stop timeout.
     */
    @Override
    public void close() {
        ready.set(false);
        reconciler.close();
        retention.close();
        teamChanges.close();
        try {
            javalin.stop();
        } catch (RuntimeException e) {
            // Jetty stopped anyway, cutting what was left; the evaluations and the store must still be closed.
            LOG.warn("requests still in flight after {}; their connections were closed: {}", stopTimeout, e.toString());
        }
        try {
            int left = runner.close(stopTimeout);
            if (left > 0) {
                LOG.info("stopped with {} job(s) still running; their leases run out and they run again", left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsStore) {
            store.close();
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
        private Clock clock = Clock.systemUTC();
        private Store store;
        private Duration lease = Duration.ofSeconds(30);
        private ApiGuard apiGuard; // null: the sign-in and admin-token check

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

        /** The store to use (and leave open); default: the one the configuration names, closed with the server. */
        public Builder store(Store store) {
            this.store = store;
            return this;
        }

        /** How long a claimed job stays this replica's without a renewal; a dead replica's jobs wait this long. */
        public Builder lease(Duration lease) {
            this.lease = lease;
            return this;
        }

        /** Who may call {@code /api/audit}; default: the admin token and the admin team, through the access check. */
        public Builder apiGuard(ApiGuard guard) {
            this.apiGuard = guard;
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
