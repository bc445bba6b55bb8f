package dev.ownergate.repo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The files of a folder on disk. Inside a git work tree the list is {@code git ls-files} (tracked plus
 * untracked-but-not-ignored), so ignored build output never counts; elsewhere it is a walk that skips
 * {@code .git}. Reads come from the disk as they are now.
 */
public final class WorkTree implements RepoSnapshot {
    private final Path root;
    private final List<String> files;
    private final boolean fromGit;

    private WorkTree(Path root, List<String> files, boolean fromGit) {
        this.root = root;
        this.files = files;
        this.fromGit = fromGit;
    }

    public static WorkTree open(Path root) throws IOException {
        Path dir = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "not a folder");
        }
        Optional<Git.Output> listed =
                new Git(dir).run("-c", "core.quotepath=off", "ls-files", "-z", "--cached", "--others", "--exclude-standard");
        if (listed.isPresent() && listed.get().ok()) {
            List<String> names = Git.splitNul(listed.get().stdout());
            // A file both staged for deletion and present again would be listed twice.
            List<String> sorted = new ArrayList<>(names);
            Collections.sort(sorted);
            List<String> unique = new ArrayList<>(sorted.size());
            for (String name : sorted) {
                if (unique.isEmpty() || !unique.getLast().equals(name)) {
                    unique.add(name);
                }
            }
            return new WorkTree(dir, Collections.unmodifiableList(unique), true);
        }
        return new WorkTree(dir, walk(dir), false);
    }

    private static List<String> walk(Path dir) throws IOException {
        List<String> found = new ArrayList<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return d.getFileName() != null && d.getFileName().toString().equals(".git") && !d.equals(dir)
                        ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!attrs.isDirectory()) {
                    found.add(relative(dir, file));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Collections.sort(found);
        return Collections.unmodifiableList(found);
    }

    private static String relative(Path root, Path file) {
        String rel = root.relativize(file).toString();
        return file.getFileSystem().getSeparator().equals("/") ? rel : rel.replace(file.getFileSystem().getSeparator(), "/");
    }

    public Path root() {
        return root;
    }

    /** Whether the file list came from git rather than a folder walk. */
    public boolean isGit() {
        return fromGit;
    }

    @Override
    public List<String> files() {
        return files;
    }

    @Override
    public Optional<String> read(String path) throws IOException {
        Path file = root.resolve(path);
        if (!file.normalize().startsWith(root) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }

    @Override
    public String describe() {
        return (fromGit ? "git work tree " : "folder ") + root;
    }
}
