package dev.ownergate.app.github;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * hub4j's rate-limit handlers, set to fail at once instead of sleeping on a request thread. Each throws a
 * retryable {@link GitHubException} that carries how long GitHub asked us to wait ({@code Retry-After}, or the
 * primary limit's {@code x-ratelimit-reset}); the evaluation queue does the waiting.
 */
final class FailFastLimits {
    private FailFastLimits() {}

    /** The primary limit: 403 with {@code x-ratelimit-remaining: 0}. */
    static GitHubRateLimitHandler primary(Clock clock) {
        return new GitHubRateLimitHandler() {
            @Override
            public void onError(GitHubConnectorResponse response) throws IOException {
                throw limited(response, clock);
            }
        };
    }

    /** Secondary limits: 429, or 403 with {@code Retry-After}. */
    static GitHubAbuseLimitHandler secondary(Clock clock) {
        return new GitHubAbuseLimitHandler() {
            @Override
            public void onError(GitHubConnectorResponse response) throws IOException {
                throw limited(response, clock);
            }
        };
    }

    static GitHubException limited(GitHubConnectorResponse response, Clock clock) {
        int status = response.statusCode();
        String call = response.request().method() + " " + response.request().url().getPath();
        return new GitHubException(status, call + " -> " + status + " rate limited", true,
                retryAfter(response, clock).orElse(null));
    }

    /** docs: "Rate limits for the REST API": honour {@code retry-after}; else wait for {@code x-ratelimit-reset}. */
    static Optional<Duration> retryAfter(GitHubConnectorResponse response, Clock clock) {
        Optional<Duration> after = seconds(response.header("Retry-After")).map(Duration::ofSeconds);
        if (after.isPresent() || !"0".equals(response.header("X-RateLimit-Remaining"))) {
            return after;
        }
        return seconds(response.header("X-RateLimit-Reset"))
                .map(reset -> Duration.between(clock.instant(), Instant.ofEpochSecond(reset)))
                .map(d -> d.isNegative() ? Duration.ZERO : d);
    }

    private static Optional<Long> seconds(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
