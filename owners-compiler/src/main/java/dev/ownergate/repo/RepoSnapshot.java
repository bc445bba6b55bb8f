package dev.ownergate.repo;

import java.util.Collections;
import java.util.List;

/**
 * One revision of a repository: its file list and a way to read files. Implemented by adapters
 * (a git work tree, a git revision, a plain folder, a GitHub tree at a SHA); the core only sees this.
 */
public interface RepoSnapshot extends TextSource {
    /** Every file, repo-relative with '/' separators, no leading slash, sorted by {@link String#compareTo}. */
    List<String> files();

    /** Whether the revision has this file; a binary search, since {@link #files()} is sorted. */
    default boolean contains(String path) {
        return Collections.binarySearch(files(), path) >= 0;
    }

    /** For messages: "work tree /x", "git main@1a2b3c4", ... */
    String describe();
}
