package dev.ownergate.app.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.app.policy.Review.ReviewState;
import dev.ownergate.owners.Owner;
import dev.ownergate.ownership.FileOwnership;
import dev.ownergate.ownership.OwnershipRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Rules of the gate that hold for every pull request, policy and review history. */
class EvaluationPropertiesTest {

    private static final List<String> LOGINS = List.of("alice", "bob", "carol", "dave", "erin");
    private static final List<String> PATHS = List.of("a", "b", "c", "OWNERS", "lib/OWNERS", "d/e");
    private static final Owner TEAM = Owner.team("acme/core");

    /** One random case: owners per path ("*" for anyone, "" for none), reviews, policy text, author. */
    record Case(Map<String, List<String>> owners, List<String> touched, List<Review> reviews, String policy,
            String author) {

        EvaluationInput input(List<Review> withReviews) {
            OwnershipRules rules = new OwnershipRules() {
                @Override
                public FileOwnership ownersOf(String path) {
                    List<String> names = owners.getOrDefault(path, List.of());
                    boolean anyone = names.equals(List.of("*"));
                    TreeSet<Owner> set = new TreeSet<>();
                    if (!anyone) {
                        names.forEach(n -> set.add(Owner.parse(n).orElseThrow()));
                    }
                    return new FileOwnership(path, set, anyone, new TreeSet<>(), "", List.of());
                }

                @Override
                public String sourceDescription() {
                    return "random";
                }
            };
            List<ChangedFile> files = touched.stream().map(ChangedFile::modified).toList();
            PullRequestFacts pr = new PullRequestFacts("acme/w", 3, author, "head", "main", "base", files, true,
                    withReviews);
            return new EvaluationInput(pr, rules, "random", PolicyConfig.parse("p", policy).config().orElseThrow(), List.of(),
                    Map.of(TEAM, Set.of("erin", "bob")));
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<String>> ownerList = Arbitraries.oneOf(
                Arbitraries.of(List.of("*"), List.<String>of()),
                Arbitraries.of("alice", "bob", "carol", "dave", "@acme/core", "x@example.com").list().ofMinSize(1)
                        .ofMaxSize(3).uniqueElements());
        Arbitrary<Map<String, List<String>>> owners = ownerList.list().ofSize(PATHS.size()).map(lists -> {
            Map<String, List<String>> m = new HashMap<>();
            for (int i = 0; i < PATHS.size(); i++) {
                m.put(PATHS.get(i), lists.get(i));
            }
            return m;
        });
        Arbitrary<List<String>> touched = Arbitraries.of(PATHS).list().ofMinSize(0).ofMaxSize(4).uniqueElements();
        Arbitrary<Review> review = Combinators.combine(Arbitraries.of(LOGINS), Arbitraries.of(ReviewState.class),
                Arbitraries.of("head", "old"), Arbitraries.integers().between(0, 20))
                .as((login, state, sha, t) -> new Review(t, login, state, sha, Instant.ofEpochSecond(t)));
        Arbitrary<String> policy = Combinators.combine(Arbitraries.of("any-owner", "every-file"),
                Arbitraries.integers().between(1, 2), Arbitraries.of("allow", "require-approval", "block"),
                Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((mode, min, unowned, author, push, block) -> "approval: {mode: " + mode + ", min_approvals: " + min
                        + ", unowned_files: " + unowned + ", allow_author: " + author + ", invalidate_on_push: " + push
                        + ", block_on_changes_requested: " + block + "}");
        return Combinators.combine(owners, touched, review.list().ofMaxSize(6), policy, Arbitraries.of(LOGINS))
                .as(Case::new);
    }

    @Property(tries = 300)
    void sameInputGivesTheSameVerdict(@ForAll("cases") Case c) {
        assertThat(Evaluation.evaluate(c.input(c.reviews()))).isEqualTo(Evaluation.evaluate(c.input(c.reviews())));
    }

    @Property(tries = 300)
    void aNewApprovalOnTheHeadNeverTurnsAPassIntoAFail(@ForAll("cases") Case c, @ForAll("newcomer") String login) {
        Verdict before = Evaluation.evaluate(c.input(c.reviews()));
        List<Review> more = new ArrayList<>(c.reviews());
        more.add(new Review(1_000, login, ReviewState.APPROVED, "head", Instant.ofEpochSecond(1_000)));
        Verdict after = Evaluation.evaluate(c.input(more));
        if (before.passed()) {
            assertThat(after.passed()).as(after.title()).isTrue();
        }
    }

    @Provide
    Arbitrary<String> newcomer() {
        return Arbitraries.of(LOGINS);
    }

    @Property(tries = 300)
    void suggestionsAreOwnersOfTouchedPathsAndNeverTheAuthor(@ForAll("cases") Case c) {
        Verdict v = Evaluation.evaluate(c.input(c.reviews()));
        Set<String> owners = new TreeSet<>();
        for (String path : c.touched()) {
            for (String o : c.owners().getOrDefault(path, List.of())) {
                owners.add(o.startsWith("@") ? o : o.toLowerCase());
            }
        }
        assertThat(v.suggestedReviewers()).doesNotContain(c.author()).allSatisfy(s -> assertThat(owners).contains(s));
        if (v.passed()) {
            assertThat(v.suggestedReviewers()).isEmpty();
        }
    }

    @Property(tries = 300)
    void theVerdictPassesExactlyWhenEveryTouchedPathIsSatisfied(@ForAll("cases") Case c) {
        Verdict v = Evaluation.evaluate(c.input(c.reviews()));
        assertThat(v.passed()).isEqualTo(v.files().stream().allMatch(f -> f.status().satisfied()));
        assertThat(v.files()).extracting(FileVerdict::path).containsExactlyElementsOf(new TreeSet<>(c.touched()));
    }

    @Property(tries = 300)
    void theAuthorNeverCountsAsAnApproverUnlessAllowAuthor(@ForAll("cases") Case c) {
        Verdict v = Evaluation.evaluate(c.input(c.reviews()));
        if (!c.policy().contains("allow_author: true")) {
            assertThat(v.approvers()).doesNotContain(c.author());
        }
    }

    @Property(tries = 300)
    void aPassingVerdictNeverHasABlocker(@ForAll("cases") Case c) {
        Verdict v = Evaluation.evaluate(c.input(c.reviews()));
        if (v.passed()) {
            assertThat(v.blockedBy()).isEmpty();
        }
    }
}
