package dev.ownergate.app.github;

import java.io.IOException;

/** A computation that may fail with an I/O error: a GitHub call, a cache fill, building a client. */
@FunctionalInterface
interface IoSupplier<T> {
    T get() throws IOException;
}
