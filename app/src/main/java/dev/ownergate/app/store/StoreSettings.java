package dev.ownergate.app.store;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the store lives: PostgreSQL when {@code databaseUrl} is set, else an embedded H2 file under
 * {@code dataDir}. Read by {@code serve} and {@code audit-log} alike, from the same settings.
 *
 * @param databaseUrl   {@code OWNERGATE_DATABASE_URL}, a {@code jdbc:postgresql://} URL (or {@code jdbc:h2:})
 * @param user          {@code OWNERGATE_DATABASE_USER}, when not in the URL
 * @param password      {@code OWNERGATE_DATABASE_PASSWORD}, when not in the URL
 * @param dataDir       {@code OWNERGATE_DATA_DIR}, default {@code ./data}
 * @param schema        a schema to create and use (tests give each class its own); empty for the default
 * @param retentionDays {@code OWNERGATE_AUDIT_RETENTION_DAYS}; empty keeps everything
 */
public record StoreSettings(Optional<String> databaseUrl, Optional<String> user, Optional<String> password,
                            Path dataDir, Optional<String> schema, Optional<Integer> retentionDays) {

    public static final Path DEFAULT_DATA_DIR = Path.of("data");

    public static StoreSettings embedded(Path dataDir) {
        return new StoreSettings(Optional.empty(), Optional.empty(), Optional.empty(), dataDir, Optional.empty(),
                Optional.empty());
    }

    /** The JDBC URL actually used, with the schema (if any) in it, so every connection starts in it. */
    public String jdbcUrl() {
        String url = baseUrl();
        if (schema.isEmpty()) {
            return url;
        }
        return url.startsWith("jdbc:postgresql:") ? url + (url.contains("?") ? "&" : "?") + "currentSchema="
                + schema.get() : url;
    }

    private String baseUrl() {
        // WRITE_DELAY=0: every commit reaches the file before it returns, so a kill -9 loses no acknowledged
        // delivery. AUTO_SERVER: `ownergate audit-log` can read the file while `serve` holds it.
        return databaseUrl.orElseGet(() -> "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("ownergate")
                + ";WRITE_DELAY=0;AUTO_SERVER=TRUE");
    }

    public boolean embedded() {
        return databaseUrl.isEmpty() || databaseUrl.get().startsWith("jdbc:h2:");
    }

    /** For log lines: the URL without credentials. */
    public String describe() {
        String url = baseUrl();
        int q = url.indexOf('?');
        return (q < 0 ? url : url.substring(0, q)) + schema.map(s -> " (schema " + s + ")").orElse("");
    }
}
