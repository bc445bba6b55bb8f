package dev.ownergate.diagnostics;

import java.util.Comparator;

/**
 * One problem in a user's input, pinned to {@code path:line:col} (1-based; 0 when unknown).
 * The message says what is wrong and how to fix it.
 */
public record Diagnostic(Severity severity, String path, int line, int column, String message)
        implements Comparable<Diagnostic> {

    private static final Comparator<Diagnostic> ORDER = Comparator.comparing(Diagnostic::path)
            .thenComparingInt(Diagnostic::line)
            .thenComparingInt(Diagnostic::column)
            .thenComparing(Diagnostic::severity)
            .thenComparing(Diagnostic::message);

    /** The message is made safe to print: it may quote a user's file (see {@link Excerpt}). */
    public Diagnostic {
        message = Excerpt.sanitize(message);
    }

    public static Diagnostic error(String path, int line, int column, String message) {
        return new Diagnostic(Severity.ERROR, path, line, column, message);
    }

    public static Diagnostic warning(String path, int line, int column, String message) {
        return new Diagnostic(Severity.WARNING, path, line, column, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code path:line:col: message} for errors, {@code path:line:col: warning: message} for warnings. */
    public String format() {
        String where = path + ":" + line + ":" + column + ": ";
        return severity == Severity.WARNING ? where + "warning: " + message : where + message;
    }

    @Override
    public int compareTo(Diagnostic other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return format();
    }
}
