package dev.ownergate.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IngestPressureTest {
    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final IngestPressure pressure = new IngestPressure(now::get);

    private void advance(long millis) {
        now.addAndGet(millis * 1_000_000L);
    }

    @Test
    void fewDeliveriesInFlightAreNotOverload() {
        for (int i = 1; i < IngestPressure.BUSY_IN_FLIGHT; i++) {
            pressure.enter();
        }
        assertThat(pressure.busy()).isFalse();
    }

    @Test
    void overloadLastsAsLongAsTheDeliveriesStayInFlight() {
        for (int i = 0; i < IngestPressure.BUSY_IN_FLIGHT; i++) {
            pressure.enter();
        }
        assertThat(pressure.busy()).isTrue();
        advance(IngestPressure.HOLD.toMillis() * 10);
        assertThat(pressure.busy()).as("slow deliveries still in flight long after the last one came in").isTrue();
    }

    @Test
    void theHoldCountsFromTheMomentTheCountDrops() {
        for (int i = 0; i < IngestPressure.BUSY_IN_FLIGHT; i++) {
            pressure.enter();
        }
        advance(5_000);
        pressure.exit();
        advance(IngestPressure.HOLD.toMillis() - 1);
        assertThat(pressure.busy()).isTrue();
        advance(2);
        assertThat(pressure.busy()).isFalse();
        assertThat(pressure.inFlight()).isEqualTo(IngestPressure.BUSY_IN_FLIGHT - 1);
    }
}
