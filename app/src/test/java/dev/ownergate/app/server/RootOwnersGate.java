package dev.ownergate.app.server;

import dev.ownergate.app.github.CheckRunPost;
import dev.ownergate.app.github.ReviewInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A deliberately tiny gate for server tests: the logins listed in the root {@code OWNERS} file at the base
 * (one per line; {@code team:org/slug} lines name a team) own everything, and one approval from any of them
 * passes. It lets the server's plumbing be tested apart from the policy engine.
 */
class RootOwnersGate implements OwnershipGate {

    record Simple(boolean passed, String headSha, String title, List<String> reviewRequests) implements Decision {
        @Override
        public CheckRunPost checkRun(String detailsUrl) {
            return new CheckRunPost("code-owners", headSha, passed ? "success" : "failure", title, title, detailsUrl);
        }
    }

    @Override
    public Decision evaluate(Input in) throws IOException {
        Set<String> owners = new TreeSet<>();
        for (String line : in.base().read("OWNERS").orElse("").split("\n")) {
            String l = line.strip().toLowerCase(Locale.ROOT);
            if (l.startsWith("team:")) {
                String team = l.substring(5);
                owners.addAll(in.teams().members(team.substring(0, team.indexOf('/')),
                        team.substring(team.indexOf('/') + 1)));
            } else if (!l.isEmpty()) {
                owners.add(l);
            }
        }
        List<String> approvers = new ArrayList<>();
        for (ReviewInfo r : in.reviews()) {
            if (r.state().equals("APPROVED") && owners.contains(r.login()) && !r.login().equals(in.pr().author())) {
                approvers.add(r.login());
            }
        }
        if (!approvers.isEmpty()) {
            return new Simple(true, in.pr().headSha(), "Approved by " + String.join(", ", approvers), List.of());
        }
        return new Simple(false, in.pr().headSha(), "Needs approval from " + String.join(", ", owners),
                List.copyOf(owners));
    }

    @Override
    public Decision failClosed(String headSha, String reason) {
        return new Simple(false, headSha, reason, List.of());
    }

    @Override
    public Decision combine(String headSha, List<Decision> members) {
        boolean all = !members.isEmpty() && members.stream().allMatch(Decision::passed);
        return new Simple(all, headSha, all ? "Every pull request is approved" : "A pull request lacks approval",
                List.of());
    }

    @Override
    public String defaultCheckName() {
        return "code-owners";
    }
}
