package dev.ownergate.app.store;

import java.util.Optional;

/** Why a merge needs an auditor's attention, from the decision in force on its head. One rule for every store. */
final class MergeExceptions {
    private MergeExceptions() {}

    static Optional<String> of(Optional<DecisionRecord> inForce) {
        if (inForce.isEmpty()) {
            return Optional.of("merged without any Ownergate decision on its head (the check was not required, "
                    + "or branch protection was bypassed)");
        }
        DecisionRecord d = inForce.get();
        if (d.kind() == DecisionRecord.Kind.OVERRIDE) {
            return Optional.of("merged under an override by " + d.actor() + ": " + d.reason());
        }
        if (!d.passed()) {
            return Optional.of("merged while Ownergate's decision on its head was failing (" + d.title()
                    + "): branch protection was bypassed or the check was not required");
        }
        return Optional.empty();
    }
}
