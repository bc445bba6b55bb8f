package dev.ownergate.app.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownergate.app.override.OverrideCommand;
import java.util.List;

/**
 * {@code issue_comment}: a new comment on a pull request (GitHub delivers pull request conversation comments as
 * issue comments, with {@code issue.pull_request} set) that starts with {@code /ownergate override}. Comments
 * by bots are ignored, so the App's own replies can never trigger it.
 */
public final class IssueCommentHandler implements EventHandler {
    private static final PayloadFields FIELDS = INSTALLATION_AND_REPO.and("action", "issue.number",
            "issue.pull_request.url", "comment.body", "comment.user.login", "comment.user.type");

    @Override
    public PayloadFields fields() {
        return FIELDS;
    }

    @Override
    public List<Work> handle(JsonNode payload) {
        JsonNode comment = payload.path("comment");
        if (!payload.path("action").asText().equals("created")
                || payload.path("issue").path("pull_request").isMissingNode()
                || comment.path("user").path("type").asText().equals("Bot")) {
            return List.of();
        }
        return OverrideCommand.parse(comment.path("body").asText(null))
                .<List<Work>>map(command -> List.of(new Work.OverridePullRequest(EventHandler.installationId(payload),
                        EventHandler.repo(payload), payload.path("issue").path("number").asInt(),
                        comment.path("user").path("login").asText(), command)))
                .orElse(List.of());
    }
}
