package dev.ownergate.repo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The files of one commit of a local git repository, as git stores them, independent of the work tree.
 * {@code ownergate evaluate} reads the rules at the base ref through this, never from the head.
 */
public final class GitRevision implements RepoSnapshot {
    /** The tree-entry mode git gives a symbolic link. */
    public static final String SYMLINK_MODE = "120000";

    private final Git git;
    private final String ref;
    private final String commit;
    private final List<String> files;
    private final Map<String, String> blobByPath;
    private final Map<String, Long> sizeByPath;
    private final Set<String> symlinks;

    private GitRevision(Git git, String ref, String commit, List<String> files, Map<String, String> blobByPath,
                        Map<String, Long> sizeByPath, Set<String> symlinks) {
        this.git = git;
        this.ref = ref;
        this.commit = commit;
        this.files = files;
        this.blobByPath = blobByPath;
        this.sizeByPath = sizeByPath;
        this.symlinks = symlinks;
    }

    /** Lists the tree of {@code ref} under {@code repoDir}. Fails when the ref does not name a commit. */
    public static GitRevision at(Path repoDir, String ref) throws IOException {
        Git git = new Git(repoDir.toAbsolutePath().normalize());
        GitRefs.requireRevision(ref);
        Optional<Git.Output> resolved = git.run("rev-parse", "--verify", "--quiet", "--end-of-options",
                ref + "^{commit}");
        if (resolved.isEmpty() || !resolved.get().ok()) {
            throw new IOException("'" + ref + "' is not a commit in " + repoDir + " (try a branch, tag or SHA)");
        }
        String commit = new String(resolved.get().stdout(), StandardCharsets.UTF_8).strip();
        List<String> entries = Git.splitNul(git.require("ls-tree", "-r", "-z", "-l", "--full-tree", commit));
        List<String> files = new ArrayList<>(entries.size());
        Map<String, String> blobs = new HashMap<>(entries.size() * 2);
        Map<String, Long> sizes = new HashMap<>(entries.size() * 2);
        Set<String> links = new HashSet<>();
        for (String entry : entries) {
            // "<mode> SP <type> SP <object> SP+ <size> TAB <path>"
            int tab = entry.indexOf('\t');
            String[] meta = entry.substring(0, tab).trim().split(" +");
            if (!meta[1].equals("blob")) {
                continue; // submodules (commit entries) have no content here
            }
            String path = entry.substring(tab + 1);
            files.add(path);
            blobs.put(path, meta[2]);
            sizes.put(path, Long.parseLong(meta[3]));
            if (meta[0].equals(SYMLINK_MODE)) {
                links.add(path);
            }
        }
        Collections.sort(files);
        return new GitRevision(git, ref, commit, Collections.unmodifiableList(files), blobs, sizes, links);
    }

    public String commit() {
        return commit;
    }

    @Override
    public List<String> files() {
        return files;
    }

    @Override
    public Optional<String> read(String path) throws IOException {
        return read(path, Long.MAX_VALUE);
    }

    /** A symbolic link (mode 120000) is refused, never followed; the size is known before the blob is read. */
    @Override
    public Optional<String> read(String path, long maxBytes) throws IOException {
        String blob = blobByPath.get(path);
        if (blob == null) {
            return Optional.empty();
        }
        if (symlinks.contains(path)) {
            throw UnsafeFileException.symlink(path);
        }
        long size = sizeByPath.getOrDefault(path, 0L);
        if (size > maxBytes) {
            throw UnsafeFileException.tooLarge(path, size, maxBytes);
        }
        return Optional.of(new String(git.require("cat-file", "blob", blob), StandardCharsets.UTF_8));
    }

    @Override
    public String describe() {
        return "git " + ref + "@" + commit.substring(0, Math.min(12, commit.length()));
    }
}
