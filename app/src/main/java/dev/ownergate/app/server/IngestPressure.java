package dev.ownergate.app.server;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Whether this replica's webhook endpoint is overloaded: many deliveries at once waiting for their answer.
 *
 * <p>Acknowledging comes first: GitHub gives a delivery 10 seconds, and a delivery it marks as failed waits
 * for the next reconciliation. Deliveries that the endpoint keeps up with are answered in a few milliseconds,
 * so few are in flight; when {@link #BUSY_IN_FLIGHT} or more are, the endpoint is not keeping up, and until it
 * has caught up for {@link #HOLD} the workers defer evaluations ({@link JobRunner}) and reconciliation. Deferred
 * jobs lose nothing (they are committed) and coalesce per pull request, so an evaluation after the burst covers
 * every delivery of it that arrived meanwhile.
 */
final class IngestPressure {
    /** Deliveries in flight at once from which the endpoint counts as overloaded. */
    static final int BUSY_IN_FLIGHT = 16;
    /** How long the endpoint counts as overloaded after the last moment it was. */
    static final Duration HOLD = Duration.ofMillis(500);

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong lastBusy;
    private final LongSupplier nanoTime;

    IngestPressure() {
        this(System::nanoTime);
    }

    IngestPressure(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.lastBusy = new AtomicLong(nanoTime.getAsLong() - 2 * HOLD.toNanos());
    }

    /** A delivery began; pair with {@link #exit}. */
    void enter() {
        if (inFlight.incrementAndGet() >= BUSY_IN_FLIGHT) {
            lastBusy.set(nanoTime.getAsLong());
        }
    }

    void exit() {
        // The hold counts from the moment the count drops, not from the last delivery that raised it.
        if (inFlight.getAndDecrement() >= BUSY_IN_FLIGHT) {
            lastBusy.set(nanoTime.getAsLong());
        }
    }

    /** Whether the endpoint is overloaded now or was within the last {@link #HOLD}. */
    boolean busy() {
        return inFlight.get() >= BUSY_IN_FLIGHT || nanoTime.getAsLong() - lastBusy.get() < HOLD.toNanos();
    }

    int inFlight() {
        return inFlight.get();
    }
}
