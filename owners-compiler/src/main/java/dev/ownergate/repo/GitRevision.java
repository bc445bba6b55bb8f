package dev.ownergate.repo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files of one commit of a local git repository, as git stores them, independent of the work tree.
 * {@code ownergate evaluate} reads the rules at the base ref through this, never from the head.
 */
public final class GitRevision implements RepoSnapshot {
    private final Git git;
    private final String ref;
    private final String commit;
    private final List<String> files;
    private final Map<String, String> blobByPath;

    private GitRevision(Git git, String ref, String commit, List<String> files, Map<String, String> blobByPath) {
        this.git = git;
        this.ref = ref;
        this.commit = commit;
        this.files = files;
        this.blobByPath = blobByPath;
    }

    /** Lists the tree of {@code ref} under {@code repoDir}. Fails when the ref does not name a commit. */
    public static GitRevision at(Path repoDir, String ref) throws IOException {
        Git git = new Git(repoDir.toAbsolutePath().normalize());
        Optional<Git.Output> resolved = git.run("rev-parse", "--verify", "--quiet", ref + "^{commit}");
        if (resolved.isEmpty() || !resolved.get().ok()) {
            throw new IOException("'" + ref + "' is not a commit in " + repoDir + " (try a branch, tag or SHA)");
        }
        String commit = new String(resolved.get().stdout(), StandardCharsets.UTF_8).strip();
        List<String> entries = Git.splitNul(git.require("ls-tree", "-r", "-z", "--full-tree", commit));
        List<String> files = new ArrayList<>(entries.size());
        Map<String, String> blobs = new HashMap<>(entries.size() * 2);
        for (String entry : entries) {
            // "<mode> SP <type> SP <object> TAB <path>"
            int tab = entry.indexOf('\t');
            String[] meta = entry.substring(0, tab).split(" ");
            if (!meta[1].equals("blob")) {
                continue; // submodules (commit entries) have no content here
            }
            String path = entry.substring(tab + 1);
            files.add(path);
            blobs.put(path, meta[2]);
        }
        Collections.sort(files);
        return new GitRevision(git, ref, commit, Collections.unmodifiableList(files), blobs);
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
        String blob = blobByPath.get(path);
        if (blob == null) {
            return Optional.empty();
        }
        return Optional.of(new String(git.require("cat-file", "blob", blob), StandardCharsets.UTF_8));
    }

    @Override
    public String describe() {
        return "git " + ref + "@" + commit.substring(0, Math.min(12, commit.length()));
    }
}
