package dev.ownergate.cli;

import dev.ownergate.codeowners.CodeownersFile;
import dev.ownergate.codeowners.CodeownersLocator;
import dev.ownergate.codeowners.CodeownersRules;
import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.owners.OwnersTree;
import dev.ownergate.ownership.OwnershipLoader;
import dev.ownergate.ownership.OwnershipRules;
import dev.ownergate.repo.WorkTree;
import dev.ownergate.settings.OwnersSettingsParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The rules {@code who} and {@code audit} answer from: a CODEOWNERS file given with {@code --codeowners}, else
 * what {@link OwnershipLoader} picks (OWNERS files when the repository has any, else the CODEOWNERS file GitHub
 * uses). {@link #codeowners()} is the CODEOWNERS file GitHub enforces, for rule checks and {@code --explain}.
 */
final class RepoRules {
    final WorkTree tree;
    final OwnershipRules rules;
    final List<Diagnostic> problems;
    private final Optional<CodeownersFile> codeowners;

    private RepoRules(WorkTree tree, OwnershipRules rules, List<Diagnostic> problems, Optional<CodeownersFile> codeowners) {
        this.tree = tree;
        this.rules = rules;
        this.problems = problems;
        this.codeowners = codeowners;
    }

    /**
     * @param pathsOfInterest the paths that will be asked about; empty for every file
     * @param settings        the repository's owners settings, flags applied; their warnings are passed on
     */
    static RepoRules load(WorkTree tree, Path codeownersFile, Collection<String> pathsOfInterest,
            OwnersSettingsParser.Result settings) throws IOException, InputException {
        if (codeownersFile != null) {
            CodeownersFile file = readCodeowners(tree.root(), codeownersFile);
            List<Diagnostic> problems = new ArrayList<>();
            for (Diagnostic d : file.diagnostics()) {
                problems.add(Diagnostic.warning(d.path(), d.line(), d.column(), d.message()));
            }
            return new RepoRules(tree, new CodeownersRules(file), problems, Optional.of(file));
        }
        OwnershipLoader.Loaded loaded = OwnershipLoader.load(tree, pathsOfInterest, settings.settings());
        List<Diagnostic> problems = new ArrayList<>(settings.diagnostics());
        problems.addAll(loaded.problems());
        if (loaded.rules().isEmpty()) {
            return new RepoRules(tree, null, problems, Optional.empty());
        }
        OwnershipRules rules = loaded.rules().get();
        Optional<CodeownersFile> codeowners;
        if (rules instanceof CodeownersRules c) {
            codeowners = Optional.of(c.file());
        } else {
            Optional<String> path = CodeownersLocator.locate(tree::contains);
            codeowners = path.isEmpty() ? Optional.empty()
                    : Optional.of(CodeownersFile.parse(path.get(), tree.read(path.get()).orElse("")));
        }
        return new RepoRules(tree, rules, problems, codeowners);
    }

    /** False when the rules could not be loaded; {@link #problems} then holds the errors. */
    boolean ok() {
        return rules != null;
    }

    Optional<CodeownersFile> codeowners() {
        return codeowners;
    }

    Optional<OwnersTree> ownersTree() {
        return rules instanceof OwnersTree t ? Optional.of(t) : Optional.empty();
    }

    /** Reads a CODEOWNERS file named on the command line; shown repo-relative when it lies inside the root. */
    static CodeownersFile readCodeowners(Path root, Path file) throws IOException, InputException {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new InputException(file + ": no such file; give the CODEOWNERS file to use with --codeowners FILE");
        }
        String shown = abs.startsWith(root) ? root.relativize(abs).toString().replace('\\', '/') : file.toString();
        return CodeownersFile.parse(shown, Files.readString(abs, StandardCharsets.UTF_8));
    }

    /**
     * A path as given on the command line, made repo-relative: {@code ./a/b}, {@code /a/b} and an absolute
     * path inside the root all become {@code a/b}.
     */
    static String repoPath(Path root, String given) throws InputException {
        String p = given.strip();
        if (p.isEmpty()) {
            return "";
        }
        Path asPath;
        try {
            asPath = Path.of(p);
        } catch (java.nio.file.InvalidPathException e) {
            asPath = null;
        }
        if (asPath != null && asPath.isAbsolute() && asPath.normalize().startsWith(root)) {
            return root.relativize(asPath.normalize()).toString().replace('\\', '/');
        }
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.equals("..") || p.startsWith("../") || p.contains("/../")) {
            throw new InputException(given + " is outside the repository; give paths relative to the repository root");
        }
        return p;
    }
}
