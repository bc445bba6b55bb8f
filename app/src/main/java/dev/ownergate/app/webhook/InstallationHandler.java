package dev.ownergate.app.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** {@code installation} and {@code installation_repositories}: bookkeeping only; reconciliation picks up new repos. */
public final class InstallationHandler implements EventHandler {
    private static final PayloadFields FIELDS = INSTALLATION_AND_REPO.and("action", "repositories.full_name",
            "repositories_added.full_name");

    @Override
    public PayloadFields fields() {
        return FIELDS;
    }

    @Override
    public List<Work> handle(JsonNode payload) {
        List<String> repos = new ArrayList<>();
        for (String field : List.of("repositories", "repositories_added")) {
            for (JsonNode r : payload.path(field)) {
                repos.add(r.path("full_name").asText());
            }
        }
        return List.of(new Work.InstallationChanged(EventHandler.installationId(payload),
                payload.path("action").asText(), repos));
    }
}
