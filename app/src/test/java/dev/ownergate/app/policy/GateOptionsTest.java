package dev.ownergate.app.policy;

import static dev.ownergate.app.policy.Scenario.HEAD;
import static dev.ownergate.app.policy.Scenario.pr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.ownergate.app.policy.FileVerdict.FileStatus;
import dev.ownergate.app.policy.FileVerdict.Requirement;
import dev.ownergate.app.policy.Review.ReviewState;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The policy options of issue #9, one named case per rule, and the combinations that matter. */
class GateOptionsTest {
    private static final String ANY_OWNER = "approval: {mode: any-owner}";
    /** SQL also needs a DBA; auth needs two security reviewers; lockfiles need nobody. */
    private static final String RULES = """
            approval:
              rules:
                - name: dba
                  paths: ["**/*.sql", "**/migrations/**"]
                  from: ["@acme/dba"]
                - name: security
                  paths: ["**/auth/**"]
                  from: ["@acme/security", alice]
                  count: 2
              ignore: ["**/*.lock", "**/generated/**"]
            """;
    private static final String OWNED_CHANGES = "approval: {invalidate_on_push: owned-changes}\n";
    private static final String C1 = "c1c1c1c1c1";
    private static final String C2 = "c2c2c2c2c2";

    /** The usual repository: each folder's owner, a DBA team and a security team. */
    private static Scenario repo() {
        return pr().owns("app/a.py", "alice").owns("app/q.sql", "alice").owns("db/migrations/001.sql", "bob")
                .owns("svc/auth/login.py", "carol").owns("web/yarn.lock", "erin").owns("b/b.py", "bob")
                .owns("OWNERS", "root").owns("3rdparty/req.txt", "@acme/deps")
                .team("acme/dba", "dan", "dora").team("acme/security", "sam", "sue").team("acme/deps", "dep");
    }

