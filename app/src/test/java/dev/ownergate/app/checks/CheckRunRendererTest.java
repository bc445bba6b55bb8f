package dev.ownergate.app.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.app.policy.ChangedFile;
import dev.ownergate.app.policy.Evaluation;
import dev.ownergate.app.policy.EvaluationInput;
import dev.ownergate.app.policy.PolicyConfig;
import dev.ownergate.app.policy.PullRequestFacts;
import dev.ownergate.app.policy.Review;
import dev.ownergate.app.policy.Verdict;
import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.owners.Owner;
import dev.ownergate.ownership.FileOwnership;
import dev.ownergate.ownership.OwnershipRules;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CheckRunRendererTest {

    /** Every path is owned by the login named by its first folder ("alice/x" -> @alice); "free/..." is unowned. */
    private static final OwnershipRules FIRST_FOLDER = new OwnershipRules() {
        @Override
        public FileOwnership ownersOf(String path) {
            String first = path.substring(0, path.indexOf('/'));
            TreeSet<Owner> owners = new TreeSet<>();
            if (!first.equals("free")) {
                owners.add(Owner.user(first));
            }
            return new FileOwnership(path, owners, false, new TreeSet<>(), owners.isEmpty() ? "" : first + "/OWNERS:1",
                    List.of());
        }

        @Override
        public String sourceDescription() {
            return "OWNERS files";
        }
    };

    private static Verdict verdict(List<String> paths, List<String> approvers, List<Diagnostic> problems) {
        List<ChangedFile> files = paths.stream().map(ChangedFile::modified).toList();
        List<Review> reviews = new ArrayList<>();
        for (int i = 0; i < approvers.size(); i++) {
            reviews.add(new Review(i, approvers.get(i), Review.ReviewState.APPROVED, "head1234567890",
                    Instant.ofEpochSecond(i)));
        }
        PolicyConfig every = PolicyConfig.parse("p", "approval: {mode: every-file}").config().orElseThrow();
        return Evaluation.evaluate(new EvaluationInput(
                new PullRequestFacts("acme/w", 7, "dave", "head1234567890", "main", "base", files, true, reviews),
                FIRST_FOLDER, "OWNERS files at abc1234", every, problems, Map.of()));
    }

    @Test
    void renderedCheckCarriesNameConclusionTitleAndUrl() {
        Verdict v = verdict(List.of("alice/a", "bob/b"), List.of("alice"), List.of());
        CheckRunText text = CheckRunRenderer.render(v, "code-owners", "https://example.com/d");
        assertThat(text.name()).isEqualTo("code-owners");
        assertThat(text.conclusion()).isEqualTo("failure");
        assertThat(text.title()).isEqualTo("1 of 2 owned files needs approval");
        assertThat(text.detailsUrl()).isEqualTo("https://example.com/d");
        assertThat(CheckRunRenderer.render(verdict(List.of("alice/a"), List.of("alice"), List.of()), "x", null)
                .conclusion()).isEqualTo("success");
    }

    @Test
    void summaryStartsWithWhatIsMissingThenSuggestionsProblemsTablesAndReasons() {
        Verdict v = verdict(List.of("alice/a", "alice/b", "bob/c", "free/d"), List.of("alice"),
                List.of(Diagnostic.warning(".github/ownergate.yml", 2, 3, "unknown key 'approval.notes' is ignored")));
        String summary = CheckRunRenderer.render(v, "code-owners", null).summary();
        assertThat(summary).isEqualTo("""
                ## ❌ 1 of 3 owned files needs approval

                ### What is missing
                - <code>bob/c</code>: approval from @bob

                **Suggested reviewers:** @bob

                ### Problems in the policy or the rules
                - <code>.github/ownergate.yml:2:3: warning: unknown key 'approval.notes' is ignored</code>

                | Files | Owners | Status | Approved by |
                | --- | --- | --- | --- |
                | <code>bob/c</code> | @bob | ⏳ needs approval |  |
                | <code>alice/a</code><br><code>alice/b</code> | @alice | ✅ approved | @alice |
                | <code>free/d</code> | (no owner) | ➖ no approval needed |  |

                <details><summary>Why, file by file</summary>

                - <code>alice/a</code> (modified): owned by @alice (alice/OWNERS:1); approved by @alice
                - <code>alice/b</code> (modified): owned by @alice (alice/OWNERS:1); approved by @alice
                - <code>bob/c</code> (modified): owned by @bob (bob/OWNERS:1); needs 1 approval from its own owners
                - <code>free/d</code> (modified): no owner; no approval needed from owners (unowned_files: allow)

                </details>

                ---
                Rules: OWNERS files at abc1234 · Policy: every-file, 1 approval, unowned files: allow · Head: head12345678""");
    }

    @Test
    void invalidPolicyIsListedFirstWithHowToFixIt() {
        Verdict v = Evaluation.invalidPolicy("abc", "acme/w#7", ".github/ownergate.yml at 1234567",
                List.of(Diagnostic.error(".github/ownergate.yml", 3, 18, "'unowned_files' must be one of allow,"
                        + " require-approval, block, not 'blok', e.g. \"unowned_files: require-approval\"")));
        CheckRunText text = CheckRunRenderer.render(v, "code-owners", null);
        assertThat(text.conclusion()).isEqualTo("failure");
        assertThat(text.title()).isEqualTo("Failed closed: .github/ownergate.yml at 1234567 has 1 error; fix it on the"
                + " base branch");
        assertThat(text.summary()).startsWith("## ❌ Failed closed: .github/ownergate.yml at 1234567 has 1 error; fix"
                + " it on the base branch\n\n### Problems in the policy or the rules\nThe policy file has errors, so"
                + " nothing was evaluated")
                .contains("- <code>.github/ownergate.yml:3:18: 'unowned_files' must be one of allow, require-approval,"
                        + " block, not 'blok', e.g. \"unowned_files: require-approval\"</code>");
    }

    /** 3,000 files with 3,000 different owners, none approved: far over GitHub's limit. */
    private static String hugeSummary() {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            paths.add("owner" + i + "/some/rather/long/path/to/a/file/number/" + i + ".java");
        }
        return CheckRunRenderer.render(verdict(paths, List.of(), List.of()), "c", null).summary();
    }

    @Test
    void hugeSummaryKeepsWhatIsMissingAndFromWhomFirst() {
        String summary = hugeSummary();
        assertThat(summary.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(CheckRunRenderer.MAX_SUMMARY);
        assertThat(summary).contains("### What is missing\n- <code>owner0/some/rather/long/path/to/a/file/number/0"
                + ".java</code>: approval from @owner0\n");
        String missing = summary.substring(summary.indexOf("### What is missing"), summary.indexOf("- … and 2970 more"));
        assertThat(missing.lines().filter(l -> l.startsWith("- <code>owner")).count())
                .isEqualTo(CheckRunRenderer.MISSING_SHOWN);
        assertThat(summary).contains("- … and 2970 more (see the tables below)");
        assertThat(summary.indexOf("### What is missing")).isLessThan(summary.indexOf("**Suggested reviewers:**"));
    }

    @Test
    void rulesWarningsAloneDoNotClaimTheDefaultPolicyApplies() {
        Verdict v = verdict(List.of("alice/a"), List.of("alice"), List.of(Diagnostic.warning(".github/CODEOWNERS", 3,
                1, "unknown owner (GitHub skips this line)")));
        String summary = CheckRunRenderer.render(v, "code-owners", null).summary();
        assertThat(summary).contains("""
                ### Problems in the policy or the rules
                - <code>.github/CODEOWNERS:3:1: warning: unknown owner (GitHub skips this line)</code>
                """).doesNotContain("default policy");
    }

    @Test
    void pathsCannotBreakTheTableOrInjectHtml() {
        Verdict v = verdict(List.of("alice/a|b<i>&"), List.of(), List.of());
        String summary = CheckRunRenderer.render(v, "code-owners", null).summary();
        assertThat(summary).contains("| <code>alice/a&#124;b&lt;i&gt;&amp;</code> | @alice |");
        assertThat(summary).doesNotContain("<i>");
    }

    @Test
    void longCellListsTwentyPathsThenACount() {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            paths.add("bob/f" + (100 + i));
        }
        String summary = CheckRunRenderer.render(verdict(paths, List.of(), List.of()), "c", null).summary();
        String row = summary.lines().filter(l -> l.startsWith("| <code>bob/")).findFirst().orElseThrow();
        assertThat(row).contains("<code>bob/f119</code><br>… and 5 more |").doesNotContain("bob/f120");
    }

    @Test
    void hugeSummaryIsCutBetweenRowsToGitHubsLimitAndSaysSo() {
        String summary = hugeSummary();

        assertThat(summary.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(CheckRunRenderer.MAX_SUMMARY);
        assertThat(summary.length()).isGreaterThan(CheckRunRenderer.MAX_SUMMARY - 1000);
        assertThat(summary).contains("_This summary was cut to fit GitHub's limit of 65,535 characters; run"
                + " `ownergate evaluate` locally to see it all._");
        assertThat(summary).endsWith("Head: head12345678");
        List<String> rows = summary.lines().filter(l -> l.startsWith("|")).toList();
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row).endsWith(" |"));
        // Each row is one owner group: every row present is complete, with its four cells.
        assertThat(rows).allSatisfy(row -> assertThat(row.split(" \\| ", -1)).hasSize(4));
        // The note follows a blank line, so it is not read as one more table row.
        assertThat(summary).contains("|\n\n_This summary was cut");
    }

    @Test
    void summaryCutInsideTheFileReasonsClosesTheDetailsBlock() {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            paths.add("alice/some/rather/long/path/to/a/file/number/" + i + ".java");
        }
        String summary = CheckRunRenderer.render(verdict(paths, List.of(), List.of()), "c", null).summary();
        assertThat(summary.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(CheckRunRenderer.MAX_SUMMARY);
        assertThat(summary).contains("<details>").contains("\n</details>\n\n_This summary was cut");
        assertThat(summary.indexOf("</details>")).isEqualTo(summary.lastIndexOf("</details>"));
    }

    @Test
    void summaryAtTheLimitIsKeptWhole() {
        Verdict v = verdict(List.of("alice/a"), List.of("alice"), List.of());
        String whole = CheckRunRenderer.summary(v, CheckRunRenderer.MAX_SUMMARY);
        int size = whole.getBytes(StandardCharsets.UTF_8).length;
        assertThat(CheckRunRenderer.summary(v, size)).isEqualTo(whole);
        assertThat(CheckRunRenderer.summary(v, size - 1)).contains("This summary was cut");
    }

    @Test
    void mergeGroupSummaryListsEachPullRequest() {
        Verdict ok = verdict(List.of("alice/a"), List.of("alice"), List.of());
        Verdict bad = verdict(List.of("bob/b"), List.of(), List.of());
        String summary = CheckRunRenderer.render(Evaluation.combine("mg", List.of(ok, bad)), "c", null).summary();
        assertThat(summary).contains("""
                | Pull request | Status | Why |
                | --- | --- | --- |
                | acme/w#7 | ✅ approved | Approved by code owners |
                | acme/w#7 | ❌ not approved | 1 of 1 owned file needs approval |
                """);
        assertThat(summary).contains("**Suggested reviewers:** @bob").doesNotContain("Why, file by file");
    }

    @Test
    void failedClosedVerdictRendersItsReason() {
        CheckRunText text = CheckRunRenderer.render(Evaluation.failClosed("abc", "Failed closed: bad OWNERS"), "c", null);
        assertThat(text.conclusion()).isEqualTo("failure");
        assertThat(text.title()).isEqualTo("Failed closed: bad OWNERS");
        assertThat(text.summary()).isEqualTo("## ❌ Failed closed: bad OWNERS\n\n---\nHead: abc");
    }
}
