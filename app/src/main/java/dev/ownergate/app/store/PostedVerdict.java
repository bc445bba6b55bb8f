package dev.ownergate.app.store;

import dev.ownergate.app.github.CheckRunPost;
import java.time.Instant;
import java.util.Optional;

/**
 * The check Ownergate last posted for a pull request: the details page shows it, and reconciliation compares
 * its input fingerprint with GitHub's current state.
 *
 * @param number      0 for a check not tied to one pull request (a merge group)
 * @param fingerprint the inputs the verdict was reached from; empty for a fail-closed check (always re-checked)
 */
public record PostedVerdict(String repo, int number, CheckRunPost check, Optional<Fingerprint> fingerprint,
                            Instant at) {}