    static Stream<Arguments> gate() {
        return Stream.of(
                // every-file (the default) versus any-owner
                gate("everyFileIsTheDefaultSoEachOwnedFileNeedsItsOwnOwner",
                        repo().modifies("app/a.py", "3rdparty/req.txt").approvedBy("alice"),
                        false, "1 of 2 owned files needs approval"),
                gate("anyOwnerLetsOneOwnerApproveFilesOthersOwn",
                        repo().modifies("app/a.py", "3rdparty/req.txt").approvedBy("alice").policy(ANY_OWNER),
                        true, "Approved by code owners"),
                gate("everyFilePassesWithEachFilesOwner",
                        repo().modifies("app/a.py", "3rdparty/req.txt").approvedBy("alice", "dep"),
                        true, "Approved by code owners"),
                // rules on top of the owners
                gate("sqlNeedsItsOwnerAndADba",
                        repo().modifies("app/q.sql").approvedBy("alice").policy(RULES),
                        false, "Rule 'dba' needs 1 more approval from @acme/dba"),
                gate("sqlWithItsOwnerAndADbaPasses",
                        repo().modifies("app/q.sql").approvedBy("alice", "dora").policy(RULES),
                        true, "Approved by code owners and 1 rule"),
                gate("aDbaAloneDoesNotApproveTheOwnersPart",
                        repo().modifies("app/q.sql").approvedBy("dora").policy(RULES),
                        false, "1 of 1 owned file needs approval"),
                gate("ruleMatchesAFolderAnywhere",
                        repo().modifies("db/migrations/001.sql").approvedBy("bob").policy(RULES),
                        false, "Rule 'dba' needs 1 more approval from @acme/dba"),
                gate("authNeedsTwoSecurityApprovers",
                        repo().modifies("svc/auth/login.py").approvedBy("carol", "sam").policy(RULES),
                        false, "Rule 'security' needs 1 more approval from @acme/security or @alice"),
                gate("authPassesWithATeamMemberAndANamedUser",
                        repo().modifies("svc/auth/login.py").approvedBy("carol", "sam", "alice").policy(RULES),
                        true, "Approved by code owners and 1 rule"),
                gate("twoMembersOfTheRulesTeamAreTwoApprovers",
                        repo().modifies("svc/auth/login.py").approvedBy("carol", "sam", "sue").policy(RULES),
                        true, "Approved by code owners and 1 rule"),
                gate("twoRulesUnmetAreCountedInTheTitle",
                        repo().modifies("app/q.sql", "svc/auth/login.py").approvedBy("alice", "carol").policy(RULES),
                        false, "2 rules need approvals"),
                gate("ruleAppliesToUnownedFilesToo",
                        pr().modifies("free/x.sql").team("acme/dba", "dan").policy(RULES),
                        false, "Rule 'dba' needs 1 more approval from @acme/dba"),
                gate("ruleOnAnUnownedFilePassesWithItsApprover",
                        pr().modifies("free/x.sql").team("acme/dba", "dan").approvedBy("dan").policy(RULES),
                        true, "Approved"),
                gate("ruleTeamWithUnknownMembersCannotBeSatisfied",
                        pr().modifies("free/x.sql").approvedBy("dan").policy(RULES),
                        false, "Rule 'dba' needs 1 more approval from @acme/dba"),
                gate("authorNeverCountsForARule",
                        repo().modifies("app/q.sql").author("dora").approvedBy("alice", "dora").policy(RULES),
                        false, "Rule 'dba' needs 1 more approval from @acme/dba"),
                gate("authorCountsForARuleWithAllowAuthor",
                        repo().modifies("app/q.sql").author("dora").approvedBy("alice")
                                .policy(RULES.replace("approval:\n", "approval:\n  allow_author: true\n")),
                        true, "Approved by code owners and 1 rule"),
                gate("renameIntoARulesPathNeedsTheRule",
                        repo().changes(ChangedFile.renamed("app/a.py", "app/q.sql")).approvedBy("alice")
                                .policy(RULES),
                        false, "Rule 'dba' needs 1 more approval from @acme/dba"),
                gate("renameOutOfARulesPathNeedsTheRuleToo",
                        repo().changes(ChangedFile.renamed("app/q.sql", "app/a.py")).approvedBy("alice")
                                .policy(RULES),
                        false, "Rule 'dba' needs 1 more approval from @acme/dba"),
                gate("deletingARulesFileNeedsTheRule",
                        repo().changes(ChangedFile.removed("app/q.sql")).approvedBy("alice").policy(RULES),
                        false, "Rule 'dba' needs 1 more approval from @acme/dba"),
                gate("ruleApproverRequestingChangesBlocksTheRule",
                        repo().modifies("app/q.sql").approvedBy("alice")
                                .review("dan", ReviewState.CHANGES_REQUESTED, HEAD).approvedBy("dora").policy(RULES),
                        false, "Blocked: @dan requested changes"),
                // ignored files
                gate("lockfileNeedsNobody",
                        repo().modifies("web/yarn.lock").policy(RULES),
                        true, "No approval needed: every changed file is ignored"),
                gate("ignoredFileIsNotSubjectToRules",
                        repo().modifies("generated/schema.sql").policy(RULES),
                        true, "No approval needed: every changed file is ignored"),
                gate("ignoreNeverExemptsAProtectedPath",
                        repo().modifies("OWNERS").policy("approval: {ignore: [\"OWNERS\"]}"),
                        false, "1 of 1 owned file needs approval"),
                // bots
                gate("botApprovalNeverCounts",
                        repo().modifies("app/a.py").owns("app/a.py", "alice", "renovate").approvedByBot("renovate"),
                        false, "1 of 1 owned file needs approval"),
                gate("botLoginEndingInBotIsABotWhateverItsType",
                        pr().owns("x", "*").modifies("x").approvedBy("helper[bot]"),
                        false, "1 file needs approval from anyone but the author"),
                gate("trustedBotApprovalCounts",
                        repo().modifies("app/a.py").owns("app/a.py", "alice", "renovate").approvedByBot("renovate")
                                .policy("approval: {trusted_bots: [\"renovate[bot]\"]}"),
                        true, "Approved by code owners"),
                gate("trustedBotStillMustOwnTheFile",
                        repo().modifies("app/a.py").approvedByBot("renovate")
                                .policy("approval: {trusted_bots: [renovate]}"),
                        false, "1 of 1 owned file needs approval"),
                // owned-changes: pushes drop only the approvals they affect
                gate("pushThatTouchesAnotherOwnersFileKeepsTheApproval",
                        repo().modifies("app/a.py", "b/b.py").review("alice", ReviewState.APPROVED, C1)
                                .approvedBy("bob").changedSince(C1, "b/b.py").policy(OWNED_CHANGES),
                        true, "Approved by code owners"),
                gate("pushThatTouchesTheApproversFileDropsTheApproval",
                        repo().modifies("app/a.py", "b/b.py").review("alice", ReviewState.APPROVED, C1)
                                .approvedBy("bob").changedSince(C1, "app/a.py").policy(OWNED_CHANGES),
                        false, "1 of 2 owned files needs approval"),
                gate("anyPushDropsEveryOlderApprovalWithInvalidateOnPushTrue",
                        repo().modifies("app/a.py", "b/b.py").review("alice", ReviewState.APPROVED, C1)
                                .approvedBy("bob").changedSince(C1, "b/b.py")
                                .policy("approval: {invalidate_on_push: true}"),
                        false, "1 of 2 owned files needs approval"),
                gate("forcePushedAwayCommitCountsAsEverythingChanged",
                        repo().modifies("app/a.py").review("alice", ReviewState.APPROVED, C1).goneSince(C1)
                                .policy(OWNED_CHANGES),
                        false, "1 of 1 owned file needs approval"),
                gate("uncomparedCommitCountsAsEverythingChanged",
                        repo().modifies("app/a.py").review("alice", ReviewState.APPROVED, C1).policy(OWNED_CHANGES),
                        false, "1 of 1 owned file needs approval"),
                gate("pushThatTouchesARulesFileDropsTheRuleApproversApproval",
                        repo().modifies("app/q.sql").approvedBy("alice").review("dora", ReviewState.APPROVED, C1)
                                .changedSince(C1, "app/q.sql").policy(RULES + "  invalidate_on_push: owned-changes\n"),
                        false, "Rule 'dba' needs 1 more approval from @acme/dba"),
                gate("pushOutsideTheRulesFilesKeepsTheRuleApproversApproval",
                        repo().modifies("app/q.sql", "app/a.py").approvedBy("alice")
                                .review("dora", ReviewState.APPROVED, C1).changedSince(C1, "app/a.py")
                                .policy(RULES + "  invalidate_on_push: owned-changes\n"),
                        true, "Approved by code owners and 1 rule"),
                gate("changesMergedFromTheBaseAreNotThePullRequestsAndKeepApprovals",
                        repo().modifies("app/a.py").review("alice", ReviewState.APPROVED, C1)
                                .changedSince(C1, "elsewhere/upstream.py").policy(OWNED_CHANGES),
                        true, "Approved by code owners"),
                gate("pushToAFileAnyoneMayApproveDropsOlderApprovals",
                        pr().owns("docs/x", "*").modifies("docs/x").review("carol", ReviewState.APPROVED, C1)
                                .changedSince(C1, "docs/x").policy(OWNED_CHANGES),
                        false, "1 file needs approval from anyone but the author"),
                gate("pushToAnIgnoredFileKeepsApprovals",
                        repo().modifies("app/a.py", "web/yarn.lock").review("alice", ReviewState.APPROVED, C1)
                                .changedSince(C1, "web/yarn.lock").policy(RULES + "  invalidate_on_push: owned-changes\n"),
                        true, "Approved by code owners"));
    }

