package dev.ownergate.app.web;

import dev.ownergate.app.store.DecisionRecord;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One decision from the audit trail, as a pull request's page and the admin page show it.
 *
 * @param kind     evaluation, fail-closed or override
 * @param actor    an override's actor; empty otherwise
 * @param reason   an override's reason, or why it failed closed; empty otherwise
 */
public record ShownDecision(String repo, int number, Instant at, String headSha, String baseSha, String kind,
                            String conclusion, String title, String rulesSource, String policy, List<Row> files,
                            String actor, String reason) {

    /** One row of the evaluation matrix. */
    public record Row(String path, String owners, String approvedBy, String status, boolean satisfied) {}

    public ShownDecision {
        files = List.copyOf(files);
    }

    public static ShownDecision of(DecisionRecord d) {
        List<Row> rows = d.files().stream().map(f -> new Row(f.path(),
                f.owners().isEmpty() ? "(no owner)" : String.join(" ", f.owners()), String.join(", ", f.approvedBy()),
                f.status().toLowerCase(Locale.ROOT).replace('_', ' '),
                f.status().equals("APPROVED") || f.status().equals("NOT_REQUIRED"))).toList();
        return new ShownDecision(d.repo(), d.number(), d.at(), d.headSha(), d.baseSha(),
                d.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), d.conclusion(), d.title(), d.rulesSource(),
                d.policy(), rows, d.actor(), d.reason());
    }

    public boolean overridden() {
        return kind.equals("override");
    }

    /** The CSS class of its conclusion: success, failure, or override. */
    public String style() {
        return overridden() ? "override" : conclusion;
    }

    public String shortSha() {
        return headSha.length() > 7 ? headSha.substring(0, 7) : headSha;
    }

    public String subject() {
        return number > 0 ? repo + "#" + number : repo;
    }
}
