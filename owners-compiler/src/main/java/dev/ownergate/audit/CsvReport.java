package dev.ownergate.audit;

import java.io.IOException;
import java.util.Locale;

/**
 * The audit as one CSV table (RFC 4180), one finding per row, for spreadsheets. Columns:
 * {@code kind,path,line,files,owner,detail}; kind is coverage, unowned (a folder), unowned-file (listed under
 * its folder unless the whole folder is unowned), owner, sole-owner, dead, shadowed or duplicate.
 */
final class CsvReport {
    private CsvReport() {}

    static void render(AuditReport r, Appendable out) throws IOException {
        row(out, "kind", "path", "line", "files", "owner", "detail");
        Coverage c = r.coverage();
        row(out, "coverage", "", "", Integer.toString(c.files()), "",
                "percent_owned=" + ReportFormat.percent(c.percentOwned()) + " owned=" + c.owned() + " anyone=" + c.anyone()
                        + " unowned=" + c.unowned());
        for (UnownedGroup g : r.unowned()) {
            row(out, "unowned", g.folder(), "", Integer.toString(g.files()), "", g.wholeFolder() ? "whole folder" : "");
            for (String path : g.paths()) {
                row(out, "unowned-file", path, "", "1", "", "");
            }
        }
        for (OwnerLoad o : r.owners()) {
            row(out, "owner", "", "", Integer.toString(o.files()), o.owner().toString(), JsonReport.kind(o.owner()));
        }
        for (OwnerLoad o : r.owners()) {
            for (OwnerLoad.FolderCount f : o.soleOwner()) {
                row(out, "sole-owner", f.folder(), "", Integer.toString(f.files()), o.owner().toString(), "");
            }
        }
        for (RuleFinding f : r.rules()) {
            row(out, f.kind().name().toLowerCase(Locale.ROOT), f.file(), Integer.toString(f.line()), "", "", f.message());
        }
    }

    private static void row(Appendable out, String... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells[i]));
        }
        out.append("\r\n");
    }

    static String cell(String s) {
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
