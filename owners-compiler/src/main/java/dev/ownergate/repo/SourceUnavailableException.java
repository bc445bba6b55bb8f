package dev.ownergate.repo;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A {@link TextSource} could not be read for a reason outside the repository: a server or the network failed.
 * Loaders pass it on instead of reporting the file as unreadable, so the caller can retry later rather than
 * judge the rules broken.
 */
public final class SourceUnavailableException extends UncheckedIOException {
    public SourceUnavailableException(IOException cause) {
        super(cause.getMessage(), cause);
    }
}
