package dev.ownergate.app.server;

import dev.ownergate.app.config.AppConfig;
import dev.ownergate.app.github.GitHubApp;
import dev.ownergate.app.github.GitHubClients;
import dev.ownergate.app.access.Access;
import dev.ownergate.app.access.UserDirectory;
import dev.ownergate.app.config.WebSettings;
import dev.ownergate.app.github.GitHubInstallation;
import dev.ownergate.app.github.GitHubOAuth;
import dev.ownergate.app.github.GitHubUserDirectory;
import dev.ownergate.app.override.InMemoryOverrideLog;
import dev.ownergate.app.override.OverrideLog;
import dev.ownergate.app.override.OverrideService;
import dev.ownergate.app.web.AdminPage;
import dev.ownergate.app.web.AdminView;
import dev.ownergate.app.web.Guard;
import dev.ownergate.app.web.Pages;
import dev.ownergate.app.web.PullPage;
import dev.ownergate.app.web.SealedCookies;
import dev.ownergate.app.web.SignIn;
import dev.ownergate.app.web.VerdictPages;
import dev.ownergate.app.web.WebSessions;
import dev.ownergate.app.webhook.Work;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;
import dev.ownergate.app.webhook.DeliveryLog;
import dev.ownergate.app.webhook.EvaluationQueue;
import dev.ownergate.app.webhook.EventRouter;
import dev.ownergate.app.webhook.RetryPolicy;
import dev.ownergate.app.webhook.WebhookSignature;
import io.javalin.Javalin;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GitHub App server: {@code POST /webhook}, {@code GET /healthz}, {@code /readyz} and {@code /metrics};
 * the pages behind GitHub sign-in ({@code /pulls/...}, {@code /admin}) and the API ({@code /api/...}).
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
        WebSettings web = config.web();
        this.metrics = new ServerMetrics();
        this.stopTimeout = b.stopTimeout;
        GitHubClients clients = new GitHubClients(config.apiUrl(), metrics, b.clock);
        GitHubApp app = new GitHubApp(clients, config.appId(), config.privateKey());
        LongFunction<GitHubAccess> github = id -> GitHubAccess.of(app.installation(id));
        TeamCache teams = new TeamCache(b.teamTtl, b.clock);
        this.queue = new EvaluationQueue(b.workers != null ? b.workers : config.maxEvaluations(), b.retry);
        metrics.queueDepth(queue::depth);
        VerdictPages pages = new VerdictPages(b.clock);
        OverrideLog overrideLog = new InMemoryOverrideLog();
        PullRequestEvaluator evaluator =
                new PullRequestEvaluator(github, b.gate, teams, config.publicUrl(), metrics, pages, overrideLog);
        OverrideService overrides = new OverrideService(overrideLog, b.clock, evaluator::detailsUrl,
                pages::recordOverride);
        Dispatcher dispatcher = new Dispatcher(queue, evaluator, teams, github,
                (installationId, repo, number, actor, command) -> {
                    GitHubInstallation i = app.installation(installationId);
                    overrides.apply(new OverrideService.GitHub(i, i, teams.over(i), i, i), repo, number, actor,
                            command);
                });
        this.reconciler = new Reconciler(app, dispatcher);
        WebhookEndpoint webhook = new WebhookEndpoint(new WebhookSignature(config.webhookSecret()),
                new DeliveryLog(b.deliveryLogSize), new EventRouter(), dispatcher, metrics);

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
        PullPage pullPage = new PullPage(guard, access, pages);
        AdminPage admin = new AdminPage(guard, access, installed::repos,
                repo -> new AdminView.RepoRow(repo, "", List.of()), pages, overrideLog, List::of,
                (repo, number) -> installed.installation(repo).map(id -> dispatcher.dispatch(
                        new Work.EvaluatePullRequest(id, repo, number, null))).orElse(false));

        this.javalin = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.http.maxRequestSize = WebhookEndpoint.MAX_BODY;
            c.jetty.port = config.port();
            c.jetty.modifyServer(server -> {
                // In-flight requests finish before Jetty stops; new ones are refused meanwhile.
                server.setStopTimeout(b.stopTimeout.toMillis());
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
