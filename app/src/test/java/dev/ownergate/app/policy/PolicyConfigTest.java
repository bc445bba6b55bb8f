package dev.ownergate.app.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.app.policy.PolicyConfig.ApprovalMode;
import dev.ownergate.app.policy.PolicyConfig.UnownedFiles;
import dev.ownergate.diagnostics.Diagnostic;
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
        assertThat(d.mode()).isEqualTo(ApprovalMode.ANY_OWNER);
        assertThat(d.minApprovals()).isEqualTo(1);
        assertThat(d.unownedFiles()).isEqualTo(UnownedFiles.ALLOW);
        assertThat(d.allowAuthor()).isFalse();
        assertThat(d.invalidateOnPush()).isFalse();
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
                  invalidate_on_push: yes
                  block_on_changes_requested: false
                  protected_paths: ["**/OWNERS", docs/SECURITY.md]
                request_reviews: true
                check_name: owners
                """);
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.config()).isEqualTo(new PolicyConfig(ApprovalMode.EVERY_FILE, 2, UnownedFiles.BLOCK, true,
                true, false, List.of("**/OWNERS", "docs/SECURITY.md"), true, "owners"));
    }

    @Test
    void missingKeysKeepTheirDefaults() {
        PolicyConfig.Parsed parsed = PolicyConfig.parse(PATH, "approval:\n  mode: every-file\n");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.config().mode()).isEqualTo(ApprovalMode.EVERY_FILE);
        assertThat(parsed.config().minApprovals()).isEqualTo(1);
        assertThat(parsed.config().checkName()).isEqualTo("code-owners");
    }

    @Test
    void emptyOrCommentOnlyFileIsTheDefaults() {
        assertThat(PolicyConfig.parse(PATH, "")).isEqualTo(new PolicyConfig.Parsed(PolicyConfig.DEFAULTS, List.of()));
        assertThat(PolicyConfig.parse(PATH, "# nothing yet\n"))
                .isEqualTo(new PolicyConfig.Parsed(PolicyConfig.DEFAULTS, List.of()));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("unknownTopLevelKeyIsAProblem", "approvals:\n  mode: every-file\n",
                        List.of(".github/ownergate.yml:1:1: unknown key 'approvals';"
                                + " the keys here are approval, check_name, override, request_reviews")),
                Arguments.of("unknownApprovalKeyIsAProblem", "approval:\n  min_approval: 2\n",
                        List.of(".github/ownergate.yml:2:3: unknown key 'approval.min_approval'; the keys here are"
                                + " allow_author, block_on_changes_requested, invalidate_on_push, min_approvals,"
                                + " mode, protected_paths, unowned_files")),
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
                        List.of(".github/ownergate.yml:2:21: protected path is not a valid CODEOWNERS pattern:"
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
                                ".github/ownergate.yml:4:1: unknown key 'extra';"
                                        + " the keys here are approval, check_name, override, request_reviews")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidFileFallsBackToTheDefaultsWithPositionedProblems(String rule, String text, List<String> expected) {
        PolicyConfig.Parsed parsed = PolicyConfig.parse(PATH, text);
        assertThat(parsed.problems()).extracting(Diagnostic::format).containsExactlyElementsOf(expected);
        assertThat(parsed.config()).isEqualTo(PolicyConfig.DEFAULTS);
        assertThat(parsed.valid()).isFalse();
    }

    @Test
    void oneBadValueDiscardsTheWholeFileNotJustThatKey() {
        PolicyConfig.Parsed parsed = PolicyConfig.parse(PATH, "approval:\n  mode: every-file\n  min_approvals: x\n");
        assertThat(parsed.config().mode()).isEqualTo(ApprovalMode.ANY_OWNER);
    }

    @Test
    void describeSummarisesThePolicyInOneLine() {
        assertThat(PolicyConfig.DEFAULTS.describe()).isEqualTo("any-owner, 1 approval, unowned files: allow");
        assertThat(PolicyConfig.parse(PATH, "approval: {mode: every-file, min_approvals: 2, allow_author: true,"
                + " invalidate_on_push: true}").config().describe())
                .isEqualTo("every-file, 2 approvals, unowned files: allow, author-owners approve,"
                        + " approvals reset on push");
    }
}
