package dev.ownergate.app.server;

import dev.ownergate.app.github.BlobShas;
import dev.ownergate.app.github.ReviewInfo;
import dev.ownergate.app.policy.PolicyConfig;
import dev.ownergate.app.store.Fingerprint;
import dev.ownergate.app.webhook.PushHandler;
import dev.ownergate.repo.RepoSnapshot;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One way to take a verdict's fingerprint, used both when posting it and at reconciliation, so the two agree
 * exactly when nothing the verdict depends on has changed.
 */
final class Fingerprints {
    /** A review taken into account is written {@code id:state}. */
    private static final String REVIEW_SEPARATOR = ":";

    private Fingerprints() {}

    static Fingerprint of(String headSha, String baseSha, List<ReviewInfo> reviews, RepoSnapshot base) {
        List<String> taken = reviews.stream().sorted(Comparator.comparingLong(ReviewInfo::id))
                .map(r -> r.id() + REVIEW_SEPARATOR + r.state()).toList();
        SortedMap<String, String> rules = new TreeMap<>();
        String policySha = "";
        if (base instanceof BlobShas blobs) {
            rules.putAll(blobs.blobShas(PushHandler::isRuleFile));
            policySha = rules.getOrDefault(PolicyConfig.PATH, "");
            rules.remove(PolicyConfig.PATH);
        }
        return Fingerprint.of(headSha, baseSha, taken, rules, policySha);
    }

    /** The newest review a fingerprint took into account; 0 when none. */
    static long newestReviewId(Fingerprint fingerprint) {
        return fingerprint.reviews().stream().mapToLong(entry -> {
            int at = entry.indexOf(REVIEW_SEPARATOR);
            try {
                return Long.parseLong(at < 0 ? entry : entry.substring(0, at));
            } catch (NumberFormatException e) {
                return 0;
            }
        }).max().orElse(0);
    }
}
