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
        assertThat(run.out()).startsWith("code-owners: failure: 2 of 2 owned files need approval\n");
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
        assertThat(json.get("title").asText()).isEqualTo("2 of 2 owned files need approval");
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

        Path anyOwner = Files.writeString(dir.resolve("any.yml"), "approval: {mode: any-owner}\n");
        Run run = evaluate("--base", "main", "--approved-by", "lead", "--json", "--policy", anyOwner.toString());

        JsonNode json = new ObjectMapper().readTree(run.out());
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("schemaVersion", "passed", "conclusion", "checkName", "title", "base", "head",
                "rulesSource", "policy", "files", "rules", "approvers", "blockedBy", "staleApprovals",
                "suggestedReviewers", "problems", "notes", "summary");
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
        // ... but src/a.txt is never shown as approved by lead, who does not own it.
        assertThat(files.get(1).get("status").asText()).isEqualTo("accepted-by-other-owners");
        assertThat(files.get(1).get("approvedBy").toString()).isEqualTo("[]");
        assertThat(files.get(1).get("requirement").asText()).isEqualTo("any-code-owner");
        assertThat(json.get("summary").asText()).startsWith("## ✅ Approved by code owners");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void policyFileOptionOverridesTheBasePolicy() throws IOException {
        repo.git("mv", "src/a.txt", "docs/a.txt");
        repo.commitAll("move a");
        Path policy = Files.writeString(dir.resolve("try.yml"), "approval:\n  mode: any-owner\n");

        Run everyFile = evaluate("--base", "main", "--approved-by", "lead");
        Run anyOwner = evaluate("--base", "main", "--approved-by", "lead", "--policy", policy.toString());

        assertThat(everyFile.exitCode()).isEqualTo(1);
        assertThat(everyFile.out()).startsWith("code-owners: failure: 1 of 2 owned files needs approval\n");
        assertThat(everyFile.out()).contains("Policy: every-file, 1 approval");
        assertThat(anyOwner.exitCode()).isZero();
        assertThat(anyOwner.out()).contains("Policy: any-owner, 1 approval");
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
    void invalidBasePolicyFailsClosedWithExitTwoAndPositionedErrors() throws IOException {
        repo.git("checkout", "-q", "main");
        repo.write(".github/ownergate.yml", "approval:\n  min_approvals: 2\n  unowned_files: blok\n")
                .commitAll("bad policy");
        repo.git("checkout", "-q", "-b", "change");
        repo.write("src/a.txt", "x\n").commitAll("c");

        Run run = evaluate("--base", "main", "--approved-by", "alice");

        assertThat(run.exitCode()).as("never the defaults: one approval must not pass a policy asking for two")
                .isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("ownergate evaluate: the policy .github/ownergate.yml at main is invalid, so the"
                + " gate fails closed; fix it on main (or try a fixed copy with --policy FILE):\n"
                + ".github/ownergate.yml:3:18: 'unowned_files' must be one of allow, require-approval, block, not"
                + " 'blok', e.g. \"unowned_files: require-approval\"\n");
    }

    @Test
    void unknownKeysFarFromAnyKnownOneAreWarningsInTheSummary() throws IOException {
        repo.git("checkout", "-q", "main");
        repo.write(".github/ownergate.yml", "approval:\n  notes: reviewed in March\n").commitAll("policy");
        repo.git("checkout", "-q", "-b", "change");
        repo.write("src/a.txt", "x\n").commitAll("c");

        Run run = evaluate("--base", "main", "--approved-by", "alice");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("<code>.github/ownergate.yml:2:3: warning: unknown key 'approval.notes' is"
                + " ignored;");
    }

    @Test
    void aPushDropsOnlyTheApprovalsItAffects() throws IOException {
        repo.git("checkout", "-q", "main");
        repo.write("lib/OWNERS", "options:\n  no_parent_owners: true\napprovers:\n  - bob\n").write("lib/b.txt", "b\n")
                .write(".github/ownergate.yml", "approval: {invalidate_on_push: owned-changes}\n").commitAll("policy");
        repo.git("checkout", "-q", "-b", "change");
        repo.write("src/a.txt", "a1\n").write("lib/b.txt", "b1\n").commitAll("first push");
        repo.write("lib/b.txt", "b2\n").commitAll("second push: only bob's file");

        Run run = evaluate("--base", "main", "--approved-by", "alice@HEAD~1,bob@HEAD~1");

        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).startsWith("code-owners: failure: 1 of 2 owned files needs approval\n");
        assertThat(run.out()).contains("### Approvals that no longer count\n- @bob approved "
                + repo.git("rev-parse", "--short=7", "HEAD~1") + "; since then lib/b.txt changed, which needs @bob's"
                + " approval (invalidate_on_push: owned-changes)\n");
        assertThat(run.out()).contains("| <code>src/a.txt</code> | @alice | ✅ approved | @alice |");
    }

    @Test
    void aBotsApprovalDoesNotCount() throws IOException {
        repo.write("src/a.txt", "changed\n").commitAll("change a");

        Run run = evaluate("--base", "main", "--approved-by", "alice[bot]");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("@alice[bot]'s approval does not count: it is a bot account");
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
