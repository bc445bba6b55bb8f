package dev.ownergate.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.ownergate.codeowners.CodeownersCompiler;
import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.owners.OwnersTree;
import dev.ownergate.ownership.OwnersFileSelection;
import dev.ownergate.settings.OwnersSettings;
import dev.ownergate.settings.OwnersSettingsParser;
import dev.ownergate.repo.WorkTree;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "compile",
        mixinStandardHelpOptions = true,
        description = {
            "Compile the OWNERS files under DIR into DIR/.github/CODEOWNERS.",
            "The result is checked against the OWNERS resolution for every file before it is written."
        },
        footer = {"", "Exit codes: 0 written or up to date, 1 out of date (--check), 2 invalid input or usage",
                "(also: FILE exists and Ownergate did not write it; --force replaces it),",
                "3 self-verification failed (a bug in ownergate: please report it)."})
public final class CompileCommand implements Callable<Integer> {

    public static final int EXIT_BUG = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    RepoOptions repository;

    @Option(names = "--output", paramLabel = "FILE", description = "Where to write (default: DIR/.github/CODEOWNERS).")
    Path output;

    @Option(names = "--check", description = "Write nothing; exit 1 and print a unified diff when FILE is out of date.")
    boolean check;

    @Option(names = "--force", description = "Replace FILE even when Ownergate did not write it (it lacks Ownergate's header).")
    boolean force;

    @Option(names = "--no-verify", negatable = false,
            description = "Skip matching every file against the result (not recommended).")
    boolean noVerify;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path rootDir = repository.root().toAbsolutePath().normalize();
        if (!Files.isDirectory(rootDir)) {
            err.println("ownergate compile: " + repository.root() + " is not a folder (give the repository root with --root DIR)");
            return OwnergateCli.EXIT_INVALID;
        }
        Path target = (output != null ? output : rootDir.resolve(".github/CODEOWNERS")).toAbsolutePath().normalize();
        if (output == null) {
            String link = linkOnTheWay(rootDir, target);
            if (link != null) {
                err.println("ownergate compile: " + link + " is a symbolic link; compile writes only inside the"
                        + " repository and never through a link (remove it, or say where with --output FILE)");
                return OwnergateCli.EXIT_INVALID;
            }
        }

        PhaseTimer timer = PhaseTimer.fromEnvironment(err);
        // Read the tracked OWNERS files while git walks the tree for untracked ones.
        WorkTree.Listing listing = WorkTree.start(rootDir);
        OwnersSettingsParser.Result settingsRead;
        try {
            settingsRead = repository.settings(listing.reader());
        } catch (InputException e) {
            err.println("ownergate compile: " + e.getMessage());
            return OwnergateCli.EXIT_INVALID;
        }
        OwnersSettings settings = settingsRead.settings();
        OwnersFileSelection selection = OwnersFileSelection.of(settings);
        List<String> trackedOwners = selection.ownersFiles(listing.tracked());
        OwnersTree.LoadResult loaded = trackedOwners.isEmpty() ? null
                : OwnersTree.load(trackedOwners, listing.reader(), settings);
        WorkTree tree = listing.complete();
        RepoOptions.warnAboutIndex(tree, err, "compile");
        List<String> ownersFiles = selection.ownersFiles(tree.files());
        timer.lap("list files, load OWNERS");
        if (ownersFiles.isEmpty()) {
            err.println("ownergate compile: no OWNERS files under " + rootDir
                    + "; add an OWNERS file to a folder (see README: OWNERS formats)");
            return OwnergateCli.EXIT_INVALID;
        }
        if (loaded == null || !ownersFiles.equals(trackedOwners)) {
            loaded = OwnersTree.load(ownersFiles, tree, settings); // untracked OWNERS files count too
        }
        List<Diagnostic> diagnostics = new ArrayList<>(settingsRead.diagnostics());
        diagnostics.addAll(loaded.diagnostics());
        if (!loaded.hasErrors()) {
            diagnostics.addAll(loaded.tree().unmatchedPerFileGlobs(tree.files()));
        }
        diagnostics.sort(null);
        diagnostics.forEach(d -> err.println(d.format()));
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        if (errors > 0) {
            err.printf("ownergate compile: %d error%s; nothing written%n", errors, errors == 1 ? "" : "s");
            return OwnergateCli.EXIT_INVALID;
        }

        String outputRelative = target.startsWith(rootDir) ? rootDir.relativize(target).toString().replace('\\', '/') : null;
        List<String> files = tree.files();
        if (outputRelative != null && !files.contains(outputRelative)) {
            // Compile as if the CODEOWNERS file already existed, so a second run gives the same bytes.
            files = new ArrayList<>(files);
            files.add(outputRelative);
        }
        String shownPath = outputRelative != null ? outputRelative : target.toString();
        CodeownersCompiler.Result result = CodeownersCompiler.compile(loaded.tree(), files, shownPath,
                new CodeownersCompiler.Options(!noVerify));
        timer.lap("compile and verify");
        result.warnings().forEach(d -> err.println(d.format()));
        if (!result.ok()) {
            result.problems().forEach(d -> err.println(d.format()));
            err.println("ownergate compile: nothing written");
            return result.failure() == CodeownersCompiler.Failure.SELF_VERIFICATION ? EXIT_BUG : OwnergateCli.EXIT_INVALID;
        }
        String text = result.text().orElseThrow();
        String current = Files.isRegularFile(target) ? Files.readString(target, StandardCharsets.UTF_8) : null;
        CodeownersCompiler.Stats stats = result.stats();

