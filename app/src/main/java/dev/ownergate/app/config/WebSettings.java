package dev.ownergate.app.config;

import java.util.Optional;

/**
 * Sign-in, admin and metrics settings. Secrets are kept as bytes and left out of {@link #toString()}.
 *
 * @param clientId        the App's OAuth client ID ({@code OWNERGATE_CLIENT_ID}); empty: nobody can sign in
 * @param clientSecret    its secret ({@code OWNERGATE_CLIENT_SECRET}); set exactly when {@code clientId} is
 * @param adminTeam       {@code org/team-slug} whose members may open {@code /admin} ({@code OWNERGATE_ADMIN_TEAM})
 * @param adminToken      the API's bearer token ({@code OWNERGATE_ADMIN_TOKEN}); empty: the API takes sessions only
 * @param detailedMetrics {@code OWNERGATE_METRICS_LABELS=detailed}: metrics may name repositories
 * @param sessionSecret   the key session cookies are sealed with ({@code OWNERGATE_SESSION_SECRET}); empty: a
 *                        random key per start, so sessions end with the process and do not span replicas
 */
public record WebSettings(
        Optional<String> clientId,
        Optional<String> clientSecret,
        Optional<String> adminTeam,
        Optional<byte[]> adminToken,
        boolean detailedMetrics,
        Optional<byte[]> sessionSecret) {

    public static final WebSettings NONE = new WebSettings(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), false, Optional.empty());

    /** Whether viewers can sign in (both OAuth settings are present). */
    public boolean signInEnabled() {
        return clientId.isPresent() && clientSecret.isPresent();
    }

    @Override
    public String toString() {
        return "WebSettings[clientId=" + clientId.orElse("(none)") + ", clientSecret=" + set(clientSecret)
                + ", adminTeam=" + adminTeam.orElse("(none)") + ", adminToken=" + set(adminToken)
                + ", metricsLabels=" + (detailedMetrics ? "detailed" : "minimal")
                + ", sessionSecret=" + set(sessionSecret) + "]";
    }

    private static String set(Optional<?> secret) {
        return secret.isPresent() ? "(set)" : "(none)";
    }
}
