package dev.ownergate.repo;

import java.io.IOException;

/**
 * A file of the repository that Ownergate refuses to read: a symbolic link (never followed, so a link cannot
 * reach outside the repository: GitHub does not follow them for CODEOWNERS either), or a rules file over
 * {@link FileLimits#MAX_RULES_FILE_BYTES}, refused before it is read. Loaders report it as an error that names
 * the file; it is the file's fault, not the source's.
 */
public final class UnsafeFileException extends IOException {
    private final String path;

    private UnsafeFileException(String path, String message) {
        super(message);
        this.path = path;
    }

    public static UnsafeFileException symlink(String path) {
        return new UnsafeFileException(path, "'" + path + "' is a symbolic link; Ownergate never follows links"
                + " (GitHub does not either): commit the file itself in its place");
    }

    public static UnsafeFileException outsideRoot(String path) {
        return new UnsafeFileException(path, "'" + path + "' is reached through a symbolic link to a folder;"
                + " Ownergate reads nothing outside the repository: commit the folder itself in its place");
    }

    public static UnsafeFileException tooLarge(String path, long size, long limit) {
        return new UnsafeFileException(path, "'" + path + "' has " + size + " bytes, over the limit of " + limit
                + " bytes for a rules file (docs/security.md); split it up");
    }

    /** The repo-relative path of the refused file. */
    public String path() {
        return path;
    }
}
