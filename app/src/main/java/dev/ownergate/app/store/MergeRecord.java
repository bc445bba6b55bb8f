package dev.ownergate.app.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A pull request merged ({@code pull_request} closed with {@code merged: true}), with the decision in force on
 * its head at that moment.
 *
 * @param decision  the latest decision on the merged head; empty when Ownergate never decided on it
 * @param exception why this merge needs an auditor's attention (no decision, a failing one, an override); empty
 *                  when a passing evaluation was in force
 */
public record MergeRecord(String repo, int number, String headSha, String mergeCommitSha, String mergedBy,
                          String deliveryId, Instant at, Optional<StoredDecision> decision,
                          Optional<String> exception) {}
