package dev.ownergate.app.server;

import dev.ownergate.app.github.GitHubApp;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which repositories the App is installed on, and through which installation: for the admin page, its
 * re-evaluate button, and who counts as an org admin. Listed again at most every {@link #TTL}.
 */
final class InstalledRepos {
    private static final Logger LOG = LoggerFactory.getLogger(InstalledRepos.class);
    /** Installations change rarely; the installation webhooks also make the next look list afresh. */
    static final Duration TTL = Duration.ofMinutes(5);

    private final GitHubApp app;
    private final Clock clock;
    private volatile Map<String, Long> repos = Map.of(); // lower-cased owner/name -> installation
    private volatile Map<String, String> names = Map.of(); // lower-cased -> as GitHub spells it
    private volatile Instant listedAt = Instant.MIN;

    InstalledRepos(GitHubApp app, Clock clock) {
        this.app = app;
        this.clock = clock;
    }

    synchronized void forget() {
        listedAt = Instant.MIN;
    }

    List<String> repos() {
        refresh();
        return List.copyOf(names.values());
    }

    List<String> orgs() {
        return repos().stream().map(r -> r.substring(0, r.indexOf('/'))).distinct().sorted().toList();
    }

    Optional<Long> installation(String repo) {
        refresh();
        return Optional.ofNullable(repos.get(repo.toLowerCase(Locale.ROOT)));
    }

    private synchronized void refresh() {
        if (listedAt.plus(TTL).isAfter(clock.instant())) {
            return;
        }
        try {
            Map<String, Long> found = new LinkedHashMap<>();
            Map<String, String> spelled = new LinkedHashMap<>();
            for (GitHubApp.Installation i : app.installations()) {
                for (String repo : app.repositories(i.id())) {
                    found.put(repo.toLowerCase(Locale.ROOT), i.id());
                    spelled.put(repo.toLowerCase(Locale.ROOT), repo);
                }
            }
            repos = Map.copyOf(found);
            names = Map.copyOf(spelled);
            listedAt = clock.instant();
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not list the App's installations: {}", e.getMessage()); // keep the last list
        }
    }
}
