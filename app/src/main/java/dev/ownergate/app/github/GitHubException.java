package dev.ownergate.app.github;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A GitHub API call that did not succeed. {@link #retryable()} says whether trying again later can help
 * (server errors, rate limits, network trouble); {@link #retryAfter()} is how long GitHub asked us to wait.
 */
public class GitHubException extends IOException {
    private final int status;
    private final boolean retryable;
    private final Duration retryAfter;

    public GitHubException(int status, String message, boolean retryable, Duration retryAfter) {
        super(message);
        this.status = status;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public GitHubException(String message, IOException cause) {
        super(message, cause);
        this.status = 0;
        this.retryable = true;
        this.retryAfter = null;
    }

    /** The HTTP status; 0 when no response came back. */
    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean isNotFound() {
        return status == 404;
    }
}
