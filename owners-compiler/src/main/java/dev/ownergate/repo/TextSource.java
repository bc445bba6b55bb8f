package dev.ownergate.repo;

import java.io.IOException;
import java.util.Optional;

/** Reads a file of one revision of a repository by its repo-relative path ({@code a/b/OWNERS}). */
@FunctionalInterface
public interface TextSource {
    /** The file's text as UTF-8, or empty when there is no such file. */
    Optional<String> read(String path) throws IOException;
}
