package dev.ownergate.app.github;

/**
 * A completed check run to create on a commit.
 *
 * @param conclusion {@code success} or {@code failure}
 * @param detailsUrl null for none
 */
public record CheckRunPost(String name, String headSha, String conclusion, String title, String summary,
                           String detailsUrl) {

    /** The same check under another name, e.g. the one a repository's policy chose. */
    public CheckRunPost withName(String otherName) {
        return new CheckRunPost(otherName, headSha, conclusion, title, summary, detailsUrl);
    }
}
