package dev.ownergate.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownergate.app.policy.FileVerdict;
import dev.ownergate.app.policy.RuleVerdict;
import dev.ownergate.app.policy.StaleApproval;
import dev.ownergate.app.policy.Verdict;
import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.owners.Owner;
import java.util.Collection;
import java.util.Locale;

/**
 * {@code ownergate evaluate --json}: the verdict in the stable shape documented in docs/evaluate-json.md.
 * Keys are written in a fixed order; enum values are lower-case with hyphens.
 */
final class VerdictJson {
    static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private VerdictJson() {}

    static String write(Verdict v, String checkName, String summary, String baseRef, String baseSha, String headRef,
            String headSha) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("passed", v.passed());
        root.put("conclusion", v.conclusion());
        root.put("checkName", checkName);
        root.put("title", v.title());
        root.putObject("base").put("ref", baseRef).put("sha", baseSha);
        root.putObject("head").put("ref", headRef).put("sha", headSha);
        root.put("rulesSource", v.rulesSource());
        root.put("policy", v.policy());
        ArrayNode files = root.putArray("files");
        for (FileVerdict f : v.files()) {
            ObjectNode file = files.addObject();
            file.put("path", f.path());
            file.put("change", name(f.change()));
            file.put("requirement", name(f.requirement()));
            file.put("status", name(f.status()));
            strings(file.putArray("owners"), f.owners().stream().map(Owner::toString).toList());
            file.put("anyone", f.anyone());
            file.put("protectedBy", f.protectedBy());
            file.put("decidedBy", f.decidedBy());
            strings(file.putArray("approvedBy"), f.approvedBy());
            strings(file.putArray("blockedBy"), f.blockedBy());
            file.put("why", f.why());
        }
        ArrayNode rules = root.putArray("rules");
        for (RuleVerdict r : v.rules()) {
            ObjectNode rule = rules.addObject();
            rule.put("name", r.name());
            strings(rule.putArray("files"), r.files());
            strings(rule.putArray("from"), r.rule().from().stream().map(Owner::toString).toList());
            rule.put("count", r.rule().count());
            rule.put("status", name(r.status()));
            strings(rule.putArray("approvedBy"), r.approvedBy());
            strings(rule.putArray("blockedBy"), r.blockedBy());
            rule.put("missing", r.missing());
            rule.put("why", r.why());
        }
        strings(root.putArray("approvers"), v.approvers());
        strings(root.putArray("blockedBy"), v.blockedBy());
        ArrayNode stale = root.putArray("staleApprovals");
        for (StaleApproval s : v.staleApprovals()) {
            stale.addObject().put("login", s.login()).put("commit", s.commitSha()).put("reason", s.reason());
        }
        strings(root.putArray("suggestedReviewers"), v.suggestedReviewers());
        ArrayNode problems = root.putArray("problems");
        for (Diagnostic d : v.configProblems()) {
            problems.addObject().put("path", d.path()).put("line", d.line()).put("column", d.column())
                    .put("severity", name(d.severity())).put("message", d.message());
        }
        strings(root.putArray("notes"), v.notes());
        root.put("summary", summary);
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
