package dev.ownergate.app.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * The store over JDBC, for both databases: PostgreSQL in production, embedded H2 by default. The schema comes
 * from the Flyway migrations in {@code db/migration}; connections come from HikariCP. The SQL is in the three
 * adapters next to this class and nowhere else.
 */
public final class JdbcStore implements Store {

    /** One transaction's work. */
    @FunctionalInterface
    interface Tx<T> {
        T run(Connection c) throws SQLException;
    }

    private final HikariDataSource pool;
    private final StoreSettings settings;
    private final JdbcDeliveryQueue queue;
    private final JdbcDecisionLog log;
    private final JdbcVerdictStore verdicts;
    private final Optional<EmbeddedLock> embeddedLock;

    private JdbcStore(HikariDataSource pool, StoreSettings settings, Optional<EmbeddedLock> embeddedLock) {
        this.pool = pool;
        this.embeddedLock = embeddedLock;
        this.settings = settings;
        this.log = new JdbcDecisionLog(this);
        this.queue = new JdbcDeliveryQueue(this, log);
        this.verdicts = new JdbcVerdictStore(this);
    }

    /** Connects, migrates the schema to the newest version, and returns the store. */
    public static JdbcStore open(StoreSettings settings, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        settings.user().ifPresent(config::setUsername);
        settings.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(poolSize);
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setPoolName("ownergate-store");
        config.setInitializationFailTimeout(10_000);
        Optional<EmbeddedLock> embeddedLock = Optional.empty();
        if (settings.embedded() && settings.databaseUrl().isEmpty()) {
            try {
                java.nio.file.Files.createDirectories(settings.dataDir());
                // The only Ownergate process with the file: a lock a crashed one left needs no 2-second wait.
                embeddedLock = EmbeddedLock.tryTake(settings.dataDir());
                if (embeddedLock.isPresent() && embeddedLock.get().removeStaleH2Lock(settings.dataDir())) {
                    org.slf4j.LoggerFactory.getLogger(JdbcStore.class).info("the database's lock file was left by a"
                            + " process that is gone (its address refuses connections); removed it");
                }
            } catch (java.io.IOException e) {
                embeddedLock.ifPresent(EmbeddedLock::close);
                throw new StoreException("cannot create the data folder " + settings.dataDir().toAbsolutePath()
                        + " (OWNERGATE_DATA_DIR): " + e.getMessage(), e);
            }
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            embeddedLock.ifPresent(EmbeddedLock::close);
            throw new StoreException("cannot connect to the database at " + settings.describe() + ": "
                    + rootMessage(e), e);
        }
        try {
            // Flyway takes its own connections (it holds more than one on PostgreSQL), not the pool's.
            var flyway = Flyway.configure().dataSource(settings.jdbcUrl(), settings.user().orElse(null),
                    settings.password().orElse(null)).locations("classpath:db/migration");
            settings.schema().ifPresent(s -> flyway.schemas(s).createSchemas(true));
            flyway.load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            embeddedLock.ifPresent(EmbeddedLock::close);
            throw new StoreException("cannot bring the database schema at " + settings.describe()
                    + " up to date: " + rootMessage(e), e);
        }
        return new JdbcStore(pool, settings, embeddedLock);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    <T> T tx(Tx<T> work) {
        try (Connection c = pool.getConnection()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        }
    }

    static boolean duplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    @Override
    public DeliveryQueue deliveries() {
        return queue;
    }

    @Override
    public DecisionLog decisions() {
        return log;
    }

    @Override
    public VerdictStore verdicts() {
        return verdicts;
    }

    @Override
    public Optional<String> state(String name) {
        return tx(c -> {
            try (var s = c.prepareStatement("SELECT state_value FROM store_state WHERE name = ?")) {
                s.setString(1, name);
                try (var r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public java.util.Map<String, String> states(String prefix) {
        return tx(c -> {
            try (var s = c.prepareStatement(
                    "SELECT name, state_value FROM store_state WHERE name LIKE ? ESCAPE '!' ORDER BY name")) {
                s.setString(1, prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
                java.util.Map<String, String> out = new java.util.TreeMap<>();
                try (var r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), r.getString(2));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public void state(String name, String value) {
        for (int attempt = 0; ; attempt++) {
            try {
                tx(c -> {
                    try (var u = c.prepareStatement("UPDATE store_state SET state_value = ? WHERE name = ?")) {
                        u.setString(1, value);
                        u.setString(2, name);
                        if (u.executeUpdate() == 0) {
                            try (var i = c.prepareStatement(
                                    "INSERT INTO store_state (name, state_value) VALUES (?, ?)")) {
                                i.setString(1, name);
                                i.setString(2, value);
                                i.executeUpdate();
                            }
                        }
                    }
                    return null;
                });
                return;
            } catch (StoreException e) {
                if (attempt >= 3 || !(e.getCause() instanceof SQLException sql && duplicateKey(sql))) {
                    throw e;
                }
            }
        }
    }

    @Override
    public String describe() {
        return settings.describe();
    }

    @Override
    public void close() {
        pool.close();
        embeddedLock.ifPresent(EmbeddedLock::close);
    }
}
