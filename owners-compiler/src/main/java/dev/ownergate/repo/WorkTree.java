package dev.ownergate.repo;

import dev.ownergate.codeowners.CodeownersLocator;
import dev.ownergate.owners.OwnersAliases;
import dev.ownergate.owners.OwnersTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The files of a folder on disk. Inside a git work tree the list is what git tracks ({@code git ls-files}) plus
 * the OWNERS and CODEOWNERS files not added yet (and not ignored) in the folders git tracks files in, so rules
 * being written count, while ignored build output and other files not added yet do not; elsewhere it is a walk
 * that skips {@code .git}. Reads come from the disk as they are now.
 */
public final class WorkTree implements RepoSnapshot {
    private final Path root;
    private final List<String> files;
    private final boolean fromGit;
    private final Optional<String> indexWarning;
    private final DiskReader reader;

    private WorkTree(Path root, List<String> files, boolean fromGit, Optional<String> indexWarning) {
        this.root = root;
        this.reader = new DiskReader(root);
        this.files = files;
        this.fromGit = fromGit;
        this.indexWarning = indexWarning;
    }

    /**
     * A warning when git's index lacks most of what HEAD holds: the listing reads the index, so a clone whose
     * checkout left it empty would otherwise compile almost nothing, and say nothing about why.
     */
    public Optional<String> indexWarning() {
        return indexWarning;
    }

    /** The top folder of the git work tree {@code dir} is in ({@code git rev-parse --show-toplevel}), if any. */
    public static Optional<Path> topLevel(Path dir) throws IOException {
        Optional<Git.Output> out = new Git(dir.toAbsolutePath().normalize()).run("rev-parse", "--show-toplevel");
        if (out.isEmpty() || !out.get().ok()) {
            return Optional.empty();
        }
        String top = new String(out.get().stdout(), java.nio.charset.StandardCharsets.UTF_8).strip();
        return top.isEmpty() ? Optional.empty() : Optional.of(Path.of(top).toAbsolutePath().normalize());
    }

    public static WorkTree open(Path root) throws IOException {
        return start(root).complete();
    }

