package dev.ownergate.app.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a verdict was reached from, reduced to a digest. If any of it changes (a new head, a new base, a review
 * submitted, edited or dismissed, a rules or policy file changed) the digest changes, and reconciliation
 * re-evaluates the pull request even when no webhook said so.
 *
 * @param reviews   every review taken into account, as {@code id:state}, in id order
 * @param ruleBlobs path to blob SHA of every rules file at the base (OWNERS, OWNERS_ALIASES, CODEOWNERS)
 * @param policySha blob SHA of {@code .github/ownergate.yml} at the base; empty when there is none
 */
public record Fingerprint(String headSha, String baseSha, List<String> reviews, SortedMap<String, String> ruleBlobs,
                          String policySha) {

    public Fingerprint {
        reviews = List.copyOf(reviews);
        ruleBlobs = new TreeMap<>(ruleBlobs);
        policySha = policySha == null ? "" : policySha;
    }

    public static Fingerprint of(String headSha, String baseSha, List<String> reviews, Map<String, String> ruleBlobs,
                                 String policySha) {
        return new Fingerprint(headSha, baseSha, reviews, new TreeMap<>(ruleBlobs), policySha);
    }

    /** A digest of the rule files' blob SHAs alone (the decision record's {@code rulesSha}). */
    public String rulesDigest() {
        StringBuilder text = new StringBuilder();
        ruleBlobs.forEach((path, sha) -> text.append(path).append('\0').append(sha).append('\n'));
        return sha256(text.toString());
    }

    /** The digest stored with the verdict and compared at reconciliation. */
    public String digest() {
        return sha256(headSha + "\n" + baseSha + "\n" + String.join(",", reviews) + "\n" + rulesDigest() + "\n"
                + policySha);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
