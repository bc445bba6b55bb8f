package dev.ownergate.app.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownergate.app.store.AuditEntry;
import dev.ownergate.app.store.AuditQuery;
import dev.ownergate.app.store.DecisionRecord;
import dev.ownergate.app.store.MergeRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The audit trail as CSV or JSON, one format for {@code ownergate audit-log} and {@code GET /api/audit}, and
 * the filters both take. The shapes are stable (documented in docs/app.md): columns and fields are only added.
 */
public final class AuditExport {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final List<String> CSV_COLUMNS = List.of("time", "type", "repo", "pull_request", "head_sha",
            "base_sha", "conclusion", "kind", "exception", "rules_source", "rules_sha", "policy", "policy_sha",
            "actor", "reason", "delivery", "merge_sha", "merged_by", "decision_id", "files");

    private AuditExport() {}

    /**
     * The filters from their text forms; a date is {@code 2026-01-31} (UTC midnight) or an ISO instant.
     *
     * @throws IllegalArgumentException naming the filter and the accepted forms
     */
    public static AuditQuery query(String repo, String since, String until, boolean exceptions) {
        return new AuditQuery(Optional.ofNullable(repo).filter(r -> !r.isBlank()), time("since", since),
                time("until", until), exceptions, AuditQuery.DEFAULT_LIMIT);
    }

    private static Optional<Instant> time(String name, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.strip()).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notADate) {
            try {
                return Optional.of(Instant.parse(text.strip()));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--" + name + " must be a date such as 2026-01-31 or a time such"
                        + " as 2026-01-31T12:00:00Z, not '" + text.strip() + "'");
            }
        }
    }

    public static String json(List<AuditEntry> entries) {
        ArrayNode out = JSON.createArrayNode();
        for (AuditEntry e : entries) {
            out.add(node(e));
        }
        return out.toPrettyString() + "\n";
    }

    private static ObjectNode node(AuditEntry e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("time", e.at().toString());
        switch (e) {
            case AuditEntry.Decided d -> {
                DecisionRecord r = d.stored().decision();
                n.put("type", "decision").put("id", d.stored().id());
                decision(n, r);
            }
            case AuditEntry.Merged m -> {
                MergeRecord r = m.merge();
                n.put("type", "merge").put("id", m.id()).put("repo", r.repo()).put("pull_request", r.number())
                        .put("head_sha", r.headSha()).put("merge_sha", r.mergeCommitSha())
                        .put("merged_by", r.mergedBy()).put("delivery", r.deliveryId())
                        .put("exception", r.exception().isPresent());
                r.exception().ifPresent(why -> n.put("exception_reason", why));
                r.decision().ifPresent(d -> {
                    ObjectNode inForce = n.putObject("decision_in_force").put("id", d.id());
                    decision(inForce, d.decision());
                });
            }
        }
        return n;
    }

    private static void decision(ObjectNode n, DecisionRecord r) {
        n.put("repo", r.repo()).put("pull_request", r.number()).put("head_sha", r.headSha())
                .put("base_sha", r.baseSha()).put("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT))
                .put("conclusion", r.conclusion()).put("title", r.title()).put("exception", r.exception())
                .put("rules_source", r.rulesSource()).put("rules_sha", r.rulesSha()).put("policy", r.policy())
                .put("policy_sha", r.policySha()).put("actor", r.actor()).put("reason", r.reason())
                .put("delivery", r.deliveryId()).put("time", r.at().toString());
        ArrayNode files = n.putArray("files");
        for (DecisionRecord.FileDecision f : r.files()) {
            ObjectNode file = files.addObject().put("path", f.path()).put("status", f.status());
            f.owners().forEach(file.withArray("owners")::add);
            f.approvedBy().forEach(file.withArray("approved_by")::add);
        }
    }

    /** RFC 4180 CSV; the files column holds {@code path=STATUS[owners|approvers]} joined by {@code ;}. */
    public static String csv(List<AuditEntry> entries) {
        StringBuilder out = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
        for (AuditEntry e : entries) {
            List<String> row = switch (e) {
                case AuditEntry.Decided d -> {
                    DecisionRecord r = d.stored().decision();
                    yield List.of(r.at().toString(), "decision", r.repo(), Integer.toString(r.number()), r.headSha(),
                            r.baseSha(), r.conclusion(), r.kind().name().toLowerCase(java.util.Locale.ROOT),
                            r.exception() ? "override" : "", r.rulesSource(), r.rulesSha(), r.policy(), r.policySha(),
                            r.actor(), r.reason(), nz(r.deliveryId()), "", "", Long.toString(d.stored().id()),
                            files(r));
                }
                case AuditEntry.Merged m -> {
                    MergeRecord r = m.merge();
                    DecisionRecord d = r.decision().map(s -> s.decision()).orElse(null);
                    yield List.of(r.at().toString(), "merge", r.repo(), Integer.toString(r.number()), r.headSha(),
                            d == null ? "" : d.baseSha(), d == null ? "" : d.conclusion(),
                            d == null ? "" : d.kind().name().toLowerCase(java.util.Locale.ROOT),
                            r.exception().orElse(""), d == null ? "" : d.rulesSource(), d == null ? "" : d.rulesSha(),
                            d == null ? "" : d.policy(), d == null ? "" : d.policySha(), nz(r.mergedBy()), "",
                            nz(r.deliveryId()), nz(r.mergeCommitSha()), nz(r.mergedBy()),
                            r.decision().map(s -> Long.toString(s.id())).orElse(""), d == null ? "" : files(d));
                }
            };
            out.append(String.join(",", row.stream().map(AuditExport::cell).toList())).append("\r\n");
        }
        return out.toString();
    }

    private static String files(DecisionRecord r) {
        return String.join(";", r.files().stream().map(f -> f.path() + "=" + f.status() + "["
                + String.join(" ", f.owners()) + "|" + String.join(" ", f.approvedBy()) + "]").toList());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Quotes a cell; a leading =, +, - or @ is prefixed with ' so a spreadsheet never runs it as a formula. */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
