package dev.ownergate.app.cli;

import dev.ownergate.app.config.AppConfig;
import dev.ownergate.app.config.AppConfigLoader;
import dev.ownergate.app.config.ConfigException;
import dev.ownergate.app.server.OwnergateServer;
import dev.ownergate.app.server.PolicyGate;
import dev.ownergate.cli.OwnergateCli;
import java.nio.file.Path;
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
            "  OWNERGATE_PUBLIC_URL, OWNERGATE_RECONCILE_INTERVAL (default 10m)."
        })
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file with settings (keys: app_id, "
            + "private_key_file, webhook_secret, github_api_url, port, public_url, reconcile_interval, max_evaluations)")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        AppConfig settings;
        try {
            settings = AppConfigLoader.load(System.getenv(), Optional.ofNullable(config));
        } catch (ConfigException e) {
            System.err.println("ownergate serve: " + e.getMessage());
            return OwnergateCli.EXIT_INVALID;
        }
        settings.weakSecretWarning().ifPresent(w -> System.err.println("ownergate serve: " + w));
        OwnergateServer server = OwnergateServer.builder(settings).gate(new PolicyGate()).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "ownergate-shutdown"));
        stopped.await();
        return OwnergateCli.EXIT_OK;
    }
}
