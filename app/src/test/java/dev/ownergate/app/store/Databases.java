package dev.ownergate.app.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The two databases the store runs on, for tests. PostgreSQL is the service at 127.0.0.1:5432 (user postgres,
 * database test); each caller gets its own schema, so parallel runs never collide. Without PostgreSQL the
 * tests skip, saying how to run them, unless {@code OWNERGATE_REQUIRE_POSTGRES=true} (as {@code .ci/run} sets
 * it), which turns the skip into a failure.
 */
public final class Databases {
    public static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String PG_USER = "postgres";

    private Databases() {}

    public static StoreSettings h2() {
        try {
            Path dir = Files.createTempDirectory("ownergate-h2");
            dir.toFile().deleteOnExit();
            return StoreSettings.embedded(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A fresh schema on the local PostgreSQL; skips (or fails, in CI) when there is none. */
    public static StoreSettings postgres(String owner) {
        requirePostgres();
        String schema = ("t_" + owner + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return new StoreSettings(Optional.of(PG_URL), Optional.of(PG_USER), Optional.empty(), Path.of("unused"),
                Optional.of(schema), Optional.empty());
    }

    /** Drops a schema {@link #postgres} made. */
    public static void drop(StoreSettings settings) {
        if (settings.schema().isEmpty() || settings.databaseUrl().isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, null)) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + settings.schema().get() + " CASCADE");
        } catch (SQLException e) {
            // left behind; harmless, named after the test class
        }
    }

    public static void requirePostgres() {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, null)) {
            c.isValid(2);
        } catch (SQLException e) {
            String how = "PostgreSQL is not reachable at 127.0.0.1:5432 (user postgres, database test): "
                    + e.getMessage() + ". To run these tests, start it (e.g. `pg_ctlcluster --skip-systemctl-redirect"
                    + " $(ls /etc/postgresql) main start`, or any PostgreSQL with trust auth and a database `test`),"
                    + " or run `.ci/run`, which starts it.";
            if ("true".equalsIgnoreCase(System.getenv("OWNERGATE_REQUIRE_POSTGRES"))
                    || Boolean.getBoolean("ownergate.requirePostgres")) {
                throw new AssertionError("OWNERGATE_REQUIRE_POSTGRES is set: " + how, e);
            }
            Assumptions.abort(how);
        }
    }
}
