package dev.ownergate.codeowners;

import dev.ownergate.diagnostics.Diagnostic;

/**
 * A line GitHub rejects (and skips), in the shape of GitHub's {@code GET /repos/{owner}/{repo}/codeowners/errors}.
 *
 * @param line       1-based line
 * @param column     1-based column of the fault
 * @param kind       {@value #INVALID_PATTERN} or {@value #INVALID_OWNER}, as GitHub names them
 * @param source     the line as written
 * @param suggestion how to fix it, or null (GitHub leaves it null for most errors)
 * @param message    GitHub's layout: kind, line, suggestion, then the line with a caret under the fault
 * @param path       the CODEOWNERS file, e.g. {@code .github/CODEOWNERS}
 */
public record CodeownersError(
        int line, int column, String kind, String source, String suggestion, String message, String path) {

    public static final String INVALID_PATTERN = "Invalid pattern";
    public static final String INVALID_OWNER = "Invalid owner";

    /** Builds the error with GitHub's message layout. */
    public static CodeownersError of(String path, int line, int column, String kind, String source, String suggestion) {
        StringBuilder message = new StringBuilder(kind).append(" on line ").append(line).append(':');
        if (suggestion != null) {
            message.append(' ').append(suggestion);
        }
        message.append("\n\n  ").append(source).append("\n  ");
        // Keep tabs so the caret lines up under the fault however tabs are shown.
        for (int i = 0; i < column - 1 && i < source.length(); i++) {
            message.append(source.charAt(i) == '\t' ? '\t' : ' ');
        }
        message.append('^');
        return new CodeownersError(line, column, kind, source, suggestion, message.toString(), path);
    }

    /** {@code path:line:col: invalid owner `docs@`: ...} for the CLI. */
    public Diagnostic toDiagnostic() {
        if (kind.equals(CodeownersFile.TOO_LARGE)) {
            return Diagnostic.error(path, line, column, message);
        }
        String token = tokenAt(source, column);
        String fix = suggestion != null ? suggestion : switch (kind) {
            case INVALID_OWNER -> "write a user as @login, a team as @org/team, or an email address";
            case INVALID_PATTERN -> "fix or remove the pattern";
            default -> "fix or remove the line";
        };
        String what = kind.toLowerCase(java.util.Locale.ROOT) + (token.isEmpty() ? "" : " `" + token + "`");
        return Diagnostic.error(path, line, column, what + ": " + fix + " (GitHub skips this line)");
    }

    private static String tokenAt(String source, int column) {
        if (source == null || column < 1 || column > source.length()) {
            return "";
        }
        int start = column - 1;
        while (start > 0 && !Character.isWhitespace(source.charAt(start - 1))) {
            start--;
        }
        int end = column - 1;
        while (end < source.length() && !Character.isWhitespace(source.charAt(end))) {
            end++;
        }
        return source.substring(start, end);
    }
}
