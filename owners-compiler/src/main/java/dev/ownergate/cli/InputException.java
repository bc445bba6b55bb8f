package dev.ownergate.cli;

/** Bad input the user can fix (a missing folder or file, a bad range); the command exits with 2. */
final class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    InputException(String message) {
        super(message);
    }
}
