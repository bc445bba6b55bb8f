package dev.ownergate.app.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownergate.app.browser.HeadlessChromium;
import dev.ownergate.app.config.AppConfig;
import dev.ownergate.app.config.AppConfigLoader;
import dev.ownergate.app.config.PemKeys;
import dev.ownergate.app.config.SetupSettings;
import dev.ownergate.app.fake.FakeGitHub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The one-click registration in a real headless Chromium against the fake GitHub (served under /api/v3 like
 * GitHub Enterprise Server, so the manifest goes to the web root): the button posts the manifest, the fake
 * "confirms" and redirects back with a code, the callback trades it via {@code POST /app-manifests/{code}/
 * conversions} and shows credentials that really are the new App's; nothing is written until "Save".
 */
class SetupFlowBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dataDir;
    @TempDir Path profile;
    FakeGitHub github;
    SetupServer setup;
    ChromeDriver browser;

    @BeforeEach
    void start() {
        github = FakeGitHub.start("/api/v3");
        setup = SetupServer.start(new SetupSettings(0, github.apiUrl(), Optional.empty(), dataDir));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        setup.close();
        github.close();
    }

    private void openBrowser() {
        assumeTrue(HeadlessChromium.installed(), HeadlessChromium.notInstalled());
        browser = HeadlessChromium.start(profile);
    }

    private String setupUrl(String path) {
        return "http://127.0.0.1:" + setup.port() + path;
    }

    @Test
    void oneClickRegistersTheAppAndShowsItsRealCredentialsWithoutWritingAnything() throws Exception {
        openBrowser();
        browser.get(setupUrl("/setup"));
        browser.findElement(By.id("org")).sendKeys("acme");
        browser.findElement(By.id("use-org")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("register"), "for acme"));
        browser.findElement(By.id("register")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("app-id")));

        // GitHub got our manifest, with this server's addresses filled in, and the permissions of the file.
        assertThat(github.manifestsReceived()).hasSize(1);
        JsonNode sent = github.manifestsReceived().get(0);
        ObjectNode file = AppManifest.template();
        assertThat(sent.get("default_permissions")).isEqualTo(file.get("default_permissions"));
        assertThat(sent.get("default_events")).isEqualTo(file.get("default_events"));
        assertThat(sent.at("/hook_attributes/url").asText()).isEqualTo(setupUrl("/webhook"));
        assertThat(sent.get("redirect_url").asText()).isEqualTo(setupUrl("/setup/callback"));
        assertThat(github.calls().getOrDefault("POST /app-manifests/{code}/conversions", 0)).isEqualTo(1);

        // What the page says to store is the new App's: its id, its key, its secrets.
        long id = Long.parseLong(browser.findElement(By.id("app-id")).getText());
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) PemKeys.parseRsaPrivateKey(
                browser.findElement(By.id("private-key")).getText() + "\n");
        assertThat(key.getModulus()).isEqualTo(((RSAPublicKey) github.registeredAppKeys(id).getPublic()).getModulus());
        String env = browser.findElement(By.id("env")).getText();
        assertThat(env).contains("OWNERGATE_APP_ID=" + id, "OWNERGATE_WEBHOOK_SECRET=", "OWNERGATE_CLIENT_ID=Iv23li",
                "OWNERGATE_CLIENT_SECRET=", "OWNERGATE_PRIVATE_KEY_FILE=");
        assertThat(browser.findElement(By.id("kubectl")).getText())
                .contains("--from-literal=app-id=" + id, "webhook-secret", "client-secret", "private-key.pem");
        assertThat(browser.findElement(By.id("install")).getAttribute("href")).endsWith("/installations/new");
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files).as("nothing written before Save").isEmpty();
        }

        browser.findElement(By.id("save")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("saved")));
        Path config = dataDir.resolve("github-app/ownergate.yml");
        Path pem = dataDir.resolve("github-app/private-key.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pem))).isEqualTo("rw-------");
        assertThat(Files.readString(config)).contains("app_id: " + id, "private_key_file: '" + pem.toAbsolutePath() + "'");
        assertThat(((RSAPrivateCrtKey) PemKeys.parseRsaPrivateKey(Files.readString(pem))).getModulus())
                .isEqualTo(key.getModulus());

        // A restart with no App in the environment finds the saved file, and it loads as the App's settings.
        Map<String, String> restart = Map.of("OWNERGATE_DATA_DIR", dataDir.toString());
        assertThat(AppConfigLoader.appConfigured(restart, Optional.empty())).isFalse();
        assertThat(AppConfigLoader.savedBySetup(restart)).contains(config);
        AppConfig loaded = AppConfigLoader.load(restart, Optional.of(config));
        assertThat(loaded.appId()).isEqualTo(id);
        assertThat(((RSAPrivateCrtKey) loaded.privateKey()).getModulus()).isEqualTo(key.getModulus());
        assertThat(new String(loaded.webhookSecret(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(value(env, "OWNERGATE_WEBHOOK_SECRET"));
    }

    private static String value(String lines, String name) {
        return lines.lines().filter(l -> l.startsWith(name + "=")).map(l -> l.substring(name.length() + 1))
                .findFirst().orElseThrow();
    }

    @Test
    void aCallbackNotStartedInThisBrowserIsRefusedAndTradesNoCode() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        http.send(HttpRequest.newBuilder(URI.create(setupUrl("/setup"))).build(), HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(
                URI.create(setupUrl("/setup/callback?code=abc123&state=made-up"))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("Setup not recognised");
        assertThat(github.calls().getOrDefault("POST /app-manifests/{code}/conversions", 0)).isZero();
    }

    @Test
    void setupModeIsNotReadyAndTheSetupPageCarriesTheManifest() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(setupUrl("/readyz"))).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(setupUrl("/setup"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(page.headers().firstValue("Set-Cookie").orElse("")).contains("HttpOnly", "SameSite=Lax");
        assertThat(page.body()).contains("action=\"" + ManifestConversion.webUrl(github.apiUrl()) + "/settings/apps/new?state=",
                "OWNERGATE_PUBLIC_URL is not set");
    }

    @Test
    void webAddressesOfGitHubAndEnterpriseServer() {
        assertThat(ManifestConversion.webUrl(URI.create("https://api.github.com"))).hasToString("https://github.com");
        assertThat(ManifestConversion.webUrl(URI.create("https://ghe.example.com/api/v3"))).hasToString("https://ghe.example.com");
        assertThat(ManifestConversion.webUrl(URI.create("https://api.acme.ghe.com"))).hasToString("https://acme.ghe.com");
    }
}
