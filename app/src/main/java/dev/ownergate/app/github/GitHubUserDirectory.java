package dev.ownergate.app.github;

import dev.ownergate.app.access.UserDirectory;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHMembership;
import org.kohsuke.github.GitHub;

/**
 * {@link UserDirectory} over hub4j: questions about a person go out with their own token, so GitHub answers
 * exactly what they may see; team membership is asked as the App installed on the team's organization.
 */
public final class GitHubUserDirectory implements UserDirectory {
    private final GitHubClients clients;
    private final GitHubApp app;

    public GitHubUserDirectory(GitHubClients clients, GitHubApp app) {
        this.clients = clients;
        this.app = app;
    }

    @Override
    public String login(String userToken) throws IOException {
        try {
            return clients.withToken(userToken).getMyself().getLogin();
        } catch (IOException e) {
            throw GitHubException.from("GET /user", e);
        }
    }

    @Override
    public boolean canRead(String userToken, String repo) throws IOException {
        // GitHub answers 404 for a private repository the user cannot read.
        return unlessHidden("GET /repos/" + repo, () -> {
            clients.withToken(userToken).getRepository(repo);
            return true;
        });
    }

    @Override
    public boolean isOrgAdmin(String userToken, String org) throws IOException {
        // 404: not a member, or the organization is hidden from them.
        return unlessHidden("GET /user/memberships/orgs/" + org, () -> {
            GitHub gh = clients.withToken(userToken);
            GHMembership membership = gh.getMyself().getMembership(gh.getOrganization(org));
            return membership.getState() == GHMembership.State.ACTIVE && membership.getRole() == GHMembership.Role.ADMIN;
        });
    }

    /** The answer, or false when GitHub hides the thing from this user (404, 403); other failures are thrown. */
    private static boolean unlessHidden(String what, IoSupplier<Boolean> ask) throws IOException {
        try {
            return ask.get();
        } catch (GHFileNotFoundException e) {
            return false;
        } catch (IOException e) {
            GitHubException failure = GitHubException.from(what, e);
            if (failure.isNotFound() || failure.status() == 403) {
                return false;
            }
            throw failure;
        }
    }

    @Override
    public Optional<Set<String>> teamMembers(String org, String slug) throws IOException {
        for (GitHubApp.Installation installation : app.installations()) {
            if (installation.account().equalsIgnoreCase(org)) {
                Set<String> members = app.installation(installation.id()).members(org, slug.toLowerCase(Locale.ROOT));
                return members.isEmpty() ? Optional.empty() : Optional.of(members);
            }
        }
        return Optional.empty();
    }
}
