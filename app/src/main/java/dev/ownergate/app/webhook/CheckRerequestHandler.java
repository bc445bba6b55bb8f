package dev.ownergate.app.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code check_run} and {@code check_suite} with action {@code rerequested}: someone pressed "Re-run". The
 * payload lists the pull requests whose head is that commit.
 */
public final class CheckRerequestHandler implements EventHandler {
    private final String objectField;
    private final PayloadFields fields;

    private CheckRerequestHandler(String objectField) {
        this.objectField = objectField;
        this.fields = INSTALLATION_AND_REPO.and("action", objectField + ".pull_requests.number",
                objectField + ".pull_requests.head.sha");
    }

    public static CheckRerequestHandler checkRun() {
        return new CheckRerequestHandler("check_run");
    }

    public static CheckRerequestHandler checkSuite() {
        return new CheckRerequestHandler("check_suite");
    }

    @Override
    public PayloadFields fields() {
        return fields;
    }

    @Override
    public List<Work> handle(JsonNode payload) {
        if (!payload.path("action").asText().equals("rerequested")) {
            return List.of();
        }
        List<Work> work = new ArrayList<>();
        for (JsonNode pr : payload.path(objectField).path("pull_requests")) {
            work.add(new Work.EvaluatePullRequest(EventHandler.installationId(payload), EventHandler.repo(payload),
                    pr.path("number").asInt(), pr.path("head").path("sha").asText(null)));
        }
        return work;
    }
}
