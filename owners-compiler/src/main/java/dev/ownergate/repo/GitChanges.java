package dev.ownergate.repo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What {@code git diff --name-status} says changed between two revisions. */
public final class GitChanges {
    private GitChanges() {}

    public enum Kind { ADDED, MODIFIED, REMOVED, RENAMED, COPIED, TYPE_CHANGED }

    /** One changed path; {@code previousPath} is set for renames and copies, null otherwise. */
    public record Change(Kind kind, String path, String previousPath) {
        /** The paths whose owners must approve: both sides of a rename, the old path of a deletion. */
        public List<String> pathsToApprove() {
            return kind == Kind.RENAMED ? List.of(previousPath, path) : List.of(path);
        }
    }

    /**
     * Parses {@code BASE[..HEAD]} or {@code BASE...HEAD}; with no HEAD the work tree is compared with BASE.
     * Uses the merge base for {@code ...}, like git.
     */
    public static List<Change> between(Path repoDir, String range) throws IOException {
        List<String> args = new ArrayList<>(List.of("-c", "core.quotepath=off", "diff", "--name-status", "-z", "-M"));
        List<String> revisions = new ArrayList<>();
        if (range.contains("...")) {
            revisions.add(range);
            for (String side : range.split("\\.\\.\\.", -1)) {
                if (!side.isEmpty()) {
                    GitRefs.requireRevision(side);
                }
            }
        } else if (range.contains("..")) {
            int dots = range.indexOf("..");
            // Like git: an empty side of A..B means HEAD.
            String base = range.substring(0, dots);
            String head = range.substring(dots + 2);
            revisions.add(base.isEmpty() ? "HEAD" : base);
            revisions.add(head.isEmpty() ? "HEAD" : head);
        } else {
            revisions.add(range);
        }
        for (String revision : revisions) {
            GitRefs.requireRevision(revision);
        }
        // Revisions from the command line are never options, whatever they look like.
        args.add("--end-of-options");
        args.addAll(revisions);
        args.add("--");
        return parse(Git.splitNul(new Git(repoDir.toAbsolutePath().normalize()).require(args.toArray(String[]::new))));
    }

    static List<Change> parse(List<String> fields) {
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < fields.size(); ) {
            String status = fields.get(i++);
            if (status.isEmpty()) {
                continue;
            }
            char code = status.charAt(0);
            switch (code) {
                case 'R', 'C' -> {
                    String from = fields.get(i++);
                    String to = fields.get(i++);
                    changes.add(new Change(code == 'R' ? Kind.RENAMED : Kind.COPIED, to, from));
                }
                case 'A' -> changes.add(new Change(Kind.ADDED, fields.get(i++), null));
                case 'D' -> changes.add(new Change(Kind.REMOVED, fields.get(i++), null));
                case 'T' -> changes.add(new Change(Kind.TYPE_CHANGED, fields.get(i++), null));
                default -> changes.add(new Change(Kind.MODIFIED, fields.get(i++), null));
            }
        }
        return changes;
    }
}
