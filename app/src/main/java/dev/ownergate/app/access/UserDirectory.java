package dev.ownergate.app.access;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/** What GitHub says about a signed-in person, asked with their own token (and the App's, for teams). */
public interface UserDirectory {

    /** The login the token belongs to ({@code GET /user}). */
    String login(String userToken) throws IOException;

    /** Whether the token's owner can read the repository ({@code GET /repos/{owner}/{repo}} answers 200). */
    boolean canRead(String userToken, String repo) throws IOException;

    /** Whether the token's owner is an active admin of the organization ({@code GET /user/memberships/orgs/{org}}). */
    boolean isOrgAdmin(String userToken, String org) throws IOException;

    /** Members of {@code org/slug}, as the App sees them; empty when the App cannot see the team. */
    Optional<Set<String>> teamMembers(String org, String slug) throws IOException;
}
