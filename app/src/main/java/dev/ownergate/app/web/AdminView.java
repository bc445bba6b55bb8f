package dev.ownergate.app.web;

import dev.ownergate.app.store.DeadLetter;
import dev.ownergate.app.store.PostedVerdict;
import java.time.Instant;
import java.util.List;

/**
 * The admin page.
 *
 * @param repos       the installed repositories this viewer administers
 * @param recent      the newest checks posted on those repositories
 * @param exceptions  overrides and merges without a passing decision, newest first
 * @param deadLetters deliveries that ran out of retries
 * @param flash       one line saying what the last action did; empty for none
 */
public record AdminView(Header header, List<RepoRow> repos, List<PostedVerdict> recent, List<ExceptionRow> exceptions,
                        List<DeadLetter> deadLetters, String flash) {

    /**
     * One installed repository.
     *
     * @param coverage    e.g. "97.5% of 1,204 files have an owner"; empty when not measured
     * @param staleOwners owners that no longer exist or cannot write, each with why
     */
    public record RepoRow(String repo, String coverage, List<String> staleOwners) {}

    /** An entry of the audit trail an auditor must look at. */
    public record ExceptionRow(Instant at, String repo, int number, String headSha, String what, String who,
                               String why) {}
}
