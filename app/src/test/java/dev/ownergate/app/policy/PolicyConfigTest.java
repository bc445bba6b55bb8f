package dev.ownergate.app.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.app.policy.PolicyConfig.ApprovalMode;
import dev.ownergate.app.policy.PolicyConfig.InvalidateOnPush;
import dev.ownergate.app.policy.PolicyConfig.OverrideAccess;
import dev.ownergate.app.policy.PolicyConfig.UnownedFiles;
import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.owners.Owner;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyConfigTest {
    private static final String PATH = ".github/ownergate.yml";

    @Test
    void defaultsAreTheDocumentedOnes() {
        PolicyConfig d = PolicyConfig.DEFAULTS;
        assertThat(d.mode()).isEqualTo(ApprovalMode.EVERY_FILE);
        assertThat(d.minApprovals()).isEqualTo(1);
        assertThat(d.unownedFiles()).isEqualTo(UnownedFiles.ALLOW);
        assertThat(d.allowAuthor()).isFalse();
        assertThat(d.invalidateOnPush()).isEqualTo(InvalidateOnPush.NEVER);
        assertThat(d.dismissStaleReviews()).isFalse();
        assertThat(d.rules()).isEmpty();
        assertThat(d.ignore()).isEmpty();
        assertThat(d.trustedBots()).isEmpty();
        assertThat(d.override().isEmpty()).isTrue();
        assertThat(d.blockOnChangesRequested()).isTrue();
        assertThat(d.protectedPaths())
                .containsExactly("**/OWNERS", "OWNERS_ALIASES", ".github/CODEOWNERS", ".github/ownergate.yml");
        assertThat(d.requestReviews()).isFalse();
        assertThat(d.checkName()).isEqualTo("code-owners");
    }

    @Test
    void fullFileIsRead() {
        PolicyConfig.Parsed parsed = PolicyConfig.parse(PATH, """
                approval:
                  mode: every-file
                  min_approvals: 2
                  unowned_files: block
                  allow_author: true
                  invalidate_on_push: owned-changes
                  dismiss_stale_reviews: true
                  block_on_changes_requested: false
                  protected_paths: ["**/OWNERS", docs/SECURITY.md]
                  rules:
                    - name: dba
                      paths: ["**/*.sql", "**/migrations/**"]
                      from: ["@acme/dba"]
                    - name: security
                      paths: ["**/auth/**"]
                      from: ["@acme/security", alice]
                      count: 2
                  ignore: ["**/*.lock", "**/generated/**"]
                  trusted_bots: ["Renovate[bot]", dependabot]
                request_reviews: true
                check_name: owners
                override:
                  users: [Carol]
                  teams: ["@acme/release"]
                owners:
                  anything: [the OWNERS compiler reads this]
                """);
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.config()).contains(new PolicyConfig(ApprovalMode.EVERY_FILE, 2, UnownedFiles.BLOCK, true,
                InvalidateOnPush.OWNED_CHANGES, true, false, List.of("**/OWNERS", "docs/SECURITY.md"),
                List.of(new ApprovalRule("dba", List.of("**/*.sql", "**/migrations/**"),
                                List.of(Owner.team("acme/dba")), 1),
                        new ApprovalRule("security", List.of("**/auth/**"),
                                List.of(Owner.team("acme/security"), Owner.user("alice")), 2)),
                List.of("**/*.lock", "**/generated/**"), List.of("renovate", "dependabot"), true, "owners",
                new OverrideAccess(List.of("carol"), List.of(Owner.team("acme/release")))));
    }

    @Test
    void invalidateOnPushTakesFalseTrueOrOwnedChanges() {
        assertThat(PolicyConfig.parse(PATH, "approval: {invalidate_on_push: false}").config().orElseThrow()
                .invalidateOnPush()).isEqualTo(InvalidateOnPush.NEVER);
        assertThat(PolicyConfig.parse(PATH, "approval: {invalidate_on_push: true}").config().orElseThrow()
                .invalidateOnPush()).isEqualTo(InvalidateOnPush.ANY_PUSH);
        assertThat(PolicyConfig.parse(PATH, "approval: {invalidate_on_push: owned-changes}").config().orElseThrow()
                .invalidateOnPush()).isEqualTo(InvalidateOnPush.OWNED_CHANGES);
    }

    @Test
    void farUnknownKeysAreWarningsAndTheRestOfTheFileApplies() {
        PolicyConfig.Parsed parsed = PolicyConfig.parse(PATH, "approval:\n  min_approvals: 2\n  notes: hello\n"
                + "team_notes: x\n");
        assertThat(parsed.problems()).extracting(Diagnostic::format).containsExactly(
                ".github/ownergate.yml:3:3: warning: unknown key 'approval.notes' is ignored; the keys here are"
                        + " allow_author, block_on_changes_requested, dismiss_stale_reviews, ignore,"
                        + " invalidate_on_push, min_approvals, mode, protected_paths, rules, trusted_bots,"
                        + " unowned_files",
                ".github/ownergate.yml:4:1: warning: unknown key 'team_notes' is ignored; the keys here are"
                        + " approval, check_name, override, owners, request_reviews");
        assertThat(parsed.valid()).isTrue();
        assertThat(parsed.config().orElseThrow().minApprovals()).isEqualTo(2);
    }

    @Test
    void theCheckNameOfAnInvalidFileIsKeptSoItFailsUnderThatName() {
        PolicyConfig.Parsed parsed = PolicyConfig.parse(PATH, "check_name: owners-gate\napproval: {mode: x}\n");
        assertThat(parsed.valid()).isFalse();
        assertThat(parsed.checkName()).isEqualTo("owners-gate");
    }

    @Test
    void missingKeysKeepTheirDefaults() {
        PolicyConfig.Parsed parsed = PolicyConfig.parse(PATH, "approval:\n  mode: every-file\n");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.config().orElseThrow().mode()).isEqualTo(ApprovalMode.EVERY_FILE);
        assertThat(parsed.config().orElseThrow().minApprovals()).isEqualTo(1);
        assertThat(parsed.config().orElseThrow().checkName()).isEqualTo("code-owners");
    }

    @Test
    void emptyOrCommentOnlyFileIsTheDefaults() {
        assertThat(PolicyConfig.parse(PATH, "")).isEqualTo(PolicyConfig.Parsed.valid(PolicyConfig.DEFAULTS, List.of()));
        assertThat(PolicyConfig.parse(PATH, "# nothing yet\n"))
                .isEqualTo(PolicyConfig.Parsed.valid(PolicyConfig.DEFAULTS, List.of()));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("nearMissTopLevelKeyIsAnErrorWithTheSuggestion", "approvals:\n  mode: every-file\n",
                        List.of(".github/ownergate.yml:1:1: unknown key 'approvals'; did you mean 'approval'?"
                                + " Rename it to 'approval'")),
                Arguments.of("nearMissApprovalKeyIsAnErrorWithTheSuggestion", "approval:\n  min_aprovals: 2\n",
                        List.of(".github/ownergate.yml:2:3: unknown key 'approval.min_aprovals'; did you mean"
                                + " 'min_approvals'? Rename it to 'min_approvals'")),
                Arguments.of("nearMissRuleKeyIsAnErrorWithTheSuggestion",
                        "approval:\n  rules:\n    - {name: dba, paths: [a], from: [bob], cont: 1}\n",
                        List.of(".github/ownergate.yml:3:44: unknown key 'approval.rules[].cont'; did you mean"
                                + " 'count'? Rename it to 'count'")),
                Arguments.of("unownedFilesTypoIsAnError", "approval: {unowned_files: blok}\n",
                        List.of(".github/ownergate.yml:1:27: 'unowned_files' must be one of allow,"
                                + " require-approval, block, not 'blok', e.g. \"unowned_files: require-approval\"")),
                Arguments.of("invalidateOnPushMustBeAKnownValue", "approval: {invalidate_on_push: sometimes}\n",
                        List.of(".github/ownergate.yml:1:32: 'invalidate_on_push' must be false, true or"
                                + " owned-changes, not 'sometimes', e.g. \"invalidate_on_push: owned-changes\"")),
                Arguments.of("ruleNeedsNamePathsAndFrom", "approval:\n  rules:\n    - count: 2\n",
                        List.of(".github/ownergate.yml:3:7: rule 1 has no 'from'; say who may approve,"
                                        + " e.g. \"from: [\\\"@acme/dba\\\"]\"",
                                ".github/ownergate.yml:3:7: rule 1 has no 'name'; give each rule a name,"
                                        + " e.g. \"name: dba\"",
                                ".github/ownergate.yml:3:7: rule 1 has no 'paths'; list the files it covers,"
                                        + " e.g. \"paths: [\\\"**/*.sql\\\"]\"")),
                Arguments.of("ruleNamesAreUnique",
                        "approval:\n  rules:\n    - {name: dba, paths: [a], from: [bob]}\n"
                                + "    - {name: DBA, paths: [b], from: [bob]}\n",
                        List.of(".github/ownergate.yml:4:14: there is already a rule named 'DBA';"
                                + " give each rule its own name")),
                Arguments.of("ruleCountCannotExceedThePeopleItNames",
                        "approval:\n  rules:\n    - {name: sec, paths: [a], from: [bob], count: 2}\n",
                        List.of(".github/ownergate.yml:3:51: rule 'sec' needs 2 approvals but names only 1 person;"
                                + " lower 'count' or add people or a team to 'from'")),
                Arguments.of("ruleFromCannotBeAnEmail",
                        "approval:\n  rules:\n    - {name: sec, paths: [a], from: [bob@example.com]}\n",
                        List.of(".github/ownergate.yml:3:38: 'bob@example.com' cannot approve on GitHub; write a"
                                + " login or a team, e.g. \"from: [\\\"@acme/dba\\\", alice]\"")),
                Arguments.of("ignoredPathMustBeACodeownersPattern", "approval:\n  ignore: ['!x.lock']\n",
                        List.of(".github/ownergate.yml:2:12: an ignored path is not a valid CODEOWNERS pattern:"
                                + " '!x.lock': CODEOWNERS has no `!` negation; list the paths that should match"
                                + " instead")),
                Arguments.of("overrideTeamsMustBeTeams", "override: {teams: [alice]}\n",
                        List.of(".github/ownergate.yml:1:20: 'alice' is not a team; write it as @org/team,"
                                + " e.g. \"teams: [\\\"@acme/release\\\"]\"")),
                Arguments.of("modeMustBeAKnownValue", "approval:\n  mode: all-files\n",
                        List.of(".github/ownergate.yml:2:9: 'mode' must be one of any-owner, every-file,"
                                + " not 'all-files', e.g. \"mode: every-file\"")),
                Arguments.of("unownedFilesMustBeAKnownValue", "approval: {unowned_files: deny}\n",
                        List.of(".github/ownergate.yml:1:27: 'unowned_files' must be one of allow,"
                                + " require-approval, block, not 'deny', e.g. \"unowned_files: require-approval\"")),
                Arguments.of("minApprovalsMustBeAWholeNumber", "approval:\n  min_approvals: two\n",
                        List.of(".github/ownergate.yml:2:18: 'min_approvals' must be a whole number of at least 1,"
                                + " e.g. \"min_approvals: 2\"")),
                Arguments.of("minApprovalsMustBeAtLeastOne", "approval:\n  min_approvals: 0\n",
                        List.of(".github/ownergate.yml:2:18: 'min_approvals' must be a whole number of at least 1,"
                                + " e.g. \"min_approvals: 2\"")),
                Arguments.of("booleansMustBeTrueOrFalse", "approval:\n  allow_author: sometimes\n",
                        List.of(".github/ownergate.yml:2:17: 'allow_author' must be true or false,"
                                + " e.g. \"allow_author: true\"")),
                Arguments.of("approvalMustBeAMapping", "approval: every-file\n",
                        List.of(".github/ownergate.yml:1:11: 'approval' must be a mapping of approval settings,"
                                + " e.g. \"approval: {mode: every-file}\"")),
                Arguments.of("protectedPathsMustBeAList", "approval:\n  protected_paths: OWNERS\n",
                        List.of(".github/ownergate.yml:2:20: 'protected_paths' must be a list of path patterns,"
                                + " e.g. \"protected_paths: [\"**/OWNERS\"]\"")),
                Arguments.of("emptyProtectedPathIsAProblemAtTheItem", "approval:\n  protected_paths:\n    - OWNERS\n    - ''\n",
                        List.of(".github/ownergate.yml:4:7: a protected path must not be empty;"
                                + " write a pattern such as \"**/OWNERS\"")),
                Arguments.of("protectedPathMustBeACodeownersPattern", "approval:\n  protected_paths: ['[ab]/OWNERS']\n",
                        List.of(".github/ownergate.yml:2:21: a protected path is not a valid CODEOWNERS pattern:"
                                + " '[ab]/OWNERS': CODEOWNERS has no `[ ]` character ranges; write one line per name,"
                                + " or use `?` for a single character")),
                Arguments.of("checkNameMustNotBeBlank", "check_name: ' '\n",
                        List.of(".github/ownergate.yml:1:13: 'check_name' must not be blank,"
                                + " e.g. \"check_name: code-owners\"")),
                Arguments.of("rootMustBeAMapping", "- approval\n",
                        List.of(".github/ownergate.yml:1:1: the file must be a YAML mapping of keys to values,"
                                + " e.g. \"approval: {mode: every-file}\"")),
                Arguments.of("yamlSyntaxErrorsArePositioned", "approval:\n  mode: [every-file\n",
                        List.of(".github/ownergate.yml:3:1: invalid YAML: expected ',' or ']', but got <stream end>"
                                + " (while parsing a flow sequence at line 2)")),
                Arguments.of("everyProblemIsReportedNotOnlyTheFirst",
                        "approval:\n  mode: x\n  min_approvals: -1\nextra: 1\n",
                        List.of(".github/ownergate.yml:2:9: 'mode' must be one of any-owner, every-file, not 'x',"
                                        + " e.g. \"mode: every-file\"",
                                ".github/ownergate.yml:3:18: 'min_approvals' must be a whole number of at least 1,"
                                        + " e.g. \"min_approvals: 2\"",
                                ".github/ownergate.yml:4:1: warning: unknown key 'extra' is ignored;"
                                        + " the keys here are approval, check_name, override, owners,"
                                        + " request_reviews")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidFileHasNoPolicyOnlyPositionedProblems(String rule, String text, List<String> expected) {
        PolicyConfig.Parsed parsed = PolicyConfig.parse(PATH, text);
        assertThat(parsed.problems()).extracting(Diagnostic::format).containsExactlyElementsOf(expected);
        assertThat(parsed.config()).isEmpty();
        assertThat(parsed.valid()).isFalse();
    }

    @Test
    void oneBadValueFailsTheWholeFileNeverFallingBackToTheDefaults() {
        PolicyConfig.Parsed parsed = PolicyConfig.parse(PATH, "approval:\n  min_approvals: 2\n  unowned_files: blok\n");
        assertThat(parsed.config()).as("a repository that asked for 2 approvals must not pass with the default 1")
                .isEmpty();
    }

    @Test
    void describeSummarisesThePolicyInOneLine() {
        assertThat(PolicyConfig.DEFAULTS.describe()).isEqualTo("every-file, 1 approval, unowned files: allow");
        assertThat(PolicyConfig.parse(PATH, "approval: {mode: every-file, min_approvals: 2, allow_author: true,"
                + " invalidate_on_push: true}").config().orElseThrow().describe())
                .isEqualTo("every-file, 2 approvals, unowned files: allow, author-owners approve,"
                        + " approvals reset on push");
    }
}
