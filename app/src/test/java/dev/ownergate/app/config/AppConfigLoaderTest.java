package dev.ownergate.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigLoaderTest {
    static PrivateKey key;
    static String pkcs8Pem;
    static String pkcs1Pem;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        key = gen.generateKeyPair().getPrivate();
        byte[] pkcs8 = key.getEncoded();
        // A 2048-bit key's PKCS#8 wrapper is a fixed 26-byte header around the PKCS#1 structure.
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
        pkcs8Pem = pem("PRIVATE KEY", pkcs8);
        pkcs1Pem = pem("RSA PRIVATE KEY", pkcs1);
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("OWNERGATE_APP_ID", "123");
        env.put("OWNERGATE_PRIVATE_KEY", pkcs8Pem);
        env.put("OWNERGATE_WEBHOOK_SECRET", "s3cret");
        return env;
    }

    @Test
    void everyMissingSettingIsNamedInOneMessage() {
        assertThatThrownBy(() -> AppConfigLoader.load(Map.of(), Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("OWNERGATE_APP_ID")
                .hasMessageContaining("OWNERGATE_PRIVATE_KEY_FILE")
                .hasMessageContaining("OWNERGATE_WEBHOOK_SECRET");
    }

    @Test
    void defaultsApplyWhenOnlyTheRequiredSettingsAreGiven() throws Exception {
        AppConfig c = AppConfigLoader.load(minimal(), Optional.empty());
        assertThat(c.appId()).isEqualTo(123);
        assertThat(c.apiUrl()).hasToString("https://api.github.com");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.reconcileInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.maxEvaluations()).isEqualTo(32);
        assertThat(c.publicUrl()).isEmpty();
        assertThat(c.privateKey()).isEqualTo(key);
    }

    @Test
    void pkcs1KeysAsGitHubIssuesThemAreAccepted() throws Exception {
        assertThat(PemKeys.parseRsaPrivateKey(pkcs1Pem)).isEqualTo(key);
    }

    @Test
    void garbageKeyIsReportedWithoutEchoingIt() {
        Map<String, String> env = minimal();
        env.put("OWNERGATE_PRIVATE_KEY", "-----BEGIN RSA PRIVATE KEY-----\nAAAAsecretish\n-----END RSA PRIVATE KEY-----");
        assertThatThrownBy(() -> AppConfigLoader.load(env, Optional.empty()))
                .hasMessageContaining("OWNERGATE_PRIVATE_KEY")
                .hasMessageNotContaining("secretish");
    }

    @Test
    void configFileFillsWhatTheEnvironmentLeavesOutAndTheEnvironmentWins(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("key.pem");
        Files.writeString(keyFile, pkcs1Pem);
        Path file = dir.resolve("ownergate.yml");
        Files.writeString(file, """
                app_id: 99
                private_key_file: %s
                webhook_secret: from-file
                github_api_url: https://github.example.com/api/v3/
                port: 9000
                reconcile_interval: 90s
                max_evaluations: 4
                """.formatted(keyFile));
        AppConfig c = AppConfigLoader.load(Map.of("OWNERGATE_PORT", "9100"), Optional.of(file));
        assertThat(c.appId()).isEqualTo(99);
        assertThat(c.apiUrl()).hasToString("https://github.example.com/api/v3");
        assertThat(c.port()).isEqualTo(9100);
        assertThat(c.reconcileInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.maxEvaluations()).isEqualTo(4);
        assertThat(new String(c.webhookSecret(), StandardCharsets.UTF_8)).isEqualTo("from-file");
    }

    @Test
    void unknownKeysInTheFileArePositionedErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ownergate.yml");
        Files.writeString(file, "app_id: 1\nwebhook_secert: x\n");
        assertThatThrownBy(() -> AppConfigLoader.load(Map.of(), Optional.of(file)))
                .hasMessageContaining("ownergate.yml:2:1: unknown setting 'webhook_secert'");
    }

    @Test
    void invalidValuesSayWhatIsExpected() {
        Map<String, String> env = minimal();
        env.put("OWNERGATE_PORT", "eighty");
        env.put("OWNERGATE_RECONCILE_INTERVAL", "often");
        env.put("OWNERGATE_GITHUB_API_URL", "ftp://x");
        env.put("OWNERGATE_MAX_EVALUATIONS", "0");
        assertThatThrownBy(() -> AppConfigLoader.load(env, Optional.empty()))
                .hasMessageContaining("OWNERGATE_PORT must be a port number")
                .hasMessageContaining("OWNERGATE_RECONCILE_INTERVAL must be a positive duration")
                .hasMessageContaining("OWNERGATE_GITHUB_API_URL must be an http(s) URL")
                .hasMessageContaining("OWNERGATE_MAX_EVALUATIONS must be a whole number from 1 to 100, not '0'");
    }

    @Test
    void toStringNeverShowsTheSecretOrKey() throws Exception {
        AppConfig c = AppConfigLoader.load(minimal(), Optional.empty());
        assertThat(c.toString()).doesNotContain("s3cret").doesNotContain("MII");
    }

    @Test
    void signInAdminAndMetricsSettingsAreRead() throws Exception {
        Map<String, String> env = minimal();
        env.put("OWNERGATE_CLIENT_ID", "Iv1.abc");
        env.put("OWNERGATE_CLIENT_SECRET", "shh");
        env.put("OWNERGATE_ADMIN_TEAM", "acme/ownergate-admins");
        env.put("OWNERGATE_ADMIN_TOKEN", "t".repeat(40));
        env.put("OWNERGATE_SESSION_SECRET", "s".repeat(32));
        env.put("OWNERGATE_METRICS_LABELS", "detailed");

        WebSettings web = AppConfigLoader.load(env, Optional.empty()).web();

        assertThat(web.signInEnabled()).isTrue();
        assertThat(web.clientId()).contains("Iv1.abc");
        assertThat(web.adminTeam()).contains("acme/ownergate-admins");
        assertThat(web.adminToken().map(String::new)).contains("t".repeat(40));
        assertThat(web.sessionSecret()).isPresent();
        assertThat(web.detailedMetrics()).isTrue();
        assertThat(web.toString()).doesNotContain("shh", "tttt", "ssss");
    }

    @Test
    void withoutThemNobodySignsInAndMetricsStayMinimal() throws Exception {
        WebSettings web = AppConfigLoader.load(minimal(), Optional.empty()).web();

        assertThat(web.signInEnabled()).isFalse();
        assertThat(web.adminToken()).isEmpty();
        assertThat(web.sessionSecret()).isEmpty();
        assertThat(web.detailedMetrics()).isFalse();
    }

    @Test
    void badSignInSettingsAreAllNamed() {
        Map<String, String> env = minimal();
        env.put("OWNERGATE_CLIENT_ID", "Iv1.abc");
        env.put("OWNERGATE_ADMIN_TEAM", "ownergate-admins");
        env.put("OWNERGATE_ADMIN_TOKEN", "short");
        env.put("OWNERGATE_SESSION_SECRET", "short");
        env.put("OWNERGATE_METRICS_LABELS", "everything");

        assertThatThrownBy(() -> AppConfigLoader.load(env, Optional.empty()))
                .hasMessageContaining("OWNERGATE_CLIENT_ID and OWNERGATE_CLIENT_SECRET go together")
                .hasMessageContaining("OWNERGATE_ADMIN_TEAM must be org/team-slug")
                .hasMessageContaining("OWNERGATE_ADMIN_TOKEN must be at least 32 characters")
                .hasMessageContaining("OWNERGATE_SESSION_SECRET must be at least 32 characters")
                .hasMessageContaining("OWNERGATE_METRICS_LABELS must be minimal")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("'short'"));
    }

    @Test
    void theStoreDefaultsToAnEmbeddedFileUnderData() throws Exception {
        var store = AppConfigLoader.load(minimal(), Optional.empty()).store();
        assertThat(store.embedded()).isTrue();
        assertThat(store.dataDir()).isEqualTo(Path.of("data"));
        assertThat(store.jdbcUrl()).startsWith("jdbc:h2:file:").contains("WRITE_DELAY=0");
        assertThat(store.retentionDays()).isEmpty();
    }

    @Test
    void databaseSettingsComeFromTheEnvironmentOrTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ownergate.yml");
        Files.writeString(file, "database_url: jdbc:postgresql://db:5432/og\ndatabase_user: og\n"
                + "audit_retention_days: 365\n");
        Map<String, String> env = minimal();
        env.put("OWNERGATE_DATABASE_PASSWORD", "pw");
        var store = AppConfigLoader.load(env, Optional.of(file)).store();
        assertThat(store.databaseUrl()).contains("jdbc:postgresql://db:5432/og");
        assertThat(store.user()).contains("og");
        assertThat(store.password()).contains("pw");
        assertThat(store.retentionDays()).contains(365);
        assertThat(store.embedded()).isFalse();
        assertThat(AppConfigLoader.loadStore(Map.of("OWNERGATE_DATA_DIR", "/var/lib/og"), Optional.empty())
                .dataDir()).isEqualTo(Path.of("/var/lib/og"));
    }

    @Test
    void badDatabaseSettingsSayWhatIsExpectedWithoutThePassword() {
        Map<String, String> env = minimal();
        env.put("OWNERGATE_DATABASE_URL", "postgres://user:hunter2@db/og");
        env.put("OWNERGATE_AUDIT_RETENTION_DAYS", "forever");
        assertThatThrownBy(() -> AppConfigLoader.load(env, Optional.empty()))
                .hasMessageContaining("OWNERGATE_DATABASE_URL must be a JDBC URL such as jdbc:postgresql://")
                .hasMessageContaining("OWNERGATE_AUDIT_RETENTION_DAYS must be a number of days")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aWebhookSecretShorterThan16CharactersDrawsAWarningAndALongerOneNone() throws Exception {
        java.security.KeyPairGenerator gen = java.security.KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        java.security.PrivateKey key = gen.generateKeyPair().getPrivate();
        AppConfig weak = new AppConfig(1, key, "x".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                AppConfig.GITHUB_COM_API, 0, java.util.Optional.empty(), AppConfig.DEFAULT_RECONCILE_INTERVAL, 1);
        AppConfig strong = new AppConfig(1, key, "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                AppConfig.GITHUB_COM_API, 0, java.util.Optional.empty(), AppConfig.DEFAULT_RECONCILE_INTERVAL, 1);

        assertThat(weak.weakSecretWarning()).hasValueSatisfying(w -> assertThat(w)
                .contains("the webhook secret has 1 characters").contains("at least 16").doesNotContain("'x'"));
        assertThat(strong.weakSecretWarning()).isEmpty();
    }
}
