package dev.ownergate.app.policy;

import dev.ownergate.app.policy.Review.ReviewState;
import dev.ownergate.owners.Owner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds one evaluation's input for tests: a pull request by "dave" with head "head1" and its reviews. */
final class Scenario {
    static final String HEAD = "head1";
    static final String OLD = "old0";

    final MapRules rules = new MapRules();
    private final List<ChangedFile> files = new ArrayList<>();
    private final List<Review> reviews = new ArrayList<>();
    private final Map<Owner, Set<String>> teams = new HashMap<>();
    private final Map<String, PushedChanges> changesSince = new HashMap<>();
    private String author = "dave";
    private boolean complete = true;
    private boolean noRules;
    private int number = 1;
    private String policyText = "";
    private long clock;

    static Scenario pr() {
        return new Scenario();
    }

    Scenario owns(String path, String... owners) {
        rules.owns(path, owners);
        return this;
    }

    Scenario ownsWithReviewers(String path, List<String> owners, List<String> reviewers) {
        rules.ownsWithReviewers(path, owners, reviewers);
        return this;
    }

    Scenario changes(ChangedFile... changed) {
        files.addAll(List.of(changed));
        return this;
    }

    /** Changes (modifies) these paths. */
    Scenario modifies(String... paths) {
        for (String p : paths) {
            files.add(ChangedFile.modified(p));
        }
        return this;
    }

    Scenario approvedBy(String... logins) {
        for (String login : logins) {
            review(login, ReviewState.APPROVED, HEAD);
        }
        return this;
    }

    /** A review submitted after every earlier one. */
    Scenario review(String login, ReviewState state, String sha) {
        clock++;
        reviews.add(new Review(clock, login, state, sha, Instant.ofEpochSecond(1_700_000_000L + clock)));
        return this;
    }

    /** An approval by a bot account (GitHub's user type Bot), on the head. */
    Scenario approvedByBot(String login) {
        clock++;
        reviews.add(new Review(clock, login, ReviewState.APPROVED, HEAD, Instant.ofEpochSecond(1_700_000_000L + clock),
                true));
        return this;
    }

    /** What the compare API lists as changed from {@code sha} to the head. */
    Scenario changedSince(String sha, String... paths) {
        changesSince.put(sha, new PushedChanges.Listed(Set.of(paths)));
        return this;
    }

    /** {@code sha} is gone: a force-push replaced it. */
    Scenario goneSince(String sha) {
        changesSince.put(sha, new PushedChanges.Unknown("that commit is no longer in the repository (a force-push"
                + " replaced it)"));
        return this;
    }

    Scenario rawReview(Review review) {
        reviews.add(review);
        return this;
    }

    Scenario team(String team, String... members) {
        teams.put(Owner.team(team), Set.of(members));
        return this;
    }

    Scenario author(String login) {
        author = login;
        return this;
    }

    Scenario number(int n) {
        number = n;
        return this;
    }

    Scenario incomplete() {
        complete = false;
        return this;
    }

    Scenario withoutRules() {
        noRules = true;
        return this;
    }

    /** The policy file's text; it must be valid. */
    Scenario policy(String yaml) {
        policyText = yaml;
        return this;
    }

    EvaluationInput input() {
        PolicyConfig.Parsed parsed = PolicyConfig.parse(PolicyConfig.PATH, policyText);
        if (!parsed.problems().isEmpty()) {
            throw new AssertionError("test policy is invalid: " + parsed.problems());
        }
        PullRequestFacts facts = new PullRequestFacts("acme/widgets", number, author, HEAD, "main", "base0", files,
                complete, reviews);
        return new EvaluationInput(facts, noRules ? null : rules, "test rules at base0", parsed.config().orElseThrow(),
                List.of(), teams, changesSince);
    }

    Verdict evaluate() {
        return Evaluation.evaluate(input());
    }

    @Override
    public String toString() {
        return "scenario";
    }
}
