package dev.ownergate.app.checks;

import dev.ownergate.app.policy.FileVerdict;
import dev.ownergate.app.policy.FileVerdict.FileStatus;
import dev.ownergate.app.policy.FileVerdict.Requirement;
import dev.ownergate.app.policy.OwnerGroup;
import dev.ownergate.app.policy.RuleVerdict;
import dev.ownergate.app.policy.Verdict;
import dev.ownergate.diagnostics.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link Verdict} into check-run text: a title, and a markdown summary that starts with what is missing and
 * from whom, then the suggested reviewers, approvals that no longer count, policy problems, the rules, the changed
 * files grouped by owners, ignored files, notes and each file's reason.
 *
 * <p>GitHub rejects a summary longer than 65,535 characters. A long summary is cut between lines (so never inside
 * a table row) and ends with a note saying so; the rules source line is always kept.
 */
public final class CheckRunRenderer {
    /** GitHub's limit on {@code output.summary}. */
    public static final int MAX_SUMMARY = 65_535;
    /** Paths shown in one table cell; the file-by-file section lists them all. */
    static final int PATHS_PER_CELL = 20;
    /** GitHub's limit on {@code output.title} is not documented; keep titles to one readable line. */
    static final int MAX_TITLE = 250;

    private CheckRunRenderer() {}

    public static CheckRunText render(Verdict v, String checkName, String detailsUrl) {
        return new CheckRunText(checkName, v.conclusion(), title(v.title()), summary(v, MAX_SUMMARY), detailsUrl);
    }

    /**
     * The same markdown as {@link #render}'s summary, never cut: for {@code ownergate evaluate}, whose output
     * has no length limit.
     */
    public static String fullSummary(Verdict v) {
        return summary(v, Integer.MAX_VALUE);
    }

    private static String title(String title) {
        return title.length() <= MAX_TITLE ? title : title.substring(0, MAX_TITLE - 1) + "…";
    }

    /** One line of the summary, and what must follow it if the summary is cut right after it. */
    private record Line(String text, String closer) {}

    /** Unmet requirements listed under "What is missing"; the tables below list them all. */
    static final int MISSING_SHOWN = 30;

    /**
     * The summary cut to {@code limit} UTF-8 bytes; counting bytes keeps within GitHub's character limit too.
     * Sections run from the most useful down (what is missing and from whom, then who to ask, approvals that no
     * longer count, policy problems, rules, files, notes, reasons), so a cut loses the least useful part.
     */
    static String summary(Verdict v, int limit) {
        List<Line> lines = new ArrayList<>();
        add(lines, "## " + (v.passed() ? "✅ " : "❌ ") + escape(v.title()));
        add(lines, "");
        boolean policyErrors = v.configProblems().stream().anyMatch(Diagnostic::isError);
        if (policyErrors) {
            problems(lines, v);
        }
        missing(lines, v);
        if (!v.suggestedReviewers().isEmpty()) {
            add(lines, "**Suggested reviewers:** " + String.join(", ",
                    v.suggestedReviewers().stream().map(r -> r.startsWith("@") ? r : "@" + r).toList()));
            add(lines, "");
        }
        if (!v.staleApprovals().isEmpty()) {
            add(lines, "### Approvals that no longer count");
            v.staleApprovals().forEach(s -> add(lines, "- @" + escape(s.login()) + " " + escape(s.reason())));
            add(lines, "");
        }
        if (!policyErrors && !v.configProblems().isEmpty()) {
            problems(lines, v);
        }
        if (!v.members().isEmpty()) {
            add(lines, "| Pull request | Status | Why |");
            add(lines, "| --- | --- | --- |");
            for (Verdict m : v.members()) {
                add(lines, "| " + escape(m.subject()) + " | " + (m.passed() ? "✅ approved" : "❌ not approved")
                        + " | " + escape(m.title()) + " |");
            }
            add(lines, "");
        } else {
            rules(lines, v);
            if (!v.groups().isEmpty()) {
                add(lines, "| Files | Owners | Status | Approved by |");
                add(lines, "| --- | --- | --- | --- |");
                for (OwnerGroup g : v.groups()) {
                    add(lines, "| " + cellOfPaths(g.paths()) + " | " + escape(g.ownersText()) + " | "
                            + status(g.status()) + " | " + (g.approvedBy().isEmpty() ? "" : atLogins(g.approvedBy()))
                            + " |");
                }
                add(lines, "");
            }
            List<String> ignored = v.files().stream().filter(f -> f.requirement() == Requirement.IGNORED)
                    .map(FileVerdict::path).toList();
            if (!ignored.isEmpty()) {
                add(lines, "**Ignored (approval.ignore), no approval needed:** " + cellOfPaths(ignored)
                        .replace("<br>", ", "));
                add(lines, "");
            }
        }
        if (!v.notes().isEmpty()) {
            add(lines, "### Notes");
            v.notes().forEach(n -> add(lines, "- " + escape(n)));
            add(lines, "");
        }
        if (!v.files().isEmpty() && v.members().isEmpty()) { // a merge group's members are summarised above
            String closer = "\n</details>";
            lines.add(new Line("<details><summary>Why, file by file</summary>", closer));
            lines.add(new Line("", closer));
            for (FileVerdict f : v.files()) {
                lines.add(new Line("- <code>" + escape(f.path()) + "</code>"
                        + (f.change() == null ? "" : " (" + f.change().name().toLowerCase(java.util.Locale.ROOT) + ")")
                        + ": " + escape(f.why()), closer));
            }
            lines.add(new Line("", closer));
            add(lines, "</details>");
            add(lines, "");
        }
        String footer = "---\n" + footer(v);
        return fit(lines, footer, limit);
    }

