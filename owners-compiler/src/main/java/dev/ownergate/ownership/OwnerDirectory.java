package dev.ownergate.ownership;

import java.io.IOException;

/**
 * What GitHub knows about an owner: the checks GitHub applies before it honours a CODEOWNERS owner.
 * Implemented in the app module over the GitHub API; {@code ownergate validate --github} uses it.
 */
public interface OwnerDirectory {

    enum Standing {
        /** Exists, is visible, and has write access to the repository. */
        OK,
        NOT_FOUND,
        /** A team that exists but is secret, or not visible to the credentials in use. */
        NOT_VISIBLE,
        NO_WRITE_ACCESS,
        /** GitHub cannot be asked about this kind of owner (an email address). */
        UNVERIFIABLE
    }

    /** @param repo {@code owner/name} */
    Standing userStanding(String login, String repo) throws IOException;

    /** @param orgSlashTeam {@code org/team-slug}; @param repo {@code owner/name} */
    Standing teamStanding(String orgSlashTeam, String repo) throws IOException;

    /**
     * The login of the account an email owner stands for, when GitHub shows the link: a directory that cannot
     * tell answers empty. GitHub honours an email in CODEOWNERS only when it is a verified address of an account.
     *
     * @param repo {@code owner/name}, where commits by the email may show the link
     */
    default java.util.Optional<String> loginOfEmail(String email, String repo) throws IOException {
        return java.util.Optional.empty();
    }

    /** Opens a directory for a GitHub API base URL (github.com or GitHub Enterprise Server). */
    @FunctionalInterface
    interface Connector {
        OwnerDirectory connect(String apiUrl) throws IOException;
    }
}
