package dev.ownergate.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownergate.app.browser.HeadlessChromium;
import dev.ownergate.app.config.AppConfig;
import dev.ownergate.app.config.WebSettings;
import dev.ownergate.app.fake.FakeGitHub;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, installed by
 * {@code .ci/install-deps.sh}), signing in through the fake GitHub's OAuth endpoints. Skips, saying why, when the
 * browser is not installed. Requests a browser cannot make (a forged POST, the API) go through an HTTP client.
 */
class PagesBrowserTest {
    static final long INSTALLATION = 7;
    static final String REPO = "acme/widgets";
    static final String SECRET_REPO = "acme/vault";
    static final String ADMIN_TOKEN = "admin-token-0123456789abcdef0123456789abcdef";
    static final String HOSTILE_FILE = "src/<img src=x onerror=\"window.pwned=1\">.txt";
    static final String HOSTILE_LOGIN = "x<img src=y onerror=window.pwned=2>";
    static final String OVERRIDER = "rita";
    static final String HOSTILE_REASON = "<script>window.pwned=3</script> prod & \"down\"";

    static ServerHarness h;
    static ChromeDriver browser;
    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start(@TempDir Path profile) throws Exception {
        h = new ServerHarness(new PolicyGate(), c -> new AppConfig(c.appId(), c.privateKey(), c.webhookSecret(),
                c.apiUrl(), c.port(), Optional.empty(), c.reconcileInterval(), c.maxEvaluations(), c.store(),
                new WebSettings(Optional.of("Iv1.ownergate"), Optional.of("oauth-secret"),
                        Optional.of("acme/ownergate-admins"), Optional.of(ADMIN_TOKEN.getBytes(StandardCharsets.UTF_8)),
                        false, Optional.empty())), false);
        FakeGitHub gh = h.github;
        gh.oauthClient("Iv1.ownergate", "oauth-secret");
        gh.installation(INSTALLATION, REPO, SECRET_REPO);
        gh.team("acme", "ownergate-admins", "ada");
        gh.user("alice");
        FakeGitHub.Repo repo = gh.repo(REPO);
        repo.permission("viv", "read");
        repo.permission(HOSTILE_LOGIN, "read");
        repo.permission("ada", "admin");
        gh.repo(SECRET_REPO).permission("ada", "admin");
        String base = repo.commit(Map.of("OWNERS", "approvers:\n- alice\n", HOSTILE_FILE, "x\n", "src/ok.txt", "y\n",
                ".github/ownergate.yml", "override:\n  users: [" + OVERRIDER + "]\n"));
        repo.pull(5, "carol", "main", base, "h5").modified(HOSTILE_FILE, "src/ok.txt");
        h.deliver("pull_request", ServerHarness.pullRequestEvent("pull_request.opened.json", INSTALLATION, REPO, 5, "h5"));
        h.awaitIdle();
        override(OVERRIDER, "/ownergate override " + HOSTILE_REASON);

        if (!HeadlessChromium.installed()) {
            return; // each browser test then reports itself skipped, with the reason
        }
        browser = HeadlessChromium.start(profile);
    }

    static void override(String login, String body) throws InterruptedException {
        ObjectNode p = ServerHarness.payload("issue_comment.created.json");
        p.putObject("installation").put("id", INSTALLATION);
        ((ObjectNode) p.path("repository")).put("full_name", REPO);
        ((ObjectNode) p.path("issue")).put("number", 5).putObject("pull_request").put("url", "x");
        ((ObjectNode) p.path("comment")).put("body", body);
        ((ObjectNode) p.path("comment").path("user")).put("login", login);
        h.deliver("issue_comment", p);
        h.awaitIdle();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        h.close();
    }

    @BeforeEach
    void signedOut() {
        if (browser != null) {
            browser.manage().deleteAllCookies();
        }
    }

    private static void needsTheBrowser() {
        assumeTrue(browser != null, HeadlessChromium.notInstalled());
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + h.server.port() + path;
    }

