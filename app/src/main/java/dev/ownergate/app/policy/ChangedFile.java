package dev.ownergate.app.policy;

import java.util.List;
import java.util.Objects;

/**
 * One file a pull request changes, as GitHub's "list pull request files" reports it.
 *
 * @param path         the file's path after the change; for {@link Change#REMOVED} the path that was deleted
 * @param previousPath the old path of a rename; null otherwise
 */
public record ChangedFile(String path, String previousPath, Change change) {

    public enum Change { ADDED, MODIFIED, REMOVED, RENAMED }

    public ChangedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(change, "change");
        if (change == Change.RENAMED && previousPath == null) {
            throw new IllegalArgumentException("a rename needs its previous path: " + path);
        }
        if (change != Change.RENAMED) {
            previousPath = null;
        }
    }

    public static ChangedFile added(String path) {
        return new ChangedFile(path, null, Change.ADDED);
    }

    public static ChangedFile modified(String path) {
        return new ChangedFile(path, null, Change.MODIFIED);
    }

    public static ChangedFile removed(String path) {
        return new ChangedFile(path, null, Change.REMOVED);
    }

    public static ChangedFile renamed(String previousPath, String path) {
        return new ChangedFile(path, previousPath, Change.RENAMED);
    }

    /**
     * The paths whose owners must approve: a rename moves a file out of one owner's area and into another's,
     * so both sides count (GitHub requests review from the owners of both); a deletion counts the old path.
     */
    public List<String> pathsToApprove() {
        return change == Change.RENAMED ? List.of(previousPath, path) : List.of(path);
    }
}
