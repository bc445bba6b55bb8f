package dev.ownergate.app.github;

import java.io.IOException;
import java.util.Set;

/** Who is in a team. */
public interface TeamDirectory {

    /**
     * Lower-cased logins of a team's members, members of its child teams included (GitHub's team members
     * endpoint includes them). Empty for a team that does not exist or cannot be seen.
     */
    Set<String> members(String org, String teamSlug) throws IOException;
}
