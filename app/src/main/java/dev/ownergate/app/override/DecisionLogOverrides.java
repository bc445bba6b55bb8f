package dev.ownergate.app.override;

import dev.ownergate.app.store.DecisionLog;
import dev.ownergate.app.store.DecisionRecord;
import java.util.Optional;

/**
 * Overrides as the audit trail holds them: an override decision on the pull request's current head stands. A
 * push moves the head, so it ends the override without anyone deleting anything.
 */
public final class DecisionLogOverrides implements OverrideLog {
    private final DecisionLog log;

    public DecisionLogOverrides(DecisionLog log) {
        this.log = log;
    }

    @Override
    public Optional<OverrideGrant> active(String repo, int number, String headSha) {
        return log.override(repo, number, headSha).map(s -> s.decision())
                .map(d -> new OverrideGrant(d.repo(), d.number(), d.headSha(), d.actor(), d.reason(), d.at()));
    }

    @Override
    public boolean newest(OverrideGrant grant) {
        return log.latest(grant.repo(), grant.number()).map(s -> s.decision())
                .filter(d -> d.kind() == DecisionRecord.Kind.OVERRIDE && d.headSha().equals(grant.headSha())
                        && d.actor().equals(grant.actor()) && d.at().equals(grant.at()))
                .isPresent();
    }
}
