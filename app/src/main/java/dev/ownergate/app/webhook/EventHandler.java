package dev.ownergate.app.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Turns one kind of webhook payload into work. Pure: no I/O. An action we do not act on gives no work. */
public interface EventHandler {
    /** What {@link #installationId} and {@link #repo} read. */
    PayloadFields INSTALLATION_AND_REPO = PayloadFields.of("installation.id", "repository.full_name");

    /** Every field {@link #handle} reads: the payload it is given holds these and nothing else. */
    PayloadFields fields();

    List<Work> handle(JsonNode payload);

    static long installationId(JsonNode payload) {
        return payload.path("installation").path("id").asLong(0);
    }

    static String repo(JsonNode payload) {
        return payload.path("repository").path("full_name").asText("");
    }
}
