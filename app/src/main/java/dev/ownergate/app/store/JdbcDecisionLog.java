package dev.ownergate.app.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@link DecisionLog} over the append-only {@code decision} and {@code merge_event} tables. */
final class JdbcDecisionLog implements DecisionLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<DecisionRecord.FileDecision>> FILES = new TypeReference<>() {};
    private static final String COLUMNS = "id, repo, pr_number, head_sha, base_sha, kind, rules_source, rules_sha,"
            + " policy, policy_sha, files, conclusion, title, actor, reason, delivery_id, decided_at";

    private final JdbcStore store;

    JdbcDecisionLog(JdbcStore store) {
        this.store = store;
    }

    /** Inserts within the caller's transaction (the queue completes a job and records its decision at once). */
    StoredDecision insert(Connection c, DecisionRecord d) throws SQLException {
        try (PreparedStatement i = c.prepareStatement("INSERT INTO decision (repo, repo_lc, pr_number, head_sha,"
                + " base_sha, kind, rules_source, rules_sha, policy, policy_sha, files, conclusion, title, actor,"
                + " reason, delivery_id, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            i.setString(1, d.repo());
            i.setString(2, d.repo().toLowerCase(Locale.ROOT));
            i.setInt(3, d.number());
            i.setString(4, d.headSha());
            i.setString(5, d.baseSha());
            i.setString(6, d.kind().name());
            i.setString(7, cut(d.rulesSource(), 1000));
            i.setString(8, d.rulesSha());
            i.setString(9, cut(d.policy(), 2000));
            i.setString(10, d.policySha());
            i.setString(11, filesJson(d.files()));
            i.setString(12, d.conclusion());
            i.setString(13, cut(d.title(), 1000));
            i.setString(14, cut(d.actor(), 100));
            i.setString(15, cut(d.reason(), 2000));
            JdbcDeliveryQueue.setNullable(i, 16, d.deliveryId());
            i.setLong(17, d.at().toEpochMilli());
            i.executeUpdate();
            try (ResultSet keys = i.getGeneratedKeys()) {
                keys.next();
                return new StoredDecision(keys.getLong(1), d);
            }
        }
    }

    @Override
    public StoredDecision record(DecisionRecord decision) {
        return store.tx(c -> insert(c, decision));
    }

    @Override
    public MergeRecord recordMerge(String repo, int number, String headSha, String mergeCommitSha, String mergedBy,
                                   String deliveryId, Instant at) {
        return store.tx(c -> {
            // A rerun (a crash between recording and completing the job, a redelivery) finds the merge recorded.
            Optional<MergeRecord> recorded = merges(c, " WHERE repo_lc = ? AND pr_number = ? AND head_sha = ?"
                    + " ORDER BY id FETCH FIRST 1 ROWS ONLY", repo.toLowerCase(Locale.ROOT), number, headSha)
                    .stream().map(e -> ((AuditEntry.Merged) e).merge()).findFirst();
            if (recorded.isPresent()) {
                return recorded.get();
            }
            Optional<StoredDecision> inForce = select(c, " WHERE repo_lc = ? AND pr_number = ? AND head_sha = ?"
                    + " ORDER BY id DESC FETCH FIRST 1 ROWS ONLY", repo.toLowerCase(Locale.ROOT), number, headSha)
                    .stream().findFirst();
            Optional<String> exception = MergeExceptions.of(inForce.map(StoredDecision::decision));
            try (PreparedStatement i = c.prepareStatement("INSERT INTO merge_event (repo, repo_lc, pr_number,"
                    + " head_sha, merge_sha, merged_by, delivery_id, merged_at, decision_id, exception_reason)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                i.setString(1, repo);
                i.setString(2, repo.toLowerCase(Locale.ROOT));
                i.setInt(3, number);
                i.setString(4, headSha);
                JdbcDeliveryQueue.setNullable(i, 5, mergeCommitSha);
                JdbcDeliveryQueue.setNullable(i, 6, mergedBy);
                JdbcDeliveryQueue.setNullable(i, 7, deliveryId);
                i.setLong(8, at.toEpochMilli());
                if (inForce.isPresent()) {
                    i.setLong(9, inForce.get().id());
                } else {
                    i.setNull(9, java.sql.Types.BIGINT);
                }
                JdbcDeliveryQueue.setNullable(i, 10, exception.orElse(null));
                i.executeUpdate();
            }
            return new MergeRecord(repo, number, headSha, mergeCommitSha, mergedBy, deliveryId, at, inForce,
                    exception);
        });
    }

    @Override
    public Optional<StoredDecision> latest(String repo, int number) {
        return history(repo, number, 1).stream().findFirst();
    }

    @Override
    public Optional<StoredDecision> override(String repo, int number, String headSha) {
        return store.tx(c -> select(c, " WHERE repo_lc = ? AND pr_number = ? AND head_sha = ? AND kind = 'OVERRIDE'"
                + " ORDER BY id DESC FETCH FIRST 1 ROWS ONLY", repo.toLowerCase(Locale.ROOT), number, headSha))
                .stream().findFirst();
    }

    @Override
    public List<StoredDecision> history(String repo, int number, int limit) {
        return store.tx(c -> select(c, " WHERE repo_lc = ? AND pr_number = ? ORDER BY id DESC FETCH FIRST "
                + Math.max(0, limit) + " ROWS ONLY", repo.toLowerCase(Locale.ROOT), number));
    }

    @Override
    public List<AuditEntry> query(AuditQuery q) {
        return store.tx(c -> {
            List<Object> args = new ArrayList<>();
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            q.repo().ifPresent(r -> {
                where.append(" AND repo_lc = ?");
                args.add(r.toLowerCase(Locale.ROOT));
            });
            List<AuditEntry> out = new ArrayList<>();
            StringBuilder decisionWhere = new StringBuilder(where);
            List<Object> decisionArgs = new ArrayList<>(args);
            q.since().ifPresent(s -> {
                decisionWhere.append(" AND decided_at >= ?");
                decisionArgs.add(s.toEpochMilli());
            });
            q.until().ifPresent(u -> {
                decisionWhere.append(" AND decided_at < ?");
                decisionArgs.add(u.toEpochMilli());
            });
            if (q.exceptionsOnly()) {
                decisionWhere.append(" AND kind = 'OVERRIDE'");
            }
            select(c, decisionWhere + " ORDER BY decided_at, id FETCH FIRST " + q.limit() + " ROWS ONLY",
                    decisionArgs.toArray()).forEach(d -> out.add(new AuditEntry.Decided(d)));

            StringBuilder mergeWhere = new StringBuilder(where);
            List<Object> mergeArgs = new ArrayList<>(args);
            q.since().ifPresent(s -> {
                mergeWhere.append(" AND merged_at >= ?");
                mergeArgs.add(s.toEpochMilli());
            });
            q.until().ifPresent(u -> {
                mergeWhere.append(" AND merged_at < ?");
                mergeArgs.add(u.toEpochMilli());
            });
            if (q.exceptionsOnly()) {
                mergeWhere.append(" AND exception_reason IS NOT NULL");
            }
            out.addAll(merges(c, mergeWhere + " ORDER BY merged_at, id FETCH FIRST " + q.limit() + " ROWS ONLY",
                    mergeArgs.toArray()));
            return out.stream().sorted(Comparator.comparing(AuditEntry::at)).limit(q.limit()).toList();
        });
    }

    private List<AuditEntry> merges(Connection c, String where, Object... args) throws SQLException {
        List<AuditEntry> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, repo, pr_number, head_sha, merge_sha, merged_by,"
                + " delivery_id, merged_at, decision_id, exception_reason FROM merge_event" + where)) {
            bind(s, args);
            try (ResultSet r = s.executeQuery()) {
                List<Object[]> rows = new ArrayList<>();
                while (r.next()) {
                    long decisionId = r.getLong(9);
                    boolean hasDecision = !r.wasNull();
                    rows.add(new Object[] {r.getLong(1), r.getString(2), r.getInt(3), r.getString(4), r.getString(5),
                        r.getString(6), r.getString(7), r.getLong(8), hasDecision ? decisionId : null,
                        r.getString(10)});
                }
                for (Object[] row : rows) {
                    Optional<StoredDecision> decision = row[8] == null ? Optional.empty()
                            : select(c, " WHERE id = ?", row[8]).stream().findFirst();
                    out.add(new AuditEntry.Merged((Long) row[0], new MergeRecord((String) row[1], (Integer) row[2],
                            (String) row[3], (String) row[4], (String) row[5], (String) row[6],
                            Instant.ofEpochMilli((Long) row[7]), decision, Optional.ofNullable((String) row[9]))));
                }
            }
        }
        return out;
    }

    private List<StoredDecision> select(Connection c, String where, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM decision" + where)) {
            bind(s, args);
            List<StoredDecision> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new StoredDecision(r.getLong(1), new DecisionRecord(r.getString(2), r.getInt(3),
                            r.getString(4), r.getString(5), DecisionRecord.Kind.valueOf(r.getString(6)),
                            r.getString(7), r.getString(8), r.getString(9), r.getString(10), files(r.getString(11)),
                            r.getString(12), r.getString(13), r.getString(14), r.getString(15), r.getString(16),
                            Instant.ofEpochMilli(r.getLong(17)))));
                }
            }
            return out;
        }
    }

    private static void bind(PreparedStatement s, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case String text -> s.setString(i + 1, text);
                case Integer n -> s.setInt(i + 1, n);
                case Long n -> s.setLong(i + 1, n);
                default -> throw new IllegalArgumentException("unexpected SQL argument " + args[i]);
            }
        }
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return store.tx(c -> {
            int n = 0;
            for (String sql : List.of("DELETE FROM merge_event WHERE merged_at < ?",
                    "DELETE FROM decision WHERE decided_at < ?")) {
                try (PreparedStatement d = c.prepareStatement(sql)) {
                    d.setLong(1, cutoff.toEpochMilli());
                    n += d.executeUpdate();
                }
            }
            return n;
        });
    }

    private static String filesJson(List<DecisionRecord.FileDecision> files) {
        try {
            return JSON.writeValueAsString(files);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<DecisionRecord.FileDecision> files(String json) {
        try {
            return JSON.readValue(json, FILES);
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored decision's files do not parse: " + e.getOriginalMessage(), e);
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
