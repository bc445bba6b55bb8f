package dev.ownergate.app.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code membership}, {@code team} and {@code organization}: who is in which team may have changed. */
public final class TeamChangeHandler implements EventHandler {
    private static final PayloadFields FIELDS = PayloadFields.of("organization.login");

    @Override
    public PayloadFields fields() {
        return FIELDS;
    }

    @Override
    public List<Work> handle(JsonNode payload) {
        String org = payload.path("organization").path("login").asText("");
        return org.isEmpty() ? List.of() : List.of(new Work.ForgetTeams(org));
    }
}
