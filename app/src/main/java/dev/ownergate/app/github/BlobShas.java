package dev.ownergate.app.github;

import java.util.SortedMap;
import java.util.function.Predicate;

/** A snapshot that knows its files' git blob SHAs without reading them (a GitHub tree listing does). */
public interface BlobShas {
    /** Path to blob SHA of every file whose path passes {@code paths}. */
    SortedMap<String, String> blobShas(Predicate<String> paths);
}