    /**
     * Starts listing the folder. In a git work tree the tracked files (read from the index) come first; the look
     * for rule files not added yet runs meanwhile, so a caller can start on the tracked files (say, reading OWNERS
     * files) before calling {@link Listing#complete()}.
     */
    public static Listing start(Path root) throws IOException {
        Path dir = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "not a folder");
        }
        Git git = new Git(dir);
        Optional<Git.Output> tracked = git.run("-c", "core.quotepath=off", "ls-files", "-z", "--cached");
        if (tracked.isPresent() && tracked.get().ok()) {
            List<String> files = sortedUnique(Git.splitNul(tracked.get().stdout()));
            FutureTask<List<String>> untracked = new FutureTask<>(() -> untrackedRuleFiles(git, dir, files));
            Thread.ofVirtual().start(untracked);
            FutureTask<Optional<String>> index = new FutureTask<>(() -> indexWarning(git, files));
            Thread.ofVirtual().start(index);
            return new Listing(dir, files, untracked, index);
        }
        return new Listing(dir, walk(dir), null, null);
    }

    /**
     * When more than half of HEAD's top-level entries have no file in the index, the index is most likely empty
     * or unfinished (a checkout that did not complete, {@code git read-tree --empty}) rather than half the
     * repository deleted on purpose. One look at HEAD's top level, a few milliseconds.
     */
    private static Optional<String> indexWarning(Git git, List<String> tracked) throws IOException {
        Optional<Git.Output> head = git.run("-c", "core.quotepath=off", "ls-tree", "-z", "--name-only", "HEAD");
        if (head.isEmpty() || !head.get().ok()) {
            return Optional.empty(); // no commit yet
        }
        List<String> entries = Git.splitNul(head.get().stdout());
        List<String> missing = entries.stream().filter(entry -> !inIndex(tracked, entry)).toList();
        if (entries.size() < 2 || 2 * missing.size() <= entries.size()) {
            return Optional.empty();
        }
        return Optional.of("git's index holds " + tracked.size() + " file" + (tracked.size() == 1 ? "" : "s")
                + ", but " + missing.size() + " of the " + entries.size() + " top-level entries of HEAD have none in"
                + " it (" + String.join(", ", missing.subList(0, Math.min(3, missing.size())))
                + (missing.size() > 3 ? ", ..." : "") + "); the files listed are the index's, so most of the"
                + " repository is left out. If the index was left empty (an unfinished checkout), `git reset`"
                + " fills it from HEAD; files removed with `git rm` stay removed");
    }

    /** Whether the sorted index holds {@code entry} or a file under it. */
    private static boolean inIndex(List<String> tracked, String entry) {
        int at = Collections.binarySearch(tracked, entry);
        if (at >= 0) {
            return true;
        }
        int next = -at - 1;
        return next < tracked.size() && tracked.get(next).startsWith(entry + "/");
    }

    /**
     * The rule files (OWNERS, the root OWNERS_ALIASES, CODEOWNERS where GitHub looks) that are on disk but not yet
     * added, in the folders that hold tracked files, without the ones git ignores. Asking git for every untracked
     * file ({@code ls-files --others}) reads every folder of the tree, which took most of a 100k-file compile; a
     * look for a few names in the known folders takes a few milliseconds. Rules can only govern listed files, so
     * folders without tracked files (not added yet at all) need no look: their files are not listed either.
     */
    private static List<String> untrackedRuleFiles(Git git, Path dir, List<String> tracked) throws IOException {
        Set<String> folders = new HashSet<>();
        folders.add("");
        String previous = "";
        for (String file : tracked) {
            int slash = file.lastIndexOf('/');
            if (slash == previous.length() && file.startsWith(previous)) {
                continue; // the tracked list is sorted: a folder's files come together, and it is already in
            }
            previous = slash < 0 ? "" : file.substring(0, slash);
            for (; slash > 0 && folders.add(file.substring(0, slash)); slash = file.lastIndexOf('/', slash - 1)) {
                // every ancestor folder once
            }
        }
        List<String> candidates = new ArrayList<>(CodeownersLocator.SEARCH_ORDER);
        candidates.add(OwnersAliases.FILE_NAME);
        for (String folder : folders) {
            candidates.add(folder.isEmpty() ? OwnersTree.FILE_NAME : folder + "/" + OwnersTree.FILE_NAME);
        }
        List<String> onDisk = candidates.parallelStream()
                .filter(path -> Collections.binarySearch(tracked, path) < 0 && Files.isRegularFile(dir.resolve(path)))
                .sorted()
                .toList();
        if (onDisk.isEmpty()) {
            return onDisk;
        }
        // git keeps the ones it does not ignore; with literal paths it reads only their folders.
        List<String> args = new ArrayList<>(List.of("-c", "core.quotepath=off", "ls-files", "-z", "--others",
                "--exclude-standard", "--"));
        onDisk.forEach(path -> args.add(":(literal)" + path));
        Optional<Git.Output> kept = git.run(args.toArray(String[]::new));
        if (kept.isEmpty() || !kept.get().ok()) {
            throw new IOException("git ls-files --others failed in " + dir + kept.map(o -> ": " + o.stderr()).orElse(""));
        }
        return Git.splitNul(kept.get().stdout());
    }

    /** A listing in progress: {@link #tracked()} now, every file on {@link #complete()}. */
    public static final class Listing {
        private final Path root;
        private final List<String> tracked;
        private final FutureTask<List<String>> untracked;
        private final FutureTask<Optional<String>> index;
        private final DiskReader reader;

        private Listing(Path root, List<String> tracked, FutureTask<List<String>> untracked,
                        FutureTask<Optional<String>> index) {
            this.root = root;
            this.tracked = tracked;
            this.untracked = untracked;
            this.index = index;
            this.reader = new DiskReader(root);
        }

        /** The files git tracks (outside git: every file), sorted. */
        public List<String> tracked() {
            return tracked;
        }

        /** Reads files of the folder while the listing completes. */
        public TextSource reader() {
            return reader;
        }

        /** Waits for the untracked rule files and returns the whole work tree. */
        public WorkTree complete() throws IOException {
            if (untracked == null) {
                return new WorkTree(root, tracked, false, Optional.empty());
            }
            List<String> extra;
            Optional<String> indexWarning;
            try {
                extra = untracked.get();
                indexWarning = index.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while looking for untracked OWNERS files", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
            if (extra.isEmpty()) {
                return new WorkTree(root, tracked, true, indexWarning);
            }
            List<String> all = new ArrayList<>(tracked.size() + extra.size());
            all.addAll(tracked);
            all.addAll(extra);
            return new WorkTree(root, sortedUnique(all), true, indexWarning);
        }
    }

    /** Sorted by {@link String#compareTo} without duplicates (a file staged for deletion and present again). */
    private static List<String> sortedUnique(List<String> names) {
        List<String> sorted = new ArrayList<>(names);
        boolean inOrder = true;
        for (int i = 1; i < sorted.size() && inOrder; i++) {
            inOrder = sorted.get(i - 1).compareTo(sorted.get(i)) < 0;
        }
        if (inOrder) {
            return Collections.unmodifiableList(sorted);
        }
        Collections.sort(sorted);
        List<String> unique = new ArrayList<>(sorted.size());
        for (String name : sorted) {
            if (unique.isEmpty() || !unique.getLast().equals(name)) {
                unique.add(name);
            }
        }
        return Collections.unmodifiableList(unique);
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
        return reader.read(path);
    }

    @Override
    public Optional<String> read(String path, long maxBytes) throws IOException {
        return reader.read(path, maxBytes);
    }

    /** Reads files under a root, the same way for a listing in progress and for the whole tree. */
    private static final class DiskReader implements TextSource {
        private final Path root;
        /** The root's real path, resolved once: each file's folder is checked against it. */
        private volatile Path realRoot;

        DiskReader(Path root) {
            this.root = root;
        }

        @Override
        public Optional<String> read(String path) throws IOException {
            return read(path, Long.MAX_VALUE);
        }

        @Override
        public Optional<String> read(String path, long maxBytes) throws IOException {
            return readFile(this, path, maxBytes);
        }

        Path realRoot() throws IOException {
            Path real = realRoot;
            if (real == null) {
                real = root.toRealPath();
                realRoot = real;
            }
            return real;
        }
    }

    /**
     * Reads a regular file inside {@code root}. A symbolic link is refused, never followed, and so is a file
     * whose folder is reached through one: a pull request that adds {@code OWNERS -> /proc/self/environ} must
     * not get the job's environment printed. Anything else (a fifo, a device) is not a file here.
     */
    private static Optional<String> readFile(DiskReader reader, String path, long maxBytes) throws IOException {
        Path root = reader.root;
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            return Optional.empty();
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException | java.nio.file.NotDirectoryException e) {
            return Optional.empty();
        }
        if (attrs.isSymbolicLink()) {
            throw UnsafeFileException.symlink(path);
        }
        if (!attrs.isRegularFile()) {
            return Optional.empty();
        }
        if (!file.getParent().toRealPath().startsWith(reader.realRoot())) {
            throw UnsafeFileException.outsideRoot(path);
        }
        if (attrs.size() > maxBytes) {
            throw UnsafeFileException.tooLarge(path, attrs.size(), maxBytes);
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file, Set.of(StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS))) {
            // Read at most one byte past the limit: the file may have grown since its size was taken.
            long cap = maxBytes == Long.MAX_VALUE ? Integer.MAX_VALUE - 16 : maxBytes + 1;
            byte[] bytes = Channels.newInputStream(channel).readNBytes((int) Math.min(cap, Integer.MAX_VALUE - 16));
            if (bytes.length > maxBytes) {
                throw UnsafeFileException.tooLarge(path, bytes.length, maxBytes);
            }
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    @Override
    public String describe() {
        return (fromGit ? "git work tree " : "folder ") + root;
    }
}