    /** Signs the browser in through the fake GitHub as {@code login}, starting from {@code path}. */
    private static void open(String login, String path) {
        h.github.browserSignedInAs(login);
        browser.get(url(path));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().startsWith(url(""))
                && !d.getCurrentUrl().contains("/login"));
    }

    private static String session() {
        return browser.manage().getCookieNamed("ownergate_session").getValue();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void signingInWithGitHubLeadsBackToThePageAskedFor() {
        needsTheBrowser();

        open("viv", "/pulls/acme/widgets/5");

        assertThat(browser.getCurrentUrl()).isEqualTo(url("/pulls/acme/widgets/5"));
        assertThat(browser.findElement(By.id("viewer")).getText()).isEqualTo("viv");
        assertThat(browser.findElement(By.id("conclusion")).getText()).isEqualTo("success");
        assertThat(browser.findElement(By.id("rules-source")).getText()).startsWith("OWNERS files at");
        assertThat(browser.findElements(By.cssSelector("#matrix tr.file"))).hasSize(2);
        assertThat(browser.findElement(By.id("history")).getText()).contains("override", "evaluation");
        assertThat(h.github.calls()).containsKeys("GET /login/oauth/authorize", "POST /login/oauth/access_token",
                "GET /user");
    }

    @Test
    void aVisitorWhoIsNotSignedInIsSentToSignInAndTheApiAnswers401WithNoData() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(url("/pulls/acme/widgets/5"))));
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).contains("/login?next=%2Fpulls%2Facme%2Fwidgets%2F5");
        assertThat(page.body()).doesNotContain("src/", "widgets", "override");

        HttpResponse<String> admin = send(HttpRequest.newBuilder(URI.create(url("/admin"))));
        assertThat(admin.statusCode()).isEqualTo(302);

        HttpResponse<String> api = send(HttpRequest.newBuilder(URI.create(url("/api/audit"))));
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.body()).doesNotContain("acme", "src/");
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(URI.create(url("/api/audit")))
                .header("Authorization", "Bearer " + ADMIN_TOKEN.replace('0', '1')));
        assertThat(wrong.statusCode()).isEqualTo(401);

        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(url("/login?next=/admin"))));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow())
                .startsWith(h.github.apiUrl() + "/login/oauth/authorize?client_id=Iv1.ownergate");
    }

    @Test
    void aRepositoryTheViewerCannotReadIsNotFound() throws Exception {
        needsTheBrowser();
        open("viv", "/pulls/acme/vault/1");

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        HttpResponse<String> direct = send(HttpRequest.newBuilder(URI.create(url("/pulls/acme/vault/1")))
                .header("Cookie", "ownergate_session=" + session()));
        assertThat(direct.statusCode()).isEqualTo(404);
        HttpResponse<String> readable = send(HttpRequest.newBuilder(URI.create(url("/pulls/acme/widgets/5")))
                .header("Cookie", "ownergate_session=" + session()));
        assertThat(readable.statusCode()).isEqualTo(200);
        assertThat(readable.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void hostileFileNamesLoginsAndReasonsAreShownAsText() {
        needsTheBrowser();
        open(HOSTILE_LOGIN, "/pulls/acme/widgets/5");

        assertThat(browser.findElement(By.id("viewer")).getText()).isEqualTo(HOSTILE_LOGIN);
        assertThat(browser.findElements(By.cssSelector("#matrix td.path")).stream().map(e -> e.getText()).toList())
                .contains(HOSTILE_FILE);
        assertThat(browser.findElement(By.id("override-actor")).getText()).isEqualTo(OVERRIDER);
        assertThat(browser.findElement(By.id("override-reason")).getText()).isEqualTo(HOSTILE_REASON);
        JavascriptExecutor js = browser;
        assertThat(js.executeScript("return document.querySelectorAll('main img, body img, body script').length"))
                .isEqualTo(0L);
        assertThat(js.executeScript("return window.pwned === undefined")).isEqualTo(true);
    }

    @Test
    void anAdminSeesEveryInstalledRepositoryAndCanReEvaluateAPullRequest() {
        needsTheBrowser();
        open("ada", "/admin");

        assertThat(browser.findElements(By.cssSelector("#repos tr.repo")).stream().map(e -> e.getText()).toList())
                .anySatisfy(row -> assertThat(row).contains(REPO, "100.0% of ", " files have an owner",
                        "@alice has no write access to acme/widgets"))
                .anySatisfy(row -> assertThat(row).contains(SECRET_REPO, "not measured"));
        assertThat(browser.findElement(By.id("exceptions")).getText()).contains("override", OVERRIDER, HOSTILE_REASON);
        assertThat(browser.findElement(By.id("recent")).getText()).contains(REPO + "#5");
        int checksBefore = h.github.repo(REPO).checkRuns().size();

        var form = browser.findElements(By.cssSelector("#repos tr.repo")).stream()
                .filter(row -> row.getText().contains(REPO)).findFirst().orElseThrow()
                .findElement(By.cssSelector("form.reevaluate"));
        form.findElement(By.name("number")).sendKeys("5");
        form.findElement(By.tagName("button")).click();

        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !d.findElements(By.id("flash")).isEmpty());
        assertThat(browser.findElement(By.id("flash")).getText()).isEqualTo("Queued a re-evaluation of acme/widgets#5.");
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> h.github.repo(REPO).checkRuns().size() > checksBefore);
    }

    @Test
    void aDeadLetterDeliveryShowsOnTheAdminPageAndCanBeReQueued() throws Exception {
        needsTheBrowser();
        FakeGitHub.Repo repo = h.github.repo(REPO);
        String base = repo.commit(Map.of("OWNERS", "approvers:\n- alice\n", "src/ok.txt", "y\n"));
        repo.pull(6, "carol", "main", base, "h6").modified("src/ok.txt").review(61, "alice", "APPROVED");
        h.github.fail("GET /repos/{o}/{r}/pulls/{n}", 500, 6, null); // every attempt the retry policy allows
        h.deliver("pull_request", ServerHarness.pullRequestEvent("pull_request.opened.json", INSTALLATION, REPO, 6, "h6"));
        h.awaitIdle();
        assertThat(repo.latestCheckRun("h6", "code-owners").path("conclusion").asText()).isEqualTo("failure");

        open("ada", "/admin");
        var row = browser.findElements(By.cssSelector("#dead-letters tr.dead-letter")).stream()
                .filter(r -> r.getText().contains("acme/widgets#6")).findFirst().orElseThrow();
        assertThat(row.getText()).contains("injected failure");
        row.findElement(By.cssSelector("form.requeue button")).click();

        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !d.findElements(By.id("flash")).isEmpty());
        assertThat(browser.findElement(By.id("flash")).getText()).startsWith("Moved dead-letter job");
        h.awaitIdle();
        assertThat(repo.latestCheckRun("h6", "code-owners").path("conclusion").asText()).isEqualTo("success");
    }

    @Test
    void someoneWhoIsNotAnAdminGetsNotFoundOnTheAdminPage() {
        needsTheBrowser();
        open("viv", "/admin");

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        assertThat(browser.getPageSource()).doesNotContain(SECRET_REPO);
    }

    @Test
    void aPostWithoutTheSessionsCsrfTokenIsRejected() throws Exception {
        needsTheBrowser();
        open("ada", "/admin");
        int checksBefore = h.github.repo(REPO).checkRuns().size();

        // A forged form, as another site could make the browser send with the session cookie.
        for (String body : List.of("repo=acme%2Fwidgets&number=5", "repo=acme%2Fwidgets&number=5&csrf=forged")) {
            HttpResponse<String> forged = send(HttpRequest.newBuilder(URI.create(url("/admin/reevaluate")))
                    .header("Cookie", "ownergate_session=" + session())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(forged.statusCode()).as(body).isEqualTo(403);
        }
        // The page's own form with its token tampered with, in the browser.
        ((JavascriptExecutor) browser).executeScript(
                "document.querySelector('form.reevaluate input[name=csrf]').value = 'tampered';"
                        + "document.querySelector('form.reevaluate input[name=number]').value = '5';"
                        + "document.querySelector('form.reevaluate').submit();");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getPageSource().contains("CSRF"));
        HttpResponse<String> logout = send(HttpRequest.newBuilder(URI.create(url("/logout")))
                .header("Cookie", "ownergate_session=" + session()).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(logout.statusCode()).isEqualTo(403);

        h.awaitIdle();
        assertThat(h.github.repo(REPO).checkRuns()).hasSize(checksBefore);
    }

    @Test
    void theApiTakesTheAdminTokenAsABearer() throws Exception {
        HttpResponse<String> audit = send(HttpRequest.newBuilder(URI.create(url("/api/audit?repo=" + REPO)))
                .header("Authorization", "Bearer " + ADMIN_TOKEN));
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.body()).contains(REPO, "\"kind\" : \"override\"", OVERRIDER);

        HttpResponse<String> queued = send(HttpRequest.newBuilder(URI.create(url("/api/pulls/acme/widgets/5/reevaluate")))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(queued.statusCode()).isEqualTo(202);
        h.awaitIdle();
    }

    @Test
    void metricsNameNoRepository() throws Exception {
        HttpResponse<String> metrics = send(HttpRequest.newBuilder(URI.create(url("/metrics"))));

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("ownergate_").doesNotContain("acme", "widgets");
    }
}
