package dev.ownergate.app.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The whole store in memory, for tests: the same contract as the JDBC store, in one process, nothing durable.
 * Every method is synchronized; that is the "transaction".
 */
public final class MemoryStore implements Store, DeliveryQueue, DecisionLog, VerdictStore {

    private static final class Pending {
        Job job;
        long version;
        int attempts;
        Instant dueAt;
        String worker;
        Instant leasedUntil;
        String lastError;
    }

    private final Set<String> deliveryIds = new HashSet<>();
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Map<Long, DeadLetter> dead = new LinkedHashMap<>();
    private final List<StoredDecision> decisions = new ArrayList<>();
    private final List<AuditEntry.Merged> merges = new ArrayList<>();
    private final Map<String, PostedVerdict> verdicts = new LinkedHashMap<>();
    private final Map<String, String> state = new LinkedHashMap<>();
    private long nextId = 1;
    private long lastServed = -1;

    @Override
    public DeliveryQueue deliveries() {
        return this;
    }

    @Override
    public DecisionLog decisions() {
        return this;
    }

    @Override
    public VerdictStore verdicts() {
        return this;
    }

    @Override
    public String describe() {
        return "in memory (nothing survives a restart)";
    }

    @Override
    public void close() {}

    @Override
    public synchronized Optional<String> state(String name) {
        return Optional.ofNullable(state.get(name));
    }

