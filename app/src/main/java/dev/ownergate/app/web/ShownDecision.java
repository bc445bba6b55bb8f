package dev.ownergate.app.web;

import dev.ownergate.app.policy.FileVerdict;
import dev.ownergate.app.policy.Verdict;
import java.time.Instant;
import java.util.List;

/**
 * One check this server posted for a pull request, as its page and the admin page show it. Built from the
 * verdict when there was one (the evaluation matrix), else from the posted check alone (failed closed).
 *
 * @param overrideBy the actor of a break-glass override; empty for a verdict of the rules
 */
public record ShownDecision(String repo, int number, Instant at, String checkName, String headSha, String conclusion,
                            String title, String rulesSource, String policy, List<Row> files, List<String> notes,
                            String overrideBy, String overrideReason) {

    /** One row of the evaluation matrix. */
    public record Row(String path, String change, String owners, String decidedBy, String approvedBy, String status,
                      boolean satisfied, String why) {}

    public ShownDecision {
        files = List.copyOf(files);
        notes = List.copyOf(notes);
    }

    public boolean passed() {
        return "success".equals(conclusion);
    }

    public boolean overridden() {
        return !overrideBy.isEmpty();
    }

    public String shortSha() {
        return headSha.length() > 7 ? headSha.substring(0, 7) : headSha;
    }

    public String subject() {
        return number > 0 ? repo + "#" + number : repo;
    }

    static ShownDecision of(String repo, int number, Instant at, String checkName, String headSha, String conclusion,
                            String title, Verdict verdict) {
        if (verdict == null) {
            return new ShownDecision(repo, number, at, checkName, headSha, conclusion, title, "", "", List.of(),
                    List.of(), "", "");
        }
        List<Row> rows = verdict.files().stream().map(ShownDecision::row).toList();
        List<String> notes = new java.util.ArrayList<>(verdict.notes());
        verdict.configProblems().forEach(d -> notes.add(d.format()));
        return new ShownDecision(repo, number, at, checkName, headSha, conclusion, title, verdict.rulesSource(),
                verdict.policy(), rows, notes, "", "");
    }

    private static Row row(FileVerdict f) {
        return new Row(f.path(), f.change().name().toLowerCase(java.util.Locale.ROOT), f.ownersText(), f.decidedBy(),
                String.join(", ", f.approvedBy()), f.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                f.status().satisfied(), f.why());
    }
}
