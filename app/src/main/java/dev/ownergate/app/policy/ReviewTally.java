package dev.ownergate.app.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Each reviewer's standing: their latest review that says something about approval.
 *
 * <p>As on GitHub, a later COMMENTED review (or a pending one) leaves an earlier approval or change request in
 * place, and a DISMISSED review withdraws it. Reviews are ordered by submission time, then id.
 *
 * @param approvers        logins whose approval counts (never the author)
 * @param changesRequested logins whose latest review requests changes (never the author)
 * @param stale            logins whose latest approval is on an older commit and does not count
 *                         ({@code invalidate_on_push}), with that commit
 */
record ReviewTally(SortedSet<String> approvers, SortedSet<String> changesRequested, Map<String, String> stale) {

    private static final Comparator<Review> ORDER = Comparator
            .comparing(Review::submittedAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparingLong(Review::id);

    static ReviewTally of(List<Review> reviews, String author, String headSha, boolean invalidateOnPush) {
        List<Review> ordered = new ArrayList<>(reviews);
        ordered.sort(ORDER);
        Map<String, Review> latest = new HashMap<>();
        for (Review review : ordered) {
            String login = review.login().toLowerCase(Locale.ROOT);
            switch (review.state()) {
                case APPROVED, CHANGES_REQUESTED -> latest.put(login, review);
                case DISMISSED -> latest.remove(login);
                case COMMENTED, PENDING -> { } // says nothing about approval
            }
        }
        SortedSet<String> approvers = new TreeSet<>();
        SortedSet<String> changesRequested = new TreeSet<>();
        Map<String, String> stale = new java.util.TreeMap<>();
        latest.forEach((login, review) -> {
            if (login.equals(author)) {
                return; // GitHub does not let authors review their own pull request; never count it
            }
            if (review.state() == Review.ReviewState.CHANGES_REQUESTED) {
                changesRequested.add(login);
            } else if (invalidateOnPush && !headSha.equalsIgnoreCase(String.valueOf(review.commitSha()))) {
                stale.put(login, review.commitSha() == null ? "an older commit" : review.commitSha());
            } else {
                approvers.add(login);
            }
        });
        return new ReviewTally(approvers, changesRequested, stale);
    }
}