    private static void problems(List<Line> lines, Verdict v) {
        add(lines, "### Problems in the policy or the rules");
        if (v.configProblems().stream().anyMatch(Diagnostic::isError)) {
            add(lines, "The policy file has errors, so nothing was evaluated and the check fails until they are"
                    + " fixed. Each line says where and how. The policy is read from the base branch, so fix it"
                    + " there (a pull request that fixes it is judged by the broken file too: merge it with"
                    + " an admin's bypass).");
            add(lines, "");
        }
        for (Diagnostic d : v.configProblems()) {
            add(lines, "- <code>" + escape(d.format()) + "</code>");
        }
        add(lines, "");
    }

    /** "What is missing": each unmet rule and each group of files short of approval, with whom to ask. */
    private static void missing(List<Line> lines, Verdict v) {
        if (v.passed() || !v.members().isEmpty()) {
            return;
        }
        List<String> items = new ArrayList<>();
        for (RuleVerdict r : v.rules()) {
            if (r.status() == FileStatus.NEEDS_APPROVAL) {
                items.add("Rule **" + escape(r.name()) + "**: " + r.missing() + " more "
                        + (r.missing() == 1 ? "approval" : "approvals") + " from " + escape(r.rule().fromText())
                        + (r.approvedBy().isEmpty() ? "" : " (has " + atLogins(r.approvedBy()) + ")"));
            } else if (r.status() == FileStatus.CHANGES_REQUESTED) {
                items.add("Rule **" + escape(r.name()) + "**: blocked until " + atLogins(r.blockedBy())
                        + " approve or their review is dismissed");
            }
        }
        Map<String, FileVerdict> byPath = new HashMap<>();
        v.files().forEach(f -> byPath.put(f.path(), f));
        for (OwnerGroup g : v.groups()) {
            if (g.status().satisfied()) {
                continue;
            }
            FileVerdict first = byPath.get(g.paths().getFirst());
            String what = switch (g.status()) {
                case CHANGES_REQUESTED -> "blocked until " + atLogins(first.blockedBy())
                        + " approve or their review is dismissed";
                case BLOCKED -> "no owner, and unowned files cannot be merged: add an owner";
                default -> switch (first.requirement()) {
                    case OWN_OWNERS -> "approval from " + escape(g.ownersText().replace(" ", " or "));
                    case ANY_CODE_OWNER -> "approval from an owner of any changed file (any-owner mode)";
                    default -> "approval from anyone but the author";
                };
            };
            items.add(inlinePaths(g.paths()) + ": " + what);
        }
        if (items.isEmpty()) {
            return;
        }
        add(lines, "### What is missing");
        items.subList(0, Math.min(MISSING_SHOWN, items.size())).forEach(i -> add(lines, "- " + i));
        if (items.size() > MISSING_SHOWN) {
            add(lines, "- … and " + (items.size() - MISSING_SHOWN) + " more (see the tables below)");
        }
        add(lines, "");
    }

