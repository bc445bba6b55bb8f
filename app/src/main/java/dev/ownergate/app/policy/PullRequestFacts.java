package dev.ownergate.app.policy;

import java.util.List;
import java.util.Objects;

/**
 * What the evaluation needs to know about one pull request at one head commit.
 *
 * @param repo           {@code owner/name}
 * @param files          every changed file, when {@code filesComplete}
 * @param filesComplete  false when the list is known to be cut short (GitHub lists at most 3,000 files);
 *                       the evaluation then fails closed
 * @param reviews        every review of the pull request, in any order
 */
public record PullRequestFacts(
        String repo,
        int number,
        String author,
        String headSha,
        String baseRef,
        String baseSha,
        List<ChangedFile> files,
        boolean filesComplete,
        List<Review> reviews) {

    public PullRequestFacts {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(headSha, "headSha");
        files = List.copyOf(files);
        reviews = List.copyOf(reviews);
    }

    /** {@code owner/name#12}, for messages. */
    public String reference() {
        return repo + "#" + number;
    }
}
