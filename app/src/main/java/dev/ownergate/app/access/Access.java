package dev.ownergate.app.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides who may see what. Every page and API route asks it; none decides on its own.
 *
 * <ul>
 *   <li>A repository's pages: a viewer who can read the repository on GitHub, asked with their own token.</li>
 *   <li>Admin: a member of {@code OWNERGATE_ADMIN_TEAM} (every installed repository), or an admin of an
 *       organization the App is installed on (that organization's repositories).</li>
 *   <li>The admin token ({@code OWNERGATE_ADMIN_TOKEN}) may do everything.</li>
 * </ul>
 *
 * When GitHub cannot be asked, the answer is no (fail closed). Answers are kept for {@link #TTL}, so a page
 * view costs no API call per repository shown, and a revoked access stops counting within that time.
 */
public final class Access {
    private static final Logger LOG = LoggerFactory.getLogger(Access.class);
    /** How long one answer from GitHub is reused; short, so a removed collaborator loses the pages quickly. */
    public static final Duration TTL = Duration.ofMinutes(2);

    private final UserDirectory users;
    private final Optional<String> adminTeam; // org/slug
    private final Supplier<List<String>> installedOrgs;
    private final Cache<String, Boolean> answers = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(TTL)
            .build();

    public Access(UserDirectory users, Optional<String> adminTeam, Supplier<List<String>> installedOrgs) {
        this.users = users;
        this.adminTeam = adminTeam.map(t -> t.toLowerCase(Locale.ROOT));
        this.installedOrgs = installedOrgs;
    }

    /** May this viewer see the pages of {@code owner/name}? */
    public boolean maySee(Viewer viewer, String repo) {
        return switch (viewer) {
            case Viewer.AdminToken admin -> true;
            case Viewer.User user -> mayAdminister(user, repo)
                    || cached("read " + repo.toLowerCase(Locale.ROOT), user, () -> users.canRead(user.token(), repo));
        };
    }

    /** May this viewer open the admin page at all? */
    public boolean isAdmin(Viewer viewer) {
        return switch (viewer) {
            case Viewer.AdminToken admin -> true;
            case Viewer.User user -> inAdminTeam(user) || !adminOrgs(user).isEmpty();
        };
    }

    /** Is this viewer an admin of everything: the admin token, or a member of the admin team? */
    public boolean isFullAdmin(Viewer viewer) {
        return switch (viewer) {
            case Viewer.AdminToken admin -> true;
            case Viewer.User user -> inAdminTeam(user);
        };
    }

    /** May this viewer act as admin for {@code owner/name} (see it on the admin page, re-evaluate it)? */
    public boolean mayAdminister(Viewer viewer, String repo) {
        return switch (viewer) {
            case Viewer.AdminToken admin -> true;
            case Viewer.User user -> inAdminTeam(user)
                    || isOrgAdmin(user, repo.substring(0, Math.max(0, repo.indexOf('/'))));
        };
    }

    /** The installed organizations this viewer administers; every one for the admin team. */
    public List<String> adminOrgs(Viewer viewer) {
        List<String> orgs = installedOrgs.get();
        if (viewer instanceof Viewer.AdminToken || (viewer instanceof Viewer.User u && inAdminTeam(u))) {
            return orgs;
        }
        Viewer.User user = (Viewer.User) viewer;
        return orgs.stream().filter(org -> isOrgAdmin(user, org)).toList();
    }

    private boolean inAdminTeam(Viewer.User user) {
        if (adminTeam.isEmpty()) {
            return false;
        }
        String team = adminTeam.get();
        int slash = team.indexOf('/');
        return cached("team " + team, user, () -> users.teamMembers(team.substring(0, slash), team.substring(slash + 1))
                .map(members -> members.stream().anyMatch(m -> m.equalsIgnoreCase(user.login())))
                .orElse(false));
    }

    private boolean isOrgAdmin(Viewer.User user, String org) {
        if (org.isEmpty()) {
            return false;
        }
        return cached("org-admin " + org.toLowerCase(Locale.ROOT), user, () -> users.isOrgAdmin(user.token(), org));
    }

    @FunctionalInterface
    private interface Question {
        boolean ask() throws IOException;
    }

    private boolean cached(String question, Viewer.User user, Question ask) {
        String key = fingerprint(user.token()) + " " + question;
        Boolean known = answers.getIfPresent(key);
        if (known != null) {
            return known;
        }
        try {
            boolean answer = ask.ask();
            answers.put(key, answer);
            return answer;
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not ask GitHub whether {} may {}: {}; denied", user.login(), question, e.getMessage());
            return false; // not cached: the next view asks again
        }
    }

    /** The token is a key part but never kept in the clear. */
    private static String fingerprint(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For tests and the admin page: forget every answer. */
    public void forget() {
        answers.invalidateAll();
    }

    /** Whether a configured admin team name has the {@code org/team-slug} shape. */
    public static boolean validTeamName(String team) {
        return team.matches("[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9][A-Za-z0-9._-]*");
    }
}
