package dev.ownergate.app.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code serve} needs before a GitHub App exists (setup mode): where to listen, which GitHub to register
 * the App on, the public URL GitHub will call back, and the data directory the operator may ask the
 * credentials to be saved to.
 *
 * @param publicUrl empty: the setup page derives it from the browser's request (fine for a local trial)
 */
public record SetupSettings(int port, URI apiUrl, Optional<URI> publicUrl, Path dataDir) {
    /** The data directory setting, shared with the durable store; default {@code ./data}. */
    static final String DATA_DIR = "OWNERGATE_DATA_DIR";
    static final Path DEFAULT_DATA_DIR = Path.of("data");
    /** Where /setup saves the App's settings (and key, next to it) when asked, relative to the data directory. */
    public static final Path SAVED_CONFIG = Path.of("github-app", "ownergate.yml");

    /** The saved settings file. */
    public Path savedConfig() {
        return dataDir.resolve(SAVED_CONFIG);
    }
}
