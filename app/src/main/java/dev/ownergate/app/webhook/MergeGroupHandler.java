package dev.ownergate.app.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code merge_group} {@code checks_requested}: the merge queue wants {@code code-owners} on its temporary
 * commit. The group's head ref names the pull request that formed it:
 * {@code refs/heads/gh-readonly-queue/<base>/pr-<number>-<sha>}.
 */
public final class MergeGroupHandler implements EventHandler {
    private static final Pattern PR_IN_REF = Pattern.compile("/pr-(\\d+)-[0-9a-f]+$");
    private static final String BRANCH_PREFIX = "refs/heads/";
    private static final PayloadFields FIELDS = INSTALLATION_AND_REPO.and("action", "merge_group.head_ref",
            "merge_group.base_ref", "merge_group.head_sha");

    @Override
    public PayloadFields fields() {
        return FIELDS;
    }

    @Override
    public List<Work> handle(JsonNode payload) {
        if (!payload.path("action").asText().equals("checks_requested")) {
            return List.of();
        }
        JsonNode group = payload.path("merge_group");
        Matcher m = PR_IN_REF.matcher(group.path("head_ref").asText());
        List<Integer> prs = m.find() ? List.of(Integer.parseInt(m.group(1))) : List.of();
        String baseRef = group.path("base_ref").asText();
        if (baseRef.startsWith(BRANCH_PREFIX)) {
            baseRef = baseRef.substring(BRANCH_PREFIX.length());
        }
        return List.of(new Work.EvaluateMergeGroup(EventHandler.installationId(payload), EventHandler.repo(payload),
                group.path("head_sha").asText(), baseRef, prs));
    }
}
