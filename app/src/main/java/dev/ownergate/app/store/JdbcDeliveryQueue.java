package dev.ownergate.app.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link DeliveryQueue} over the {@code delivery}, {@code job} and {@code dead_letter} tables. A job row is
 * its own lease: {@code worker} and {@code leased_until} say who runs it, so one key runs on one replica at a
 * time, and a replica killed mid-job leaves a lease that simply runs out.
 */
final class JdbcDeliveryQueue implements DeliveryQueue {
    private static final int ATTEMPTS = 5; // a concurrent insert of the same new key: retry the transaction

    private final JdbcStore store;
    private final JdbcDecisionLog log;

    JdbcDeliveryQueue(JdbcStore store, JdbcDecisionLog log) {
        this.store = store;
        this.log = log;
    }

    private enum Outcome { NEW, DUPLICATE, MISSING, RACE }

    /** One webhook waiting for its delivery to be committed. */
    private record Pending(String deliveryId, String event, Instant receivedAt, List<Job> jobs,
                           java.util.concurrent.CompletableFuture<Accepted> done) {}

    private static final int GROUP = 256;
    private final java.util.concurrent.LinkedBlockingQueue<Pending> waiting =
            new java.util.concurrent.LinkedBlockingQueue<>();
    private Thread committer;

    /**
     * Group commit: webhooks arriving together share one transaction (one disk flush), which is what bounds
     * the acknowledgement rate. Each caller still returns only after its own delivery is committed.
     */
    @Override
    public Accepted accept(String deliveryId, String event, Instant receivedAt, List<Job> jobs) {
        Pending p = new Pending(deliveryId, event, receivedAt, jobs, new java.util.concurrent.CompletableFuture<>());
        synchronized (this) {
            if (committer == null) {
                committer = Thread.ofPlatform().daemon().name("ownergate-commit").start(this::commitLoop);
            }
        }
        waiting.add(p);
        try {
            return p.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while committing delivery " + deliveryId, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof StoreException se ? se
                    : new StoreException("could not commit delivery " + deliveryId, e.getCause());
        }
    }

