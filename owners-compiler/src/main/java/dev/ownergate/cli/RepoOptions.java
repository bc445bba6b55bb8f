package dev.ownergate.cli;

import dev.ownergate.codeowners.CodeownersPattern;
import dev.ownergate.owners.OwnersTree;
import dev.ownergate.repo.WorkTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import picocli.CommandLine.Option;

/** {@code --root} and {@code --ignore}: how every command that reads a repository finds it and its OWNERS files. */
final class RepoOptions {

    @Option(names = "--root", paramLabel = "DIR", description = "Repository root (default: the current folder).")
    Path root = Path.of(".");

    @Option(names = "--ignore", paramLabel = "PATTERN",
            description = {"Ignore OWNERS files matching this CODEOWNERS-style pattern, e.g. /examples/ (repeatable).",
                "Like Prow's owners_dir_denylist: the files there are still owned, by the OWNERS files above."})
    List<String> ignore = new ArrayList<>();

    /** The repository's files (git ls-files in a work tree, else a walk). */
    WorkTree openTree() throws IOException, InputException {
        Path dir = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new InputException(root + " is not a folder; give the repository root with --root DIR");
        }
        return WorkTree.open(dir);
    }

    /** True for an OWNERS file that {@code --ignore} leaves out; the patterns are compiled once. */
    Predicate<String> ignoredOwnersFile() {
        if (ignore.isEmpty()) {
            return path -> false;
        }
        List<CodeownersPattern> patterns = ignore.stream().map(CodeownersPattern::compile).toList();
        return path -> OwnersTree.isOwnersFile(path) && patterns.stream().anyMatch(p -> p.matches(path));
    }
}
