package dev.ownergate.app.store;

/** A {@link DecisionRecord} as stored, with its identifier in the log. */
public record StoredDecision(long id, DecisionRecord decision) {}
