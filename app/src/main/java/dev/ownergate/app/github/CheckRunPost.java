package dev.ownergate.app.github;

/**
 * A completed check run to create on a commit.
 *
 * @param conclusion {@code success} or {@code failure}
 * @param detailsUrl null for none
 */
public record CheckRunPost(String name, String headSha, String conclusion, String title, String summary,
                           String detailsUrl) {}
