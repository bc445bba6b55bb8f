package dev.ownergate.app.github;

/** A check run that exists on a commit. {@code conclusion} is null while it is not completed. */
public record CheckRunInfo(long id, String name, String headSha, String conclusion) {}