    private static void rules(List<Line> lines, Verdict v) {
        if (v.rules().isEmpty()) {
            return;
        }
        add(lines, "| Rule | Files | Who may approve | Approved by | Status |");
        add(lines, "| --- | --- | --- | --- | --- |");
        for (RuleVerdict r : v.rules()) {
            String state = switch (r.status()) {
                case APPROVED -> "✅ approved";
                case CHANGES_REQUESTED -> "❌ changes requested by " + atLogins(r.blockedBy());
                default -> "⏳ needs " + r.missing() + " more";
            };
            add(lines, "| " + escape(r.name()) + " (" + r.rule().count() + ") | " + cellOfPaths(r.files()) + " | "
                    + escape(String.join(" ", r.rule().from().stream().map(Object::toString).toList())) + " | "
                    + (r.approvedBy().isEmpty() ? "" : atLogins(r.approvedBy())) + " | " + state + " |");
        }
        add(lines, "");
    }

    /** Up to 5 paths inline, then a count. */
    private static String inlinePaths(List<String> paths) {
        List<String> shown = new ArrayList<>();
        paths.subList(0, Math.min(5, paths.size())).forEach(p -> shown.add("<code>" + escape(p) + "</code>"));
        return String.join(", ", shown) + (paths.size() > 5 ? " and " + (paths.size() - 5) + " more" : "");
    }

    private static String footer(Verdict v) {
        List<String> parts = new ArrayList<>();
        if (!v.rulesSource().isEmpty()) {
            parts.add("Rules: " + escape(v.rulesSource()));
        }
        if (!v.policy().isEmpty()) {
            parts.add("Policy: " + escape(v.policy()));
        }
        parts.add("Head: " + escape(v.headSha().length() > 12 ? v.headSha().substring(0, 12) : v.headSha()));
        return String.join(" · ", parts);
    }

    private static String fit(List<Line> lines, String footer, int limit) {
        StringBuilder whole = new StringBuilder();
        lines.forEach(line -> whole.append(line.text()).append('\n'));
        whole.append(footer);
        if (bytes(whole.toString()) <= limit) {
            return whole.toString();
        }
        String cutNote = "_This summary was cut to fit GitHub's limit of 65,535 characters; run"
                + " `ownergate evaluate` locally to see it all._\n\n";
        int reserve = bytes(footer) + 1 + bytes(cutNote);
        StringBuilder out = new StringBuilder();
        int used = 0;
        Line last = null;
        for (Line line : lines) {
            int size = bytes(line.text()) + 1;
            int closerSize = line.closer().isEmpty() ? 0 : bytes(line.closer()) + 1;
            if (used + size + closerSize + reserve > limit) {
                break;
            }
            out.append(line.text()).append('\n');
            used += size;
            last = line;
        }
        if (last != null && !last.closer().isEmpty()) {
            out.append(last.closer()).append('\n');
        }
        out.append('\n').append(cutNote); // a blank line ends a table before the note
        return out.append(footer).toString();
    }

    private static void add(List<Line> lines, String text) {
        lines.add(new Line(text, ""));
    }

    private static String cellOfPaths(List<String> paths) {
        List<String> shown = new ArrayList<>();
        for (String p : paths.subList(0, Math.min(PATHS_PER_CELL, paths.size()))) {
            shown.add("<code>" + escape(p) + "</code>");
        }
        if (paths.size() > PATHS_PER_CELL) {
            shown.add("… and " + (paths.size() - PATHS_PER_CELL) + " more");
        }
        return String.join("<br>", shown);
    }

    private static String status(FileStatus s) {
        return switch (s) {
            case APPROVED -> "✅ approved";
            case ACCEPTED_BY_OTHER_OWNERS -> "☑️ passes: any-owner mode";
            case NEEDS_APPROVAL -> "⏳ needs approval";
            case CHANGES_REQUESTED -> "❌ changes requested";
            case BLOCKED -> "⛔ blocked";
            case NOT_REQUIRED -> "➖ no approval needed";
        };
    }

    private static String atLogins(java.util.Collection<String> logins) {
        return String.join(" ", logins.stream().map(l -> "@" + l).toList());
    }

    /** Text from paths, logins and rules is shown as is: HTML-escaped, and '|' cannot end a table cell. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '|' -> b.append("&#124;");
                case '\n', '\r' -> b.append(' ');
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
