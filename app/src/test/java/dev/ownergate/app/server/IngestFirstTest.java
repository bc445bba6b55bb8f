package dev.ownergate.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.app.store.AuditQuery;
import dev.ownergate.app.store.Job;
import dev.ownergate.app.store.MemoryStore;
import dev.ownergate.app.webhook.RetryPolicy;
import dev.ownergate.app.webhook.Work;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An overloaded webhook endpoint comes first: jobs wait, up to a bound, and none is lost. */
class IngestFirstTest {
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final IngestPressure pressure = new IngestPressure(nanos::get);
    private final MutableClock clock = new MutableClock(T0);
    private final MemoryStore store = new MemoryStore();
    private JobRunner runner;

    @AfterEach
    void stop() throws InterruptedException {
        if (runner != null) {
            runner.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void theEndpointIsOverloadedFromSixteenSignedDeliveriesInFlightUntilItCaughtUpForHalfASecond() {
        assertThat(pressure.busy()).as("a new replica").isFalse();
        for (int i = 1; i < IngestPressure.BUSY_IN_FLIGHT; i++) {
            pressure.enter();
        }
        assertThat(pressure.busy()).as("15 in flight").isFalse();
        pressure.enter();
        assertThat(pressure.busy()).as("16 in flight").isTrue();
        ServerMetrics metrics = new ServerMetrics();
        metrics.webhooksOverloaded(pressure::busy);
        assertThat(metrics.scrape()).contains("ownergate_webhooks_overloaded 1.0");
        for (int i = 0; i < IngestPressure.BUSY_IN_FLIGHT; i++) {
            pressure.exit();
        }
        assertThat(pressure.inFlight()).isZero();
        nanos.addAndGet(IngestPressure.HOLD.toNanos() - 1);
        assertThat(pressure.busy()).as("caught up, but only just").isTrue();
        nanos.addAndGet(2);
        assertThat(pressure.busy()).isFalse();
        assertThat(metrics.scrape()).contains("ownergate_webhooks_overloaded 0.0");
    }

    @Test
    void whileOverloadedAJobWaitsUntilItHasWaitedTheMaximumThenRuns() throws Exception {
        overload();
        startRunner();
        store.enqueue(merge(1), clock.instant());

        Thread.sleep(3 * JobRunner.BUSY_RECHECK.toMillis());
        assertThat(merges()).as("deferred while the endpoint is overloaded").isZero();
        assertThat(store.depth()).as("still queued, not dropped").isEqualTo(1);

        clock.advance(JobRunner.MAX_DEFERRAL.plusSeconds(1));
        awaitMerges(1);
        awaitEmptyQueue();
    }

    @Test
    void onceTheEndpointCaughtUpDeferredJobsRunAtOnce() throws Exception {
        overload();
        startRunner();
        for (int n = 1; n <= 5; n++) {
            store.enqueue(merge(n), clock.instant());
        }
        Thread.sleep(3 * JobRunner.BUSY_RECHECK.toMillis());
        assertThat(merges()).isZero();

        for (int i = 0; i < IngestPressure.BUSY_IN_FLIGHT; i++) {
            pressure.exit();
        }
        nanos.addAndGet(IngestPressure.HOLD.toNanos() + 1);
        awaitMerges(5);
        awaitEmptyQueue();
    }

    @Test
    void withoutOverloadAJobRunsAtOnce() throws Exception {
        startRunner();
        store.enqueue(merge(1), clock.instant());
        runner.wake();
        awaitMerges(1);
    }

    private void overload() {
        for (int i = 0; i < IngestPressure.BUSY_IN_FLIGHT; i++) {
            pressure.enter();
        }
        assertThat(pressure.busy()).isTrue();
    }

    private void startRunner() {
        runner = new JobRunner(store, store, store, null, id -> {
            throw new AssertionError("merges need no GitHub");
        }, (override, delivery) -> {
            throw new AssertionError("no overrides here");
        }, RetryPolicy.DEFAULT, 4, Duration.ofSeconds(30), new ServerMetrics(), clock, pressure);
        runner.start();
    }

    private static Job merge(int number) {
        return Job.of(new Work.RecordMerge(7, "acme/app", number, "h" + number, "m" + number, "carol"), "d" + number);
    }

    private long merges() {
        return store.query(AuditQuery.all()).size();
    }

    private void awaitMerges(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (merges() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(merges()).isEqualTo(expected);
    }

    /** A job is removed from the queue just after its merge is recorded. */
    private void awaitEmptyQueue() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (store.depth() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(store.depth()).isZero();
    }

    /** A clock the test moves; jobs' due times and the deferral bound read it. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
