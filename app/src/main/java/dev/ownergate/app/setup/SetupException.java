package dev.ownergate.app.setup;

/** A step of the manifest flow failed; the message says what to do and is shown to the operator. */
public final class SetupException extends Exception {
    public SetupException(String message) {
        super(message);
    }
}
