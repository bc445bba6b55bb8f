package dev.ownergate.app.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ownergate.app.github.GitHubApp;
import dev.ownergate.app.github.GitHubInstallation;
import dev.ownergate.app.store.DecisionLog;
import dev.ownergate.app.store.VerdictStore;
import dev.ownergate.app.web.AdminView;
import dev.ownergate.cli.ValidateCommand;
import dev.ownergate.owners.Owner;
import dev.ownergate.ownership.FileOwnership;
import dev.ownergate.ownership.OwnerDirectory;
import dev.ownergate.ownership.OwnershipLoader;
import dev.ownergate.ownership.OwnershipRules;
import dev.ownergate.repo.RepoSnapshot;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin page's line per repository: coverage, and owners who no longer exist or cannot write. Measured at
 * the base commit of the repository's newest decision (the rules its pull requests are judged by), with the
 * same rules loader and the same owner checks as {@code ownergate validate --github}. Kept for {@link #TTL}.
 */
final class RepoHealth {
    private static final Logger LOG = LoggerFactory.getLogger(RepoHealth.class);
    /** Measuring reads a tree and asks about each owner; once per repository per ten minutes bounds it. */
    static final Duration TTL = Duration.ofMinutes(10);
    /** At most this many owners are asked about per repository per measurement (one or two calls each). */
    static final int MAX_OWNERS_CHECKED = 200;
    /** How many of the repository's newest checks are looked through for a decision with a base commit. */
    static final int RECENT_LOOKED_AT = 20;

    private final InstalledRepos installed;
    private final GitHubApp app;
    private final VerdictStore verdicts;
    private final DecisionLog decisions;
    private final Cache<String, AdminView.RepoRow> measured =
            Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(TTL).build();

    RepoHealth(InstalledRepos installed, GitHubApp app, VerdictStore verdicts, DecisionLog decisions) {
        this.installed = installed;
        this.app = app;
        this.verdicts = verdicts;
        this.decisions = decisions;
    }

    AdminView.RepoRow of(String repo) {
        return measured.get(repo, this::measure);
    }

    private AdminView.RepoRow measure(String repo) {
        Optional<Long> installation = installed.installation(repo);
        // The newest checks first; one that failed closed (GitHub down, dead-lettered) may have no decision.
        Optional<String> base = verdicts.recent(repo, RECENT_LOOKED_AT).stream()
                .map(v -> decisions.latest(repo, v.number()).map(d -> d.decision().baseSha()).orElse(""))
                .filter(sha -> !sha.isEmpty()).findFirst();
        if (installation.isEmpty() || base.isEmpty()) {
            return new AdminView.RepoRow(repo, "", List.of()); // no decision yet: nothing to measure against
        }
        try {
            GitHubInstallation gh = app.installation(installation.get());
            RepoSnapshot snapshot = gh.snapshot(repo, base.get());
            OwnershipLoader.Loaded loaded = OwnershipLoader.load(snapshot, snapshot.files());
            String at = " at " + base.get().substring(0, Math.min(7, base.get().length()));
            if (loaded.rules().isEmpty() || loaded.hasErrors()) {
                return new AdminView.RepoRow(repo, "the " + loaded.source() + at + " do not parse", List.of());
            }
            OwnershipRules rules = loaded.rules().get();
            int owned = 0;
            TreeSet<Owner> owners = new TreeSet<>();
            for (String path : snapshot.files()) {
                FileOwnership o = rules.ownersOf(path);
                if (o.isOwned() || o.anyone()) {
                    owned++;
                }
                owners.addAll(o.owners());
            }
            int total = snapshot.files().size();
            String coverage = String.format("%.1f%% of %,d files have an owner (%s%s)",
                    total == 0 ? 100.0 : 100.0 * owned / total, total, loaded.source(), at);
            return new AdminView.RepoRow(repo, coverage, stale(gh.owners(), owners, repo));
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not measure {} for the admin page: {}", repo, e.getMessage());
            return new AdminView.RepoRow(repo, "not measured: " + e.getMessage(), List.of());
        }
    }

    private static List<String> stale(OwnerDirectory directory, TreeSet<Owner> owners, String repo)
            throws IOException {
        List<String> out = new ArrayList<>();
        int asked = 0;
        for (Owner owner : owners) {
            if (asked++ >= MAX_OWNERS_CHECKED) {
                out.add("(only the first " + MAX_OWNERS_CHECKED + " of " + owners.size() + " owners were checked)");
                break;
            }
            OwnerDirectory.Standing standing = switch (owner.kind()) {
                case USER -> directory.userStanding(owner.name(), repo);
                case TEAM -> directory.teamStanding(owner.name(), repo);
                default -> OwnerDirectory.Standing.UNVERIFIABLE;
            };
            if (standing != OwnerDirectory.Standing.OK && standing != OwnerDirectory.Standing.UNVERIFIABLE) {
                out.add(ValidateCommand.problem(owner, standing, repo));
            }
        }
        return out;
    }
}
