package dev.ownergate.app.override;

import java.time.Instant;

/**
 * A break-glass override: {@code actor} passed the check of {@code repo#number} on {@code headSha} despite the
 * rules, for {@code reason}. It holds for that head only; a push ends it.
 */
public record OverrideGrant(String repo, int number, String headSha, String actor, String reason, Instant at) {}
