package dev.ownergate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownergate.cli.OwnergateCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ownergate evaluate} end to end on a real git repository, with the real OWNERS loader. */
class EvaluateCommandTest {

    @TempDir
    Path dir;

    private GitRepo repo;

    private record Run(int exitCode, String out, String err) {}

    private Run evaluate(String... args) {
        List<String> all = new ArrayList<>(List.of("evaluate", "--root", dir.toString()));
        all.addAll(List.of(args));
        CommandLine cli = OwnergateCli.commandLine(List.of(new EvaluateCommand()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    /** main: root OWNERS by "lead"; src/ owned by alice (no parent owners); docs/ inherits lead. */
    @BeforeEach
    void baseRepository() throws IOException {
        repo = GitRepo.init(dir)
                .write("OWNERS", "approvers:\n  - lead\n")
                .write("src/OWNERS", "options:\n  no_parent_owners: true\napprovers:\n  - alice\n")
                .write("src/a.txt", "a\n")
                .write("docs/guide.md", "guide\n")
                .commitAll("base");
        repo.git("checkout", "-q", "-b", "feature");
    }

    @Test
    void changeApprovedByItsOwnerPassesWithExitZero() throws IOException {
        repo.write("src/a.txt", "changed\n").commitAll("change a");

        Run run = evaluate("--base", "main", "--approved-by", "alice");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("code-owners: success: Approved by code owners\n\n## ✅ Approved by code owners");
        assertThat(run.out()).contains("| <code>src/a.txt</code> | @alice | ✅ approved | @alice |");
        assertThat(run.out()).contains("Rules: OWNERS files at " + repo.git("rev-parse", "--short=7", "main"));
    }

    @Test
    void ownersSettingsAreReadAtTheBase() throws IOException {
        // An example folder with its own broken OWNERS file: ignored by owners.ignore at the base, it does not
        // fail the gate, and its files stay owned from above (like this repository's examples/).
        repo.git("checkout", "-q", "main");
        repo.write("examples/demo/OWNERS", "approvers: [\"demo!\"]\n").write("examples/demo/a.py", "a\n")
                .write(".github/ownergate.yml", "owners:\n  ignore: [\"/examples/\"]\n").commitAll("example");
        repo.git("checkout", "-q", "-b", "example-change");
        repo.write("examples/demo/a.py", "b\n").commitAll("change example");

        Run run = evaluate("--base", "main", "--approved-by", "lead");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("| <code>examples/demo/a.py</code> | @lead | ✅ approved | @lead |");
    }

    @Test
    void anInvalidOwnersSettingFailsClosed() throws IOException {
        repo.git("checkout", "-q", "main");
        repo.write(".github/ownergate.yml", "owners:\n  per_file_globs: fnmatch\n").commitAll("bad setting");
        repo.git("checkout", "-q", "-b", "after-bad-setting");
        repo.write("src/a.txt", "changed\n").commitAll("change a");

        Run run = evaluate("--base", "main", "--approved-by", "alice");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("Failed closed").contains(".github/ownergate.yml:2:19: 'owners.per_file_globs'"
                + " must be one of find-owners, one-folder, simple, not 'fnmatch'");
    }

    @Test
    void changeWithoutOwnerApprovalFailsWithExitOneAndSuggestsTheOwner() throws IOException {
        repo.write("src/a.txt", "changed\n").write("docs/guide.md", "new\n").commitAll("change");

        Run run = evaluate("--base", "main", "--approved-by", "carol", "--author", "dave");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("code-owners: failure: Needs approval from a code owner\n");
        assertThat(run.out()).contains("**Suggested reviewers:** @");
        assertThat(run.out()).contains("@carol's approval counts for no changed file");
    }

    @Test
    void pullRequestThatEditsItsOwnOwnersIsJudgedByTheBaseRules() throws IOException {
        // The change makes dave an owner of src/ and dave approves: the base rules still say alice.
        repo.write("src/OWNERS", "options:\n  no_parent_owners: true\napprovers:\n  - alice\n  - dave\n")
                .write("src/a.txt", "changed\n").commitAll("make myself an owner");

        Run run = evaluate("--base", "main", "--approved-by", "dave", "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("passed").asBoolean()).isFalse();
        assertThat(json.get("title").asText()).isEqualTo("Needs approval from a code owner");
        JsonNode owners = json.get("files").get(0);
        assertThat(owners.get("path").asText()).isEqualTo("src/OWNERS");
        assertThat(owners.get("owners").toString()).isEqualTo("[\"@alice\"]");
        assertThat(owners.get("protectedBy").asText()).isEqualTo("**/OWNERS");
        assertThat(json.get("suggestedReviewers").toString()).isEqualTo("[\"alice\"]");
    }

    @Test
    void protectedOwnersFileNeedsItsOwnOwnersEvenWhenAnotherOwnerApproved() throws IOException {
        repo.write("OWNERS", "approvers:\n  - lead\n  - erin\n").write("src/a.txt", "changed\n").commitAll("edit");

        Run withAlice = evaluate("--base", "main", "--approved-by", "alice");
        Run withBoth = evaluate("--base", "main", "--approved-by", "alice,lead");

        assertThat(withAlice.exitCode()).isEqualTo(1);
        assertThat(withAlice.out()).startsWith("code-owners: failure: 1 of 2 owned files needs approval\n");
        assertThat(withBoth.exitCode()).as(withBoth.out()).isZero();
    }

    @Test
    void jsonHasTheDocumentedShape() throws IOException {
        repo.git("mv", "src/a.txt", "docs/a.txt");
        repo.commitAll("move a");

        Run run = evaluate("--base", "main", "--approved-by", "lead", "--json");

        JsonNode json = new ObjectMapper().readTree(run.out());
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("schemaVersion", "passed", "conclusion", "checkName", "title", "base", "head",
                "rulesSource", "policy", "files", "approvers", "blockedBy", "suggestedReviewers", "problems", "notes",
                "summary");
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("head").get("sha").asText()).isEqualTo(repo.git("rev-parse", "HEAD"));
        assertThat(json.get("base").get("ref").asText()).isEqualTo("main");
        // A rename needs the owners of both paths: lead approved docs/a.txt, alice has not approved src/a.txt.
        JsonNode files = json.get("files");
        assertThat(files).hasSize(2);
        assertThat(files.get(0).get("path").asText()).isEqualTo("docs/a.txt");
        assertThat(files.get(0).get("change").asText()).isEqualTo("renamed");
        assertThat(files.get(1).get("path").asText()).isEqualTo("src/a.txt");
        List<String> fileKeys = new ArrayList<>();
        files.get(0).fieldNames().forEachRemaining(fileKeys::add);
        assertThat(fileKeys).containsExactly("path", "change", "requirement", "status", "owners", "anyone",
                "protectedBy", "decidedBy", "approvedBy", "blockedBy", "why");
        assertThat(json.get("passed").asBoolean()).isTrue(); // any-owner mode: one owner's approval covers both
        assertThat(files.get(1).get("status").asText()).isEqualTo("approved");
        assertThat(files.get(1).get("requirement").asText()).isEqualTo("any-code-owner");
        assertThat(json.get("summary").asText()).startsWith("## ✅ Approved by code owners");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void policyFileOptionOverridesTheBasePolicy() throws IOException {
        repo.git("mv", "src/a.txt", "docs/a.txt");
        repo.commitAll("move a");
        Path policy = Files.writeString(dir.resolve("try.yml"), "approval:\n  mode: every-file\n");

        Run run = evaluate("--base", "main", "--approved-by", "lead", "--policy", policy.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("code-owners: failure: 1 of 2 owned files needs approval\n");
        assertThat(run.out()).contains("Policy: every-file, 1 approval");
    }

    @Test
    void basePolicyIsReadFromTheBaseNotTheHead() throws IOException {
        repo.git("checkout", "-q", "main");
        repo.write(".github/ownergate.yml", "check_name: owners-at-base\n").commitAll("policy");
        repo.git("checkout", "-q", "-b", "change");
        repo.write(".github/ownergate.yml", "check_name: owners-at-head\n").write("src/a.txt", "x\n").commitAll("c");

        Run run = evaluate("--base", "main", "--approved-by", "alice");

        assertThat(run.out()).startsWith("owners-at-base: ");
    }

    @Test
    void invalidBasePolicyFallsBackToTheDefaultsAndIsShown() throws IOException {
        repo.git("checkout", "-q", "main");
        repo.write(".github/ownergate.yml", "approval:\n  mode: all\n").commitAll("bad policy");
        repo.git("checkout", "-q", "-b", "change");
        repo.write("src/a.txt", "x\n").commitAll("c");

        Run run = evaluate("--base", "main", "--approved-by", "alice");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("The policy file has errors, so the default policy applies.")
                .contains(".github/ownergate.yml:2:9: 'mode' must be one of any-owner, every-file, not 'all'");
    }

    @Test
    void ownersFileThatDoesNotParseAtTheBaseFailsClosed() throws IOException {
        repo.git("checkout", "-q", "main");
        repo.write("src/OWNERS", "approvers: [alice\n").commitAll("broken");
        repo.git("checkout", "-q", "-b", "change");
        repo.write("src/a.txt", "x\n").commitAll("c");

        Run run = evaluate("--base", "main", "--approved-by", "alice");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("code-owners: failure: Failed closed: the OWNERS files at ");
        assertThat(run.err()).contains("src/OWNERS:");
    }

    @Test
    void teamOptionTellsWhoIsInAnOwningTeam() throws IOException {
        repo.git("checkout", "-q", "main");
        repo.write("lib/OWNERS", "options:\n  no_parent_owners: true\napprovers:\n  - acme/core\n").commitAll("team");
        repo.git("checkout", "-q", "-b", "change");
        repo.write("lib/x.txt", "x\n").commitAll("c");

        assertThat(evaluate("--base", "main", "--approved-by", "erin").exitCode()).isEqualTo(1);
        assertThat(evaluate("--base", "main", "--approved-by", "erin", "--team", "acme/core=erin,frank").exitCode())
                .isZero();
    }

    @Test
    void uncommittedChangesAreNotEvaluated() throws IOException {
        repo.write("src/a.txt", "dirty\n");

        Run run = evaluate("--base", "main");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("code-owners: success: No changed files");
    }

    @Test
    void unknownRefIsAnInputErrorWithExitTwo() {
        Run run = evaluate("--base", "no-such-branch");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("ownergate evaluate: --base no-such-branch: 'no-such-branch' is not a commit");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void invalidPolicyFileOptionIsAnInputErrorWithExitTwo() throws IOException {
        Path policy = Files.writeString(dir.resolve("bad.yml"), "approval:\n  min_approvals: 0\n");
        Run run = evaluate("--base", "main", "--policy", policy.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(policy + ":2:18: 'min_approvals' must be a whole number of at least 1");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void malformedLoginIsAnInputErrorWithExitTwo() {
        Run run = evaluate("--base", "main", "--approved-by", "not a login");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("ownergate evaluate: --approved-by: 'not a login' is not a GitHub login;"
                + " write a login such as alice\n");
    }

    @Test
    void missingBaseIsAUsageErrorWithExitTwo() {
        Run run = evaluate();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--base=REF'");
    }
}
