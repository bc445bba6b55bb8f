package dev.ownergate.app.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/** {@code pull_request_review}: an approval given, changed or dismissed can flip the verdict. */
public final class PullRequestReviewHandler implements EventHandler {
    private static final Set<String> EVALUATE = Set.of("submitted", "edited", "dismissed");
    private static final PayloadFields FIELDS = INSTALLATION_AND_REPO.and("action", "pull_request.number",
            "pull_request.head.sha");

    @Override
    public PayloadFields fields() {
        return FIELDS;
    }

    @Override
    public List<Work> handle(JsonNode payload) {
        if (!EVALUATE.contains(payload.path("action").asText())) {
            return List.of();
        }
        JsonNode pr = payload.path("pull_request");
        return List.of(new Work.EvaluatePullRequest(EventHandler.installationId(payload), EventHandler.repo(payload),
                pr.path("number").asInt(), pr.path("head").path("sha").asText(null)));
    }
}
