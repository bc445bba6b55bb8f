package dev.ownergate.ownership;

import dev.ownergate.codeowners.CodeownersError;
import dev.ownergate.codeowners.CodeownersFile;
import dev.ownergate.codeowners.CodeownersLocator;
import dev.ownergate.codeowners.CodeownersRules;
import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.owners.OwnersTree;
import dev.ownergate.repo.RepoSnapshot;
import dev.ownergate.repo.UnsafeFileException;
import dev.ownergate.repo.TextSource;
import dev.ownergate.settings.OwnersSettings;
import dev.ownergate.settings.OwnersSettingsParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds and loads the ownership rules of one revision. OWNERS files win when the repository has any (they are
 * the source the CODEOWNERS file is compiled from); otherwise the CODEOWNERS file GitHub would use.
 */
public final class OwnershipLoader {
    private OwnershipLoader() {}

    /**
     * @param rules    empty when the rules could not be loaded (then {@code problems} holds errors): callers
     *                 must fail closed rather than treat files as unowned
     * @param problems errors and warnings, each with {@code path:line:col}
     * @param source   what the rules came from, for messages: "OWNERS files", ".github/CODEOWNERS", ...
     */
    public record Loaded(Optional<OwnershipRules> rules, List<Diagnostic> problems, String source) {
        public boolean hasErrors() {
            return problems.stream().anyMatch(Diagnostic::isError);
        }
    }

    /**
     * Loads the rules that decide {@code pathsOfInterest} (every path when empty). With OWNERS files only those
     * on the ancestor folders of the paths are read, so the app reads a handful of files per pull request.
     * Lines of a CODEOWNERS file that GitHub would skip are reported as warnings and skipped, exactly as GitHub
     * does, so the gate agrees with GitHub's own code-owner review requests.
     */
    public static Loaded load(RepoSnapshot snapshot, Collection<String> pathsOfInterest) throws IOException {
        OwnersSettingsParser.Result settings = settingsOf(snapshot);
        if (settings.hasErrors()) {
            return new Loaded(Optional.empty(), settings.diagnostics(), OwnersSettings.PATH);
        }
        Loaded loaded = load(snapshot, pathsOfInterest, settings.settings());
        if (settings.diagnostics().isEmpty()) {
            return loaded;
        }
        List<Diagnostic> problems = new ArrayList<>(settings.diagnostics());
        problems.addAll(loaded.problems());
        return new Loaded(loaded.rules(), problems, loaded.source());
    }

    /**
     * The {@code owners:} section of the revision's {@code .github/ownergate.yml} (defaults when there is none).
     * Errors in it mean the OWNERS files cannot be read as the repository intends: callers fail closed.
     */
    public static OwnersSettingsParser.Result settingsOf(TextSource snapshot) throws IOException {
        Optional<String> text = snapshot.read(OwnersSettings.PATH);
        return text.isEmpty() ? OwnersSettingsParser.none() : OwnersSettingsParser.parse(OwnersSettings.PATH, text.get());
    }

    /** As {@link #load(RepoSnapshot, Collection)}, with settings already read (and perhaps overridden by flags). */
    public static Loaded load(RepoSnapshot snapshot, Collection<String> pathsOfInterest, OwnersSettings settings)
            throws IOException {
        List<String> ownersFiles = OwnersFileSelection.of(settings).ownersFiles(snapshot.files());
        if (!ownersFiles.isEmpty()) {
            List<String> needed = pathsOfInterest.isEmpty() ? ownersFiles : onAncestorFolders(ownersFiles, pathsOfInterest);
            OwnersTree.LoadResult loaded = OwnersTree.load(needed, snapshot, settings);
            boolean failed = loaded.diagnostics().stream().anyMatch(Diagnostic::isError);
            return new Loaded(failed ? Optional.empty() : Optional.of(loaded.tree()), loaded.diagnostics(), "OWNERS files");
        }
        Optional<String> codeowners = CodeownersLocator.locate(snapshot::contains);
        if (codeowners.isEmpty()) {
            return new Loaded(Optional.of(NoRules.INSTANCE), List.of(), "no OWNERS or CODEOWNERS file");
        }
        String path = codeowners.get();
        String text;
        try {
            text = snapshot.read(path).orElse("");
        } catch (UnsafeFileException e) {
            // A link is never followed (docs/security.md): no rules, and an error naming it, so callers fail closed.
            return new Loaded(Optional.empty(), List.of(Diagnostic.error(path, 0, 0, e.getMessage())), path);
        }
        CodeownersFile file = CodeownersFile.parse(path, text);
        List<Diagnostic> problems = new ArrayList<>();
        for (CodeownersError error : file.errors()) {
            Diagnostic d = error.toDiagnostic();
            // GitHub skips a bad line, or the whole file when it is too large; so do we, and say so.
            problems.add(Diagnostic.warning(d.path(), d.line(), d.column(), file.tooLarge() ? d.message()
                    : d.message() + " (GitHub skips this line)"));
        }
        return new Loaded(Optional.of(new CodeownersRules(file)), problems, path);
    }

    private static List<String> onAncestorFolders(List<String> ownersFiles, Collection<String> paths) {
        Set<String> folders = new HashSet<>();
        for (String path : paths) {
            String dir = path;
            while (true) {
                int slash = dir.lastIndexOf('/');
                dir = slash < 0 ? "" : dir.substring(0, slash);
                if (!folders.add(dir) || dir.isEmpty()) {
                    break;
                }
            }
            folders.add("");
        }
        List<String> needed = new ArrayList<>();
        for (String owners : ownersFiles) {
            int slash = owners.lastIndexOf('/');
            if (folders.contains(slash < 0 ? "" : owners.substring(0, slash))) {
                needed.add(owners);
            }
        }
        return needed;
    }

    /** A repository with no rules: every file is unowned. */
    private enum NoRules implements OwnershipRules {
        INSTANCE;

        @Override
        public FileOwnership ownersOf(String path) {
            return new FileOwnership(path, new java.util.TreeSet<>(), false, new java.util.TreeSet<>(), "", List.of());
        }

        @Override
        public String sourceDescription() {
            return "no OWNERS or CODEOWNERS file";
        }
    }
}
