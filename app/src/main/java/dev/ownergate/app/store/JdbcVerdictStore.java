package dev.ownergate.app.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownergate.app.github.CheckRunPost;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@link VerdictStore} over the {@code verdict} table: one row per pull request, replaced on every post. */
final class JdbcVerdictStore implements VerdictStore {
    // The record's derived digests are written too; reading ignores them (they are recomputed).
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final String COLUMNS = "repo, pr_number, check_name, head_sha, conclusion, title, summary,"
            + " details_url, fingerprint, posted_at";

    private final JdbcStore store;

    JdbcVerdictStore(JdbcStore store) {
        this.store = store;
    }

    @Override
    public void save(PostedVerdict v) {
        for (int attempt = 1; ; attempt++) {
            try {
                store.tx(c -> {
                    saveIn(c, v);
                    return null;
                });
                return;
            } catch (StoreException e) {
                if (attempt >= 3 || !(e.getCause() instanceof SQLException sql && JdbcStore.duplicateKey(sql))) {
                    throw e;
                }
            }
        }
    }

    private static void saveIn(Connection c, PostedVerdict v) throws SQLException {
        String repoLc = v.repo().toLowerCase(Locale.ROOT);
        try (PreparedStatement d = c.prepareStatement("DELETE FROM verdict WHERE repo_lc = ? AND pr_number = ?")) {
            d.setString(1, repoLc);
            d.setInt(2, v.number());
            d.executeUpdate();
        }
        CheckRunPost check = v.check();
        try (PreparedStatement i = c.prepareStatement("INSERT INTO verdict (repo_lc, pr_number, repo, check_name,"
                + " head_sha, conclusion, title, summary, details_url, fingerprint, digest, posted_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            i.setString(1, repoLc);
            i.setInt(2, v.number());
            i.setString(3, v.repo());
            i.setString(4, check.name());
            i.setString(5, check.headSha());
            i.setString(6, check.conclusion());
            i.setString(7, check.title().length() <= 1000 ? check.title() : check.title().substring(0, 997) + "...");
            i.setString(8, check.summary());
            JdbcDeliveryQueue.setNullable(i, 9, check.detailsUrl());
            JdbcDeliveryQueue.setNullable(i, 10, v.fingerprint().map(JdbcVerdictStore::json).orElse(null));
            JdbcDeliveryQueue.setNullable(i, 11, v.fingerprint().map(Fingerprint::digest).orElse(null));
            i.setLong(12, v.at().toEpochMilli());
            i.executeUpdate();
        }
    }

    @Override
    public Optional<PostedVerdict> posted(String repo, int number) {
        return store.tx(c -> select(c, " WHERE repo_lc = ? AND pr_number = ?", repo.toLowerCase(Locale.ROOT),
                number)).stream().findFirst();
    }

    @Override
    public Optional<String> fingerprintDigest(String repo, int number) {
        return store.tx(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT digest FROM verdict WHERE repo_lc = ? AND pr_number = ?")) {
                s.setString(1, repo.toLowerCase(Locale.ROOT));
                s.setInt(2, number);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<PostedVerdict> recent(String repo, int limit) {
        return store.tx(c -> select(c, " WHERE repo_lc = ? ORDER BY posted_at DESC FETCH FIRST " + Math.max(0, limit)
                + " ROWS ONLY", repo.toLowerCase(Locale.ROOT), null));
    }

    private static List<PostedVerdict> select(Connection c, String where, String repoLc, Integer number)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM verdict" + where)) {
            s.setString(1, repoLc);
            if (number != null) {
                s.setInt(2, number);
            }
            List<PostedVerdict> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    CheckRunPost check = new CheckRunPost(r.getString(3), r.getString(4), r.getString(5),
                            r.getString(6), r.getString(7), r.getString(8));
                    String fp = r.getString(9);
                    out.add(new PostedVerdict(r.getString(1), r.getInt(2), check,
                            fp == null ? Optional.empty() : Optional.of(fingerprint(fp)),
                            Instant.ofEpochMilli(r.getLong(10))));
                }
            }
            return out;
        }
    }

    private static String json(Fingerprint f) {
        try {
            return JSON.writeValueAsString(f);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Fingerprint fingerprint(String json) {
        try {
            return JSON.readValue(json, Fingerprint.class);
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored fingerprint does not parse: " + e.getOriginalMessage(), e);
        }
    }
}
