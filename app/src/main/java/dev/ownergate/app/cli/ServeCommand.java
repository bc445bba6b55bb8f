package dev.ownergate.app.cli;

import dev.ownergate.app.config.AppConfig;
import dev.ownergate.app.config.AppConfigLoader;
import dev.ownergate.app.config.ConfigException;
import dev.ownergate.app.server.OwnergateServer;
import dev.ownergate.app.config.SetupSettings;
import dev.ownergate.app.server.PolicyGate;
import dev.ownergate.app.setup.SetupServer;
import dev.ownergate.cli.OwnergateCli;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ownergate serve}: runs the GitHub App webhook server until stopped. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Run the GitHub App: receive webhooks and post the code-owners check run.",
            "",
            "Settings come from the environment first, then the --config file:",
            "  OWNERGATE_APP_ID, OWNERGATE_PRIVATE_KEY_FILE (or OWNERGATE_PRIVATE_KEY), OWNERGATE_WEBHOOK_SECRET,",
            "  OWNERGATE_GITHUB_API_URL (default https://api.github.com), OWNERGATE_PORT (default 8080),",
            "  OWNERGATE_PUBLIC_URL, OWNERGATE_RECONCILE_INTERVAL (default 10m), OWNERGATE_MAX_EVALUATIONS,",
            "  OWNERGATE_DATA_DIR (default ./data: the embedded database), OWNERGATE_DATABASE_URL (PostgreSQL),",
            "  OWNERGATE_DATABASE_USER, OWNERGATE_DATABASE_PASSWORD, OWNERGATE_AUDIT_RETENTION_DAYS (default: all),",
            "  OWNERGATE_CLIENT_ID, OWNERGATE_CLIENT_SECRET (sign-in to the pages), OWNERGATE_ADMIN_TEAM,",
            "  OWNERGATE_ADMIN_TOKEN, OWNERGATE_SESSION_SECRET, OWNERGATE_METRICS_LABELS (minimal or detailed).",
            "",
            "With no App credentials and no --config file, serve starts in setup mode: open /setup to register",
            "the App on GitHub in one click (GitHub's manifest flow)."
        })
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file with settings (keys: app_id, "
            + "private_key_file, webhook_secret, github_api_url, port, public_url, reconcile_interval, max_evaluations, data_dir, database_url, database_user, database_password, "
            + "audit_retention_days)")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> env = System.getenv();
        if (config == null && !AppConfigLoader.appConfigured(env, Optional.empty())) {
            // The credentials /setup saved on request, so "Save" and a restart finish a setup.
            Optional<Path> saved = AppConfigLoader.savedBySetup(env);
            if (saved.isPresent()) {
                System.err.println("ownergate serve: using the App saved by /setup: " + saved.get());
                config = saved.get();
            } else {
                return setupMode();
            }
        }
        AppConfig settings;
        try {
            settings = AppConfigLoader.load(System.getenv(), Optional.ofNullable(config));
        } catch (ConfigException e) {
            System.err.println("ownergate serve: " + e.getMessage());
            return OwnergateCli.EXIT_INVALID;
        }
        settings.weakSecretWarning().ifPresent(w -> System.err.println("ownergate serve: " + w));
        return runUntilStopped(OwnergateServer.builder(settings).gate(new PolicyGate())
                // How long a replica killed mid-job holds that job; only tests and benchmarks shorten it.
                .lease(Duration.ofMillis(Long.getLong("ownergate.jobLeaseMillis", 30_000)))
                .start());
    }

    /** No App credentials at all: serve /setup, which registers the App with GitHub's manifest flow. */
    private Integer setupMode() throws InterruptedException {
        SetupSettings settings;
        try {
            settings = AppConfigLoader.setupSettings(System.getenv());
        } catch (ConfigException e) {
            System.err.println("ownergate serve: " + e.getMessage());
            return OwnergateCli.EXIT_INVALID;
        }
        return runUntilStopped(SetupServer.start(settings));
    }

    private static Integer runUntilStopped(AutoCloseable server) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("ownergate serve: stopping: " + e);
            }
            stopped.countDown();
        }, "ownergate-shutdown"));
        stopped.await();
        return OwnergateCli.EXIT_OK;
    }
}
