package dev.ownergate.app.setup;

import static dev.ownergate.app.web.VerdictPages.escape;

import dev.ownergate.app.config.AppConfigLoader;
import dev.ownergate.app.config.SetupSettings;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Setup mode: what {@code serve} runs while no GitHub App is configured. {@code /setup} registers one in a
 * click with GitHub's manifest flow: a button posts the manifest to GitHub (or GitHub Enterprise Server), the
 * operator confirms there, GitHub redirects to {@code /setup/callback} with a one-time code, and this server
 * trades it for the App's id, private key, webhook secret and OAuth credentials and shows exactly what to
 * store. Nothing is written to disk unless the operator presses "Save". Once an App is configured,
 * {@code serve} runs the App server instead, which has no {@code /setup} (404).
 *
 * <p>The flow is bound to the browser that started it: a random state travels to GitHub and back and must
 * match a cookie set on {@code /setup}, so a forged callback cannot plant someone else's App.
 */
public final class SetupServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SetupServer.class);
    static final String COOKIE = "ownergate_setup";
    private static final Duration FLOW_LIFETIME = Duration.ofHours(1); // GitHub's codes expire after an hour
    private static final int MAX_PENDING = 100;

    private final SetupSettings settings;
    private final ManifestConversion conversion;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** State of each flow started here and not yet finished, with when it started. */
    private final Map<String, Instant> pending = new ConcurrentHashMap<>();
    /** Credentials shown and not yet saved or dropped, by the flow's state; the only copy, in memory. */
    private final Map<String, RegisteredApp> unsaved = new ConcurrentHashMap<>();
    private final Javalin javalin;

    private SetupServer(SetupSettings settings, Clock clock) {
        this.settings = settings;
        this.conversion = new ManifestConversion(settings.apiUrl());
        this.clock = clock;
        this.javalin = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jetty.port = settings.port();
            c.routes.get("/", ctx -> ctx.redirect("/setup"));
            c.routes.get("/setup", this::start);
            c.routes.get("/setup/callback", this::callback);
            c.routes.post("/setup/save", this::save);
            c.routes.get("/healthz", ctx -> ctx.result("ok"));
            // Not ready: no App, so no webhook can be handled. Orchestrators keep traffic away; the operator
            // reaches /setup directly (port-forward, or the compose file's published port).
            c.routes.get("/readyz", ctx -> ctx.status(503).result("setup mode: no GitHub App configured; open /setup"));
        });
    }

    public static SetupServer start(SetupSettings settings) {
        return start(settings, Clock.systemUTC());
    }

    static SetupServer start(SetupSettings settings, Clock clock) {
        SetupServer server = new SetupServer(settings, clock);
        server.javalin.start();
        LOG.info("no GitHub App configured: setup mode. Open {}/setup to register one",
                settings.publicUrl().map(URI::toString).orElse("http://localhost:" + server.port()));
        return server;
    }

    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        javalin.stop();
    }

    // ---- GET /setup -----------------------------------------------------------------------------------------

    private void start(Context ctx) {
        noStore(ctx);
        expireOldFlows();
        if (pending.size() >= MAX_PENDING) {
            ctx.status(429).html(page("Too many setups at once", "<p>Finish or abandon the setups already started,"
                    + " or wait an hour.</p>"));
            return;
        }
        String state = token();
        pending.put(state, clock.instant());
        Cookie cookie = new Cookie(COOKIE, state, "/setup", (int) FLOW_LIFETIME.toSeconds(), secure(ctx), true, null,
                SameSite.LAX); // Lax: GitHub's redirect back is a top-level navigation, which carries it
        ctx.cookie(cookie);

        String org = Optional.ofNullable(ctx.queryParam("org")).map(String::strip).orElse("");
        if (!org.isEmpty() && !org.matches("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")) {
            ctx.status(400).html(page("Not an organization name", "<p><code>" + escape(org)
                    + "</code> is not a GitHub organization login (letters, digits and hyphens).</p>"
                    + "<p><a href=\"/setup\">Back</a></p>"));
            return;
        }
        URI web = ManifestConversion.webUrl(settings.apiUrl());
        String action = web + (org.isEmpty() ? "" : "/organizations/" + org) + "/settings/apps/new?state="
                + URLEncoder.encode(state, StandardCharsets.UTF_8);
        URI publicUrl = publicUrl(ctx);
        String manifest = AppManifest.forServer(publicUrl, null);
        String warning = settings.publicUrl().isPresent() ? ""
                : "<p class=\"warn\">OWNERGATE_PUBLIC_URL is not set, so GitHub will send webhooks to <code>"
                + escape(publicUrl + "/webhook") + "</code>, taken from this browser's address. Set it to the"
                + " HTTPS address GitHub reaches this server at, restart, and reload this page, unless this is a"
                + " local trial.</p>";
        String body = "<p>No GitHub App is configured yet. Register one from Ownergate's manifest: GitHub shows"
                + " the App's name, permissions and events, you confirm, and GitHub sends you back here with its"
                + " credentials.</p>" + warning
                + "<form method=\"get\" action=\"/setup\"><label>Owner: an organization login, or empty for your"
                + " own account <input name=\"org\" id=\"org\" value=\"" + escape(org) + "\"></label>"
                + " <button id=\"use-org\">Use</button></form>"
                + "<form method=\"post\" action=\"" + escape(action) + "\" id=\"register-form\">"
                + "<input type=\"hidden\" name=\"manifest\" value=\"" + escape(manifest) + "\">"
                + "<p><button id=\"register\">Register the App on " + escape(web.getHost())
                + (org.isEmpty() ? "" : " for " + escape(org)) + "</button></p></form>"
                + "<details><summary>The manifest</summary><pre id=\"manifest\">" + escape(manifest)
                + "</pre></details>";
        ctx.html(page("Register Ownergate as a GitHub App", body));
    }

    // ---- GET /setup/callback ----------------------------------------------------------------------------------

    private void callback(Context ctx) {
        noStore(ctx);
        String state = ctx.queryParam("state");
        String cookie = ctx.cookie(COOKIE);
        Instant started = state == null ? null : pending.get(state);
        if (started == null || cookie == null || !constantTimeEquals(state, cookie)
                || started.plus(FLOW_LIFETIME).isBefore(clock.instant())) {
            ctx.status(400).html(page("Setup not recognised", "<p>This callback does not belong to a setup started"
                    + " in this browser in the last hour (or it was already used). <a href=\"/setup\">Start again</a>."
                    + "</p>"));
            return;
        }
        pending.remove(state);
        RegisteredApp app;
        try {
            app = conversion.convert(ctx.queryParam("code"));
        } catch (SetupException e) {
            ctx.status(502).html(page("GitHub did not hand over the App", "<p>" + escape(e.getMessage())
                    + "</p><p><a href=\"/setup\">Start again</a></p>"));
            return;
        }
        LOG.info("registered GitHub App {}", app);
        unsaved.put(state, app);
        ctx.html(page("Ownergate is registered: store its credentials", credentialsPage(app, state)));
    }

    private String credentialsPage(RegisteredApp app, String state) {
        String env = AppConfigLoader.APP_ID + "=" + app.id() + "\n"
                + AppConfigLoader.WEBHOOK_SECRET + "=" + app.webhookSecret() + "\n"
                + CLIENT_ID + "=" + app.clientId() + "\n"
                + CLIENT_SECRET + "=" + app.clientSecret() + "\n"
                + AppConfigLoader.PRIVATE_KEY_FILE + "=/path/to/" + app.slug() + ".private-key.pem\n";
        String kubectl = "kubectl create secret generic ownergate-github-app \\\n"
                + "  --from-literal=app-id=" + app.id() + " \\\n"
                + "  --from-literal=webhook-secret='" + app.webhookSecret() + "' \\\n"
                + "  --from-literal=client-id='" + app.clientId() + "' \\\n"
                + "  --from-literal=client-secret='" + app.clientSecret() + "' \\\n"
                + "  --from-file=private-key.pem=" + app.slug() + ".private-key.pem";
        return "<p>GitHub created the App <a id=\"app-link\" href=\"" + escape(app.htmlUrl()) + "\">"
                + escape(app.name()) + "</a> (id <code id=\"app-id\">" + app.id() + "</code>) owned by <code>"
                + escape(app.owner()) + "</code>. These credentials are shown once and kept only in this server's"
                + " memory until you save them or it restarts; GitHub can issue a new key and secret later in the"
                + " App's settings.</p>"
                + "<h2>1. Store them in your secret store</h2>"
                + "<p>The private key, as <code>" + escape(app.slug()) + ".private-key.pem</code>:</p>"
                + "<pre id=\"private-key\">" + escape(app.pem()) + "</pre>"
                + "<p>The settings (environment variables; <code>" + AppConfigLoader.PRIVATE_KEY + "</code> may hold"
                + " the PEM itself instead of a file):</p><pre id=\"env\">" + escape(env) + "</pre>"
                + "<p>For Kubernetes (deploy/kubernetes reads these keys):</p><pre id=\"kubectl\">" + escape(kubectl)
                + "</pre>"
                + "<h2>2. Or save them to this server's data directory</h2>"
                + "<form method=\"post\" action=\"/setup/save\"><input type=\"hidden\" name=\"state\" value=\""
                + escape(state) + "\"><p><button id=\"save\">Save to " + escape(settings.savedConfig().getParent().toString())
                + "</button> (files readable by this user only)</p></form>"
                + "<h2>3. Restart, then install the App</h2><p>Restart <code>ownergate serve</code> with the settings"
                + " above: it leaves setup mode and this page answers 404. Then <a id=\"install\" href=\""
                + escape(app.htmlUrl() + "/installations/new") + "\">install the App</a> on your repositories and"
                + " make the <code>code-owners</code> check required.</p>";
    }

    // ---- POST /setup/save -------------------------------------------------------------------------------------

    private void save(Context ctx) {
        noStore(ctx);
        String state = ctx.formParam("state");
        String cookie = ctx.cookie(COOKIE);
        RegisteredApp app = state == null ? null : unsaved.get(state);
        if (app == null || cookie == null || !constantTimeEquals(state, cookie)) {
            ctx.status(400).html(page("Nothing to save", "<p>No credentials from a setup in this browser are waiting"
                    + " to be saved (they were saved already, or the server restarted).</p>"));
            return;
        }
        Path config = settings.savedConfig();
        Path dir = config.getParent();
        Path key = dir.resolve("private-key.pem");
        try {
            Files.createDirectories(dir);
            writePrivate(key, app.pem());
            StringBuilder yaml = new StringBuilder("# Written by ownergate's /setup; serve reads it when no App is set"
                    + " in the environment.\n")
                    .append("app_id: ").append(app.id()).append('\n')
                    .append("private_key_file: ").append(quoted(key.toAbsolutePath().toString())).append('\n')
                    .append("webhook_secret: ").append(quoted(app.webhookSecret())).append('\n');
            // The OAuth client is for the sign-in pages; written once the server reads it, or the file would
            // not load (unknown settings are refused).
            if (AppConfigLoader.settingNames().contains(CLIENT_ID)) {
                yaml.append("client_id: ").append(quoted(app.clientId())).append('\n')
                        .append("client_secret: ").append(quoted(app.clientSecret())).append('\n');
            }
            writePrivate(config, yaml.toString());
        } catch (FileAlreadyExistsException e) {
            ctx.status(409).html(page("Not saved", "<p><code>" + escape(e.getFile()) + "</code> exists already and"
                    + " was left alone. Move it away and save again, or copy the credentials by hand.</p>"));
            return;
        } catch (IOException e) {
            ctx.status(500).html(page("Not saved", "<p>Cannot write to <code>" + escape(dir.toString()) + "</code>: "
                    + escape(e.getMessage()) + ". Copy the credentials by hand (go back).</p>"));
            return;
        }
        unsaved.remove(state);
        LOG.info("saved the App's credentials to {}", dir);
        ctx.html(page("Saved", "<p id=\"saved\">Saved <code>" + escape(config.toString()) + "</code> and <code>"
                + escape(key.toString()) + "</code>. Restart <code>ownergate serve</code>: with no App"
                + " settings in its environment it reads this file and leaves setup mode.</p>"));
    }

    private static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static void writePrivate(Path file, String text) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** OAuth client settings read by the sign-in pages. */
    static final String CLIENT_ID = "OWNERGATE_CLIENT_ID";
    static final String CLIENT_SECRET = "OWNERGATE_CLIENT_SECRET";

    private URI publicUrl(Context ctx) {
        return settings.publicUrl().orElseGet(() -> URI.create(ctx.scheme() + "://" + ctx.host()));
    }

    private boolean secure(Context ctx) {
        return settings.publicUrl().map(u -> u.getScheme().equals("https")).orElse(ctx.scheme().equals("https"));
    }

    private void expireOldFlows() {
        Instant cutoff = clock.instant().minus(FLOW_LIFETIME);
        pending.values().removeIf(started -> started.isBefore(cutoff));
    }

    private String token() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title><style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;"
                + "padding:0 1rem;color:#1f2328}pre{white-space:pre-wrap;word-break:break-all;background:#f6f8fa;"
                + "padding:1rem;border-radius:6px}.warn{background:#fff8c5;padding:.5rem 1rem;border-radius:6px}"
                + "button{font:inherit;padding:.3rem .8rem}</style></head><body><h1>" + escape(title) + "</h1>"
                + body + "</body></html>";
    }
}
