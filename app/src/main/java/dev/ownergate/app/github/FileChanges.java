package dev.ownergate.app.github;

import java.util.List;

/**
 * A pull request's changed files. {@code complete} is false when GitHub listed fewer files than the PR changes:
 * the files endpoint stops at 3,000 (docs: "List pull requests files").
 */
public record FileChanges(List<FileChange> files, boolean complete) {
    public FileChanges {
        files = List.copyOf(files);
    }
}