    @Override
    public synchronized Map<String, String> states(String prefix) {
        Map<String, String> out = new java.util.TreeMap<>();
        state.forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                out.put(name, value);
            }
        });
        return out;
    }

    @Override
    public synchronized void state(String name, String value) {
        state.put(name, value);
    }

    // ---- DeliveryQueue

    @Override
    public synchronized Accepted accept(String deliveryId, String event, Instant receivedAt, List<Job> jobs) {
        if (deliveryId != null && !deliveryIds.add(deliveryId)) {
            return Accepted.DUPLICATE;
        }
        jobs.forEach(job -> enqueue(job, receivedAt));
        return Accepted.NEW;
    }

    @Override
    public synchronized boolean seen(String deliveryId) {
        return deliveryIds.contains(deliveryId);
    }

    @Override
    public synchronized void enqueue(Job job, Instant now) {
        Pending p = pending.get(job.key());
        if (p == null) {
            p = new Pending();
            p.dueAt = now;
            pending.put(job.key(), p);
        } else if (p.attempts == 0 && p.dueAt.isAfter(now)) {
            p.dueAt = now;
        }
        // A job no delivery asked for (reconciliation) keeps the delivery already behind the key, for the audit trail.
        p.job = job.deliveryId() == null && p.job != null ? new Job(job.key(), job.work(), p.job.deliveryId()) : job;
        p.version++;
    }

    @Override
    public synchronized List<Claim> claim(String worker, int max, Duration lease, Instant now, Instant dueBy) {
        List<FairShare.Candidate> due = pending.entrySet().stream()
                .filter(e -> !e.getValue().dueAt.isAfter(dueBy))
                .filter(e -> e.getValue().leasedUntil == null || e.getValue().leasedUntil.isBefore(now))
                .map(e -> new FairShare.Candidate(e.getKey(), Jobs.installation(e.getValue().job.work()),
                        e.getValue().dueAt))
                .toList();
        List<Claim> claims = new ArrayList<>();
        for (FairShare.Candidate c : FairShare.order(due, lastServed, max)) {
            Pending p = pending.get(c.key());
            p.worker = worker;
            p.leasedUntil = now.plus(lease);
            claims.add(new Claim(c.key(), p.job.work(), p.version, p.attempts, p.job.deliveryId(), worker,
                    p.leasedUntil));
            lastServed = c.installationId();
        }
        return claims;
    }

    private Pending held(Claim claim) {
        Pending p = pending.get(claim.key());
        return p != null && Objects.equals(p.worker, claim.worker()) && p.leasedUntil != null ? p : null;
    }

    @Override
    public synchronized boolean renew(Claim claim, Duration lease, Instant now) {
        Pending p = held(claim);
        if (p == null) {
            return false;
        }
        p.leasedUntil = now.plus(lease);
        return true;
    }

    @Override
    public synchronized boolean complete(Claim claim, List<DecisionRecord> records, Instant now) {
        Pending p = held(claim);
        if (p == null) {
            return false;
        }
        records.forEach(this::record);
        if (p.version == claim.version()) {
            pending.remove(claim.key());
        } else {
            release(p, now);
            p.attempts = 0;
            if (Objects.equals(p.job.deliveryId(), claim.deliveryId())) {
                // The delivery this run covered is done with: only a newer one may name the next run's decision.
                p.job = new Job(p.job.key(), p.job.work(), null);
            }
        }
        return true;
    }

    private static void release(Pending p, Instant dueAt) {
        p.worker = null;
        p.leasedUntil = null;
        p.dueAt = dueAt;
    }

    @Override
    public synchronized void retry(Claim claim, Instant retryAt, String error) {
        Pending p = held(claim);
        if (p != null) {
            p.attempts++;
            p.lastError = error;
            release(p, p.version == claim.version() ? retryAt : min(retryAt, Instant.now()));
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    @Override
    public synchronized void deadLetter(Claim claim, String error, Instant now) {
        Pending p = held(claim);
        if (p == null) {
            return;
        }
        long id = nextId++;
        KeyParts parts = KeyParts.of(claim.key());
        dead.put(id, new DeadLetter(id, claim.key(), p.job.work(), parts.repo(), parts.number(), p.job.deliveryId(),
                p.attempts + 1, error, now));
        if (p.version == claim.version()) {
            pending.remove(claim.key());
        } else {
            release(p, now); // newer work arrived meanwhile: it gets its own tries
            p.attempts = 0;
        }
    }

    @Override
    public synchronized List<DeadLetter> deadLetters(Optional<String> repo, int limit) {
        return dead.values().stream()
                .filter(d -> repo.map(r -> r.equalsIgnoreCase(d.repo())).orElse(true))
                .sorted(Comparator.comparing(DeadLetter::failedAt).reversed().thenComparing(DeadLetter::id,
                        Comparator.reverseOrder()))
                .limit(limit).toList();
    }

    @Override
    public synchronized boolean requeue(long deadLetterId, Instant now) {
        DeadLetter d = dead.remove(deadLetterId);
        if (d == null) {
            return false;
        }
        enqueue(new Job(d.key(), d.work(), d.deliveryId()), now);
        return true;
    }

    @Override
    public synchronized int depth() {
        return pending.size();
    }

    @Override
    public synchronized int deadLetterCount() {
        return dead.size();
    }

    // ---- DecisionLog

    @Override
    public synchronized StoredDecision record(DecisionRecord decision) {
        StoredDecision stored = new StoredDecision(nextId++, decision);
        decisions.add(stored);
        return stored;
    }

    @Override
    public synchronized MergeRecord recordMerge(String repo, int number, String headSha, String mergeCommitSha,
                                                String mergedBy, String deliveryId, Instant at) {
        Optional<MergeRecord> recorded = merges.stream().map(AuditEntry.Merged::merge)
                .filter(m -> m.repo().equalsIgnoreCase(repo) && m.number() == number && m.headSha().equals(headSha))
                .findFirst();
        if (recorded.isPresent()) {
            return recorded.get();
        }
        Optional<StoredDecision> inForce = decisions.reversed().stream()
                .filter(d -> same(d.decision(), repo, number) && d.decision().headSha().equals(headSha))
                .findFirst();
        MergeRecord merge = new MergeRecord(repo, number, headSha, mergeCommitSha, mergedBy, deliveryId, at,
                inForce, MergeExceptions.of(inForce.map(StoredDecision::decision)));
        merges.add(new AuditEntry.Merged(nextId++, merge));
        return merge;
    }

    private static boolean same(DecisionRecord d, String repo, int number) {
        return d.repo().equalsIgnoreCase(repo) && d.number() == number;
    }

    @Override
    public synchronized Optional<StoredDecision> latest(String repo, int number) {
        return decisions.reversed().stream().filter(d -> same(d.decision(), repo, number)).findFirst();
    }

    @Override
    public synchronized Optional<StoredDecision> override(String repo, int number, String headSha) {
        return decisions.reversed().stream().filter(d -> same(d.decision(), repo, number)
                && d.decision().headSha().equals(headSha) && d.decision().kind() == DecisionRecord.Kind.OVERRIDE)
                .findFirst();
    }

    @Override
    public synchronized List<StoredDecision> history(String repo, int number, int limit) {
        return decisions.reversed().stream().filter(d -> same(d.decision(), repo, number)).limit(limit).toList();
    }

    @Override
    public synchronized List<AuditEntry> query(AuditQuery q) {
        List<AuditEntry> all = new ArrayList<>();
        decisions.forEach(d -> all.add(new AuditEntry.Decided(d)));
        all.addAll(merges);
        return all.stream()
                .filter(e -> q.repo().map(r -> r.equalsIgnoreCase(e.repo())).orElse(true))
                .filter(e -> q.since().map(s -> !e.at().isBefore(s)).orElse(true))
                .filter(e -> q.until().map(u -> e.at().isBefore(u)).orElse(true))
                .filter(e -> !q.exceptionsOnly() || e.exception())
                .sorted(Comparator.comparing(AuditEntry::at))
                .limit(q.limit()).toList();
    }

    @Override
    public synchronized int purgeBefore(Instant cutoff) {
        int before = decisions.size() + merges.size();
        decisions.removeIf(d -> d.decision().at().isBefore(cutoff));
        merges.removeIf(m -> m.at().isBefore(cutoff));
        return before - decisions.size() - merges.size();
    }

    // ---- VerdictStore

    private static String prKey(String repo, int number) {
        return repo.toLowerCase(Locale.ROOT) + "#" + number;
    }

    @Override
    public synchronized void save(PostedVerdict verdict) {
        verdicts.remove(prKey(verdict.repo(), verdict.number()));
        verdicts.put(prKey(verdict.repo(), verdict.number()), verdict);
    }

    @Override
    public synchronized Optional<PostedVerdict> posted(String repo, int number) {
        return Optional.ofNullable(verdicts.get(prKey(repo, number)));
    }

    @Override
    public synchronized Optional<String> fingerprintDigest(String repo, int number) {
        return posted(repo, number).flatMap(PostedVerdict::fingerprint).map(Fingerprint::digest);
    }

    @Override
    public synchronized List<PostedVerdict> recent(String repo, int limit) {
        return verdicts.values().stream().filter(v -> v.repo().equalsIgnoreCase(repo))
                .sorted(Comparator.comparing(PostedVerdict::at).reversed()).limit(limit).toList();
    }
}
