package dev.ownergate.app.policy;

import static dev.ownergate.app.policy.Scenario.HEAD;
import static dev.ownergate.app.policy.Scenario.OLD;
import static dev.ownergate.app.policy.Scenario.pr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.app.policy.FileVerdict.FileStatus;
import dev.ownergate.app.policy.FileVerdict.Requirement;
import dev.ownergate.app.policy.Review.ReviewState;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EvaluationTest {

    private static final String EVERY_FILE = "approval: {mode: every-file}";
    private static final String ANY_OWNER = "approval: {mode: any-owner}";

    static Stream<Arguments> gate() {
        return Stream.of(
                // any-owner mode
                gate("anyOwnerModePassesWithOneApprovalFromAnOwnerOfAnyChangedFile",
                        pr().owns("a", "alice").owns("b", "bob").modifies("a", "b").approvedBy("alice")
                                .policy(ANY_OWNER),
                        true, "Approved by code owners"),
                gate("anyOwnerModeIgnoresApprovalsFromNonOwners",
                        pr().owns("a", "alice").modifies("a").approvedBy("carol").policy(ANY_OWNER),
                        false, "Needs approval from a code owner"),
                gate("anyOwnerModeCountsDistinctOwnerApproversForMinApprovals",
                        pr().owns("a", "alice").owns("b", "bob").modifies("a", "b").approvedBy("alice", "alice")
                                .policy("approval: {mode: any-owner, min_approvals: 2}"),
                        false, "Needs 1 more approval from code owners"),
                gate("anyOwnerModePassesWithMinApprovalsFromOwnersOfDifferentFiles",
                        pr().owns("a", "alice").owns("b", "bob").modifies("a", "b").approvedBy("alice", "bob")
                                .policy("approval: {mode: any-owner, min_approvals: 2}"),
                        true, "Approved by code owners"),
                // every-file mode
                gate("everyFileModeNeedsEachOwnedFilesOwnOwners",
                        pr().owns("a", "alice").owns("b", "bob").modifies("a", "b").approvedBy("alice")
                                .policy(EVERY_FILE),
                        false, "1 of 2 owned files needs approval"),
                gate("everyFileModePassesWhenEveryOwnedFileIsApprovedByItsOwners",
                        pr().owns("a", "alice").owns("b", "bob").modifies("a", "b").approvedBy("alice", "bob")
                                .policy(EVERY_FILE),
                        true, "Approved by code owners"),
                gate("everyFileModeMinApprovalsCountsApproversAmongEachFilesOwners",
                        pr().owns("a", "alice", "bob").owns("b", "alice", "carol").modifies("a", "b")
                                .approvedBy("alice", "bob").policy("approval: {mode: every-file, min_approvals: 2}"),
                        false, "1 of 2 owned files needs approval"),
                gate("everyFileModeTitleCountsOwnedFilesOnly",
                        pr().owns("a", "alice").owns("b", "bob").modifies("a", "b", "free").policy(EVERY_FILE),
                        false, "2 of 2 owned files need approval"),
                // renames and deletions
                gate("renameNeedsTheOwnersOfTheOldPathToo",
                        pr().owns("old/x", "alice").owns("new/x", "bob").changes(ChangedFile.renamed("old/x", "new/x"))
                                .approvedBy("bob").policy(EVERY_FILE),
                        false, "1 of 2 owned files needs approval"),
                gate("renameNeedsTheOwnersOfTheNewPathToo",
                        pr().owns("old/x", "alice").owns("new/x", "bob").changes(ChangedFile.renamed("old/x", "new/x"))
                                .approvedBy("alice").policy(EVERY_FILE),
                        false, "1 of 2 owned files needs approval"),
                gate("deletionNeedsTheOwnersOfTheDeletedPath",
                        pr().owns("gone", "alice").changes(ChangedFile.removed("gone")),
                        false, "1 of 1 owned file needs approval"),
                // teams and emails
                gate("teamOwnerIsSatisfiedByAMembersApproval",
                        pr().owns("a", "@acme/core").team("acme/core", "erin").modifies("a").approvedBy("erin")
                                .policy(EVERY_FILE),
                        true, "Approved by code owners"),
                gate("teamOwnerIsNotSatisfiedByANonMember",
                        pr().owns("a", "@acme/core").team("acme/core", "erin").modifies("a").approvedBy("frank")
                                .policy(EVERY_FILE),
                        false, "1 of 1 owned file needs approval"),
                gate("teamWithUnknownMembersCannotBeSatisfied",
                        pr().owns("a", "@acme/core").modifies("a").approvedBy("erin").policy(EVERY_FILE),
                        false, "1 of 1 owned file needs approval"),
                gate("emailOwnerNeverMatchesALogin",
                        pr().owns("a", "alice@example.com").modifies("a").approvedBy("alice"),
                        false, "1 of 1 owned file needs approval"),
                gate("loginsCompareCaseInsensitively",
                        pr().owns("a", "alice").modifies("a").approvedBy("Alice"),
                        true, "Approved by code owners"),
                // the author
                gate("authorWhoOwnsAFileDoesNotApproveItByDefault",
                        pr().owns("a", "dave").modifies("a"),
                        false, "1 of 1 owned file needs approval"),
                gate("authorWhoOwnsAFileApprovesItWithAllowAuthor",
                        pr().owns("a", "dave").modifies("a").policy("approval: {allow_author: true}"),
                        true, "Approved by code owners"),
                gate("authorCountsAsOneApproverTowardsMinApprovals",
                        pr().owns("a", "dave", "alice").modifies("a")
                                .policy("approval: {allow_author: true, min_approvals: 2}"),
                        false, "1 of 1 owned file needs approval"),
                gate("authorsOwnApprovalReviewNeverCounts",
                        pr().owns("a", "dave").modifies("a").approvedBy("dave"),
                        false, "1 of 1 owned file needs approval"),
                gate("authorInAnOwningTeamApprovesWithAllowAuthor",
                        pr().owns("a", "@acme/core").team("acme/core", "dave").modifies("a")
                                .policy("approval: {allow_author: true, mode: every-file}"),
                        true, "Approved by code owners"),
                // review history
                gate("dismissedReviewCancelsTheUsersEarlierApproval",
                        pr().owns("a", "alice").modifies("a").approvedBy("alice")
                                .review("alice", ReviewState.DISMISSED, HEAD),
                        false, "1 of 1 owned file needs approval"),
                gate("laterCommentKeepsTheEarlierApproval",
                        pr().owns("a", "alice").modifies("a").approvedBy("alice")
                                .review("alice", ReviewState.COMMENTED, HEAD),
                        true, "Approved by code owners"),
                gate("pendingReviewKeepsTheEarlierApproval",
                        pr().owns("a", "alice").modifies("a").approvedBy("alice")
                                .rawReview(new Review(99, "alice", ReviewState.PENDING, HEAD, null)),
                        true, "Approved by code owners"),
                gate("laterApprovalReplacesChangesRequested",
                        pr().owns("a", "bob").modifies("a").review("bob", ReviewState.CHANGES_REQUESTED, OLD)
                                .approvedBy("bob"),
                        true, "Approved by code owners"),
                gate("laterChangesRequestedReplacesApproval",
                        pr().owns("a", "bob").modifies("a").approvedBy("bob")
                                .review("bob", ReviewState.CHANGES_REQUESTED, HEAD),
                        false, "Blocked: @bob requested changes"),
                gate("reviewsAreOrderedBySubmissionTimeNotListOrder",
                        pr().owns("a", "bob").modifies("a")
                                .rawReview(new Review(2, "bob", ReviewState.APPROVED, HEAD, Instant.ofEpochSecond(20)))
                                .rawReview(new Review(1, "bob", ReviewState.DISMISSED, HEAD, Instant.ofEpochSecond(10))),
                        true, "Approved by code owners"),
                gate("reviewsSubmittedAtTheSameTimeAreOrderedById",
                        pr().owns("a", "bob").modifies("a")
                                .rawReview(new Review(8, "bob", ReviewState.DISMISSED, HEAD, Instant.ofEpochSecond(10)))
                                .rawReview(new Review(7, "bob", ReviewState.APPROVED, HEAD, Instant.ofEpochSecond(10))),
                        false, "1 of 1 owned file needs approval"),
                // pushes
                gate("approvalOnAnOlderCommitCountsByDefault",
                        pr().owns("a", "alice").modifies("a").review("alice", ReviewState.APPROVED, OLD),
                        true, "Approved by code owners"),
                gate("approvalOnAnOlderCommitDoesNotCountWithInvalidateOnPush",
                        pr().owns("a", "alice").modifies("a").review("alice", ReviewState.APPROVED, OLD)
                                .policy("approval: {invalidate_on_push: true}"),
                        false, "1 of 1 owned file needs approval"),
                gate("approvalOnTheHeadCountsWithInvalidateOnPush",
                        pr().owns("a", "alice").modifies("a").approvedBy("alice")
                                .policy("approval: {invalidate_on_push: true}"),
                        true, "Approved by code owners"),
                gate("approvalWithoutAKnownCommitDoesNotCountWithInvalidateOnPush",
                        pr().owns("a", "alice").modifies("a").review("alice", ReviewState.APPROVED, null)
                                .policy("approval: {invalidate_on_push: true}"),
                        false, "1 of 1 owned file needs approval"),
                gate("twoMembersOfAnOwningTeamAreTwoApprovers",
                        pr().owns("a", "@acme/core").team("acme/core", "erin", "bob").modifies("a")
                                .approvedBy("erin", "bob").policy("approval: {mode: every-file, min_approvals: 2}"),
                        true, "Approved by code owners"),
                // changes requested
                gate("ownersChangesRequestedBlocksDespiteOtherApprovals",
                        pr().owns("a", "alice", "bob").modifies("a").approvedBy("alice")
                                .review("bob", ReviewState.CHANGES_REQUESTED, HEAD),
                        false, "Blocked: @bob requested changes"),
                gate("changesRequestedByATeamMemberBlocksTheTeamsFiles",
                        pr().owns("a", "@acme/core").team("acme/core", "erin", "bob").modifies("a")
                                .approvedBy("erin").review("bob", ReviewState.CHANGES_REQUESTED, HEAD),
                        false, "Blocked: @bob requested changes"),
                gate("changesRequestedDoesNotBlockWhenDisabled",
                        pr().owns("a", "alice", "bob").modifies("a").approvedBy("alice")
                                .review("bob", ReviewState.CHANGES_REQUESTED, HEAD)
                                .policy("approval: {block_on_changes_requested: false}"),
                        true, "Approved by code owners"),
                gate("changesRequestedByANonOwnerDoesNotBlock",
                        pr().owns("a", "alice").modifies("a").approvedBy("alice")
                                .review("carol", ReviewState.CHANGES_REQUESTED, HEAD),
                        true, "Approved by code owners"),
                gate("staleChangesRequestedStillBlocksAfterAPush",
                        pr().owns("a", "alice", "bob").modifies("a").approvedBy("alice")
                                .review("bob", ReviewState.CHANGES_REQUESTED, OLD)
                                .policy("approval: {invalidate_on_push: true}"),
                        false, "Blocked: @bob requested changes"),
                // protected paths
                gate("protectedPathNeedsItsOwnOwnersEvenInAnyOwnerMode",
                        pr().owns("src/a", "alice").owns("OWNERS", "root").modifies("src/a", "OWNERS")
                                .approvedBy("alice").policy(ANY_OWNER),
                        false, "1 of 2 owned files needs approval"),
                gate("doubleStarPatternProtectsNestedOwnersFiles",
                        pr().owns("src/a", "alice").owns("src/OWNERS", "lead").modifies("src/a", "src/OWNERS")
                                .approvedBy("alice").policy(ANY_OWNER),
                        false, "1 of 2 owned files needs approval"),
                gate("protectedPathPassesWithItsOwnOwners",
                        pr().owns("src/a", "alice").owns("src/OWNERS", "lead").modifies("src/a", "src/OWNERS")
                                .approvedBy("lead").policy(ANY_OWNER),
                        true, "Approved by code owners"),
                gate("emptyProtectedPathsMakeOwnersFilesOrdinary",
                        pr().owns("src/a", "alice").owns("OWNERS", "root").modifies("src/a", "OWNERS")
                                .approvedBy("alice").policy("approval: {mode: any-owner, protected_paths: []}"),
                        true, "Approved by code owners"),
                gate("unownedProtectedFileNeedsAReviewerEvenWhenUnownedFilesAreAllowed",
                        pr().modifies(".github/ownergate.yml"),
                        false, "1 file needs approval from anyone but the author"),
                // unowned files
                gate("unownedFilesNeedNoApprovalByDefault",
                        pr().modifies("free"),
                        true, "No approval needed: no changed file has an owner"),
                gate("unownedFilesNeedANonAuthorApprovalWithRequireApproval",
                        pr().modifies("free").policy("approval: {unowned_files: require-approval}"),
                        false, "1 file needs approval from anyone but the author"),
                gate("unownedFilesPassWithAnyNonAuthorApprovalWithRequireApproval",
                        pr().modifies("free").approvedBy("carol").policy("approval: {unowned_files: require-approval}"),
                        true, "Approved"),
                gate("unownedFilesBlockWithBlock",
                        pr().modifies("free").approvedBy("carol").policy("approval: {unowned_files: block}"),
                        false, "Blocked: 1 changed file has no owner"),
                gate("noRulesAtAllMeansEveryFileIsUnowned",
                        pr().withoutRules().modifies("a", "b"),
                        true, "No approval needed: no changed file has an owner"),
                // anyone (*)
                gate("starFileNeedsAnApprovalFromAnyoneButTheAuthor",
                        pr().owns("docs/x", "*").modifies("docs/x"),
                        false, "1 file needs approval from anyone but the author"),
                gate("starFilePassesWithAnyNonAuthorApproval",
                        pr().owns("docs/x", "*").modifies("docs/x").approvedBy("carol"),
                        true, "Approved"),
                gate("starFileIsNotApprovedByTheAuthorEvenWithAllowAuthor",
                        pr().owns("docs/x", "*").modifies("docs/x").approvedBy("dave")
                                .policy("approval: {allow_author: true}"),
                        false, "1 file needs approval from anyone but the author"),
                // failing closed and edge cases
                gate("incompleteFileListFailsClosed",
                        pr().owns("a", "alice").modifies("a").approvedBy("alice").incomplete(),
                        false, "Failed closed: GitHub did not list every changed file (it lists at most 3,000),"
                                + " so ownership cannot be checked"),
                gate("pullRequestWithoutChangedFilesPasses",
                        pr(), true, "No changed files"));
    }

    private static Arguments gate(String rule, Scenario scenario, boolean passed, String title) {
        return Arguments.of(rule, scenario, passed, title);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gate")
    void gateFollowsThePolicy(String rule, Scenario scenario, boolean passed, String title) {
        Verdict v = scenario.evaluate();
        assertThat(v.title()).isEqualTo(title);
        assertThat(v.passed()).isEqualTo(passed);
        assertThat(v.conclusion()).isEqualTo(passed ? "success" : "failure");
        assertThat(v.headSha()).isEqualTo(HEAD);
    }

    @Test
    void everyTouchedPathHasAVerdictWithItsReason() {
        Verdict v = pr().owns("old/x", "alice").owns("new/x", "bob").owns("OWNERS", "root")
                .changes(ChangedFile.renamed("old/x", "new/x"), ChangedFile.modified("OWNERS"),
                        ChangedFile.added("free"))
                .approvedBy("alice").policy(ANY_OWNER).evaluate();
        assertThat(v.files()).extracting(FileVerdict::path, FileVerdict::change, FileVerdict::requirement,
                        FileVerdict::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("OWNERS", ChangedFile.Change.MODIFIED,
                                Requirement.OWN_OWNERS, FileStatus.NEEDS_APPROVAL),
                        org.assertj.core.groups.Tuple.tuple("free", ChangedFile.Change.ADDED, Requirement.NONE,
                                FileStatus.NOT_REQUIRED),
                        org.assertj.core.groups.Tuple.tuple("new/x", ChangedFile.Change.RENAMED,
                                Requirement.ANY_CODE_OWNER, FileStatus.ACCEPTED_BY_OTHER_OWNERS),
                        org.assertj.core.groups.Tuple.tuple("old/x", ChangedFile.Change.RENAMED,
                                Requirement.ANY_CODE_OWNER, FileStatus.APPROVED));
        assertThat(v.files()).extracting(FileVerdict::why).containsExactly(
                "owned by @root (rules:OWNERS); protected path (**/OWNERS); needs 1 approval from its own owners",
                "no owner; no approval needed from owners (unowned_files: allow)",
                "renamed from old/x; owned by @bob (rules:new/x); none of its owners approved; it passes in any-owner"
                        + " mode on the approval of @alice, who owns other changed files",
                "renamed to new/x; owned by @alice (rules:old/x); approved by @alice");
        assertThat(v.approvers()).containsExactly("alice");
        assertThat(v.rulesSource()).isEqualTo("test rules at base0");
        assertThat(v.subject()).isEqualTo("acme/widgets#1");
    }

    @Test
    void blockedFileNamesItsBlockers() {
        Verdict v = pr().owns("a", "alice", "bob").modifies("a").review("bob", ReviewState.CHANGES_REQUESTED, HEAD)
                .evaluate();
        FileVerdict a = v.files().getFirst();
        assertThat(a.status()).isEqualTo(FileStatus.CHANGES_REQUESTED);
        assertThat(a.blockedBy()).containsExactly("bob");
        assertThat(a.why()).isEqualTo("owned by @alice @bob (rules:a); blocked: @bob requested changes");
        assertThat(v.blockedBy()).containsExactly("bob");
    }

    @Test
    void notesExplainApprovalsThatDoNotCount() {
        Verdict v = pr().owns("a", "alice", "@acme/core", "x@example.com").modifies("a")
                .review("alice", ReviewState.APPROVED, OLD).approvedBy("carol")
                .review("eve", ReviewState.CHANGES_REQUESTED, HEAD)
                .policy("approval: {invalidate_on_push: true}").evaluate();
        assertThat(v.notes()).containsExactly(
                "The members of @acme/core are unknown, so no approval counts for it;"
                        + " give Ownergate read access to the organization's members",
                "x@example.com is an email address: approvals are matched by GitHub login, so none can count for it;"
                        + " write that owner as a login in the rules",
                "@carol's approval counts for no changed file: @carol owns none of them and no rule that covers them"
                        + " lists @carol",
                "@eve requested changes but owns no changed file, so it does not block");
        assertThat(v.staleApprovals()).extracting(StaleApproval::login, StaleApproval::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("alice", "approved old0, not the head commit"
                        + " (invalidate_on_push: true)"));
    }

    @Test
    void authorApprovingThroughAllowAuthorIsNoted() {
        Verdict v = pr().owns("a", "dave").modifies("a").policy("approval: {allow_author: true}").evaluate();
        assertThat(v.approvers()).containsExactly("dave");
        assertThat(v.notes()).contains(
                "@dave (the author) owns changed files or may approve for a rule, and counts as one of their approvers"
                        + " (allow_author: true)");
    }

    @Test
    void pathTouchedTwiceIsJudgedOnce() {
        Verdict v = pr().owns("a", "alice").changes(ChangedFile.renamed("a", "b"), ChangedFile.added("a")).evaluate();
        assertThat(v.files()).extracting(FileVerdict::path).containsExactly("a", "b");
    }

    @Test
    void failClosedFailsWithTheReasonAsTitle() {
        Verdict v = Evaluation.failClosed("abc", "Failed closed: OWNERS at base do not parse");
        assertThat(v.passed()).isFalse();
        assertThat(v.title()).isEqualTo("Failed closed: OWNERS at base do not parse");
        assertThat(v.headSha()).isEqualTo("abc");
        assertThat(v.files()).isEmpty();
    }

    @Test
    void ownerGroupsShareOwnersAndStatusWithUnsatisfiedFirst() {
        Verdict v = pr().owns("a1", "alice").owns("a2", "alice").owns("b", "bob").owns("free2", "*")
                .modifies("a1", "a2", "b", "free", "free2").approvedBy("alice").policy(EVERY_FILE).evaluate();
        assertThat(v.groups()).extracting(OwnerGroup::ownersText, OwnerGroup::status, OwnerGroup::paths)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("@bob", FileStatus.NEEDS_APPROVAL, List.of("b")),
                        org.assertj.core.groups.Tuple.tuple("@alice", FileStatus.APPROVED, List.of("a1", "a2")),
                        org.assertj.core.groups.Tuple.tuple("*", FileStatus.APPROVED, List.of("free2")),
                        org.assertj.core.groups.Tuple.tuple("(no owner)", FileStatus.NOT_REQUIRED, List.of("free")));
    }

    // merge groups

    @Test
    void mergeGroupPassesWhenEveryPullRequestPasses() {
        Verdict one = pr().number(1).owns("a", "alice").modifies("a").approvedBy("alice").evaluate();
        Verdict two = pr().number(2).owns("b", "bob").modifies("b").approvedBy("bob").evaluate();
        Verdict group = Evaluation.combine("mg1", List.of(one, two));
        assertThat(group.passed()).isTrue();
        assertThat(group.headSha()).isEqualTo("mg1");
        assertThat(group.title()).isEqualTo("All 2 pull requests in the merge group are approved by code owners");
        assertThat(group.members()).containsExactly(one, two);
    }

    @Test
    void mergeGroupFailsWhenAnyPullRequestFails() {
        Verdict one = pr().number(1).owns("a", "alice").modifies("a").approvedBy("alice").evaluate();
        Verdict two = pr().number(2).owns("b", "bob").modifies("b").evaluate();
        Verdict group = Evaluation.combine("mg1", List.of(one, two));
        assertThat(group.passed()).isFalse();
        assertThat(group.title())
                .isEqualTo("acme/widgets#2 is not approved: 1 of 1 owned file needs approval");
        assertThat(group.suggestedReviewers()).containsExactly("bob");
    }

    @Test
    void mergeGroupCountsFailingPullRequests() {
        Verdict one = pr().number(1).owns("a", "alice").modifies("a").evaluate();
        Verdict two = pr().number(2).owns("b", "bob").modifies("b").evaluate();
        Verdict three = pr().number(3).modifies("c").evaluate();
        Verdict group = Evaluation.combine("mg1", List.of(one, two, three));
        assertThat(group.passed()).isFalse();
        assertThat(group.title()).isEqualTo("2 of 3 pull requests in the merge group are not approved");
    }

    @Test
    void emptyMergeGroupFailsClosed() {
        Verdict group = Evaluation.combine("mg1", List.of());
        assertThat(group.passed()).isFalse();
        assertThat(group.title()).isEqualTo("Failed closed: the merge group holds no pull requests to check");
    }

    @Test
    void mergeGroupWithAFailedClosedMemberFails() {
        Verdict ok = pr().number(1).modifies("free").evaluate();
        Verdict group = Evaluation.combine("mg1", List.of(ok, Evaluation.failClosed("h2", "Failed closed: x")));
        assertThat(group.passed()).isFalse();
        assertThat(group.title()).isEqualTo("1 pull request is not approved: Failed closed: x");
    }
}
