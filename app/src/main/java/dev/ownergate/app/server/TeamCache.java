package dev.ownergate.app.server;

import dev.ownergate.app.github.TeamDirectory;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

    private record EmailEntry(Optional<String> login, Instant fetched) {}

    /** Email owner to account; the search API allows 30 requests a minute, so each email is asked once per TTL. */
    private final Map<String, EmailEntry> emails = new ConcurrentHashMap<>();

    /** A directory that answers from the cache and asks {@code source} on a miss. */
    public TeamDirectory over(TeamDirectory source) {
        return new TeamDirectory() {
            @Override
            public Set<String> members(String org, String teamSlug) throws IOException {
                return TeamCache.this.members(source, org, teamSlug);
            }

            @Override
            public Optional<String> loginOfEmail(String email, String repo) throws IOException {
                String key = repo.toLowerCase(Locale.ROOT) + " " + email.toLowerCase(Locale.ROOT);
                EmailEntry e = emails.get(key);
                Instant now = clock.instant();
                if (e != null && now.isBefore(e.fetched().plus(ttl))) {
                    return e.login();
                }
                Optional<String> login = source.loginOfEmail(email, repo);
                emails.put(key, new EmailEntry(login, now));
                return login;
            }
        };
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
