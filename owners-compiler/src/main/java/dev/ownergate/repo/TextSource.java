package dev.ownergate.repo;

import java.io.IOException;
import java.util.Optional;

/** Reads a file of one revision of a repository by its repo-relative path ({@code a/b/OWNERS}). */
@FunctionalInterface
public interface TextSource {
    /** The file's text as UTF-8, or empty when there is no such file. */
    Optional<String> read(String path) throws IOException;

    /**
     * Like {@link #read(String)}, but refuses a file of more than {@code maxBytes} bytes with
     * {@link UnsafeFileException}. Adapters that know a file's size check it before reading it.
     */
    default Optional<String> read(String path, long maxBytes) throws IOException {
        Optional<String> text = read(path);
        if (text.isPresent()) {
            long size = text.get().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (size > maxBytes) {
                throw UnsafeFileException.tooLarge(path, size, maxBytes);
            }
        }
        return text;
    }

    /** This source with every read bounded to {@code maxBytes}. */
    default TextSource limitedTo(long maxBytes) {
        TextSource self = this;
        return path -> self.read(path, maxBytes);
    }
}
