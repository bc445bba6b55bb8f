package dev.ownergate.app.server;

import dev.ownergate.app.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A membership or team webhook reaches one replica, but every replica caches team members ({@link TeamCache}).
 * The replica that got it drops its cache at once and leaves a mark in the store; the others look for new
 * marks every {@link #POLL} and drop that org's entries too. Without this, a removed member's approval could
 * still count on another replica for the cache's whole TTL.
 */
final class TeamChanges implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TeamChanges.class);
    static final String PREFIX = "teams-changed@";
    static final Duration POLL = Duration.ofSeconds(2);

    private final Store store;
    private final TeamCache teams;
    private final Clock clock;
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("ownergate-team-changes").unstarted(r));

    TeamChanges(Store store, TeamCache teams, Clock clock) {
        this.store = store;
        this.teams = teams;
        this.clock = clock;
    }

    /** A webhook said the org's teams changed. */
    void changed(String org) {
        teams.forget(org);
        String key = org.toLowerCase(java.util.Locale.ROOT);
        String mark = clock.millis() + ":" + UUID.randomUUID();
        seen.put(key, mark);
        try {
            store.state(PREFIX + key, mark);
        } catch (RuntimeException e) {
            LOG.warn("could not tell the other replicas that the teams of {} changed: {}", org, e.getMessage());
        }
    }

    /** Drops the cached teams of every org another replica marked since the last look. */
    void sync() {
        store.states(PREFIX).forEach((name, mark) -> {
            String org = name.substring(PREFIX.length());
            if (!mark.equals(seen.put(org, mark))) {
                teams.forget(org);
            }
        });
    }

    void start() {
        timer.scheduleWithFixedDelay(() -> {
            try {
                sync();
            } catch (RuntimeException e) {
                LOG.warn("could not read team changes from the store: {}", e.getMessage());
            }
        }, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
