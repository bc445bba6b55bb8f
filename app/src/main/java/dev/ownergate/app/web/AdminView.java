package dev.ownergate.app.web;

import dev.ownergate.app.override.OverrideGrant;
import java.util.List;

/**
 * The admin page.
 *
 * @param repos       the installed repositories this viewer administers
 * @param recent      the newest decisions on those repositories
 * @param exceptions  overrides (and, with the durable store, merges without a passing decision)
 * @param deadLetters deliveries that ran out of retries
 * @param flash       one line saying what the last action did; empty for none
 */
public record AdminView(Header header, List<RepoRow> repos, List<ShownDecision> recent, List<OverrideGrant> exceptions,
                        List<DeadLetter> deadLetters, String flash) {

    /**
     * One installed repository.
     *
     * @param coverage    e.g. "97.5% of 1,204 files have an owner"; empty when not measured
     * @param staleOwners owners that no longer exist or cannot write, each with why
     */
    public record RepoRow(String repo, String coverage, List<String> staleOwners) {}

    /** A delivery that ran out of retries. */
    public record DeadLetter(String deliveryId, String event, String subject, String error, String at) {}
}
