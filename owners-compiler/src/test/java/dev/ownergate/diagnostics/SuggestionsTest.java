package dev.ownergate.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.apache.commons.text.similarity.LevenshteinDistance;

class SuggestionsTest {

    /** The plain definition: the nearest candidate within the edits (the first on a tie), none when one is exact. */
    private static Optional<String> byDefinition(String word, List<String> candidates, int maxEdits) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = LevenshteinDistance.getDefaultInstance().apply(word, candidate);
            if (d == 0) {
                return Optional.empty();
            }
            if (d <= maxEdits && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    @Property(tries = 500)
    void skippingCandidatesByLengthChangesNoSuggestion(
            @ForAll @StringLength(max = 7) @net.jqwik.api.constraints.CharRange(from = 'a', to = 'c') String word,
            @ForAll @Size(max = 12) List<@StringLength(max = 8) @net.jqwik.api.constraints.CharRange(from = 'a', to = 'c') String> candidates) {
        for (int maxEdits = 0; maxEdits <= 3; maxEdits++) {
            assertThat(Suggestions.closest(word, candidates, maxEdits)).as("within %d", maxEdits)
                    .isEqualTo(byDefinition(word, candidates, maxEdits));
        }
    }
}
