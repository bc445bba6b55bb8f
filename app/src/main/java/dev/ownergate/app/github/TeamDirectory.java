package dev.ownergate.app.github;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/** Who is in a team, and which account an email owner is. */
public interface TeamDirectory {

    /**
     * Lower-cased logins of a team's members, members of its child teams included (GitHub's team members
     * endpoint includes them). Empty for a team that does not exist or cannot be seen.
     */
    Set<String> members(String org, String teamSlug) throws IOException;

    /**
     * The lower-cased login of the account an email owner stands for, when GitHub shows the link (see
     * {@code EmailAccounts}); empty when it does not, or when this directory cannot ask.
     *
     * @param repo {@code owner/name}, whose commits may show the link
     */
    default Optional<String> loginOfEmail(String email, String repo) throws IOException {
        return Optional.empty();
    }
}
