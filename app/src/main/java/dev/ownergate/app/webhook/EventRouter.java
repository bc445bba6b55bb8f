package dev.ownergate.app.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Picks the handler for an {@code X-GitHub-Event}. Events not listed here are acknowledged and ignored. */
public final class EventRouter {
    private final Map<String, EventHandler> handlers = Map.ofEntries(
            Map.entry("pull_request", new PullRequestHandler()),
            Map.entry("pull_request_review", new PullRequestReviewHandler()),
            Map.entry("check_run", CheckRerequestHandler.checkRun()),
            Map.entry("check_suite", CheckRerequestHandler.checkSuite()),
            Map.entry("push", new PushHandler()),
            Map.entry("issue_comment", new IssueCommentHandler()),
            Map.entry("merge_group", new MergeGroupHandler()),
            Map.entry("installation", new InstallationHandler()),
            Map.entry("installation_repositories", new InstallationHandler()),
            Map.entry("membership", new TeamChangeHandler()),
            Map.entry("team", new TeamChangeHandler()),
            Map.entry("organization", new TeamChangeHandler()));

    /** The events that have a handler. */
    public Set<String> events() {
        return handlers.keySet();
    }

    /** The payload fields this event's handler reads; none for an event Ownergate does not handle. */
    public PayloadFields fields(String event) {
        EventHandler handler = handlers.get(event);
        return handler == null ? PayloadFields.NONE : handler.fields();
    }

    /** The work for this event; empty when Ownergate does not handle the event at all. */
    public Optional<List<Work>> route(String event, JsonNode payload) {
        EventHandler handler = handlers.get(event);
        return handler == null ? Optional.empty() : Optional.of(handler.handle(payload));
    }
}
