package dev.ownergate.app.server;

import dev.ownergate.app.github.TeamDirectory;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Team members, kept for a while: a team named on many files or pull requests is listed once per TTL.
 * Membership and team webhooks drop an org's entries at once.
 */
public final class TeamCache {
    private record Entry(Set<String> members, Instant fetched) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    public TeamCache(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A directory that answers from the cache and asks {@code source} on a miss. */
    public TeamDirectory over(TeamDirectory source) {
        return (org, slug) -> members(source, org, slug);
    }

    private Set<String> members(TeamDirectory source, String org, String slug) throws IOException {
        String key = org.toLowerCase(Locale.ROOT) + "/" + slug.toLowerCase(Locale.ROOT);
        Entry e = entries.get(key);
        Instant now = clock.instant();
        if (e != null && now.isBefore(e.fetched().plus(ttl))) {
            return e.members();
        }
        Set<String> members = Set.copyOf(source.members(org, slug));
        entries.put(key, new Entry(members, now));
        return members;
    }

    public void forget(String org) {
        String prefix = org.toLowerCase(Locale.ROOT) + "/";
        entries.keySet().removeIf(k -> k.startsWith(prefix));
    }
}
