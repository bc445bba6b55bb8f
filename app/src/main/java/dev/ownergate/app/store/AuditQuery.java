package dev.ownergate.app.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The filters of {@code ownergate audit-log} and {@code GET /api/audit}.
 *
 * @param repo           {@code owner/name}, case-insensitive; empty for every repository
 * @param since          inclusive
 * @param until          exclusive
 * @param exceptionsOnly only entries an auditor must look at: merges without a passing decision, overrides
 * @param limit          at most this many entries, oldest first
 */
public record AuditQuery(Optional<String> repo, Optional<Instant> since, Optional<Instant> until,
                         boolean exceptionsOnly, int limit) {
    public static final int DEFAULT_LIMIT = 10_000;

    public static AuditQuery all() {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), false, DEFAULT_LIMIT);
    }
}
