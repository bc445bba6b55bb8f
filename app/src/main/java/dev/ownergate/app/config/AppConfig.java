package dev.ownergate.app.config;

import java.net.URI;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the server needs to run. {@link #toString()} leaves out the key and the secret so the whole
 * config can be logged.
 *
 * @param publicUrl where people can reach this server; the check run's details link. Empty: no link.
 * @param web       sign-in, admin and metrics settings
 */
public record AppConfig(
        long appId,
        PrivateKey privateKey,
        byte[] webhookSecret,
        URI apiUrl,
        int port,
        Optional<URI> publicUrl,
        Duration reconcileInterval,
        int maxEvaluations,
        dev.ownergate.app.store.StoreSettings store,
        WebSettings web) {

    public static final URI GITHUB_COM_API = URI.create("https://api.github.com");
    public static final int DEFAULT_PORT = 8080;
    public static final Duration DEFAULT_RECONCILE_INTERVAL = Duration.ofMinutes(10);
    /** Evaluations in flight at once; they mostly wait on GitHub (its secondary limit: 100 concurrent requests). */
    public static final int DEFAULT_MAX_EVALUATIONS = 32;

    /**
     * A shorter webhook secret draws a warning at start-up: the secret is all that stands between the network
     * and the queue (GitHub's docs ask for "a random string with high entropy").
     */
    public static final int MIN_SECRET_LENGTH = 16;

    public AppConfig {
        webhookSecret = webhookSecret.clone();
        web = web == null ? WebSettings.NONE : web;
    }

    /** Without sign-in, admin or metrics settings. */
    public AppConfig(long appId, PrivateKey privateKey, byte[] webhookSecret, URI apiUrl, int port,
                     Optional<URI> publicUrl, Duration reconcileInterval, int maxEvaluations,
                     dev.ownergate.app.store.StoreSettings store) {
        this(appId, privateKey, webhookSecret, apiUrl, port, publicUrl, reconcileInterval, maxEvaluations, store,
                WebSettings.NONE);
    }

    /** A copy with other sign-in, admin and metrics settings. */
    public AppConfig withWeb(WebSettings settings) {
        return new AppConfig(appId, privateKey, webhookSecret, apiUrl, port, publicUrl, reconcileInterval,
                maxEvaluations, store, settings);
    }

    /** The embedded store under {@code ./data}. */
    public AppConfig(long appId, PrivateKey privateKey, byte[] webhookSecret, URI apiUrl, int port,
                     Optional<URI> publicUrl, Duration reconcileInterval, int maxEvaluations) {
        this(appId, privateKey, webhookSecret, apiUrl, port, publicUrl, reconcileInterval, maxEvaluations,
                dev.ownergate.app.store.StoreSettings.embedded(dev.ownergate.app.store.StoreSettings.DEFAULT_DATA_DIR));
    }

    /** The same settings with another store. */
    public AppConfig withStore(dev.ownergate.app.store.StoreSettings other) {
        return new AppConfig(appId, privateKey, webhookSecret, apiUrl, port, publicUrl, reconcileInterval,
                maxEvaluations, other, web);
    }

    /** The warning to print at start-up when the webhook secret is weak; empty when it is long enough. */
    public Optional<String> weakSecretWarning() {
        if (webhookSecret.length >= MIN_SECRET_LENGTH) {
            return Optional.empty();
        }
        return Optional.of("warning: the webhook secret has " + webhookSecret.length + " characters; use at least "
                + MIN_SECRET_LENGTH + " random ones (e.g. openssl rand -hex 32), set the same in the App's settings");
    }

    @Override
    public byte[] webhookSecret() {
        return webhookSecret.clone();
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "AppConfig[appId=" + appId + ", apiUrl=" + apiUrl + ", port=" + port
                + ", publicUrl=" + publicUrl.map(URI::toString).orElse("(none)")
                + ", reconcileInterval=" + reconcileInterval + ", maxEvaluations=" + maxEvaluations
                + ", store=" + store.describe() + ", " + web + ", privateKey=(set), webhookSecret=(set)]";
    }
}
