package dev.ownergate.app.github;

/** Told about every GitHub API call, for metrics. */
@FunctionalInterface
public interface ApiObserver {
    ApiObserver NONE = (method, status, rateLimitRemaining) -> {};

    /** @param rateLimitRemaining {@code x-ratelimit-remaining}, or -1 when absent */
    void called(String method, int status, long rateLimitRemaining);
}
