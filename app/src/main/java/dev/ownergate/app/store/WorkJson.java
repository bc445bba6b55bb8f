package dev.ownergate.app.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownergate.app.webhook.Work;
import java.util.ArrayList;
import java.util.List;

/** {@link Work} as the JSON the queue stores: {@code {"type": "pr", ...}}. Stable: rows outlive versions. */
final class WorkJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WorkJson() {}

    static String write(Work work) {
        ObjectNode n = JSON.createObjectNode();
        switch (work) {
            case Work.EvaluatePullRequest pr -> n.put("type", "pr").put("installation", pr.installationId())
                    .put("repo", pr.repo()).put("number", pr.number()).put("head", pr.headSha());
            case Work.EvaluateOpenPullRequests open -> n.put("type", "open").put("installation", open.installationId())
                    .put("repo", open.repo()).put("base", open.baseRef());
            case Work.EvaluateMergeGroup g -> {
                n.put("type", "group").put("installation", g.installationId()).put("repo", g.repo())
                        .put("head", g.headSha()).put("base", g.baseRef());
                ArrayNode prs = n.putArray("prs");
                g.pullRequests().forEach(prs::add);
            }
            case Work.RecordMerge m -> n.put("type", "merge").put("installation", m.installationId())
                    .put("repo", m.repo()).put("number", m.number()).put("head", m.headSha())
                    .put("mergeSha", m.mergeCommitSha()).put("mergedBy", m.mergedBy());
            case Work.OverridePullRequest o -> n.put("type", "override").put("installation", o.installationId())
                    .put("repo", o.repo()).put("number", o.number()).put("actor", o.actor())
                    .put("reason", o.command().reason());
            case Work.ForgetTeams f -> n.put("type", "teams").put("org", f.org());
            case Work.InstallationChanged c -> {
                n.put("type", "installation").put("installation", c.installationId()).put("action", c.action());
                ArrayNode repos = n.putArray("repos");
                c.repos().forEach(repos::add);
            }
        }
        return n.toString();
    }

    static Work read(String json) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a queued job's work does not parse: " + e.getOriginalMessage(), e);
        }
        long installation = n.path("installation").asLong();
        String repo = n.path("repo").asText();
        return switch (n.path("type").asText()) {
            case "pr" -> new Work.EvaluatePullRequest(installation, repo, n.path("number").asInt(), text(n, "head"));
            case "open" -> new Work.EvaluateOpenPullRequests(installation, repo, n.path("base").asText());
            case "group" -> {
                List<Integer> prs = new ArrayList<>();
                n.path("prs").forEach(p -> prs.add(p.asInt()));
                yield new Work.EvaluateMergeGroup(installation, repo, text(n, "head"), text(n, "base"), prs);
            }
            case "merge" -> new Work.RecordMerge(installation, repo, n.path("number").asInt(), text(n, "head"),
                    text(n, "mergeSha"), n.path("mergedBy").asText(""));
            case "override" -> new Work.OverridePullRequest(installation, repo, n.path("number").asInt(),
                    n.path("actor").asText(), new dev.ownergate.app.override.OverrideCommand(n.path("reason").asText("")));
            case "teams" -> new Work.ForgetTeams(n.path("org").asText());
            case "installation" -> {
                List<String> repos = new ArrayList<>();
                n.path("repos").forEach(r -> repos.add(r.asText()));
                yield new Work.InstallationChanged(installation, n.path("action").asText(), repos);
            }
            default -> throw new IllegalStateException("a queued job has unknown work type " + n.path("type"));
        };
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
