package dev.ownergate.app.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Each reviewer's standing: their latest review that says something about approval.
 *
 * <p>As on GitHub, a later COMMENTED review (or a pending one) leaves an earlier approval or change request in
 * place, and a DISMISSED review withdraws it. Reviews are ordered by submission time, then id. The author's own
 * reviews never count: GitHub does not let authors review their own pull request.
 *
 * @param approvals        each approver's latest review, when it approves, by lower-case login
 * @param changesRequested each reviewer's latest review, when it requests changes, by lower-case login
 */
record ReviewTally(SortedMap<String, Review> approvals, SortedMap<String, Review> changesRequested) {

    private static final Comparator<Review> ORDER = Comparator
            .comparing(Review::submittedAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparingLong(Review::id);

    static ReviewTally of(List<Review> reviews, String author) {
        List<Review> ordered = new ArrayList<>(reviews);
        ordered.sort(ORDER);
        Map<String, Review> latest = new TreeMap<>();
        for (Review review : ordered) {
            String login = review.login().toLowerCase(Locale.ROOT);
            switch (review.state()) {
                case APPROVED, CHANGES_REQUESTED -> latest.put(login, review);
                case DISMISSED -> latest.remove(login);
                case COMMENTED, PENDING -> { } // says nothing about approval
            }
        }
        SortedMap<String, Review> approvals = new TreeMap<>();
        SortedMap<String, Review> changesRequested = new TreeMap<>();
        latest.forEach((login, review) -> {
            if (login.equals(author)) {
                return;
            }
            (review.state() == Review.ReviewState.APPROVED ? approvals : changesRequested).put(login, review);
        });
        return new ReviewTally(approvals, changesRequested);
    }
}
