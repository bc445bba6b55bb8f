package dev.ownergate.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When {@code serve} starts in setup mode, and what setup mode reads. */
class SetupModeSettingsTest {
    @TempDir Path dir;

    @Test
    void noAppCredentialsAtAllMeansSetupMode() {
        assertThat(AppConfigLoader.appConfigured(Map.of("OWNERGATE_PORT", "9000"), Optional.empty())).isFalse();
    }

    @Test
    void anyCredentialOrAConfigFileMeansTheAppRunsAndReportsWhatIsMissing() {
        assertThat(AppConfigLoader.appConfigured(Map.of("OWNERGATE_APP_ID", "1"), Optional.empty())).isTrue();
        assertThat(AppConfigLoader.appConfigured(Map.of("OWNERGATE_WEBHOOK_SECRET", "s"), Optional.empty())).isTrue();
        assertThat(AppConfigLoader.appConfigured(Map.of("OWNERGATE_PRIVATE_KEY", "pem"), Optional.empty())).isTrue();
        assertThat(AppConfigLoader.appConfigured(Map.of(), Optional.of(dir.resolve("x.yml")))).isTrue();
    }

    @Test
    void aKeyFilePathNamingNoFileIsAnOptionalSecretNotMountedYet() throws Exception {
        Path key = dir.resolve("private-key.pem");
        Map<String, String> env = Map.of("OWNERGATE_PRIVATE_KEY_FILE", key.toString(), "OWNERGATE_APP_ID", " ");
        assertThat(AppConfigLoader.appConfigured(env, Optional.empty())).isFalse();
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----");
        assertThat(AppConfigLoader.appConfigured(env, Optional.empty())).isTrue();
    }

    @Test
    void setupModeReadsPortGitHubPublicUrlAndDataDirectory() throws Exception {
        SetupSettings s = AppConfigLoader.setupSettings(Map.of("OWNERGATE_PORT", "9001",
                "OWNERGATE_GITHUB_API_URL", "https://ghe.example.com/api/v3/", "OWNERGATE_PUBLIC_URL", "https://og.example.com",
                "OWNERGATE_DATA_DIR", dir.toString()));
        assertThat(s.port()).isEqualTo(9001);
        assertThat(s.apiUrl()).isEqualTo(URI.create("https://ghe.example.com/api/v3"));
        assertThat(s.publicUrl()).contains(URI.create("https://og.example.com"));
        assertThat(s.savedConfig()).isEqualTo(dir.resolve("github-app/ownergate.yml"));

        SetupSettings defaults = AppConfigLoader.setupSettings(Map.of());
        assertThat(defaults.port()).isEqualTo(8080);
        assertThat(defaults.apiUrl()).isEqualTo(AppConfig.GITHUB_COM_API);
        assertThat(defaults.dataDir()).isEqualTo(Path.of("data"));
    }

    @Test
    void setupModeReportsInvalidSettingsLikeTheApp() {
        assertThatThrownBy(() -> AppConfigLoader.setupSettings(Map.of("OWNERGATE_PORT", "http", "OWNERGATE_PUBLIC_URL", "nope")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("OWNERGATE_PORT must be a port number")
                .hasMessageContaining("OWNERGATE_PUBLIC_URL must be an http(s) URL");
    }

    @Test
    void theFileSetupSavedIsFoundInTheDataDirectory() throws Exception {
        Map<String, String> env = Map.of("OWNERGATE_DATA_DIR", dir.toString());
        assertThat(AppConfigLoader.savedBySetup(env)).isEmpty();
        Files.createDirectories(dir.resolve("github-app"));
        Files.writeString(dir.resolve("github-app/ownergate.yml"), "app_id: 1\n");
        assertThat(AppConfigLoader.savedBySetup(env)).contains(dir.resolve("github-app/ownergate.yml"));
    }
}
