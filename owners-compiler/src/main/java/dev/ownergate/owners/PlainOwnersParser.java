package dev.ownergate.owners;

import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.repo.SourceUnavailableException;
import dev.ownergate.repo.TextSource;
import dev.ownergate.settings.OwnersSettings;
import dev.ownergate.settings.PerFileGlobs;
import dev.ownergate.settings.UnresolvedImports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reads a Chromium/Gerrit plain OWNERS file: one owner per line ({@code alice}, {@code @alice},
 * {@code @org/team}, {@code alice@example.com} or {@code *}), {@code #} comments, {@code set noparent},
 * {@code per-file GLOB[,GLOB]=owner[,owner] | set noparent | file:PATH}, {@code file:PATH} and
 * {@code include PATH}.
 *
 * <p>Imports follow Gerrit code-owners (which keeps Chromium's {@code file:} meaning): {@code file:PATH} brings in
 * only the other file's folder owners (not its {@code per-file} lines, not its {@code set noparent}), while
 * {@code include PATH} brings in everything, {@code per-file} and {@code set noparent} included. Nested imports
 * resolve recursively and never widen: what a {@code file:} import reaches stays owners-only. An import path
 * starting with {@code /} or {@code //} is relative to the repository root, any other to the importing file's
 * folder. Unlike Chromium, which silently tolerates import loops, a cycle is an error.
 */
final class PlainOwnersParser {

    private static final String PER_FILE_FORM =
            "write 'per-file GLOB[,GLOB]=owner[,owner]', 'per-file GLOB=set noparent' or 'per-file GLOB=file:PATH'";

    /** What one plain file says, with its imports already folded in. */
    record Parsed(List<OwnersEntry> folderEntries, List<OwnersEntry> perFileEntries, boolean setNoParent,
            boolean empty) {}

    private final OwnersAliases aliases;
    private final TextSource source;
    private final Set<Diagnostic> diagnostics;
    private final LoadContext context;
    /** For the OWNERS file itself (not its imports): the line that imported each rule. */
    private final Map<OwnersEntry, Integer> importLines = new HashMap<>();
    /** An import was skipped: the file's missing owners are then that import's warning, not a second one. */
    private boolean skippedImport;

    /** @param context shared across the files of one tree load: settings, parsed imports, limits */
    PlainOwnersParser(OwnersAliases aliases, TextSource source, Set<Diagnostic> diagnostics, LoadContext context) {
        this.aliases = aliases;
        this.source = source;
        this.diagnostics = diagnostics;
        this.context = context;
    }

    static OwnersFileParser.Result parse(String path, String text, OwnersAliases aliases, TextSource source,
            LoadContext context) {
        Set<Diagnostic> diagnostics = new LinkedHashSet<>();
        OwnersConfig config = new PlainOwnersParser(aliases, source, diagnostics, context)
                .parseOwnersFile(path, text);
        return new OwnersFileParser.Result(config, new ArrayList<>(diagnostics));
    }

    OwnersConfig parseOwnersFile(String path, String text) {
        SequencedSet<String> stack = new LinkedHashSet<>();
        stack.add(path);
        Parsed parsed = parseText(path, text, stack);
        List<OwnersEntry> entries = new ArrayList<>(parsed.folderEntries());
        entries.addAll(parsed.perFileEntries());
        OwnersConfig config = new OwnersConfig(path, RepoPaths.dirOf(path), OwnersConfig.Format.PLAIN, entries,
                false, parsed.setNoParent(), false, importLines);
        if (parsed.empty()) {
            diagnostics.add(Diagnostic.warning(path, 1, 1, "empty OWNERS file owns nothing;"
                    + " add owners (one per line, e.g. \"alice\") or delete it"));
        } else if (!config.hasApprovers() && !skippedImport && diagnostics.stream().noneMatch(Diagnostic::isError)) {
            diagnostics.add(Diagnostic.warning(path, 1, 1, parsed.setNoParent()
                    ? "'set noparent' with no owners leaves every file here without owners; add owners"
                    : "lists no owners, so it owns nothing; add owners (one per line, e.g. \"alice\")"));
        }
        return config;
    }

    private Parsed parseText(String path, String text, SequencedSet<String> stack) {
        // Sets: a file imported twice (directly, or through two others) adds its rules once.
        Set<OwnersEntry> folder = new LinkedHashSet<>();
        Set<OwnersEntry> perFile = new LinkedHashSet<>();
        boolean setNoParent = false;
        boolean empty = true;
        String[] lines = OwnersAliases.stripBom(text).split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String raw = lines[i];
            int hash = raw.indexOf('#');
            String content = hash >= 0 ? raw.substring(0, hash) : raw;
            String line = content.strip();
            if (line.isEmpty()) {
                continue;
            }
            empty = false;
            int col = content.length() - content.stripLeading().length() + 1;
            if (line.equals("set noparent") || line.matches("set\\s+noparent")) {
                setNoParent = true;
            } else if (line.startsWith("set ") || line.equals("set")) {
                error(path, lineNo, col, "unknown directive '" + line + "'; the only one is 'set noparent'");
            } else if (line.startsWith("per-file") && (line.length() == 8 || Character.isWhitespace(line.charAt(8)))) {
                perFile.addAll(perFile(path, lineNo, col, line, stack));
            } else if (line.startsWith("file:")) {
                String target = line.substring(5).strip();
                Optional<Parsed> p = imported(path, lineNo, col, target, stack);
                if (p.isPresent()) {
                    folder.addAll(p.get().folderEntries());
                    noteImportLine(stack, p.get().folderEntries(), lineNo);
                }
            } else if (line.startsWith("include") && line.length() > 7 && Character.isWhitespace(line.charAt(7))) {
                String target = line.substring(7).strip();
                Optional<Parsed> p = imported(path, lineNo, col, target, stack);
                if (p.isPresent()) {
                    folder.addAll(p.get().folderEntries());
                    perFile.addAll(p.get().perFileEntries());
                    setNoParent |= p.get().setNoParent();
                    noteImportLine(stack, p.get().folderEntries(), lineNo);
                    noteImportLine(stack, p.get().perFileEntries(), lineNo);
                }
            } else if (line.chars().anyMatch(Character::isWhitespace)) {
                error(path, lineNo, col, "'" + line + "' is not an owner: write one owner per line"
                        + " (or 'set noparent', 'per-file ...', 'file:PATH', 'include PATH')");
            } else {
                owners(path, lineNo, col, line).ifPresent(o ->
                        folder.add(OwnersEntry.approvers(PathFilter.ALL, o, path, lineNo)));
            }
            if (context.expandedEntries + folder.size() + perFile.size() > LoadContext.MAX_EXPANDED_ENTRIES) {
                error(path, lineNo, col, "more than " + LoadContext.MAX_EXPANDED_ENTRIES + " owner rules after"
                        + " imports are expanded; Ownergate stops here to bound its memory. Import fewer files,"
                        + " or import a shared file once instead of through many others");
                break;
            }
        }
        context.expandedEntries += folder.size() + perFile.size();
        return new Parsed(List.copyOf(folder), List.copyOf(perFile), setNoParent, empty);
    }

    private void noteImportLine(SequencedSet<String> stack, List<OwnersEntry> entries, int lineNo) {
        if (stack.size() == 1) { // the OWNERS file itself, not one of its imports
            entries.forEach(e -> importLines.putIfAbsent(e, lineNo));
        }
    }

    private List<OwnersEntry> perFile(String path, int lineNo, int col, String line, SequencedSet<String> stack) {
        int eq = line.indexOf('=');
        if (eq < 0) {
            error(path, lineNo, col, "malformed per-file line: no '='; " + PER_FILE_FORM);
            return List.of();
        }
        String globsText = line.substring("per-file".length(), eq).strip();
        String directive = line.substring(eq + 1).strip();
        int globsCol = col + line.indexOf(globsText.isEmpty() ? "=" : globsText);
        int directiveCol = col + eq + 1 + (line.substring(eq + 1).length() - line.substring(eq + 1).stripLeading().length());
        if (globsText.isEmpty()) {
            error(path, lineNo, globsCol, "per-file line names no glob; " + PER_FILE_FORM);
            return List.of();
        }
        if (directive.isEmpty()) {
            error(path, lineNo, directiveCol, "per-file line names no owners after '='; " + PER_FILE_FORM);
            return List.of();
        }
        List<PathFilter> filters = new ArrayList<>();
        int searchFrom = 0;
        for (String g : globsText.split(",")) {
            String glob = g.strip();
            int gCol = globsCol + Math.max(0, globsText.indexOf(glob, searchFrom));
            searchFrom = Math.max(searchFrom, globsText.indexOf(glob, searchFrom) + glob.length());
            if (glob.isEmpty()) {
                error(path, lineNo, globsCol, "empty glob in per-file line; " + PER_FILE_FORM);
                continue;
            }
            PerFileGlobs syntax = context.settings.perFileGlobs();
            if (syntax != PerFileGlobs.SIMPLE && glob.contains("...")) {
                diagnostics.add(Diagnostic.warning(path, lineNo, gCol, "per-file glob '" + glob + "' contains '...',"
                        + " which the " + syntax.yaml() + " syntax reads as three literal dots; if this file is"
                        + " written for Gerrit's SIMPLE syntax ('...' matches any path), set"
                        + " \"owners: {per_file_globs: simple}\" in " + OwnersSettings.PATH));
            }
            try {
                filters.add(PathFilter.Glob.of(glob, syntax));
            } catch (IllegalArgumentException e) {
                error(path, lineNo, gCol, "bad per-file glob '" + glob + "': " + e.getMessage());
            }
        }
        boolean exclusive = false;
        SortedSet<Owner> owners = new TreeSet<>();
        if (directive.equals("set noparent") || directive.matches("set\\s+noparent")) {
            exclusive = true;
        } else if (directive.startsWith("file:")) {
            imported(path, lineNo, directiveCol, directive.substring(5).strip(), stack)
                    .ifPresent(p -> p.folderEntries().forEach(e -> owners.addAll(e.approvers())));
        } else if (directive.startsWith("set ")) {
            error(path, lineNo, directiveCol, "unknown per-file directive '" + directive + "'; " + PER_FILE_FORM);
            return List.of();
        } else {
            int from = 0;
            for (String t : directive.split(",", -1)) {
                String token = t.strip();
                int tCol = directiveCol + Math.max(0, directive.indexOf(token, from));
                from = Math.max(from, directive.indexOf(token, from) + token.length());
                if (token.isEmpty()) {
                    error(path, lineNo, directiveCol, "empty owner in per-file line; " + PER_FILE_FORM);
                } else if (token.chars().anyMatch(Character::isWhitespace)) {
                    error(path, lineNo, tCol, "'" + token + "' is not an owner: separate per-file owners with"
                            + " commas; " + PER_FILE_FORM);
                } else {
                    owners(path, lineNo, tCol, token).ifPresent(owners::addAll);
                }
            }
        }
        List<OwnersEntry> entries = new ArrayList<>();
        for (PathFilter filter : filters) {
            entries.add(new OwnersEntry(filter, owners, new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), exclusive,
                    path, lineNo));
        }
        return entries;
    }

    private Optional<SortedSet<Owner>> owners(String path, int lineNo, int col, String token) {
        Optional<String> typo = aliases.misspelledAlias(token);
        if (typo.isPresent()) {
            error(path, lineNo, col, OwnersAliases.unknownAliasMessage(token, typo.get()));
            return Optional.empty();
        }
        Optional<SortedSet<Owner>> resolved = aliases.resolve(token);
        if (resolved.isEmpty()) {
            error(path, lineNo, col, "'" + token + "' is not a valid owner: " + Owner.expectedForm()
                    + (token.endsWith(":") ? "; it looks like YAML: in a plain OWNERS file write one owner per line"
                    + " without ':' (e.g. '" + token.substring(0, token.length() - 1) + "'), or write the whole file as"
                    + " YAML (e.g. 'approvers: [" + token.substring(0, token.length() - 1) + "]')" : ""));
        }
        aliases.emptyAliasMessage(token).ifPresent(m -> diagnostics.add(Diagnostic.warning(path, lineNo, col, m)));
        return resolved;
    }

    /**
     * Reads and parses an imported file; empty (with a diagnostic) when it cannot be used. An import that cannot be
     * resolved in this repository (another Gerrit project, or a file that is not here) is skipped with a warning,
     * as Gerrit skips it, or is an error under {@code owners.unresolved_imports: error}. An import that climbs out
     * of the root is always an error: that is a read outside the tree, not a reference to another project.
     */
    private Optional<Parsed> imported(String path, int lineNo, int col, String target, SequencedSet<String> stack) {
        if (target.isEmpty()) {
            error(path, lineNo, col, "import names no file; write 'file:PATH' or 'include PATH'");
            return Optional.empty();
        }
        if (target.contains(":")) {
            // Gerrit code-owners: [project[:branch]:]path. The project's files are not in this repository.
            String[] parts = target.split(":", -1);
            String project = parts[0];
            String branch = parts.length > 2 ? parts[1] : null;
            unresolved(path, lineNo, col, "import '" + target + "' names another Gerrit project ('" + project + "'"
                    + (branch == null ? "" : ", branch '" + branch + "'") + "), which cannot be read here");
            return Optional.empty();
        }
        boolean fromRoot = target.startsWith("/");
        String joined = fromRoot ? target : RepoPaths.join(RepoPaths.dirOf(path), target);
        Optional<String> resolved = RepoPaths.normalize(joined);
        if (resolved.isEmpty() || resolved.get().isEmpty()) {
            error(path, lineNo, col, "import '" + target + "' points outside the repository; imports must name a"
                    + " file inside it");
            return Optional.empty();
        }
        String importPath = resolved.get();
        if (stack.contains(importPath)) {
            List<String> cycle = new ArrayList<>();
            boolean in = false;
            for (String p : stack) {
                in |= p.equals(importPath);
                if (in) {
                    cycle.add(p);
                }
            }
            cycle.add(importPath);
            error(path, lineNo, col, "import cycle: " + String.join(" -> ", cycle) + "; remove one of these imports");
            return Optional.empty();
        }
        Parsed cached = context.importCache.get(importPath);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (stack.size() >= LoadContext.MAX_IMPORT_DEPTH) {
            error(path, lineNo, col, "imports nest more than " + LoadContext.MAX_IMPORT_DEPTH + " files deep ("
                    + stack.getFirst() + " -> ... -> " + path + " -> " + importPath + "); import the file you need"
                    + " directly instead of through a chain");
            return Optional.empty();
        }
        Optional<String> text = context.importTexts.get(importPath);
        if (text == null) {
            if (++context.filesRead > LoadContext.MAX_FILES_READ) {
                error(path, lineNo, col, "more than " + LoadContext.MAX_FILES_READ + " OWNERS and imported files in"
                        + " one tree; Ownergate stops here to bound its work");
                return Optional.empty();
            }
            try {
                text = source.read(importPath);
            } catch (SourceUnavailableException e) {
                throw e;
            } catch (IOException | UncheckedIOException e) {
                error(path, lineNo, col, "cannot read imported file '" + importPath + "': " + e.getMessage());
                return Optional.empty();
            }
            context.importTexts.put(importPath, text);
        }
        if (text.isEmpty()) {
            unresolved(path, lineNo, col, "imported file '" + importPath + "' does not exist in this repository"
                    + (fromRoot ? "" : " (non-absolute imports are relative to this file's folder;"
                    + " start with '/' for the repository root)"));
            return Optional.empty();
        }
        if (OwnersFileParser.detect(importPath, text.get()) == OwnersConfig.Format.YAML) {
            error(path, lineNo, col, "imported file '" + importPath + "' is a YAML OWNERS file;"
                    + " imports read plain OWNERS files only");
            return Optional.empty();
        }
        // Bounded recursion: at most MAX_IMPORT_DEPTH frames deep, whatever the files say.
        stack.addLast(importPath);
        Parsed parsed = parseText(importPath, text.get(), stack);
        stack.removeLast();
        context.importCache.put(importPath, parsed);
        return Optional.of(parsed);
    }

    /** An import this repository cannot resolve: a warning and skipped (Gerrit's behaviour), or an error. */
    private void unresolved(String path, int line, int col, String what) {
        skippedImport = true;
        if (context.settings.unresolvedImports() == UnresolvedImports.ERROR) {
            error(path, line, col, what + "; copy the owners into this repository or remove the import"
                    + " (owners.unresolved_imports is error)");
        } else {
            diagnostics.add(Diagnostic.warning(path, line, col, what + "; skipped, as Gerrit skips imports it"
                    + " cannot resolve (--strict or owners.unresolved_imports: error makes this an error)"));
        }
    }

    private void error(String path, int line, int col, String message) {
        diagnostics.add(Diagnostic.error(path, line, col, message));
    }
}
