package dev.ownergate.app.github;

/** An open pull request as a listing shows it: enough to queue its evaluation and check its fingerprint. */
public record OpenPullRequest(int number, String headSha, String baseSha) {}
