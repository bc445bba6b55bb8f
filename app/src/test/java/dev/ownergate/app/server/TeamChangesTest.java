package dev.ownergate.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.app.github.TeamDirectory;
import dev.ownergate.app.store.MemoryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Two replicas on one store: a team change one of them hears of reaches the other's cache. */
class TeamChangesTest {
    final Map<String, Set<String>> github = new ConcurrentHashMap<>(Map.of("acme/release", Set.of("tess", "rita")));
    final TeamDirectory source = (org, slug) -> github.get(org + "/" + slug);
    final MemoryStore store = new MemoryStore();

    record Replica(TeamCache cache, TeamChanges changes, TeamDirectory teams) {}

    Replica replica() {
        TeamCache cache = new TeamCache(Duration.ofMinutes(10), Clock.systemUTC());
        return new Replica(cache, new TeamChanges(store, cache, Clock.systemUTC()), cache.over(source));
    }

    @Test
    void aMemberRemovedOnGitHubStopsCountingOnTheReplicaThatMissedTheWebhook() throws Exception {
        Replica a = replica();
        Replica b = replica();
        assertThat(a.teams().members("acme", "release")).contains("tess");
        assertThat(b.teams().members("acme", "release")).contains("tess");

        github.put("acme/release", Set.of("rita"));
        a.changes().changed("ACME"); // the membership webhook reached replica a
        assertThat(a.teams().members("acme", "release")).doesNotContain("tess");
        assertThat(b.teams().members("acme", "release")).as("b has not looked at the store yet").contains("tess");

        b.changes().sync();
        assertThat(b.teams().members("acme", "release")).doesNotContain("tess");
    }

    @Test
    void aChangeAlreadySeenIsNotForgottenAgain() throws Exception {
        Replica a = replica();
        Replica b = replica();
        a.changes().changed("acme");
        b.changes().sync();
        b.teams().members("acme", "release");

        github.put("acme/release", Set.of("rita"));
        b.changes().sync();

        assertThat(b.teams().members("acme", "release")).as("cached until the next change or the TTL").contains("tess");
    }
}