    private static Arguments gate(String rule, Scenario scenario, boolean passed, String title) {
        return Arguments.of(rule, scenario, passed, title);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gate")
    void gateFollowsThePolicy(String rule, Scenario scenario, boolean passed, String title) {
        Verdict v = scenario.evaluate();
        assertThat(v.title()).as(v.files() + "\n" + v.rules() + "\n" + v.notes()).isEqualTo(title);
        assertThat(v.passed()).isEqualTo(passed);
    }

    @Test
    void anyOwnerModeNeverShowsAFileAsApprovedBySomeoneWhoDoesNotOwnIt() {
        Verdict v = repo().modifies("app/a.py", "3rdparty/req.txt").approvedBy("alice").policy(ANY_OWNER).evaluate();
        assertThat(v.files()).extracting(FileVerdict::path, FileVerdict::status, f -> f.approvedBy().toString())
                .containsExactly(
                        tuple("3rdparty/req.txt", FileStatus.ACCEPTED_BY_OTHER_OWNERS, "[]"),
                        tuple("app/a.py", FileStatus.APPROVED, "[alice]"));
        assertThat(v.groups()).extracting(OwnerGroup::ownersText, OwnerGroup::status)
                .contains(tuple("@acme/deps", FileStatus.ACCEPTED_BY_OTHER_OWNERS));
    }

    @Test
    void eachRuleSaysItsFilesWhoMayApproveWhoDidAndWhatIsMissing() {
        Verdict v = repo().modifies("app/q.sql", "db/migrations/001.sql", "svc/auth/login.py", "app/a.py")
                .approvedBy("alice", "bob", "carol", "sam").policy(RULES).evaluate();
        assertThat(v.rules()).extracting(RuleVerdict::name, RuleVerdict::files, RuleVerdict::status,
                        r -> r.approvedBy().toString(), RuleVerdict::missing)
                .containsExactly(
                        tuple("dba", java.util.List.of("app/q.sql", "db/migrations/001.sql"),
                                FileStatus.NEEDS_APPROVAL, "[]", 1),
                        tuple("security", java.util.List.of("svc/auth/login.py"), FileStatus.APPROVED,
                                "[alice, sam]", 0));
    }

    @Test
    void suggestedReviewersCoverTheRules() {
        Verdict v = repo().modifies("app/q.sql").approvedBy("alice").policy(RULES).evaluate();
        assertThat(v.suggestedReviewers()).containsExactly("@acme/dba");
    }

    @Test
    void ruleNotMatchedByAnyChangedFileIsNotListed() {
        Verdict v = repo().modifies("app/a.py").approvedBy("alice").policy(RULES).evaluate();
        assertThat(v.rules()).isEmpty();
    }

    @Test
    void ignoredFilesAreJudgedAsIgnoredAndLeftOutOfTheOwnerTable() {
        Verdict v = repo().modifies("web/yarn.lock", "app/a.py").approvedBy("alice").policy(RULES).evaluate();
        assertThat(v.files()).filteredOn(f -> f.path().equals("web/yarn.lock")).singleElement()
                .satisfies(f -> {
                    assertThat(f.requirement()).isEqualTo(Requirement.IGNORED);
                    assertThat(f.why()).isEqualTo("owned by @erin (rules:web/yarn.lock); ignored (approval.ignore:"
                            + " **/*.lock): needs no approval");
                });
        assertThat(v.groups()).flatExtracting(OwnerGroup::paths).containsExactly("app/a.py");
    }

    @Test
    void untrustedBotsApprovalIsNotedNotCounted() {
        Verdict v = repo().modifies("app/a.py").approvedByBot("renovate[bot]").evaluate();
        assertThat(v.approvers()).isEmpty();
        assertThat(v.notes()).contains("@renovate[bot]'s approval does not count: it is a bot account; list it in"
                + " approval.trusted_bots if its approvals should count");
    }

    @Test
    void everyApprovalThatNoLongerCountsIsNamedWithItsReason() {
        Verdict v = repo().modifies("app/a.py", "app/q.sql", "b/b.py", "svc/auth/login.py")
                .review("alice", ReviewState.APPROVED, C1)
                .review("bob", ReviewState.APPROVED, C1)
                .review("dora", ReviewState.APPROVED, C2)
                .review("carol", ReviewState.APPROVED, "c3c3c3c3c3")
                .changedSince(C1, "app/a.py", "app/q.sql")
                .changedSince(C2, "app/q.sql")
                .goneSince("c3c3c3c3c3")
                .policy(RULES + "  invalidate_on_push: owned-changes\n").evaluate();
        assertThat(v.staleApprovals()).extracting(StaleApproval::login, StaleApproval::reason).containsExactly(
                tuple("alice", "approved c1c1c1c; since then app/a.py and app/q.sql changed, which need @alice's"
                        + " approval (invalidate_on_push: owned-changes)"),
                tuple("carol", "approved c3c3c3c; that commit is no longer in the repository (a force-push replaced"
                        + " it), so every file counts as changed"),
                tuple("dora", "approved c2c2c2c; since then app/q.sql changed, which needs @dora's approval"
                        + " (invalidate_on_push: owned-changes)"));
        assertThat(v.approvers()).containsExactly("bob");
    }

    @Test
    void onlyDistinctOlderApprovedCommitsAreCompared() {
        Scenario s = repo().modifies("app/a.py").review("alice", ReviewState.APPROVED, C1)
                .review("bob", ReviewState.APPROVED, C1).review("carol", ReviewState.APPROVED, C2)
                .review("dora", ReviewState.APPROVED, HEAD).review("erin", ReviewState.APPROVED, "old-then-dismissed")
                .review("erin", ReviewState.DISMISSED, "old-then-dismissed").approvedByBot("renovate")
                .policy(OWNED_CHANGES);
        EvaluationInput in = s.input();
        assertThat(Evaluation.commitsToCompare(in.policy(), in.pr())).containsExactly(C1, C2);
        assertThat(Evaluation.commitsToCompare(PolicyConfig.DEFAULTS, in.pr())).isEmpty();
    }

    @Test
    void onlyTheTeamsOfRulesThatCoverAChangedFileAreLookedUp() {
        PolicyConfig policy = PolicyConfig.parse(PolicyConfig.PATH, RULES).config().orElseThrow();
        assertThat(Evaluation.ruleTeams(policy, java.util.List.of("app/q.sql", "web/yarn.lock")))
                .containsExactly(dev.ownergate.owners.Owner.team("acme/dba"));
        assertThat(Evaluation.ruleTeams(policy, java.util.List.of("generated/x.sql", "app/a.py"))).isEmpty();
    }
}