    private void commitLoop() {
        List<Pending> group = new ArrayList<>();
        while (true) {
            try {
                group.add(waiting.take());
            } catch (InterruptedException e) {
                return;
            }
            waiting.drainTo(group, GROUP - 1);
            try {
                List<Accepted> results = acceptGroup(group);
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).done().complete(results.get(i));
                }
            } catch (RuntimeException groupFailed) {
                // A race with another replica on a key or an ID, or a bad row: each on its own, so one
                // delivery's problem is not every delivery's.
                for (Pending p : group) {
                    try {
                        p.done().complete(acceptOne(p.deliveryId(), p.event(), p.receivedAt(), p.jobs()));
                    } catch (RuntimeException e) {
                        p.done().completeExceptionally(e);
                    }
                }
            }
            group.clear();
        }
    }

    /** The whole group in one transaction; throws (and commits nothing) on any conflict. */
    private List<Accepted> acceptGroup(List<Pending> group) {
        if (group.size() == 1) {
            Pending p = group.getFirst();
            return List.of(acceptOne(p.deliveryId(), p.event(), p.receivedAt(), p.jobs()));
        }
        return store.tx(c -> {
            java.util.Set<String> known = new java.util.HashSet<>();
            StringBuilder in = new StringBuilder();
            List<String> ids = group.stream().map(Pending::deliveryId).filter(java.util.Objects::nonNull).toList();
            if (!ids.isEmpty()) {
                ids.forEach(id -> in.append(in.isEmpty() ? "?" : ", ?"));
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT delivery_id FROM delivery WHERE delivery_id IN (" + in + ")")) {
                    for (int i = 0; i < ids.size(); i++) {
                        s.setString(i + 1, ids.get(i));
                    }
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            known.add(r.getString(1));
                        }
                    }
                }
            }
            List<Accepted> results = new ArrayList<>();
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO delivery (delivery_id, event, received_at) VALUES (?, ?, ?)")) {
                for (Pending p : group) {
                    if (p.deliveryId() != null && !known.add(p.deliveryId())) {
                        results.add(Accepted.DUPLICATE);
                        continue;
                    }
                    if (p.deliveryId() != null) {
                        insert.setString(1, p.deliveryId());
                        insert.setString(2, p.event());
                        insert.setLong(3, p.receivedAt().toEpochMilli());
                        insert.addBatch();
                    }
                    for (Job job : p.jobs()) {
                        if (!upsert(c, job, p.receivedAt())) {
                            throw new StoreException("job key " + job.key() + " raced another replica", null);
                        }
                    }
                    results.add(Accepted.NEW);
                }
                insert.executeBatch();
            }
            return results;
        });
    }

    private Accepted acceptOne(String deliveryId, String event, Instant receivedAt, List<Job> jobs) {
        for (int attempt = 1; ; attempt++) {
            Outcome outcome = store.tx(c -> {
                if (deliveryId != null) {
                    try (PreparedStatement s = c.prepareStatement(
                            "INSERT INTO delivery (delivery_id, event, received_at) VALUES (?, ?, ?)")) {
                        s.setString(1, deliveryId);
                        s.setString(2, event);
                        s.setLong(3, receivedAt.toEpochMilli());
                        s.executeUpdate();
                    } catch (SQLException e) {
                        if (JdbcStore.duplicateKey(e)) {
                            c.rollback();
                            return Outcome.DUPLICATE;
                        }
                        throw e;
                    }
                }
                for (Job job : jobs) {
                    if (!upsert(c, job, receivedAt)) {
                        c.rollback();
                        return Outcome.RACE;
                    }
                }
                return Outcome.NEW;
            });
            if (outcome == Outcome.NEW) {
                return Accepted.NEW;
            }
            if (outcome == Outcome.DUPLICATE) {
                return Accepted.DUPLICATE;
            }
            if (attempt >= ATTEMPTS) {
                throw new StoreException("could not queue delivery " + deliveryId + ": its job keys kept racing",
                        null);
            }
        }
    }

    @Override
    public boolean seen(String deliveryId) {
        return store.tx(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM delivery WHERE delivery_id = ?")) {
                s.setString(1, deliveryId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    @Override
    public void enqueue(Job job, Instant now) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (store.tx(c -> {
                if (upsert(c, job, now)) {
                    return true;
                }
                c.rollback();
                return false;
            })) {
                return;
            }
        }
        throw new StoreException("could not queue " + job.key() + ": its key kept racing", null);
    }

    /**
     * Replaces the key's waiting work with this newer work (bumping the version), or inserts it. A job waiting
     * for a retry keeps its time; a fresh one is due now. False when another transaction inserted the key first:
     * the caller retries the whole transaction.
     */
    private static boolean upsert(Connection c, Job job, Instant now) throws SQLException {
        String work = WorkJson.write(job.work());
        long at = now.toEpochMilli();
        // A job no delivery asked for (reconciliation) keeps the delivery already behind the key, for the audit trail.
        try (PreparedStatement u = c.prepareStatement("UPDATE job SET work = ?, delivery_id = COALESCE(?, delivery_id),"
                + " version = version + 1,"
                + " due_at = CASE WHEN attempts = 0 AND due_at > ? THEN ? ELSE due_at END, installation_id = ?"
                + " WHERE job_key = ?")) {
            u.setString(1, work);
            setNullable(u, 2, job.deliveryId());
            u.setLong(3, at);
            u.setLong(4, at);
            u.setLong(5, Jobs.installation(job.work()));
            u.setString(6, job.key());
            if (u.executeUpdate() > 0) {
                return true;
            }
        }
        try (PreparedStatement i = c.prepareStatement("INSERT INTO job (job_key, work, delivery_id, version,"
                + " attempts, due_at, installation_id) VALUES (?, ?, ?, 1, 0, ?, ?)")) {
            i.setString(1, job.key());
            i.setString(2, work);
            setNullable(i, 3, job.deliveryId());
            i.setLong(4, at);
            i.setLong(5, Jobs.installation(job.work()));
            i.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (JdbcStore.duplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /** How many due jobs a claim looks at: every installation's first jobs, whatever the backlog. */
    private static final int CANDIDATES = 4096;

    private volatile long lastServed = -1;

    /**
     * Claims in {@link FairShare} order. The candidates are read without locks (a window function cannot be
     * combined with {@code FOR UPDATE}), then locked by key with the due and lease conditions checked again, so a
     * row another replica claimed in between is skipped.
     */
    @Override
    public List<Claim> claim(String worker, int max, Duration lease, Instant now, Instant dueBy) {
        if (max <= 0) {
            return List.of();
        }
        long at = now.toEpochMilli();
        long by = Math.min(at, dueBy.toEpochMilli());
        Instant until = now.plus(lease);
        return store.tx(c -> {
            List<FairShare.Candidate> due = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT job_key, installation_id, due_at FROM ("
                    + "SELECT job_key, installation_id, due_at, ROW_NUMBER() OVER (PARTITION BY installation_id"
                    + " ORDER BY due_at, job_key) AS turn FROM job"
                    + " WHERE due_at <= ? AND (leased_until IS NULL OR leased_until < ?)) ranked"
                    + " WHERE turn <= ? ORDER BY turn FETCH FIRST " + CANDIDATES + " ROWS ONLY")) {
                s.setLong(1, by);
                s.setLong(2, at);
                s.setInt(3, max);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        due.add(new FairShare.Candidate(r.getString(1), r.getLong(2), Instant.ofEpochMilli(r.getLong(3))));
                    }
                }
            }
            // Twice as many as wanted: some may be locked by another replica claiming at the same moment.
            List<FairShare.Candidate> wanted = FairShare.order(due, lastServed, 2 * max);
            if (wanted.isEmpty()) {
                return List.<Claim>of();
            }
            java.util.Map<String, Claim> locked = new java.util.HashMap<>();
            String in = String.join(", ", java.util.Collections.nCopies(wanted.size(), "?"));
            // SKIP LOCKED: replicas claiming at the same moment take different rows instead of waiting in line.
            try (PreparedStatement s = c.prepareStatement("SELECT job_key, work, version, attempts, delivery_id"
                    + " FROM job WHERE job_key IN (" + in + ") AND due_at <= ?"
                    + " AND (leased_until IS NULL OR leased_until < ?) FOR UPDATE SKIP LOCKED")) {
                int i = 1;
                for (FairShare.Candidate candidate : wanted) {
                    s.setString(i++, candidate.key());
                }
                s.setLong(i++, by);
                s.setLong(i, at);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        locked.put(r.getString(1), new Claim(r.getString(1), WorkJson.read(r.getString(2)),
                                r.getLong(3), r.getInt(4), r.getString(5), worker, until));
                    }
                }
            }
            List<Claim> claims = new ArrayList<>();
            for (FairShare.Candidate candidate : wanted) {
                Claim claim = locked.get(candidate.key());
                if (claim != null && claims.size() < max) {
                    claims.add(claim);
                    lastServed = candidate.installationId();
                }
            }
            if (!claims.isEmpty()) {
                try (PreparedStatement u = c.prepareStatement(
                        "UPDATE job SET worker = ?, leased_until = ? WHERE job_key = ?")) {
                    for (Claim claim : claims) {
                        u.setString(1, worker);
                        u.setLong(2, until.toEpochMilli());
                        u.setString(3, claim.key());
                        u.addBatch();
                    }
                    u.executeBatch();
                }
            }
            return claims;
        });
    }

    @Override
    public boolean renew(Claim claim, Duration lease, Instant now) {
        return store.tx(c -> {
            try (PreparedStatement u = c.prepareStatement(
                    "UPDATE job SET leased_until = ? WHERE job_key = ? AND worker = ?")) {
                u.setLong(1, now.plus(lease).toEpochMilli());
                u.setString(2, claim.key());
                u.setString(3, claim.worker());
                return u.executeUpdate() > 0;
            }
        });
    }

    /** Locks the job row if this claim still holds it; its current version, or -1 when the claim was lost. */
    private static long lockHeld(Connection c, Claim claim) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT version, worker FROM job WHERE job_key = ? FOR UPDATE")) {
            s.setString(1, claim.key());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next() || !claim.worker().equals(r.getString(2))) {
                    return -1;
                }
                return r.getLong(1);
            }
        }
    }

    @Override
    public boolean complete(Claim claim, List<DecisionRecord> decisions, Instant now) {
        return store.tx(c -> {
            long version = lockHeld(c, claim);
            if (version < 0) {
                return false;
            }
            for (DecisionRecord d : decisions) {
                log.insert(c, d);
            }
            finish(c, claim, version, now);
            return true;
        });
    }

    /** Removes the job, or, when newer work arrived since the claim, releases it to run again now. */
    private static void finish(Connection c, Claim claim, long version, Instant now) throws SQLException {
        if (version == claim.version()) {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM job WHERE job_key = ?")) {
                d.setString(1, claim.key());
                d.executeUpdate();
            }
        } else {
            // The delivery this run covered is done with: only a newer one may be named by the next run's decision.
            try (PreparedStatement u = c.prepareStatement("UPDATE job SET worker = NULL, leased_until = NULL,"
                    + " attempts = 0, due_at = ?, delivery_id = CASE WHEN delivery_id = ? THEN NULL"
                    + " ELSE delivery_id END WHERE job_key = ?")) {
                u.setLong(1, now.toEpochMilli());
                setNullable(u, 2, claim.deliveryId());
                u.setString(3, claim.key());
                u.executeUpdate();
            }
        }
    }

    @Override
    public void retry(Claim claim, Instant retryAt, String error) {
        store.tx(c -> {
            long version = lockHeld(c, claim);
            if (version < 0) {
                return null;
            }
            long due = version == claim.version() ? retryAt.toEpochMilli()
                    : Math.min(retryAt.toEpochMilli(), System.currentTimeMillis());
            try (PreparedStatement u = c.prepareStatement("UPDATE job SET worker = NULL, leased_until = NULL,"
                    + " attempts = attempts + 1, due_at = ?, last_error = ? WHERE job_key = ?")) {
                u.setLong(1, due);
                u.setString(2, cut(error));
                u.setString(3, claim.key());
                u.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void deadLetter(Claim claim, String error, Instant now) {
        store.tx(c -> {
            long version = lockHeld(c, claim);
            if (version < 0) {
                return null;
            }
            KeyParts parts = KeyParts.of(claim.key());
            try (PreparedStatement i = c.prepareStatement("INSERT INTO dead_letter (job_key, work, repo, pr_number,"
                    + " delivery_id, attempts, last_error, failed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                i.setString(1, claim.key());
                i.setString(2, WorkJson.write(claim.work()));
                i.setString(3, parts.repo());
                i.setInt(4, parts.number());
                setNullable(i, 5, claim.deliveryId());
                i.setInt(6, claim.attempts() + 1);
                i.setString(7, cut(error));
                i.setLong(8, now.toEpochMilli());
                i.executeUpdate();
            }
            finish(c, claim, version, now);
            return null;
        });
    }

    @Override
    public List<DeadLetter> deadLetters(Optional<String> repo, int limit) {
        return store.tx(c -> {
            String sql = "SELECT id, job_key, work, repo, pr_number, delivery_id, attempts, last_error, failed_at"
                    + " FROM dead_letter" + (repo.isPresent() ? " WHERE repo = ?" : "")
                    + " ORDER BY failed_at DESC, id DESC FETCH FIRST " + Math.max(0, limit) + " ROWS ONLY";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                if (repo.isPresent()) {
                    s.setString(1, repo.get().toLowerCase(java.util.Locale.ROOT));
                }
                List<DeadLetter> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new DeadLetter(r.getLong(1), r.getString(2), WorkJson.read(r.getString(3)),
                                r.getString(4), r.getInt(5), r.getString(6), r.getInt(7), r.getString(8),
                                Instant.ofEpochMilli(r.getLong(9))));
                    }
                }
                return out;
            }
        });
    }

    /** In one transaction, so a crash can neither lose the job nor leave it both queued and dead. */
    @Override
    public boolean requeue(long deadLetterId, Instant now) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Outcome outcome = store.tx(c -> {
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT job_key, work, delivery_id FROM dead_letter WHERE id = ? FOR UPDATE")) {
                    s.setLong(1, deadLetterId);
                    try (ResultSet r = s.executeQuery()) {
                        if (!r.next()) {
                            return Outcome.MISSING;
                        }
                        Job found = new Job(r.getString(1), WorkJson.read(r.getString(2)), r.getString(3));
                        try (PreparedStatement d = c.prepareStatement("DELETE FROM dead_letter WHERE id = ?")) {
                            d.setLong(1, deadLetterId);
                            d.executeUpdate();
                        }
                        if (!upsert(c, found, now)) {
                            c.rollback();
                            return Outcome.RACE;
                        }
                        return Outcome.NEW;
                    }
                }
            });
            if (outcome != Outcome.RACE) {
                return outcome == Outcome.NEW;
            }
        }
        throw new StoreException("could not re-queue dead letter " + deadLetterId + ": its key kept racing", null);
    }

    @Override
    public int depth() {
        return count("SELECT COUNT(*) FROM job");
    }

    @Override
    public int deadLetterCount() {
        return count("SELECT COUNT(*) FROM dead_letter");
    }

    private int count(String sql) {
        return store.tx(c -> {
            try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        });
    }

    static void setNullable(PreparedStatement s, int index, String value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.VARCHAR);
        } else {
            s.setString(index, value);
        }
    }

    static String cut(String text) {
        return text == null ? null : text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
    }
}
