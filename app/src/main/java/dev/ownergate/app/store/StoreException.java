package dev.ownergate.app.store;

/** The database failed or cannot be reached; the message names where and why, never a password. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
