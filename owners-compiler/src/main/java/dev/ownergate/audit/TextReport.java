package dev.ownergate.audit;

import dev.ownergate.owners.Owner;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/** The audit for people: short sections, biggest problems first, long lists cut with a count. */
final class TextReport {
    static final int MAX_GROUPS = 20;
    static final int MAX_PATHS = 3;
    static final int MAX_SOLE = 3;

    private TextReport() {}

    static void render(AuditReport r, Appendable out) throws IOException {
        Coverage c = r.coverage();
        out.append("Ownership audit (").append(r.source()).append(")\n");
        out.append("Coverage: ").append(ReportFormat.percent(c.percentOwned())).append("% of ")
                .append(Integer.toString(c.files())).append(" files owned (")
                .append(Integer.toString(c.owned())).append(" owned, ")
                .append(Integer.toString(c.anyone())).append(" anyone may approve, ")
                .append(Integer.toString(c.unowned())).append(" unowned)\n");

        out.append('\n');
        if (r.unowned().isEmpty()) {
            out.append("Unowned files: none\n");
        } else {
            out.append("Unowned files by folder (").append(Integer.toString(r.unowned().size()))
                    .append(plural(r.unowned().size(), " folder")).append("):\n");
            for (UnownedGroup g : r.unowned().subList(0, Math.min(MAX_GROUPS, r.unowned().size()))) {
                out.append("  ").append(ReportFormat.folderLabel(g.folder())).append("  ");
                if (g.wholeFolder()) {
                    out.append("all ").append(Integer.toString(g.files())).append(plural(g.files(), " file")).append('\n');
                } else {
                    List<String> shown = g.paths().subList(0, Math.min(MAX_PATHS, g.paths().size()));
                    out.append(Integer.toString(g.files())).append(plural(g.files(), " file")).append(": ")
                            .append(String.join(", ", shown))
                            .append(g.paths().size() > shown.size() ? ", ..." : "").append('\n');
                }
            }
            more(out, r.unowned().size() - MAX_GROUPS, " more folders");
        }

        out.append('\n');
        out.append("Owners (").append(Integer.toString(r.owners().size())).append("):\n");
        int width = r.owners().stream().mapToInt(o -> o.owner().toString().length()).max().orElse(0);
        for (OwnerLoad o : r.owners()) {
            out.append("  ").append(pad(o.owner().toString(), width)).append("  ")
                    .append(String.format(java.util.Locale.ROOT, "%7d", o.files())).append(plural(o.files(), " file"));
            if (!o.soleOwner().isEmpty()) {
                out.append("  only owner of ");
                out.append(o.soleOwner().subList(0, Math.min(MAX_SOLE, o.soleOwner().size())).stream()
                        .map(f -> ReportFormat.folderLabel(f.folder()) + " (" + f.files() + ")")
                        .collect(Collectors.joining(", ")));
                if (o.soleOwner().size() > MAX_SOLE) {
                    out.append(" and ").append(Integer.toString(o.soleOwner().size() - MAX_SOLE)).append(" more");
                }
                if (o.owner().kind() == Owner.Kind.USER || o.owner().kind() == Owner.Kind.EMAIL) {
                    out.append("  [bus factor 1]");
                }
            }
            out.append('\n');
        }

        out.append('\n');
        if (r.rulesFile().isEmpty()) {
            out.append("Rules: no CODEOWNERS file to check\n");
        } else if (r.rules().isEmpty()) {
            out.append("Rules in ").append(r.rulesFile()).append(": no dead, shadowed or duplicate rules\n");
        } else {
            out.append("Rules in ").append(r.rulesFile()).append(" (").append(Integer.toString(r.rules().size()))
                    .append(" to fix):\n");
            for (RuleFinding f : r.rules()) {
                out.append("  ").append(f.file()).append(':').append(Integer.toString(f.line())).append(": ")
                        .append(f.kind().name().toLowerCase(java.util.Locale.ROOT)).append(": ").append(f.message()).append('\n');
            }
        }
    }

    private static void more(Appendable out, int n, String what) throws IOException {
        if (n > 0) {
            out.append("  ... and ").append(Integer.toString(n)).append(what).append('\n');
        }
    }

    private static String plural(int n, String word) {
        return n == 1 ? word : word + "s";
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
