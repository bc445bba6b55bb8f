package dev.ownergate.app.server;

import dev.ownergate.app.store.DeliveryQueue;
import dev.ownergate.app.store.Job;
import dev.ownergate.app.webhook.Work;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes in {@link Work}: what needs GitHub goes into the durable {@link DeliveryQueue} (committed before the
 * webhook is acknowledged), what only touches this process's memory is done at once.
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final DeliveryQueue queue;
    private final java.util.function.Consumer<String> teamsChanged;
    private final Clock clock;
    private final Runnable wake;

    public Dispatcher(DeliveryQueue queue, java.util.function.Consumer<String> teamsChanged, Clock clock,
                      Runnable wake) {
        this.queue = queue;
        this.teamsChanged = teamsChanged;
        this.clock = clock;
        this.wake = wake;
    }

    /**
     * Commits the delivery and its jobs; only when this returns {@code NEW} may the webhook be acknowledged as
     * queued. {@code DUPLICATE} when any replica accepted this delivery ID before. Throws when the database
     * cannot take it (the webhook then answers 503 and GitHub's delivery shows as failed, for redelivery).
     */
    public DeliveryQueue.Accepted accept(String deliveryId, String event, List<Work> work) {
        List<Job> jobs = new ArrayList<>();
        List<Work> local = new ArrayList<>();
        for (Work w : work) {
            if (queued(w)) {
                jobs.add(Job.of(w, deliveryId));
            } else {
                local.add(w);
            }
        }
        DeliveryQueue.Accepted accepted = queue.accept(deliveryId, event, clock.instant(), jobs);
        if (accepted == DeliveryQueue.Accepted.NEW) {
            local.forEach(this::doNow);
            if (!jobs.isEmpty()) {
                wake.run();
            }
        }
        return accepted;
    }

    /** Queues work no delivery asked for (reconciliation, re-evaluation). */
    public void enqueue(Work work) {
        if (queued(work)) {
            queue.enqueue(Job.of(work, null), clock.instant());
            wake.run();
        } else {
            doNow(work);
        }
    }

    private static boolean queued(Work work) {
        return !(work instanceof Work.ForgetTeams || work instanceof Work.InstallationChanged);
    }

    /** Team caches live in each replica's memory; {@link TeamChanges} tells the other replicas. */
    private void doNow(Work work) {
        switch (work) {
            case Work.ForgetTeams forget -> teamsChanged.accept(forget.org());
            case Work.InstallationChanged change -> LOG.info("installation {} {} ({} repositories)",
                    change.installationId(), change.action(), change.repos().size());
            default -> throw new IllegalArgumentException("queued work done in place: " + work);
        }
    }
}
