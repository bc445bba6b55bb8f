package dev.ownergate.app.server;

import dev.ownergate.app.github.ApiObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/** The server's Prometheus metrics, served at {@code /metrics}. */
public final class ServerMetrics implements ApiObserver {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicLong rateLimitRemaining = new AtomicLong(-1);
    private final Timer evaluations;
    private final java.util.Map<String, Counter> deliveries = new java.util.concurrent.ConcurrentHashMap<>();

    public ServerMetrics() {
        Gauge.builder("ownergate_github_rate_limit_remaining", rateLimitRemaining, AtomicLong::get)
                .description("x-ratelimit-remaining of the latest GitHub API response (-1: not seen yet)")
                .register(registry);
        evaluations = Timer.builder("ownergate_evaluation")
                .description("Time to evaluate one pull request and post its check run")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    public void queueDepth(IntSupplier depth) {
        Gauge.builder("ownergate_queue_depth", depth, IntSupplier::getAsInt)
                .description("Pull requests and merge groups waiting, being evaluated or due for a retry")
                .strongReference(true) // the supplier is a method reference nothing else holds
                .register(registry);
    }

    /** @param result accepted, ignored, duplicate, bad_signature, malformed, too_large, unavailable */
    public void delivery(String event, String result) {
        // Looked up once per pair: this runs on every webhook request.
        deliveries.computeIfAbsent(event + "\0" + result, k -> Counter.builder("ownergate_webhook_deliveries")
                .tag("event", event).tag("result", result).register(registry)).increment();
    }

    public void evaluation(Duration took, String outcome) {
        evaluations.record(took);
        Counter.builder("ownergate_evaluations").tag("outcome", outcome).register(registry).increment();
    }

    @Override
    public void called(String method, int status, long remaining) {
        Counter.builder("ownergate_github_api_calls").tag("method", method).tag("status", Integer.toString(status))
                .register(registry).increment();
        if (remaining >= 0) {
            rateLimitRemaining.set(remaining);
        }
    }

    public String scrape() {
        return registry.scrape();
    }

    public Timer evaluationTimer() {
        return evaluations;
    }
}
