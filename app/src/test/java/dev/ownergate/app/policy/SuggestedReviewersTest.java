package dev.ownergate.app.policy;

import static dev.ownergate.app.policy.Scenario.pr;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuggestedReviewersTest {

    private static final String EVERY_FILE = "approval: {mode: every-file}";

    @Test
    void oneOwnerOfEveryUnapprovedFileIsEnough() {
        Verdict v = pr().owns("a", "alice", "bob").owns("b", "bob").owns("c", "bob", "carol")
                .modifies("a", "b", "c").policy(EVERY_FILE).evaluate();
        assertThat(v.suggestedReviewers()).containsExactly("bob");
    }

    @Test
    void coverPicksTheOwnerOfMostFilesFirstThenCoversTheRest() {
        Verdict v = pr().owns("a", "alice").owns("b", "bob").owns("c", "bob").owns("d", "bob", "carol")
                .modifies("a", "b", "c", "d").policy(EVERY_FILE).evaluate();
        assertThat(v.suggestedReviewers()).containsExactly("bob", "alice");
    }

    @Test
    void filesAlreadyApprovedNeedNoSuggestion() {
        Verdict v = pr().owns("a", "alice").owns("b", "bob").modifies("a", "b").approvedBy("alice")
                .policy(EVERY_FILE).evaluate();
        assertThat(v.suggestedReviewers()).containsExactly("bob");
    }

    @Test
    void anyOwnerModeSuggestsOneOwnerForTheWholePullRequest() {
        Verdict v = pr().owns("a", "alice").owns("b", "bob").owns("c", "bob").modifies("a", "b", "c")
                .policy("approval: {mode: any-owner}").evaluate();
        assertThat(v.suggestedReviewers()).containsExactly("bob");
    }

    @Test
    void minApprovalsSuggestsEnoughDistinctOwners() {
        Verdict v = pr().owns("a", "alice", "bob", "carol").modifies("a").approvedBy("alice")
                .policy("approval: {min_approvals: 3}").evaluate();
        assertThat(v.suggestedReviewers()).hasSize(2).doesNotContain("alice").containsOnly("bob", "carol");
    }

    @Test
    void theAuthorIsNeverSuggested() {
        Verdict v = pr().owns("a", "dave", "alice").owns("b", "dave", "alice").owns("c", "dave")
                .owns("d", "dave", "bob").modifies("a", "b", "c", "d").policy(EVERY_FILE).evaluate();
        assertThat(v.suggestedReviewers()).doesNotContain("dave").containsExactly("alice", "bob");
        assertThat(v.notes()).contains("No one can complete the approval of c: its owners (@dave) are the author,"
                + " email addresses or have already approved");
    }

    @Test
    void emailOwnersAreNeverSuggested() {
        Verdict v = pr().owns("a", "x@example.com", "alice").modifies("a").evaluate();
        assertThat(v.suggestedReviewers()).containsExactly("alice");
    }

    @Test
    void aPersonIsPreferredToATeamThatCoversTheSameFiles() {
        Verdict v = pr().owns("a", "@acme/core", "alice").modifies("a").evaluate();
        assertThat(v.suggestedReviewers()).containsExactly("alice");
    }

    @Test
    void aTeamIsSuggestedAsAtOrgSlashTeamWhenItCoversMore() {
        Verdict v = pr().owns("a", "@acme/core", "alice").owns("b", "@acme/core").modifies("a", "b")
                .policy(EVERY_FILE).evaluate();
        assertThat(v.suggestedReviewers()).containsExactly("@acme/core");
    }

    @Test
    void ownersListedAsReviewersAreHintsThatBreakTies() {
        for (int n = 1; n <= 20; n++) {
            Verdict v = pr().number(n).ownsWithReviewers("a", List.of("alice", "bob"), List.of("bob")).modifies("a")
                    .evaluate();
            assertThat(v.suggestedReviewers()).as("PR #%d", n).containsExactly("bob");
        }
    }

    @Test
    void tiesAreBrokenTheSameWayEachTimeForOnePullRequest() {
        Scenario s = pr().number(42).owns("a", "alice", "bob", "carol", "erin").modifies("a");
        List<String> first = s.evaluate().suggestedReviewers();
        for (int i = 0; i < 5; i++) {
            assertThat(s.evaluate().suggestedReviewers()).isEqualTo(first);
        }
    }

    @Test
    void tiesAreBrokenDifferentlyAcrossPullRequestsToSpreadTheLoad() {
        Set<String> picked = new HashSet<>();
        for (int n = 1; n <= 40; n++) {
            picked.addAll(pr().number(n).owns("a", "alice", "bob", "carol", "erin").modifies("a").evaluate()
                    .suggestedReviewers());
        }
        assertThat(picked).containsExactlyInAnyOrder("alice", "bob", "carol", "erin");
    }

    @Test
    void passingPullRequestGetsNoSuggestions() {
        Verdict v = pr().owns("a", "alice", "bob").modifies("a").approvedBy("alice").evaluate();
        assertThat(v.suggestedReviewers()).isEmpty();
    }

    @Test
    void filesAnyoneMayApproveAreNotedInsteadOfSuggested() {
        Verdict v = pr().owns("docs/x", "*").modifies("docs/x").evaluate();
        assertThat(v.suggestedReviewers()).isEmpty();
        assertThat(v.notes()).contains("1 file needs an approval from anyone but the author");
    }

    @Test
    void anySuggestedOwnerAlsoCoversFilesAnyoneMayApprove() {
        Verdict v = pr().owns("docs/x", "*").owns("a", "alice").modifies("docs/x", "a").evaluate();
        assertThat(v.suggestedReviewers()).containsExactly("alice");
        assertThat(v.notes()).noneMatch(n -> n.contains("anyone but the author"));
    }
}
