package dev.ownergate.cli;

import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.ownership.OwnershipLoader;
import dev.ownergate.repo.TextSource;
import dev.ownergate.repo.WorkTree;
import dev.ownergate.settings.OwnersSettings;
import dev.ownergate.settings.OwnersSettingsParser;
import dev.ownergate.settings.PerFileGlobs;
import dev.ownergate.settings.UnresolvedImports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --root} and the flags that override the repository's {@code owners:} settings
 * ({@code .github/ownergate.yml}): how every command that reads a repository finds it and reads its OWNERS files.
 */
final class RepoOptions {

    @Option(names = "--root", paramLabel = "DIR", description = "Repository root (default: the current folder;"
            + " for who, the top of the git work tree it is in).")
    Path root;

    @Option(names = "--ignore", paramLabel = "PATTERN",
            description = {"Ignore OWNERS files matching this CODEOWNERS-style pattern, e.g. /examples/ (repeatable).",
                "Replaces owners.ignore of .github/ownergate.yml. Like Prow's owners_dir_denylist: the files there",
                "are still owned, by the OWNERS files above."})
    List<String> ignore = new ArrayList<>();

    @Option(names = "--per-file-globs", paramLabel = "SYNTAX",
            description = "How per-file globs are read: find-owners (default; they reach subfolders), one-folder,"
                    + " or simple (Gerrit SIMPLE: '...' matches any path). Overrides owners.per_file_globs.")
    String perFileGlobs;

    @Option(names = "--strict",
            description = "Imports that cannot be resolved here (a missing file, another Gerrit project) are errors,"
                    + " not warnings. Overrides owners.unresolved_imports.")
    boolean strict;

    /** {@code --root}, or the current folder. */
    Path root() {
        return root == null ? Path.of(".") : root;
    }

    boolean rootGiven() {
        return root != null;
    }

    /** The repository's files (git ls-files in a work tree, else a walk). */
    WorkTree openTree() throws IOException, InputException {
        return openTree(root());
    }

    /** Says so when git's index lacks most of HEAD ({@link WorkTree#indexWarning}). */
    static void warnAboutIndex(WorkTree tree, java.io.PrintWriter err, String command) {
        tree.indexWarning().ifPresent(warning -> err.println("ownergate " + command + ": warning: " + warning));
    }

    static WorkTree openTree(Path given) throws IOException, InputException {
        Path dir = given.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new InputException(given + " is not a folder; give the repository root with --root DIR");
        }
        return WorkTree.open(dir);
    }

    /**
     * The {@code owners:} settings of the repository's {@code .github/ownergate.yml} with the flags applied. Its
     * warnings come back with it; an error in the file or a bad flag value is an {@link InputException}.
     */
    OwnersSettingsParser.Result settings(TextSource tree) throws IOException, InputException {
        OwnersSettingsParser.Result read = OwnershipLoader.settingsOf(tree);
        if (read.hasErrors()) {
            throw new InputException("the owners settings have errors; fix them first:\n" + String.join("\n",
                    read.diagnostics().stream().map(Diagnostic::format).toList()));
        }
        OwnersSettings settings = read.settings();
        if (!ignore.isEmpty()) {
            for (String pattern : ignore) {
                Optional<String> problem = OwnersSettingsParser.patternProblem(pattern.strip());
                if (problem.isPresent()) {
                    throw new InputException("--ignore " + pattern + ": " + problem.get());
                }
            }
            settings = settings.withIgnore(ignore.stream().map(String::strip).toList());
        }
        if (perFileGlobs != null) {
            PerFileGlobs syntax = PerFileGlobs.fromYaml(perFileGlobs.strip()).orElseThrow(() -> new InputException(
                    "--per-file-globs takes " + PerFileGlobs.allowed() + ", not '" + perFileGlobs + "'"));
            settings = settings.withPerFileGlobs(syntax);
        }
        if (strict) {
            settings = settings.withUnresolvedImports(UnresolvedImports.ERROR);
        }
        return new OwnersSettingsParser.Result(settings, read.diagnostics());
    }
}
