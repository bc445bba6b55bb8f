package dev.ownergate.cli;

import dev.ownergate.codeowners.CodeownersCompiler;
import dev.ownergate.codeowners.CodeownersFile;
import dev.ownergate.codeowners.CodeownersLocator;
import dev.ownergate.codeowners.CodeownersRules;
import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.owners.FrozenSortedSet;
import dev.ownergate.owners.Owner;
import dev.ownergate.owners.OwnersTree;
import dev.ownergate.owners.Resolution;
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
import java.util.SortedSet;
import java.util.stream.IntStream;

/**
 * The rules {@code who} and {@code audit} answer from: a CODEOWNERS file given with {@code --codeowners}, else
 * what {@link OwnershipLoader} picks (OWNERS files when the repository has any, else the CODEOWNERS file GitHub
 * uses). {@link #codeowners()} is the CODEOWNERS file GitHub enforces, for rule checks and {@code --explain}.
 */
final class RepoRules {
    private static final SortedSet<Owner> NO_OWNERS = FrozenSortedSet.of(List.of());

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

    /**
     * When the answers come from OWNERS files, GitHub still enforces the CODEOWNERS file: a warning (empty when
     * they agree, or when there is no CODEOWNERS file) saying on how many of {@code paths} the two disagree, with
     * the first example. Anyone-may-approve in OWNERS counts as a rule with no owners, which is how it compiles.
     */
    List<Diagnostic> codeownersDisagreement(Collection<String> paths) throws IOException {
        if (!(rules instanceof OwnersTree owners) || codeowners.isEmpty() || paths.isEmpty()) {
            return List.of();
        }
        CodeownersFile file = codeowners.get();
        CodeownersRules enforced = new CodeownersRules(file);
        // Both answers are pure and thread-safe: compared on every core, counted in path order.
        List<String> list = List.copyOf(paths);
        boolean[] differs = new boolean[list.size()];
        IntStream.range(0, list.size()).parallel().forEach(i -> differs[i] =
                !approvers(owners, list.get(i)).equals(enforced.approversOf(list.get(i))));
        int differing = 0;
        String example = null;
        for (int i = 0; i < list.size(); i++) {
            if (differs[i] && differing++ == 0) {
                String path = list.get(i);
                example = path + ": " + file.path() + " gives " + describe(enforced.approversOf(path))
                        + ", the OWNERS files give " + describe(owners.ownersOf(path).owners());
            }
        }
        if (differing == 0) {
            return List.of();
        }
        boolean foreign = !CodeownersCompiler.isOwnergateOutput(tree.read(file.path()).orElse(""));
        return List.of(Diagnostic.warning(file.path(), 0, 0, "GitHub enforces this file, not the OWNERS files, and it"
                + " disagrees with them on " + differing + " of " + paths.size() + " file" + (paths.size() == 1 ? "" : "s")
                + " (" + example + ")" + (file.tooLarge() ? "; GitHub does not load it at all (over 3 MB)" : "")
                + (foreign ? "; Ownergate did not write it (see ./ownergate compile --force)"
                        : "; run ./ownergate compile and commit the result")));
    }

    /**
     * The owners {@link OwnersTree#ownersOf} gives a path, without the per-file answer (its path and trail) that
     * a comparison of every file of the tree does not need.
     */
    private static SortedSet<Owner> approvers(OwnersTree owners, String path) {
        Resolution r = owners.resolveShared(path);
        return r.anyone() ? NO_OWNERS : r.approvers();
    }

    private static String describe(java.util.SortedSet<dev.ownergate.owners.Owner> owners) {
        return owners.isEmpty() ? "no owners"
                : String.join(" ", owners.stream().map(dev.ownergate.owners.Owner::toCodeowners).toList());
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