        if (current != null && !current.isBlank() && !CodeownersCompiler.isOwnergateOutput(current) && !(force && !check)) {
            // Another tool's file (Perfetto generates its own): replacing it would lose its rules silently.
            err.println(shownPath + ":1:1: this CODEOWNERS was not written by Ownergate (its first line is not"
                    + " Ownergate's header), so " + (check ? "it is not compared with the OWNERS files"
                    : "Ownergate will not overwrite it") + "; move it away, or run ./ownergate compile --force to"
                    + " replace it with the compiled OWNERS files");
            err.printf("ownergate compile: %s is foreign; nothing %s%n", shownPath, check ? "checked" : "written");
            return OwnergateCli.EXIT_INVALID;
        }
        if (check) {
            if (text.equals(current)) {
                err.printf("ownergate compile: %s is up to date (%d rules, %,d files)%n", shownPath, stats.rules(), stats.files());
                return OwnergateCli.EXIT_OK;
            }
            printDiff(out, shownPath, current, text);
            err.printf("ownergate compile: %s is out of date; run ./ownergate compile and commit the result%n", shownPath);
            return OwnergateCli.EXIT_PROBLEMS;
        }
        int staleTemps = removeStaleTempFiles(target, Instant.now());
        if (staleTemps > 0) {
            err.printf("ownergate compile: removed %d temporary file%s an interrupted earlier run left next to %s%n",
                    staleTemps, staleTemps == 1 ? "" : "s", shownPath);
        }
        if (!text.equals(current)) {
            writeAtomically(target, text);
        }
        err.printf("ownergate compile: %s %s from %d OWNERS file%s: %d rule%s, %,d files%s%n", shownPath,
                text.equals(current) ? "unchanged" : "written", ownersFiles.size(), ownersFiles.size() == 1 ? "" : "s",
                stats.rules(), stats.rules() == 1 ? "" : "s", stats.files(),
                stats.verifiedFiles() > 0 ? " verified" : " (not verified)");
        return OwnergateCli.EXIT_OK;
    }

    /**
     * The first path from {@code root} down to {@code target} that is a symbolic link, repo-relative; null when
     * there is none. A pull request that turns {@code .github} into a link must not make compile write (or
     * {@code --check} read) outside the repository.
     */
    private static String linkOnTheWay(Path root, Path target) {
        Path rel = root.relativize(target);
        Path at = root;
        for (Path part : rel) {
            at = at.resolve(part);
            if (Files.isSymbolicLink(at)) {
                return root.relativize(at).toString().replace('\\', '/');
            }
        }
        return null;
    }

    private static void printDiff(PrintWriter out, String path, String current, String wanted) {
        List<String> before = current == null ? List.of() : Arrays.asList(current.split("\n", -1));
        List<String> after = Arrays.asList(wanted.split("\n", -1));
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(
                current == null ? "/dev/null" : "a/" + path, "b/" + path, before, DiffUtils.diff(before, after), 3);
        diff.forEach(out::println);
        out.flush();
    }

    /**
     * Temp files are created owner-only; the written file keeps the permissions of the file it replaces, or gets
     * rw-r--r-- when new, like any file a user writes.
     */
    private static void keepOrDefaultPermissions(Path temp, Path target) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.exists(target)
                    ? Files.getPosixFilePermissions(target)
                    : PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(temp, permissions);
        } catch (UnsupportedOperationException notPosix) {
            // Windows and other non-POSIX file systems: their default permissions apply.
        }
    }

    /**
     * A temp file older than this next to the target was left by a write that was killed (kill -9, power loss):
     * a live write renames its temp file within milliseconds.
     */
    static final Duration STALE_TEMP_AGE = Duration.ofMinutes(1);

    /** Removes {@code .NAME.*.tmp} files that an interrupted earlier write left next to the target. */
    static int removeStaleTempFiles(Path target, Instant now) throws IOException {
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        String prefix = "." + target.getFileName() + ".";
        int removed = 0;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, p -> {
            String name = p.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(".tmp");
        })) {
            for (Path temp : temps) {
                BasicFileAttributes attributes = Files.readAttributes(temp, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (attributes.isRegularFile()
                        && attributes.lastModifiedTime().toInstant().isBefore(now.minus(STALE_TEMP_AGE))) {
                    Files.deleteIfExists(temp);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** Temp file in the same folder, then a rename: readers never see a partial CODEOWNERS. */
    static void writeAtomically(Path target, String text) throws IOException {
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            keepOrDefaultPermissions(temp, target);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
