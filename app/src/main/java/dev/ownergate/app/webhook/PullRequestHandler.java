package dev.ownergate.app.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/** {@code pull_request}: a new head, a reopened or ready PR, or a changed base branch needs a new verdict. */
public final class PullRequestHandler implements EventHandler {
    private static final Set<String> EVALUATE = Set.of("opened", "reopened", "synchronize", "ready_for_review");
    private static final PayloadFields FIELDS = INSTALLATION_AND_REPO.and("action", "changes.base", "number",
            "pull_request.number", "pull_request.head.sha", "pull_request.merged", "pull_request.merge_commit_sha",
            "pull_request.merged_by.login");

    @Override
    public PayloadFields fields() {
        return FIELDS;
    }

    @Override
    public List<Work> handle(JsonNode payload) {
        String action = payload.path("action").asText();
        JsonNode closed = payload.path("pull_request");
        if (action.equals("closed") && closed.path("merged").asBoolean(false)) {
            // The audit trail records every merge with the decision in force on its head.
            return List.of(new Work.RecordMerge(EventHandler.installationId(payload), EventHandler.repo(payload),
                    closed.path("number").asInt(payload.path("number").asInt()),
                    closed.path("head").path("sha").asText(""), closed.path("merge_commit_sha").asText(null),
                    closed.path("merged_by").path("login").asText("")));
        }
        // "edited" also fires for title and body edits; only a new base changes which rules apply.
        boolean baseChanged = action.equals("edited") && payload.path("changes").has("base");
        if (!EVALUATE.contains(action) && !baseChanged) {
            return List.of();
        }
        JsonNode pr = payload.path("pull_request");
        return List.of(new Work.EvaluatePullRequest(EventHandler.installationId(payload), EventHandler.repo(payload),
                pr.path("number").asInt(payload.path("number").asInt()), pr.path("head").path("sha").asText(null)));
    }
}
