package dev.ownergate.codeowners;

import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.owners.Owner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One parsed CODEOWNERS file: its valid rules in file order, and the lines GitHub would skip.
 * GitHub docs: "If any line in your CODEOWNERS file contains invalid syntax, that line will be skipped."
 *
 * <p>Syntax: blank lines and {@code #} lines are ignored; a line is a pattern (a backslash escapes the next
 * character, so {@code a\ b} holds a space), then owners separated by whitespace, then an optional {@code #}
 * comment. An owner is {@code @login}, {@code @org/team} or an email address; a pattern with no owners makes
 * its paths unowned.
 */
public record CodeownersFile(String path, List<CodeownersRule> rules, List<CodeownersError> errors) {

    public CodeownersFile {
        rules = List.copyOf(rules);
        errors = List.copyOf(errors);
    }

    /** Parses the text; never throws on bad input, which becomes {@link #errors()}. */
    public static CodeownersFile parse(String path, String text) {
        List<CodeownersRule> rules = new ArrayList<>();
        List<CodeownersError> errors = new ArrayList<>();
        String body = text == null ? "" : text;
        if (body.startsWith("\uFEFF")) {
            body = body.substring(1);
        }
        int lineNumber = 0;
        int from = 0;
        while (from <= body.length()) {
            int newline = body.indexOf('\n', from);
            int to = newline < 0 ? body.length() : newline;
            String line = body.substring(from, to);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            lineNumber++;
            parseLine(path, lineNumber, line, rules, errors);
            if (newline < 0) {
                break;
            }
            from = newline + 1;
        }
        return new CodeownersFile(path, rules, errors);
    }

    /** The errors as diagnostics ({@code path:line:col: message}) for the CLI. */
    public List<Diagnostic> diagnostics() {
        return errors.stream().map(CodeownersError::toDiagnostic).toList();
    }

    private static void parseLine(
            String path, int lineNumber, String line, List<CodeownersRule> rules, List<CodeownersError> errors) {
        int i = skipBlanks(line, 0);
        if (i == line.length() || line.charAt(i) == '#') {
            return;
        }
        int patternStart = i;
        while (i < line.length() && !isBlank(line.charAt(i))) {
            i += line.charAt(i) == '\\' && i + 1 < line.length() ? 2 : 1;
        }
        String pattern = line.substring(patternStart, i);
        int errorsBefore = errors.size();
        Optional<PatternProblem> problem = PatternProblem.find(pattern);
        problem.ifPresent(p -> errors.add(CodeownersError.of(path, lineNumber, patternStart + p.offset() + 1,
                CodeownersError.INVALID_PATTERN, line, p.suggestion())));

        List<Owner> owners = new ArrayList<>();
        while (true) {
            i = skipBlanks(line, i);
            if (i == line.length() || line.charAt(i) == '#') {
                break;
            }
            int tokenStart = i;
            while (i < line.length() && !isBlank(line.charAt(i))) {
                i++;
            }
            String token = line.substring(tokenStart, i);
            Optional<Owner> owner = codeownersOwner(token);
            if (owner.isPresent()) {
                owners.add(owner.get());
            } else {
                errors.add(CodeownersError.of(path, lineNumber, tokenStart + 1, CodeownersError.INVALID_OWNER, line,
                        ownerSuggestion(token)));
            }
        }
        if (errors.size() == errorsBefore) {
            rules.add(new CodeownersRule(rules.size(), lineNumber, pattern, owners));
        }
    }

    /** Like {@link Owner#parse}, but a user or team needs its leading {@code @} here, and {@code *} is no owner. */
    static Optional<Owner> codeownersOwner(String token) {
        Optional<Owner> owner = Owner.parse(token);
        if (owner.isEmpty()) {
            return owner;
        }
        boolean ok = switch (owner.get().kind()) {
            case USER, TEAM -> token.startsWith("@");
            case EMAIL -> !token.startsWith("@");
            case ANYONE -> false;
        };
        return ok ? owner : Optional.empty();
    }

    private static String ownerSuggestion(String token) {
        if (token.equals("*")) {
            return "`*` is not an owner in CODEOWNERS; to leave the paths unowned, write the pattern with no owners";
        }
        if (!token.startsWith("@") && Owner.parse(token).filter(o -> o.kind() != Owner.Kind.EMAIL).isPresent()) {
            return "Did you mean `@" + token + "`?";
        }
        return null;
    }

    private static int skipBlanks(String line, int i) {
        while (i < line.length() && isBlank(line.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\u000B';
    }
}
