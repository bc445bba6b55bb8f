package dev.ownergate.diagnostics;

import java.util.Collection;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean ...?": the known word a misspelling most likely stands for (Apache commons-text Levenshtein). */
public final class Suggestions {

    private Suggestions() {}

    /**
     * The candidate nearest to {@code word} within {@code maxEdits} single-character edits (the first in iteration
     * order on a tie), or empty. A word that is itself a candidate has no suggestion.
     */
    public static Optional<String> closest(String word, Collection<String> candidates, int maxEdits) {
        LevenshteinDistance distance = new LevenshteinDistance(maxEdits); // -1 beyond the threshold: cheap to reject
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            if (Math.abs(candidate.length() - word.length()) > maxEdits) {
                continue; // each edit changes the length by one at most: beyond the threshold, as apply would say
            }
            int d = distance.apply(word, candidate);
            if (d == 0) {
                return Optional.empty();
            }
            if (d > 0 && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }
}
