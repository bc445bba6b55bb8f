package dev.ownergate.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.app.webhook.Work;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JDBC store on the embedded default: an H2 file in a fresh folder per test. */
class H2StoreTest extends StoreContractTest {
    StoreSettings settings;

    @Override
    Store open() {
        settings = Databases.h2();
        return JdbcStore.open(settings, 4);
    }

    @Test
    void queuedWorkSurvivesReopeningTheFile() {
        queue.accept("d1", "pull_request", T0, List.of(review(3, "h3", "d1")));
        store.close();
        store = JdbcStore.open(settings, 4);
        queue = store.deliveries();

        Claim c = queue.claim("w1", 10, LEASE, T0).getFirst();
        assertThat(c.work()).isEqualTo(new Work.EvaluatePullRequest(7, "acme/app", 3, "h3"));
        assertThat(queue.accept("d1", "pull_request", T0, List.of())).isEqualTo(DeliveryQueue.Accepted.DUPLICATE);
    }
}
