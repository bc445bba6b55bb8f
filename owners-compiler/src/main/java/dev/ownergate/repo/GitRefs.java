package dev.ownergate.repo;

import dev.ownergate.diagnostics.Excerpt;
import java.io.IOException;

/**
 * Revisions given by users go to git as arguments. One that starts with {@code -} would be read as an option
 * ({@code --output=FILE} truncates FILE), so it is refused here, before git runs; git is also given
 * {@code --end-of-options} wherever it accepts it.
 */
public final class GitRefs {
    private GitRefs() {}

    /** Refuses a revision (or {@code A..B} / {@code A...B} range) that git could read as an option. */
    public static void requireRevision(String revision) throws IOException {
        if (revision == null || revision.isEmpty()) {
            throw new IOException("an empty revision; give a branch, tag or commit SHA");
        }
        if (revision.startsWith("-")) {
            throw new IOException("'" + Excerpt.of(revision) + "' is not a revision: it starts with '-'"
                    + " (give a branch, tag or commit SHA)");
        }
        for (int i = 0; i < revision.length(); i++) {
            char c = revision.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IOException("'" + Excerpt.of(revision) + "' is not a revision: it holds a control"
                        + " character (give a branch, tag or commit SHA)");
            }
        }
    }
}
