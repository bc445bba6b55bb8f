package dev.ownergate.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The JDBC store on PostgreSQL: a schema of its own per test. */
class PostgresStoreTest extends StoreContractTest {
    private static final List<StoreSettings> MADE = new ArrayList<>();

    @Override
    Store open() {
        StoreSettings settings = Databases.postgres("store");
        MADE.add(settings);
        return JdbcStore.open(settings, 6);
    }

    @AfterAll
    static void dropSchemas() {
        MADE.forEach(Databases::drop);
    }

    @Test
    void twoStoresOnOneDatabaseShareTheDeliveryIds() {
        // Two replicas: each has its own pool; a delivery one accepted is a duplicate for the other.
        StoreSettings same = MADE.getLast();
        try (JdbcStore other = JdbcStore.open(same, 2)) {
            assertThat(queue.accept("d1", "pull_request", T0, List.of(review(1, "h1", "d1"))))
                    .isEqualTo(DeliveryQueue.Accepted.NEW);
            assertThat(other.deliveries().accept("d1", "pull_request", T0, List.of(review(1, "h1", "d1"))))
                    .isEqualTo(DeliveryQueue.Accepted.DUPLICATE);
            assertThat(other.deliveries().claim("w2", 5, LEASE, T0)).hasSize(1);
            assertThat(queue.claim("w1", 5, LEASE, T0)).isEmpty();
        }
    }
}
