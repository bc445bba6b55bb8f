package dev.ownergate.app.server;

import dev.ownergate.app.store.DecisionLog;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes audit entries older than {@code OWNERGATE_AUDIT_RETENTION_DAYS}, at start-up and daily. Unset: keeps all. */
final class Retention implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final DecisionLog log;
    private final Optional<Integer> days;
    private final Clock clock;
    private ScheduledExecutorService timer;

    Retention(DecisionLog log, Optional<Integer> days, Clock clock) {
        this.log = log;
        this.days = days;
        this.clock = clock;
    }

    void start() {
        if (days.isEmpty()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("ownergate-retention").unstarted(r));
        timer.scheduleWithFixedDelay(this::purge, 0, 1, TimeUnit.DAYS);
    }

    void purge() {
        try {
            int n = log.purgeBefore(clock.instant().minus(Duration.ofDays(days.orElseThrow())));
            if (n > 0) {
                LOG.info("audit retention: deleted {} entries older than {} days", n, days.get());
            }
        } catch (RuntimeException e) {
            LOG.warn("audit retention could not run: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
