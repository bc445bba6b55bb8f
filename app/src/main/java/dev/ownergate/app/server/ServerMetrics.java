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

    private final boolean detailed;

    /** No metric names a repository. */
    public ServerMetrics() {
        this(false);
    }

    /**
     * @param detailed {@code OWNERGATE_METRICS_LABELS=detailed}: also count evaluations per repository. Off by
     *                 default, because {@code /metrics} is unauthenticated and repository names can be private.
     */
    public ServerMetrics(boolean detailed) {
        this.detailed = detailed;
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
                .description("Jobs waiting, being evaluated or due for a retry, in every replica (from the store)")
                .strongReference(true) // the supplier is a method reference nothing else holds
                .register(registry);
    }

    /** 1 while this replica's webhook endpoint is overloaded and its workers defer jobs ({@link IngestPressure}). */
    void webhooksOverloaded(java.util.function.BooleanSupplier busy) {
        Gauge.builder("ownergate_webhooks_overloaded", busy, b -> b.getAsBoolean() ? 1 : 0)
                .description("1 while this replica answers webhooks first and defers evaluations (16 or more signed"
                        + " deliveries in flight)")
                .strongReference(true)
                .register(registry);
    }

    /** Jobs in the dead-letter list (every replica's: it is read from the store). No repository names. */
    public void deadLetters(IntSupplier count) {
        Gauge.builder("ownergate_dead_letter_jobs", count, IntSupplier::getAsInt)
                .description("Evaluations that ran out of retries; their pull requests were left failing")
                .strongReference(true)
                .register(registry);
    }

    /** A job ran out of retries and was dead-lettered by this replica. */
    public void deadLettered() {
        Counter.builder("ownergate_dead_lettered").description("Jobs this replica gave up on (dead-lettered)")
                .register(registry).increment();
    }

    /** A merge without a passing decision in force was put on the audit trail. */
    public void mergeException() {
        Counter.builder("ownergate_merge_exceptions")
                .description("Merges without a passing Ownergate decision on their head").register(registry)
                .increment();
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

    /** An evaluation of a pull request of {@code repo}; the repository is a label only when detailed. */
    public void evaluation(Duration took, String outcome, String repo) {
        evaluation(took, outcome);
        if (detailed) {
            Counter.builder("ownergate_repository_evaluations").tag("repo", repo.toLowerCase(java.util.Locale.ROOT))
                    .tag("outcome", outcome).register(registry).increment();
        }
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
