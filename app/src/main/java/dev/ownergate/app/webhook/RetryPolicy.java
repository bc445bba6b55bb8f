package dev.ownergate.app.webhook;

import dev.ownergate.app.github.GitHubException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a failed evaluation again: exponential backoff with jitter, never sooner than GitHub asked
 * ({@code Retry-After} or the rate-limit reset), and not at all for failures that waiting cannot fix.
 */
public record RetryPolicy(Duration firstDelay, Duration maxDelay, int maxAttempts) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(10), 8);

    /** The delay before attempt {@code attempt + 1}, or empty to give up. */
    public Optional<Duration> delay(Throwable error, int attempt) {
        if (attempt >= maxAttempts || !retryable(error)) {
            return Optional.empty();
        }
        long base = firstDelay.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, maxDelay.toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        Duration backoff = Duration.ofMillis(jittered);
        if (error instanceof GitHubException gh && gh.retryAfter().isPresent()
                && gh.retryAfter().get().compareTo(backoff) > 0) {
            return Optional.of(gh.retryAfter().get());
        }
        return Optional.of(backoff);
    }

    static boolean retryable(Throwable error) {
        if (error instanceof GitHubException gh) {
            return gh.retryable();
        }
        return error instanceof RetryLater;
    }

    /** Thrown by a task that saw data it cannot trust yet (e.g. GitHub still reporting an older head). */
    public static final class RetryLater extends Exception {
        public RetryLater(String message) {
            super(message);
        }
    }
}
