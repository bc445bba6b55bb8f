package dev.ownergate.audit;

import java.io.IOException;

/** The formats {@code ownergate audit --format} writes. */
public enum ReportFormat {
    TEXT,
    JSON,
    CSV,
    HTML;

    public void render(AuditReport report, Appendable out) throws IOException {
        switch (this) {
            case TEXT -> TextReport.render(report, out);
            case JSON -> JsonReport.render(report, out);
            case CSV -> CsvReport.render(report, out);
            case HTML -> HtmlReport.render(report, out);
        }
    }

    /** How a folder reads in reports: {@code lib/util/}, and {@code (root)} for the root. */
    static String folderLabel(String folder) {
        return folder.isEmpty() ? "(root)" : folder + "/";
    }

    static String percent(double p) {
        return String.format(java.util.Locale.ROOT, "%.2f", p);
    }
}
