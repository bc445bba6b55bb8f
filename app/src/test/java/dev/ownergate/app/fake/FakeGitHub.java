package dev.ownergate.app.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process, stateful stand-in for GitHub's REST API: repositories with commits (trees and blobs), pull
 * requests with files and reviews, check runs, teams and installations. Responses are GitHub's documented
 * example bodies (src/test/resources/github-rest) with the state filled in. It counts calls per endpoint and
 * can be told to fail the next calls with 500 or 429 + Retry-After.
 *
 * <p>Used by the server tests and by the webhook load generator.
 */
public final class FakeGitHub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_PAGE = 30;

    private final HttpServer server;
    private final String prefix;
    private final Map<String, Repo> repos = new ConcurrentHashMap<>();
    private final Map<Long, List<String>> installations = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> teams = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final Map<String, Hold> holds = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, JsonNode> templates = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, Long> orgIds = new ConcurrentHashMap<>();
    private final Map<String, Long> teamIds = new ConcurrentHashMap<>();
    private final Set<String> secretTeams = ConcurrentHashMap.newKeySet();
    private final Set<String> users = ConcurrentHashMap.newKeySet();
    private volatile long appId;
    private volatile PublicKey appKey;
    // OAuth (web flow) and the users' own tokens.
    private volatile String oauthClientId;
    private volatile String oauthClientSecret;
    private volatile String browserUser; // who is signed in to this GitHub in the browser under test
    private final Map<String, String> oauthCodes = new ConcurrentHashMap<>(); // code -> login
    private final Map<String, String> userTokens = new ConcurrentHashMap<>(); // token -> login
    private final Map<String, String> orgRoles = new ConcurrentHashMap<>(); // org/login -> admin | member
    private final Map<String, ObjectNode> manifestCodes = new ConcurrentHashMap<>();
    private final List<JsonNode> manifestsReceived = new CopyOnWriteArrayList<>();
    private final Map<Long, java.security.KeyPair> registeredApps = new ConcurrentHashMap<>();

    private record Fault(String endpoint, int status, Integer retryAfterSeconds, AtomicInteger remaining) {}

    /**
     * The next call to one endpoint waits until {@link #release}: a test can stop an evaluation half-way and let
     * something else happen meanwhile. Later calls pass.
     */
    public static final class Hold {
        private final java.util.concurrent.CountDownLatch reached = new java.util.concurrent.CountDownLatch(1);
        private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

        /** Waits until a call arrived at the held endpoint; false on timeout. */
        public boolean awaitReached(java.time.Duration timeout) throws InterruptedException {
            return reached.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        public void release() {
            released.countDown();
        }

        private void pass() throws InterruptedException {
            reached.countDown();
            if (!released.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("a held call was never released");
            }
        }
    }

    private record Route(String method, Pattern path, String endpoint, Handler handler) {}

    @FunctionalInterface
    private interface Handler {
        Reply handle(Matcher path, Map<String, String> query, JsonNode body, HttpExchange exchange);
    }

    private record Reply(int status, JsonNode body, String link) {
        static Reply ok(JsonNode body) {
            return new Reply(200, body, null);
        }
    }

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK,
        // costing ~40 ms per call; real GitHub does not behave like that.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private FakeGitHub(String prefix) throws IOException {
        this.prefix = prefix;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        defineRoutes();
        defineUserRoutes();
        server.createContext("/", this::serve);
        server.createContext("/login/oauth/", this::serveOAuth);
        server.start();
    }

    public static FakeGitHub start() {
        return start("");
    }

    /** Serves the API under a path, as GitHub Enterprise Server does under {@code /api/v3}. */
    public static FakeGitHub start(String prefix) {
        try {
            return new FakeGitHub(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI apiUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + prefix);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- state -------------------------------------------------------------------------------------------

    public Repo repo(String fullName) {
        return repos.computeIfAbsent(fullName.toLowerCase(Locale.ROOT), k -> new Repo(fullName));
    }

    public void installation(long id, String... repoNames) {
        installations.put(id, List.of(repoNames));
        for (String r : repoNames) {
            repo(r);
        }
    }

    /** From now on, App endpoints demand a JWT for this App ID signed by the matching private key. */
    public void app(long id, PublicKey key) {
        this.appId = id;
        this.appKey = key;
    }

    /** The manifests posted to the App-registration page, oldest first. */
    public List<JsonNode> manifestsReceived() {
        return List.copyOf(manifestsReceived);
    }

    /** The key pair of an App registered through the manifest flow. */
    public java.security.KeyPair registeredAppKeys(long id) {
        return registeredApps.get(id);
    }

    public void team(String org, String slug, String... members) {
        teams.put((org + "/" + slug).toLowerCase(Locale.ROOT), new LinkedHashSet<>(List.of(members)));
    }

    /** Accounts that exist on this GitHub besides those the repositories, teams and pull requests mention. */
    public void user(String... logins) {
        for (String login : logins) {
            users.add(login.toLowerCase(Locale.ROOT));
        }
    }

    /** Email addresses a user shows on their public profile: what {@code GET /search/users?q=EMAIL in:email} finds. */
    private final Map<String, String> publicEmails = new ConcurrentHashMap<>();

    public void publicEmail(String login, String email) {
        user(login);
        publicEmails.put(email.toLowerCase(Locale.ROOT), login);
    }

    private boolean userExists(String login) {
        String l = login.toLowerCase(Locale.ROOT);
        return users.contains(l)
                || teams.values().stream().anyMatch(members -> members.stream().anyMatch(l::equalsIgnoreCase))
                || repos.values().stream().anyMatch(r -> r.permissions.containsKey(l)
                        || r.pulls.values().stream().anyMatch(p -> p.author.equalsIgnoreCase(l)
                                || p.reviews.stream().anyMatch(rv -> rv[1].equalsIgnoreCase(l))));
    }

    /** Revokes every installation token handed out so far, as GitHub can before they expire. */
    public void revokeTokens() {
        tokens.clear();
    }

    /** A team only its members and org owners can see. */
    public void secretTeam(String org, String slug, String... members) {
        team(org, slug, members);
        secretTeams.add((org + "/" + slug).toLowerCase(Locale.ROOT));
    }

    public final class Repo {
        final String fullName;
        final Map<String, Map<String, String>> commits = new ConcurrentHashMap<>(); // sha -> path -> blob sha
        final Map<String, String> blobs = new ConcurrentHashMap<>();
        final Map<Integer, Pull> pulls = new ConcurrentHashMap<>();
        final List<JsonNode> checkRuns = new CopyOnWriteArrayList<>();
        final Map<String, String> permissions = new ConcurrentHashMap<>();
        final Map<String, String> teamPermissions = new ConcurrentHashMap<>();

        Repo(String fullName) {
            this.fullName = fullName;
        }

        /** Paths stored as symbolic links (mode 120000), by commit SHA: the file's text is the link's target. */
        final Map<String, Set<String>> symlinks = new ConcurrentHashMap<>();

        /** Stores a commit in which {@code links} are symbolic links to the text given for them; returns its SHA. */
        public String commitWithSymlinks(Map<String, String> files, Set<String> links) {
            String sha = commit(files);
            symlinks.put(sha, Set.copyOf(links));
            return sha;
        }

        /** Stores a commit with exactly these files; returns its SHA. */
        public String commit(Map<String, String> files) {
            Map<String, String> tree = new TreeMap<>();
            StringBuilder id = new StringBuilder(fullName);
            for (Map.Entry<String, String> f : new TreeMap<>(files).entrySet()) {
                String blobSha = gitBlobSha(f.getValue());
                blobs.put(blobSha, f.getValue());
                tree.put(f.getKey(), blobSha);
                id.append('\0').append(f.getKey()).append('\0').append(blobSha);
            }
            String sha = sha1(id.toString().getBytes(StandardCharsets.UTF_8));
            commits.put(sha, Map.copyOf(tree));
            return sha;
        }

        public Pull pull(int number, String author, String baseRef, String baseSha, String headSha) {
            Pull p = new Pull(number, author, baseRef, baseSha, headSha);
            pulls.put(number, p);
            return p;
        }

        /** Forgets a commit, as GitHub does with one a force-push left unreachable: comparing with it is a 404. */
        public void forget(String sha) {
            commits.remove(sha);
        }

        /** Check runs posted to this repository, oldest first. */
        public List<JsonNode> checkRuns() {
            return List.copyOf(checkRuns);
        }

        /** The latest check run of that name on the commit, or null. */
        public JsonNode latestCheckRun(String sha, String name) {
            JsonNode latest = null;
            for (JsonNode run : checkRuns) {
                if (run.path("head_sha").asText().equals(sha) && run.path("name").asText().equals(name)) {
                    latest = run;
                }
            }
            return latest;
        }

        public void permission(String login, String permission) {
            permissions.put(login.toLowerCase(Locale.ROOT), permission);
        }

        /** Commit authors by email: GitHub links a commit to the account whose verified email wrote it. */
        final Map<String, String> commitAuthors = new ConcurrentHashMap<>();

        /** A commit in this repository written with {@code email}, a verified (possibly private) email of {@code login}. */
        public void commitBy(String login, String email) {
            commitAuthors.put(email.toLowerCase(Locale.ROOT), login);
        }

        public void teamPermission(String orgSlashSlug, String permission) {
            teamPermissions.put(orgSlashSlug.toLowerCase(Locale.ROOT), permission);
        }
    }

    public static final class Pull {
        final int number;
        final String author;
        volatile String baseRef;
        volatile String baseSha;
        volatile String headSha;
        volatile boolean open = true;
        volatile List<String[]> files = new ArrayList<>(); // {status, path, previousPath}
        // {id, login, state, commit, submittedAt, user type, dismissal message}
        final List<String[]> reviews = new CopyOnWriteArrayList<>();
        volatile boolean draft;
        final Set<String> requested = ConcurrentHashMap.newKeySet();
        final Set<String> requestedTeams = ConcurrentHashMap.newKeySet();
        final List<String> comments = new CopyOnWriteArrayList<>();
        volatile int changedFilesOverride = -1;
        final java.util.Deque<String> staleHeads = new java.util.concurrent.ConcurrentLinkedDeque<>();

        Pull(int number, String author, String baseRef, String baseSha, String headSha) {
            this.number = number;
            this.author = author;
            this.baseRef = baseRef;
            this.baseSha = baseSha;
            this.headSha = headSha;
        }

        public Pull modified(String... paths) {
            for (String p : paths) {
                files.add(new String[] {"modified", p, null});
            }
            return this;
        }

        public Pull added(String path) {
            files.add(new String[] {"added", path, null});
            return this;
        }

        public Pull removed(String path) {
            files.add(new String[] {"removed", path, null});
            return this;
        }

        public Pull renamed(String from, String to) {
            files.add(new String[] {"renamed", to, from});
            return this;
        }

        /** Pretends GitHub reports this many changed files (more than it lists, above 3,000). */
        public Pull changedFiles(int count) {
            changedFilesOverride = count;
            return this;
        }

        /** GitHub's replicas lag: review {@code id} is missing from the reviews it lists from now on. */
        public Pull laggingWithout(long id) {
            reviews.removeIf(r -> r[0].equals(Long.toString(id)));
            return this;
        }

        public Pull review(long id, String login, String state) {
            return reviewOn(id, login, state, headSha);
        }

        /** A review submitted on an older commit of the pull request. */
        public Pull reviewOn(long id, String login, String state, String commitSha) {
            reviews.add(new String[] {Long.toString(id), login, state, commitSha,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), "User", null});
            return this;
        }

        /** A review by a GitHub App's bot account (user type Bot, login ending in [bot]). */
        public Pull reviewByBot(long id, String appSlug, String state) {
            reviews.add(new String[] {Long.toString(id), appSlug + "[bot]", state, headSha,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), "Bot", null});
            return this;
        }

        public Pull draft(boolean draft) {
            this.draft = draft;
            return this;
        }

        /** The message of each dismissed review, by review id. */
        public Map<Long, String> dismissals() {
            Map<Long, String> out = new TreeMap<>();
            reviews.stream().filter(r -> r[6] != null).forEach(r -> out.put(Long.parseLong(r[0]), r[6]));
            return out;
        }

        /** The next reads of this pull request report {@code oldHead}, as GitHub's lagging replicas can. */
        public Pull staleReads(String oldHead, int reads) {
            for (int i = 0; i < reads; i++) {
                staleHeads.add(oldHead);
            }
            return this;
        }

        /** A review's state changes (e.g. to DISMISSED) with no webhook sent, as while the App was down. */
        public Pull reviewState(long id, String state) {
            for (int i = 0; i < reviews.size(); i++) {
                String[] r = reviews.get(i);
                if (r[0].equals(Long.toString(id))) {
                    reviews.set(i, new String[] {r[0], r[1], state, r[3], r[4], r[5], r[6]});
                }
            }
            return this;
        }

        /** The pull request now targets another branch, at that branch's commit. */
        public Pull retarget(String newBaseRef, String newBaseSha) {
            baseRef = newBaseRef;
            baseSha = newBaseSha;
            return this;
        }

        public Pull push(String newHead) {
            headSha = newHead;
            return this;
        }

        public Pull close() {
            open = false;
            return this;
        }

        public Set<String> requestedReviewers() {
            return Set.copyOf(requested);
        }

        public Set<String> requestedTeams() {
            return Set.copyOf(requestedTeams);
        }
    }

    // ---- calls and faults ----------------------------------------------------------------------------------

    /** Calls so far per endpoint, e.g. {@code "GET /repos/{o}/{r}/pulls/{n}"}. */
    public Map<String, Integer> calls() {
        Map<String, Integer> out = new TreeMap<>();
        calls.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public void resetCalls() {
        calls.clear();
    }

    /** GitHub recovers: no injected fault is left. */
    public void clearFaults() {
        faults.clear();
    }

    /** The next call to {@code endpoint} (as in {@link #calls()}) waits until the returned hold is released. */
    public Hold hold(String endpoint) {
        Hold hold = new Hold();
        holds.put(endpoint, hold);
        return hold;
    }

    /** The next {@code count} calls to {@code endpoint} (as in {@link #calls()}) answer {@code status}. */
    public void fail(String endpoint, int status, int count, Integer retryAfterSeconds) {
        faults.add(new Fault(endpoint, status, retryAfterSeconds, new AtomicInteger(count)));
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------

    private void route(String method, String regex, String endpoint, Handler handler) {
        routes.add(new Route(method, Pattern.compile(regex), endpoint, handler));
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String rawPath = ex.getRequestURI().getRawPath();
            if (NEW_APP_PAGE.matcher(rawPath).matches()) {
                registerAppFromManifest(ex);
                return;
            }
            if (!rawPath.startsWith(prefix + "/")) {
                calls.computeIfAbsent("OUTSIDE THE API " + rawPath, k -> new AtomicInteger()).incrementAndGet();
                send(ex, new Reply(404, message("Not Found"), null));
                return;
            }
            String path = rawPath.substring(prefix.length());
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            byte[] raw = ex.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? JSON.nullNode() : JSON.readTree(raw);
            for (Route r : routes) {
                Matcher m = r.path().matcher(path);
                if (!r.method().equals(ex.getRequestMethod()) || !m.matches()) {
                    continue;
                }
                calls.computeIfAbsent(r.endpoint(), k -> new AtomicInteger()).incrementAndGet();
                if (!authorized(r, ex)) {
                    send(ex, new Reply(401, message("Bad credentials"), null));
                    return;
                }
                for (Fault f : faults) {
                    if (f.endpoint().equals(r.endpoint()) && f.remaining().getAndDecrement() > 0) {
                        if (f.retryAfterSeconds() != null) {
                            ex.getResponseHeaders().add("Retry-After", f.retryAfterSeconds().toString());
                        }
                        send(ex, new Reply(f.status(), message("injected failure"), null));
                        return;
                    }
                }
                Hold hold = holds.remove(r.endpoint());
                if (hold != null) {
                    try {
                        hold.pass();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                Reply reply;
                try {
                    reply = r.handler().handle(m, query, body, ex);
                } catch (RuntimeException e) {
                    reply = new Reply(500, message("fake failed: " + e), null);
                }
                send(ex, reply);
                return;
            }
            calls.computeIfAbsent("UNKNOWN " + ex.getRequestMethod() + " " + path, k -> new AtomicInteger())
                    .incrementAndGet();
            send(ex, new Reply(404, message("Not Found"), null));
        }
    }

    /**
     * GitHub's web page that receives a manifest (a form POST with field {@code manifest}), at the web root, not
     * under the API prefix. Stands in for the operator confirming on GitHub: registers the App with a new key,
     * secrets and a one-time code, and redirects to the manifest's {@code redirect_url} with the code and the
     * {@code state} the form carried, as GitHub does.
     */
    private static final Pattern NEW_APP_PAGE = Pattern.compile("(?:/organizations/([^/]+))?/settings/apps/new");

    private void registerAppFromManifest(HttpExchange ex) throws IOException {
        calls.computeIfAbsent("POST /settings/apps/new", k -> new AtomicInteger()).incrementAndGet();
        Map<String, String> form = query(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Map<String, String> params = query(ex.getRequestURI().getRawQuery());
        JsonNode manifest = JSON.readTree(form.getOrDefault("manifest", "{}"));
        manifestsReceived.add(manifest);
        Matcher org = NEW_APP_PAGE.matcher(ex.getRequestURI().getRawPath());
        org.matches();
        java.security.KeyPair keys;
        try {
            java.security.KeyPairGenerator gen = java.security.KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            keys = gen.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long id = ids.incrementAndGet();
        registeredApps.put(id, keys);
        String name = manifest.path("name").asText("app");
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        ObjectNode app = template("GET.app.json");
        app.put("id", id).put("slug", slug).put("name", name)
                .put("html_url", "https://github.com/apps/" + slug)
                .put("client_id", "Iv23li" + Long.toHexString(id) + "fake")
                .put("client_secret", randomHex(20)).put("webhook_secret", randomHex(20))
                .put("pem", "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        if (org.group(1) != null) {
            ((ObjectNode) app.path("owner")).put("login", org.group(1)).put("type", "Organization");
        }
        app.set("permissions", manifest.path("default_permissions"));
        app.set("events", manifest.path("default_events"));
        String code = randomHex(10);
        manifestCodes.put(code, app);
        String redirect = manifest.path("redirect_url").asText();
        ex.getResponseHeaders().add("Location", redirect + "?code=" + code + "&state="
                + java.net.URLEncoder.encode(params.getOrDefault("state", ""), StandardCharsets.UTF_8));
        ex.sendResponseHeaders(302, -1);
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        new java.security.SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private boolean authorized(Route r, HttpExchange ex) {
        if (r.endpoint().equals("POST /app-manifests/{code}/conversions")) {
            return true; // the one-time code is the credential
        }
        String credential = credential(ex);
        if (credential == null) {
            return false;
        }
        if (r.endpoint().startsWith("GET /app") || r.endpoint().startsWith("POST /app")
                || r.endpoint().equals("GET /repos/{o}/{r}/installation")) {
            return validJwt(credential);
        }
        return tokens.containsKey(credential) || userTokens.containsKey(credential) || credential.startsWith("ghp_");
    }

    /** The token of {@code Authorization: Bearer X} or {@code Authorization: token X}; null when neither. */
    private static String credential(HttpExchange ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null) {
            return null;
        }
        if (auth.startsWith("Bearer ")) {
            return auth.substring(7);
        }
        return auth.startsWith("token ") ? auth.substring(6) : null;
    }

    /**
     * GitHub's rules for an App JWT (docs: "Generating a JSON Web Token (JWT) for a GitHub App"): RS256, signed
     * with the App's key, {@code iss} the App ID, expiring at most 10 minutes after {@code iat}. Without a
     * registered key only the shape is checked.
     */
    private boolean validJwt(String jwt) {
        PublicKey key = appKey;
        if (key == null) {
            return jwt.split("\\.").length == 3;
        }
        try {
            Claims claims = Jwts.parser().verifyWith(key).build().parseSignedClaims(jwt).getPayload();
            long lifetime = claims.getExpiration().getTime() - claims.getIssuedAt().getTime();
            return Long.toString(appId).equals(claims.getIssuer()) && lifetime <= 10 * 60 * 1000;
        } catch (JwtException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void send(HttpExchange ex, Reply reply) throws IOException {
        byte[] bytes = reply.body() == null ? new byte[0] : JSON.writeValueAsBytes(reply.body());
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.getResponseHeaders().add("x-ratelimit-remaining", "4999");
        if (reply.link() != null) {
            ex.getResponseHeaders().add("Link", reply.link());
        }
        ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    // ---- the App's webhook deliveries ----------------------------------------------------------------------

    private final List<ObjectNode> hookDeliveries = new CopyOnWriteArrayList<>();
    private volatile java.util.function.ToIntFunction<String> redeliverTo = guid -> 0;

    /**
     * GitHub tried to deliver a webhook and got {@code statusCode} (0: could not connect), as
     * {@code GET /app/hook/deliveries} lists it. Returns the delivery's id.
     */
    public long hookDelivery(String guid, String event, String action, int statusCode, boolean redelivery) {
        ObjectNode d = item("GET.app.hook.deliveries.json").put("id", ids.incrementAndGet()).put("guid", guid)
                .put("delivered_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("redelivery", redelivery).put("status_code", statusCode)
                .put("status", statusCode == 200 ? "OK" : statusCode == 0 ? "Failed to connect to host"
                        : "Invalid HTTP Response: " + statusCode)
                .put("event", event).put("action", action);
        hookDeliveries.add(d);
        return d.path("id").asLong();
    }

    /** What a redelivery does: send the delivery with this GUID again, and return the HTTP status it got. */
    public void onRedelivery(java.util.function.ToIntFunction<String> send) {
        this.redeliverTo = send;
    }

    private void defineRoutes() {
        String o = "/repos/([^/]+)/([^/]+)";
        route("GET", "/app/hook/deliveries", "GET /app/hook/deliveries", (m, q, b, ex) -> {
            // Newest first; the cursor is opaque to clients (here: the id the next page starts below).
            int perPage = Math.min(100, Integer.parseInt(q.getOrDefault("per_page", "30")));
            long below = q.containsKey("cursor") ? Long.parseLong(q.get("cursor").substring(3)) : Long.MAX_VALUE;
            List<ObjectNode> older = hookDeliveries.reversed().stream()
                    .filter(d -> d.path("id").asLong() < below).toList();
            ArrayNode out = JSON.createArrayNode();
            older.stream().limit(perPage).forEach(out::add);
            String link = older.size() > perPage ? "<" + apiUrl() + "/app/hook/deliveries?per_page=" + perPage
                    + "&cursor=v1_" + older.get(perPage - 1).path("id").asLong() + ">; rel=\"next\"" : null;
            return new Reply(200, out, link);
        });
        route("POST", "/app/hook/deliveries/(\\d+)/attempts", "POST /app/hook/deliveries/{id}/attempts",
                (m, q, b, ex) -> {
                    long id = Long.parseLong(m.group(1));
                    ObjectNode d = hookDeliveries.stream().filter(x -> x.path("id").asLong() == id).findFirst()
                            .orElse(null);
                    if (d == null) {
                        return new Reply(404, message("Not Found"), null);
                    }
                    String guid = d.path("guid").asText();
                    int status = redeliverTo.applyAsInt(guid);
                    hookDelivery(guid, d.path("event").asText(), d.path("action").asText(), status, true);
                    return new Reply(202, JSON.createObjectNode(), null);
                });
        route("POST", "/app/installations/(\\d+)/access_tokens", "POST /app/installations/{id}/access_tokens",
                (m, q, b, ex) -> {
                    ObjectNode t = template("POST.app.installations.installation_id.access_tokens.json");
                    String token = "ghs_fake" + ids.incrementAndGet();
                    tokens.put(token, m.group(1));
                    t.put("token", token);
                    t.put("expires_at", Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)
                            .toString());
                    return new Reply(201, t, null);
                });
        route("POST", "/app-manifests/([^/]+)/conversions", "POST /app-manifests/{code}/conversions", (m, q, b, ex) -> {
            ObjectNode app = manifestCodes.remove(m.group(1)); // a code works once
            return app == null ? new Reply(404, message("Not Found"), null) : new Reply(201, app, null);
        });
        route("GET", "/app", "GET /app", (m, q, b, ex) ->
                Reply.ok(template("GET.app.json").put("id", appId == 0 ? 1 : appId)));
        route("GET", "/app/installations/(\\d+)", "GET /app/installations/{id}", (m, q, b, ex) -> {
            long id = Long.parseLong(m.group(1));
            if (!installations.containsKey(id)) {
                return new Reply(404, message("Not Found"), null);
            }
            ObjectNode item = item("GET.app.installations.json").put("id", id);
            item.put("access_tokens_url", apiUrl() + "/app/installations/" + id + "/access_tokens");
            return Reply.ok(item);
        });
        route("GET", "/app/installations", "GET /app/installations", (m, q, b, ex) -> {
            ArrayNode out = JSON.createArrayNode();
            ObjectNode item = item("GET.app.installations.json");
            installations.keySet().stream().sorted().forEach(id -> {
                ObjectNode one = item.deepCopy().put("id", id);
                // The account is the owner of the installation's repositories, as for an organization install.
                installations.get(id).stream().findFirst().ifPresent(r -> ((ObjectNode) one.path("account"))
                        .put("login", r.substring(0, r.indexOf('/'))));
                out.add(one);
            });
            return Reply.ok(out);
        });
        route("GET", "/installation/repositories", "GET /installation/repositories", (m, q, b, ex) -> {
            String installation = tokens.get(token(ex));
            ArrayNode list = JSON.createArrayNode();
            for (String r : installations.getOrDefault(Long.parseLong(installation), List.of())) {
                list.add(repoJson(repo(r)));
            }
            ObjectNode out = JSON.createObjectNode();
            out.put("total_count", list.size());
            out.set("repositories", list);
            return Reply.ok(out);
        });
        route("GET", "/repos/([^/]+)/([^/]+)/installation", "GET /repos/{o}/{r}/installation", (m, q, b, ex) -> {
            String name = m.group(1) + "/" + m.group(2);
            for (Map.Entry<Long, List<String>> i : installations.entrySet()) {
                if (i.getValue().stream().anyMatch(r -> r.equalsIgnoreCase(name))) {
                    return Reply.ok(template("GET.repos.owner.repo.installation.json").put("id", i.getKey()));
                }
            }
            return new Reply(404, message("Not Found"), null);
        });
        route("GET", o, "GET /repos/{o}/{r}", (m, q, b, ex) -> {
            Repo repo = repos.get((m.group(1) + "/" + m.group(2)).toLowerCase(Locale.ROOT));
            String user = userTokens.get(credential(ex));
            if (repo != null && user != null && !repo.permissions.containsKey(user)) {
                return new Reply(404, message("Not Found"), null); // private: GitHub hides it from non-readers
            }
            return repo == null ? new Reply(404, message("Not Found"), null) : Reply.ok(repoJson(repo));
        });
        route("GET", o + "/pulls", "GET /repos/{o}/{r}/pulls", (m, q, b, ex) -> {
            Repo repo = repoOf(m);
            ArrayNode all = JSON.createArrayNode();
            repo.pulls.values().stream().filter(p -> p.open)
                    .filter(p -> q.get("base") == null || q.get("base").equals(p.baseRef))
                    .sorted((x, y) -> Integer.compare(y.number, x.number))
                    .forEach(p -> all.add(pullJson(repo, p, "GET.repos.owner.repo.pulls.json")));
            return page(all, q, ex);
        });
        route("GET", o + "/pulls/(\\d+)", "GET /repos/{o}/{r}/pulls/{n}", (m, q, b, ex) -> {
            Repo repo = repoOf(m);
            Pull p = repo.pulls.get(Integer.parseInt(m.group(3)));
            return p == null ? new Reply(404, message("Not Found"), null)
                    : Reply.ok(pullJson(repo, p, "GET.repos.owner.repo.pulls.number.json"));
        });
        route("GET", o + "/pulls/(\\d+)/files", "GET /repos/{o}/{r}/pulls/{n}/files", (m, q, b, ex) -> {
            Pull p = repoOf(m).pulls.get(Integer.parseInt(m.group(3)));
            ObjectNode item = item("GET.repos.owner.repo.pulls.number.files.json");
            ArrayNode all = JSON.createArrayNode();
            for (String[] f : p.files.subList(0, Math.min(p.files.size(), 3000))) {
                ObjectNode e = item.deepCopy();
                e.put("filename", f[1]).put("status", f[0]);
                if (f[2] != null) {
                    e.put("previous_filename", f[2]);
                } else {
                    e.remove("previous_filename");
                }
                all.add(e);
            }
            return page(all, q, ex);
        });
        route("GET", o + "/pulls/(\\d+)/reviews", "GET /repos/{o}/{r}/pulls/{n}/reviews", (m, q, b, ex) -> {
            Pull p = repoOf(m).pulls.get(Integer.parseInt(m.group(3)));
            ObjectNode item = item("GET.repos.owner.repo.pulls.number.reviews.json");
            ArrayNode all = JSON.createArrayNode();
            for (String[] r : p.reviews) {
                ObjectNode e = item.deepCopy();
                all.add(reviewJson(item, r));
            }
            return page(all, q, ex);
        });
        route("PUT", o + "/pulls/(\\d+)/reviews/(\\d+)/dismissals",
                "PUT /repos/{o}/{r}/pulls/{n}/reviews/{id}/dismissals", (m, q, b, ex) -> {
                    Pull p = repoOf(m).pulls.get(Integer.parseInt(m.group(3)));
                    String[] review = p == null ? null : p.reviews.stream().filter(r -> r[0].equals(m.group(4)))
                            .findFirst().orElse(null);
                    if (review == null) {
                        return new Reply(404, message("Not Found"), null);
                    }
                    if (!review[2].equals("APPROVED") && !review[2].equals("CHANGES_REQUESTED")) {
                        return new Reply(422, message("Can not dismiss a " + review[2].toLowerCase(Locale.ROOT)
                                + " pull request review"), null);
                    }
                    if (!b.path("message").isTextual() || b.path("message").asText().isBlank()) {
                        return new Reply(422, message("Invalid request: message is required"), null);
                    }
                    review[2] = "DISMISSED";
                    review[6] = b.path("message").asText();
                    return Reply.ok(reviewJson(item("GET.repos.owner.repo.pulls.number.reviews.json"), review));
                });
        route("GET", o + "/compare/([0-9a-f]+)\\.\\.\\.([0-9a-f]+)", "GET /repos/{o}/{r}/compare/{basehead}",
                (m, q, b, ex) -> {
                    Repo repo = repoOf(m);
                    Map<String, String> from = repo.commits.get(m.group(3));
                    Map<String, String> to = repo.commits.get(m.group(4));
                    if (from == null || to == null) {
                        return new Reply(404, message("Not Found"), null);
                    }
                    ObjectNode out = template("GET.repos.owner.repo.compare.basehead.json");
                    ObjectNode item = (ObjectNode) out.path("files").get(0);
                    ArrayNode files = JSON.createArrayNode();
                    Set<String> paths = new java.util.TreeSet<>(from.keySet());
                    paths.addAll(to.keySet());
                    for (String path : paths) {
                        String before = from.get(path);
                        String after = to.get(path);
                        if (java.util.Objects.equals(before, after)) {
                            continue;
                        }
                        String status = before == null ? "added" : after == null ? "removed" : "modified";
                        ObjectNode f = item.deepCopy().put("filename", path).put("status", status)
                                .put("sha", after == null ? before : after);
                        files.add(f);
                        if (files.size() == 300) {
                            break; // GitHub lists at most 300 files of a comparison
                        }
                    }
                    boolean same = m.group(3).equals(m.group(4));
                    out.put("status", same ? "identical" : "ahead").put("ahead_by", same ? 0 : 1).put("behind_by", 0)
                            .put("total_commits", same ? 0 : 1);
                    out.set("files", files);
                    return Reply.ok(out);
                });
        route("POST", o + "/pulls/(\\d+)/requested_reviewers", "POST /repos/{o}/{r}/pulls/{n}/requested_reviewers",
                (m, q, b, ex) -> {
                    Repo repo = repoOf(m);
                    Pull p = repo.pulls.get(Integer.parseInt(m.group(3)));
                    b.path("reviewers").forEach(r -> p.requested.add(r.asText().toLowerCase(Locale.ROOT)));
                    b.path("team_reviewers").forEach(r -> p.requestedTeams.add(r.asText().toLowerCase(Locale.ROOT)));
                    return new Reply(201, pullJson(repo, p, "GET.repos.owner.repo.pulls.number.json"), null);
                });
        route("GET", o + "/git/trees/([0-9a-f]+)", "GET /repos/{o}/{r}/git/trees/{sha}", (m, q, b, ex) -> {
            Repo repo = repoOf(m);
            Map<String, String> tree = repo.commits.get(m.group(3));
            if (tree == null) {
                return new Reply(404, message("Not Found"), null);
            }
            ObjectNode out = template("GET.repos.owner.repo.git.trees.tree_sha-2.json");
            ObjectNode item = (ObjectNode) out.path("tree").get(0);
            ArrayNode entries = JSON.createArrayNode();
            Set<String> dirs = new java.util.TreeSet<>();
            tree.forEach((path, sha) -> {
                for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
                    dirs.add(path.substring(0, i));
                }
                ObjectNode entry = item.deepCopy().put("path", path).put("sha", sha).put("type", "blob")
                        .put("size", repo.blobs.get(sha).getBytes(StandardCharsets.UTF_8).length);
                if (repo.symlinks.getOrDefault(m.group(3), Set.of()).contains(path)) {
                    entry.put("mode", "120000");
                }
                entries.add(entry);
            });
            for (String d : dirs) {
                ObjectNode e = item.deepCopy().put("path", d).put("type", "tree").put("mode", "040000");
                e.remove("size");
                entries.add(e);
            }
            out.put("sha", m.group(3));
            out.set("tree", entries);
            out.put("truncated", false);
            return Reply.ok(out);
        });
        route("GET", o + "/git/blobs/([0-9a-f]+)", "GET /repos/{o}/{r}/git/blobs/{sha}", (m, q, b, ex) -> {
            String text = repoOf(m).blobs.get(m.group(3));
            if (text == null) {
                return new Reply(404, message("Not Found"), null);
            }
            String base64 = Base64.getMimeEncoder(60, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(text.getBytes(StandardCharsets.UTF_8));
            return Reply.ok(template("GET.repos.owner.repo.git.blobs.file_sha.json")
                    .put("sha", m.group(3)).put("content", base64 + "\n").put("size", text.length()));
        });
        route("POST", o + "/check-runs", "POST /repos/{o}/{r}/check-runs", (m, q, b, ex) -> {
            ObjectNode run = template("POST.repos.owner.repo.check-runs-1.json");
            long id = ids.incrementAndGet();
            run.put("id", id).put("name", b.path("name").asText()).put("head_sha", b.path("head_sha").asText())
                    .put("status", b.path("status").asText("completed"))
                    .put("conclusion", b.path("conclusion").asText(null));
            if (b.has("details_url")) {
                run.put("details_url", b.path("details_url").asText());
            }
            run.set("output", b.path("output").deepCopy());
            ((ObjectNode) run.path("app")).put("id", appId == 0 ? 1 : appId);
            repoOf(m).checkRuns.add(run);
            return new Reply(201, run, null);
        });
        route("GET", o + "/commits/([^/]+)/check-runs", "GET /repos/{o}/{r}/commits/{sha}/check-runs",
                (m, q, b, ex) -> {
                    ArrayNode runs = JSON.createArrayNode();
                    for (JsonNode run : repoOf(m).checkRuns) {
                        if (run.path("head_sha").asText().equals(m.group(3))
                                && (q.get("check_name") == null || q.get("check_name").equals(run.path("name").asText()))
                                && (q.get("app_id") == null || q.get("app_id").equals(run.path("app").path("id").asText()))) {
                            runs.add(run);
                        }
                    }
                    ObjectNode out = JSON.createObjectNode();
                    out.put("total_count", runs.size());
                    out.set("check_runs", runs);
                    return Reply.ok(out);
                });
        route("GET", "/orgs/([^/]+)", "GET /orgs/{org}", (m, q, b, ex) -> {
            String org = m.group(1);
            boolean known = teams.keySet().stream().anyMatch(k -> k.startsWith(org.toLowerCase(Locale.ROOT) + "/"))
                    || repos.keySet().stream().anyMatch(k -> k.startsWith(org.toLowerCase(Locale.ROOT) + "/"));
            if (!known) {
                return new Reply(404, message("Not Found"), null);
            }
            // The installation example's account is an organization in GitHub's simple-user shape.
            ObjectNode account = (ObjectNode) item("GET.app.installations.json").path("account");
            return Reply.ok(account.put("login", org).put("id", orgId(org)).put("type", "Organization"));
        });
        route("GET", "/orgs/([^/]+)/teams/([^/]+)", "GET /orgs/{org}/teams/{slug}", (m, q, b, ex) -> {
            String key = (m.group(1) + "/" + m.group(2)).toLowerCase(Locale.ROOT);
            if (!teams.containsKey(key)) {
                return new Reply(404, message("Not Found"), null);
            }
            // A team in GitHub's shape: the pull request example's requested team.
            ObjectNode team = (ObjectNode) fixture("GET.repos.owner.repo.pulls.number.json").path("requested_teams")
                    .get(0);
            long id = teamId(key);
            team.put("id", id).put("slug", m.group(2)).put("name", m.group(2))
                    .put("privacy", secretTeams.contains(key) ? "secret" : "closed")
                    .put("url", apiUrl() + "/organizations/" + orgId(m.group(1)) + "/team/" + id);
            return Reply.ok(team);
        });
        route("GET", "/organizations/(\\d+)/team/(\\d+)/members", "GET /organizations/{org_id}/team/{team_id}/members",
                (m, q, b, ex) -> {
                    Set<String> members = teams.get(teamKey(m.group(2)));
                    if (members == null) {
                        return new Reply(404, message("Not Found"), null);
                    }
                    ObjectNode item = item("GET.orgs.org.teams.team_slug.members.json");
                    ArrayNode all = JSON.createArrayNode();
                    members.forEach(login -> all.add(item.deepCopy().put("login", login)));
                    return page(all, q, ex);
                });
        route("GET", "/organizations/(\\d+)/team/(\\d+)/repos", "GET /organizations/{org_id}/team/{team_id}/repos",
                (m, q, b, ex) -> {
                    String team = teamKey(m.group(2));
                    if (team == null) {
                        return new Reply(404, message("Not Found"), null);
                    }
                    ArrayNode all = JSON.createArrayNode();
                    for (Repo repo : repos.values()) {
                        String perm = repo.teamPermissions.get(team);
                        if (perm != null) {
                            ObjectNode r = repoJson(repo);
                            r.putObject("permissions").put("admin", perm.equals("admin"))
                                    .put("maintain", perm.equals("maintain") || perm.equals("admin"))
                                    .put("push", !perm.equals("read") && !perm.equals("triage")).put("pull", true);
                            all.add(r);
                        }
                    }
                    return page(all, q, ex);
                });
        route("GET", "/search/users", "GET /search/users", (m, q, b, ex) -> {
            // Only the "EMAIL in:email" form: the search finds emails users made public on their profile.
            String term = q.getOrDefault("q", "").replace(" in:email", "").strip().toLowerCase(Locale.ROOT);
            ArrayNode items = JSON.createArrayNode();
            String login = publicEmails.get(term);
            if (login != null) {
                items.add(template("GET.users.username-1.json").put("login", login));
            }
            ObjectNode out = JSON.createObjectNode().put("total_count", items.size()).put("incomplete_results", false);
            out.set("items", items);
            return Reply.ok(out);
        });
        route("GET", o + "/commits", "GET /repos/{o}/{r}/commits", (m, q, b, ex) -> {
            ArrayNode all = JSON.createArrayNode();
            String author = q.getOrDefault("author", "").toLowerCase(Locale.ROOT);
            String login = repoOf(m).commitAuthors.get(author);
            if (login != null) {
                all.add(commitBy(author, login));
            }
            return page(all, q, ex);
        });
        route("GET", o + "/commits/([0-9a-f]{40})", "GET /repos/{o}/{r}/commits/{sha}", (m, q, b, ex) -> {
            for (Map.Entry<String, String> e : repoOf(m).commitAuthors.entrySet()) {
                if (sha1(e.getKey().getBytes(StandardCharsets.UTF_8)).equals(m.group(3))) {
                    return Reply.ok(commitBy(e.getKey(), e.getValue()));
                }
            }
            return new Reply(404, message("Not Found"), null);
        });
        routeUsers(o);
    }

    /** A commit as the commits API shows it: the git author's email, and the account GitHub linked it to. */
    private ObjectNode commitBy(String author, String login) {
        ObjectNode commit = JSON.createObjectNode().put("sha", sha1(author.getBytes(StandardCharsets.UTF_8)));
        ObjectNode person = JSON.createObjectNode().put("name", login).put("email", author)
                .put("date", "2026-01-01T00:00:00Z");
        ObjectNode inner = JSON.createObjectNode().put("message", "work");
        inner.set("author", person);
        inner.set("committer", person.deepCopy());
        commit.set("commit", inner);
        commit.set("author", template("GET.users.username-1.json").put("login", login));
        commit.set("committer", template("GET.users.username-1.json").put("login", login));
        commit.set("parents", JSON.createArrayNode());
        return commit;
    }

    /** Users and their permissions. */
    private void routeUsers(String o) {
        route("GET", "/users/([^/]+)", "GET /users/{u}", (m, q, b, ex) -> userExists(m.group(1))
                ? Reply.ok(template("GET.users.username-1.json").put("login", m.group(1)))
                : new Reply(404, message("Not Found"), null));
        route("GET", o + "/collaborators/([^/]+)/permission", "GET /repos/{o}/{r}/collaborators/{u}/permission",
                (m, q, b, ex) -> {
                    String perm = repoOf(m).permissions.get(m.group(3).toLowerCase(Locale.ROOT));
                    if (perm == null) {
                        return new Reply(404, message("Not Found"), null);
                    }
                    ObjectNode out = template("GET.repos.owner.repo.collaborators.username.permission.json");
                    out.put("permission", perm);
                    return Reply.ok(out);
                });
    }

    // ---- OAuth web flow, users' own tokens, and issue comments --------------------------------------------------

    /** Registers the App's OAuth client: only it may start the web flow and trade codes. */
    public void oauthClient(String clientId, String clientSecret) {
        this.oauthClientId = clientId;
        this.oauthClientSecret = clientSecret;
    }

    /** The person signed in to GitHub in the browser: the authorize page approves as them at once. */
    public void browserSignedInAs(String login) {
        this.browserUser = login;
        user(login);
    }

    /** The login's role in an organization: admin or member. */
    public void orgRole(String org, String login, String role) {
        orgRoles.put((org + "/" + login).toLowerCase(Locale.ROOT), role);
        user(login);
    }

    /** A user token for a login, as the web flow would hand out. */
    public String userToken(String login) {
        String token = "ghu_fake" + ids.incrementAndGet();
        userTokens.put(token, login);
        user(login);
        return token;
    }

    /** The bodies of comments posted on a pull request's conversation, oldest first. */
    public List<String> comments(String repo, int number) {
        return List.copyOf(repo(repo).pulls.get(number).comments);
    }

    /**
     * {@code GET /login/oauth/authorize} approves at once as {@link #browserSignedInAs} and sends the browser
     * back with a code; {@code POST /login/oauth/access_token} trades it (once) for a user token, answering 200
     * with an {@code error} for a bad code as GitHub does.
     */
    private void serveOAuth(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            calls.computeIfAbsent(ex.getRequestMethod() + " " + path, k -> new AtomicInteger()).incrementAndGet();
            if (path.equals("/login/oauth/authorize") && ex.getRequestMethod().equals("GET")) {
                Map<String, String> q = query(ex.getRequestURI().getRawQuery());
                if (oauthClientId == null || !oauthClientId.equals(q.get("client_id")) || browserUser == null) {
                    send(ex, new Reply(404, message("Not Found"), null));
                    return;
                }
                String code = "code" + ids.incrementAndGet();
                oauthCodes.put(code, browserUser);
                String back = q.get("redirect_uri") + "?code=" + code + "&state="
                        + java.net.URLEncoder.encode(q.getOrDefault("state", ""), StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Location", back);
                ex.sendResponseHeaders(302, -1);
                return;
            }
            if (path.equals("/login/oauth/access_token") && ex.getRequestMethod().equals("POST")) {
                Map<String, String> form = query(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                String login = oauthCodes.remove(form.getOrDefault("code", ""));
                ObjectNode out = JSON.createObjectNode();
                if (login == null || !form.getOrDefault("client_id", "").equals(oauthClientId)
                        || !form.getOrDefault("client_secret", "").equals(oauthClientSecret)) {
                    out.put("error", "bad_verification_code").put("error_description",
                            "The code passed is incorrect or expired.");
                } else {
                    String token = userToken(login);
                    out.put("access_token", token).put("token_type", "bearer").put("scope", "");
                }
                send(ex, Reply.ok(out));
                return;
            }
            send(ex, new Reply(404, message("Not Found"), null));
        }
    }

    private void defineUserRoutes() {
        route("GET", "/user", "GET /user", (m, q, b, ex) -> {
            String login = userTokens.get(credential(ex));
            return login == null ? new Reply(403, message("Resource not accessible by integration"), null)
                    : Reply.ok(template("GET.users.username-1.json").put("login", login));
        });
        route("GET", "/user/memberships/orgs/([^/]+)", "GET /user/memberships/orgs/{org}", (m, q, b, ex) -> {
            String login = userTokens.get(credential(ex));
            String role = login == null ? null : orgRoles.get((m.group(1) + "/" + login).toLowerCase(Locale.ROOT));
            if (role == null) {
                return new Reply(404, message("Not Found"), null);
            }
            // The documented shape: state, role, the organization (simple) and the user (simple).
            ObjectNode out = JSON.createObjectNode();
            out.put("url", apiUrl() + "/orgs/" + m.group(1) + "/memberships/" + login).put("state", "active")
                    .put("role", role).put("organization_url", apiUrl() + "/orgs/" + m.group(1));
            ObjectNode org = (ObjectNode) item("GET.app.installations.json").path("account");
            out.set("organization", org.put("login", m.group(1)).put("id", orgId(m.group(1))));
            out.set("user", template("GET.users.username-1.json").put("login", login));
            return Reply.ok(out);
        });
        route("POST", "/repos/([^/]+)/([^/]+)/issues/(\\d+)/comments", "POST /repos/{o}/{r}/issues/{n}/comments",
                (m, q, b, ex) -> {
                    Pull p = repoOf(m).pulls.get(Integer.parseInt(m.group(3)));
                    if (p == null) {
                        return new Reply(404, message("Not Found"), null);
                    }
                    p.comments.add(b.path("body").asText());
                    ObjectNode out = JSON.createObjectNode();
                    long id = ids.incrementAndGet();
                    out.put("id", id).put("body", b.path("body").asText())
                            .put("url", apiUrl() + "/repos/" + m.group(1) + "/" + m.group(2) + "/issues/comments/" + id)
                            .put("created_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
                    return new Reply(201, out, null);
                });
    }

    private Repo repoOf(Matcher m) {
        Repo r = repos.get((m.group(1) + "/" + m.group(2)).toLowerCase(Locale.ROOT));
        if (r == null) {
            throw new IllegalStateException("no such repo " + m.group(1) + "/" + m.group(2));
        }
        return r;
    }

    /** A review in GitHub's shape: the list-reviews example's item with our state. */
    private static ObjectNode reviewJson(ObjectNode item, String[] r) {
        ObjectNode e = item.deepCopy();
        e.put("id", Long.parseLong(r[0])).put("state", r[2]).put("commit_id", r[3]).put("submitted_at", r[4]);
        ((ObjectNode) e.path("user")).put("login", r[1]).put("type", r[5]);
        return e;
    }

    /** A repository in GitHub's full shape: the pull request example's base repository, renamed. */
    private ObjectNode repoJson(Repo repo) {
        ObjectNode r = (ObjectNode) fixture("GET.repos.owner.repo.pulls.number.json").path("base").path("repo");
        String owner = repo.fullName.substring(0, repo.fullName.indexOf('/'));
        String name = repo.fullName.substring(repo.fullName.indexOf('/') + 1);
        r.put("name", name).put("full_name", repo.fullName).put("url", apiUrl() + "/repos/" + repo.fullName);
        ((ObjectNode) r.path("owner")).put("login", owner);
        return r;
    }

    private long orgId(String org) {
        return orgIds.computeIfAbsent(org.toLowerCase(Locale.ROOT), k -> ids.incrementAndGet());
    }

    private long teamId(String orgSlashSlug) {
        return teamIds.computeIfAbsent(orgSlashSlug, k -> ids.incrementAndGet());
    }

    private String teamKey(String teamId) {
        long id = Long.parseLong(teamId);
        return teamIds.entrySet().stream().filter(e -> e.getValue() == id).map(Map.Entry::getKey).findFirst()
                .orElse(null);
    }

    private ObjectNode pullJson(Repo repo, Pull p, String templateName) {
        JsonNode fixture = fixture(templateName);
        ObjectNode pr = (ObjectNode) (fixture.isArray() ? fixture.get(0) : fixture);
        pr.put("number", p.number).put("state", p.open ? "open" : "closed").put("draft", p.draft);
        ((ObjectNode) pr.path("user")).put("login", p.author);
        String stale = templateName.equals("GET.repos.owner.repo.pulls.number.json") ? p.staleHeads.poll() : null;
        ((ObjectNode) pr.path("head")).put("sha", stale != null ? stale : p.headSha);
        ((ObjectNode) pr.path("base")).put("ref", p.baseRef).put("sha", p.baseSha);
        ArrayNode requested = JSON.createArrayNode();
        p.requested.forEach(login -> requested.addObject().put("login", login));
        pr.set("requested_reviewers", requested);
        ArrayNode requestedTeams = JSON.createArrayNode();
        p.requestedTeams.forEach(slug -> requestedTeams.addObject().put("slug", slug));
        pr.set("requested_teams", requestedTeams);
        if (pr.has("changed_files")) {
            pr.put("changed_files", p.changedFilesOverride >= 0 ? p.changedFilesOverride : p.files.size());
        }
        return pr;
    }

    /** One page of a list, with GitHub's Link header; per_page is capped at 100 as GitHub does. */
    private Reply page(ArrayNode all, Map<String, String> q, HttpExchange ex) {
        int perPage = Math.min(100, Integer.parseInt(q.getOrDefault("per_page", Integer.toString(DEFAULT_PAGE))));
        int page = Integer.parseInt(q.getOrDefault("page", "1"));
        ArrayNode out = JSON.createArrayNode();
        for (int i = (page - 1) * perPage; i < Math.min(all.size(), page * perPage); i++) {
            out.add(all.get(i));
        }
        String link = null;
        if (page * perPage < all.size()) {
            Map<String, String> next = new LinkedHashMap<>(q);
            next.put("page", Integer.toString(page + 1));
            StringBuilder url = new StringBuilder("http://127.0.0.1:" + server.getAddress().getPort()
                    + ex.getRequestURI().getRawPath() + "?");
            next.forEach((k, v) -> url.append(k).append('=').append(v).append('&'));
            link = "<" + url.substring(0, url.length() - 1) + ">; rel=\"next\"";
        }
        return new Reply(200, out, link);
    }

    private String token(HttpExchange ex) {
        return credential(ex);
    }

    private JsonNode fixture(String name) {
        return templates.computeIfAbsent(name, n -> {
            try (InputStream in = FakeGitHub.class.getResourceAsStream("/github-rest/" + n)) {
                return JSON.readTree(in);
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("missing fixture " + n, e);
            }
        }).deepCopy();
    }

    /** A copy of an object fixture. */
    private ObjectNode template(String name) {
        return (ObjectNode) fixture(name);
    }

    /** A copy of the first item of a list fixture. */
    private ObjectNode item(String name) {
        return (ObjectNode) fixture(name).get(0);
    }

    private static JsonNode message(String text) {
        return JSON.createObjectNode().put("message", text)
                .put("documentation_url", "https://docs.github.com/rest");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    public static String gitBlobSha(String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        byte[] header = ("blob " + bytes.length + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[header.length + bytes.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(bytes, 0, all, header.length, bytes.length);
        return sha1(all);
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
