package dev.ownergate.app.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * {@code push} to a branch that changes the rules (OWNERS, OWNERS_ALIASES, CODEOWNERS) or the policy file:
 * every open pull request targeting that branch is judged against new base rules.
 */
public final class PushHandler implements EventHandler {
    private static final Set<String> RULE_FILE_NAMES = Set.of("OWNERS", "OWNERS_ALIASES");
    // GitHub looks for CODEOWNERS in these places only (docs: "About code owners").
    private static final Set<String> CODEOWNERS_PATHS = Set.of("CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS");
    private static final String POLICY_PATH = ".github/ownergate.yml";
    private static final String BRANCH_PREFIX = "refs/heads/";
    // The push payload lists at most 2,048 commits (docs: webhook "push" event).
    private static final int MAX_LISTED_COMMITS = 2048;
    private static final PayloadFields FIELDS = INSTALLATION_AND_REPO.and("ref", "deleted", "forced",
            "commits.added", "commits.removed", "commits.modified");

    @Override
    public PayloadFields fields() {
        return FIELDS;
    }

    @Override
    public List<Work> handle(JsonNode payload) {
        String ref = payload.path("ref").asText();
        if (!ref.startsWith(BRANCH_PREFIX) || payload.path("deleted").asBoolean(false)) {
            return List.of();
        }
        if (!changesRules(payload)) {
            return List.of();
        }
        return List.of(new Work.EvaluateOpenPullRequests(EventHandler.installationId(payload),
                EventHandler.repo(payload), ref.substring(BRANCH_PREFIX.length())));
    }

    private static boolean changesRules(JsonNode payload) {
        JsonNode commits = payload.path("commits");
        if (commits.size() >= MAX_LISTED_COMMITS || (commits.isEmpty() && payload.path("forced").asBoolean(false))) {
            return true; // cannot see every changed file: assume the rules changed
        }
        for (JsonNode commit : commits) {
            for (String list : List.of("added", "removed", "modified")) {
                for (JsonNode path : commit.path(list)) {
                    if (isRuleFile(path.asText())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    public static boolean isRuleFile(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return RULE_FILE_NAMES.contains(name) || CODEOWNERS_PATHS.contains(path) || path.equals(POLICY_PATH);
    }
}
