package dev.ownergate.app.store;

/**
 * Everything Ownergate keeps: the delivery queue, the posted verdicts and the audit trail. One implementation
 * over JDBC (embedded H2 by default, PostgreSQL in production), one in memory for tests.
 */
public interface Store extends AutoCloseable {
    DeliveryQueue deliveries();

    DecisionLog decisions();

    VerdictStore verdicts();

    /** A small named value the server keeps between runs (e.g. the newest delivery reconciliation saw). */
    java.util.Optional<String> state(String name);

    void state(String name, String value);

    /** Every named value whose name starts with {@code prefix}, by name. */
    java.util.Map<String, String> states(String prefix);

    /** Where the data lives, for the start-up log line (no password). */
    String describe();

    @Override
    void close();
}
