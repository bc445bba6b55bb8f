package dev.ownergate.codeowners;

import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.owners.Owner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * GitHub docs ("About code owners"): "CODEOWNERS files must be under 3 MB in size. A CODEOWNERS file over this
     * limit will not be loaded". We read "3 MB" as 3,000,000 bytes, the same limit the compiler writes under.
     */
    public static final int GITHUB_SIZE_LIMIT = 3_000_000;

    /** The kind of the one error of a file GitHub does not load at all. */
    public static final String TOO_LARGE = "File too large";

    /**
     * Parses the text; never throws on bad input, which becomes {@link #errors()}. A text of 3 MB or more is what
     * GitHub does not load: it has no rules and one {@link #TOO_LARGE} error, and is not parsed at all.
     */
    public static CodeownersFile parse(String path, String text) {
        List<CodeownersRule> rules = new ArrayList<>();
        List<CodeownersError> errors = new ArrayList<>();
        String body = text == null ? "" : text;
        long bytes = utf8Length(body);
        if (bytes >= GITHUB_SIZE_LIMIT) {
            String message = String.format("this CODEOWNERS file is %,d bytes, over GitHub's 3 MB limit, so GitHub"
                    + " does not load it and no file has code owners from it; make it smaller (compile it from OWNERS"
                    + " files with ./ownergate compile, which writes globs instead of single files)", bytes);
            return new CodeownersFile(path, List.of(),
                    List.of(new CodeownersError(1, 1, TOO_LARGE, "", null, message, path)));
        }
        if (body.startsWith("\uFEFF")) {
            body = body.substring(1);
        }
        // A compiled file repeats the same owners on most lines: each distinct token is parsed once.
        Map<String, Optional<Owner>> ownerOfToken = new HashMap<>();
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
            parseLine(path, lineNumber, line, rules, errors, ownerOfToken);
            if (newline < 0) {
                break;
            }
            from = newline + 1;
        }
        return new CodeownersFile(path, rules, errors);
    }

    /** True when GitHub does not load this file at all (3 MB or more). */
    public boolean tooLarge() {
        return errors.stream().anyMatch(e -> e.kind().equals(TOO_LARGE));
    }

    private static long utf8Length(String text) {
        if ((long) text.length() * 3 < GITHUB_SIZE_LIMIT) {
            return text.length(); // under the limit whatever the characters: skip counting
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** The errors as diagnostics ({@code path:line:col: message}) for the CLI. */
    public List<Diagnostic> diagnostics() {
        return errors.stream().map(CodeownersError::toDiagnostic).toList();
    }

    private static void parseLine(String path, int lineNumber, String line, List<CodeownersRule> rules,
            List<CodeownersError> errors, Map<String, Optional<Owner>> ownerOfToken) {
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
            Optional<Owner> owner = ownerOfToken.computeIfAbsent(token, CodeownersFile::codeownersOwner);
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
