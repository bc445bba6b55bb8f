package dev.ownergate.app.config;

/** The server cannot start with the settings it was given; the message names every problem at once. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
