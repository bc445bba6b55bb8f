package dev.ownergate.app.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.HttpException;

/**
 * A GitHub API call that did not succeed. {@link #retryable()} says whether trying again later can help
 * (server errors, rate limits, network trouble); {@link #retryAfter()} is how long GitHub asked us to wait.
 */
public class GitHubException extends IOException {
    private static final ObjectMapper JSON = new ObjectMapper();
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

    /**
     * What hub4j threw, in our terms. Rate limits arrive already translated by {@link FailFastLimits} (wrapped
     * by the library); other HTTP errors are retryable when GitHub was at fault (5xx); an I/O error without a
     * response (refused, reset, timed out) is retryable too.
     */
    public static GitHubException from(String call, IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof GitHubException mine) {
                return mine;
            }
        }
        if (e instanceof GHFileNotFoundException || e instanceof FileNotFoundException) {
            return new GitHubException(404, call + " -> 404 Not Found", false, null);
        }
        if (e instanceof HttpException http && http.getResponseCode() > 0) {
            int status = http.getResponseCode();
            return new GitHubException(status, call + " -> " + status + message(http), status >= 500, null);
        }
        // No response: hub4j wraps the I/O error (refused, reset, timed out); name the root cause.
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new GitHubException(call + ": no answer from GitHub (" + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + firstLine(root.getMessage())) + ")", e);
    }

    private static String message(HttpException e) {
        // hub4j's message is GitHub's JSON error body; keep its "message" field.
        try {
            String m = JSON.readTree(e.getMessage()).path("message").asText("");
            return m.isEmpty() ? "" : ": " + m;
        } catch (IOException | RuntimeException notJson) {
            return "";
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
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
