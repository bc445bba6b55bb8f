package dev.ownergate.app.cli;

import dev.ownergate.app.checks.CheckRunRenderer;
import dev.ownergate.app.checks.CheckRunText;
import dev.ownergate.app.policy.ChangedFile;
import dev.ownergate.app.policy.Evaluation;
import dev.ownergate.app.policy.EvaluationInput;
import dev.ownergate.app.policy.PolicyConfig;
import dev.ownergate.app.server.PolicyGate;
import dev.ownergate.app.policy.PullRequestFacts;
import dev.ownergate.app.policy.PushedChanges;
import dev.ownergate.app.policy.Review;
import dev.ownergate.app.policy.Verdict;
import dev.ownergate.cli.OwnergateCli;
import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.owners.Owner;
import dev.ownergate.ownership.OwnershipLoader;
import dev.ownergate.repo.GitChanges;
import dev.ownergate.repo.GitRevision;
import dev.ownergate.settings.OwnersSettings;
import dev.ownergate.settings.OwnersSettingsParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ownergate evaluate}: the check run's evaluation on a local git checkout, to try a change or a policy
 * before pushing. Rules and policy come from the BASE commit, as in the app.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate the code-owners gate for the changes from BASE to HEAD, exactly as the check run would.",
            "The changed files are those of 'git diff BASE...HEAD' (from the merge base, like a pull request);"
                    + " uncommitted changes are not included, so commit first.",
            "Ownership rules (OWNERS or CODEOWNERS) and the policy (.github/ownergate.yml) are read at BASE."
        },
        footer = {"", "Exit codes: 0 the gate passes, 1 the gate fails, 2 invalid input or usage.",
                "The --json shape is documented in docs/evaluate-json.md."})
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--base", required = true, paramLabel = "REF",
            description = "The branch the change would merge into, e.g. main or origin/main.")
    String base;

    @Option(names = "--head", paramLabel = "REF", defaultValue = "HEAD",
            description = "The commit with the change (default: ${DEFAULT-VALUE}).")
    String head;

    @Option(names = "--approved-by", split = ",", paramLabel = "LOGIN[@REV]",
            description = {"GitHub logins whose approvals to assume (comma-separated, repeatable), on the head commit"
                    + " or, with @REV, on an older commit (e.g. alice@HEAD~1), to try invalidate_on_push.",
                "A login ending in [bot] is a bot account (renovate[bot])."})
    List<String> approvedBy = new ArrayList<>();

    @Option(names = "--author", paramLabel = "LOGIN",
            description = "The pull request's author (default: none). An author never approves their own change.")
    String author;

    @Option(names = "--team", paramLabel = "ORG/TEAM=LOGIN[,LOGIN...]",
            description = {"The members of an owning team, so their approvals count for it (repeatable).",
                "Without this a team's members are unknown locally and no approval counts for the team."})
    Map<String, String> teams = new LinkedHashMap<>();

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Use this policy file instead of .github/ownergate.yml at BASE (to try a policy change).")
    Path policyFile;

    @Option(names = "--json", description = "Print the verdict as JSON (docs/evaluate-json.md) instead of markdown.")
    boolean json;

    @Option(names = "--root", paramLabel = "DIR", description = "The git repository (default: the current folder).")
    Path root = Path.of(".");

    /** A command-line input the user must fix; exit code 2. */
    private static final class InvalidInput extends Exception {
        InvalidInput(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Evaluated result;
        try {
            result = evaluate(err);
        } catch (InvalidInput e) {
            err.println("ownergate evaluate: " + e.getMessage());
            return OwnergateCli.EXIT_INVALID;
        }
        Verdict v = result.verdict();
        CheckRunText check = CheckRunRenderer.render(v, result.checkName(), null);
        if (json) {
            out.print(VerdictJson.write(v, check.name(), CheckRunRenderer.fullSummary(v), base, result.baseSha(),
                    head, result.headSha()));
        } else {
            out.println(check.name() + ": " + check.conclusion() + ": " + check.title());
            out.println();
            out.println(CheckRunRenderer.fullSummary(v));
        }
        out.flush();
        return v.passed() ? OwnergateCli.EXIT_OK : OwnergateCli.EXIT_PROBLEMS;
    }

    private record Evaluated(Verdict verdict, String checkName, String baseSha, String headSha) {}

    private Evaluated evaluate(PrintWriter err) throws IOException, InvalidInput {
        Path dir = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new InvalidInput(root + " is not a folder (give the repository with --root DIR)");
        }
        String authorLogin = author == null ? null : login(author, "--author");
        Map<Owner, Set<String>> teamMembers = teamMembers();

        GitRevision baseRev = revision(dir, base, "--base");
        GitRevision headRev = revision(dir, head, "--head");
        List<Review> reviews = new ArrayList<>();
        for (String a : approvedBy) {
            if (!a.isBlank()) {
                reviews.add(approval(dir, a.strip(), reviews.size() + 1, headRev.commit()));
            }
        }
        PolicyConfig.Parsed parsed = policy(baseRev);
        PolicyConfig config = parsed.config().orElseThrow();

        List<ChangedFile> files = new ArrayList<>();
        // Three dots: from the merge base, so commits on BASE since the branch point are not the change's.
        List<GitChanges.Change> changes;
        try {
            changes = GitChanges.between(dir, baseRev.commit() + "..." + headRev.commit());
        } catch (IOException e) {
            throw new InvalidInput("cannot list the changes from " + base + " to " + head + ": " + e.getMessage());
        }
        for (GitChanges.Change c : changes) {
            files.add(switch (c.kind()) {
                case ADDED, COPIED -> ChangedFile.added(c.path());
                case REMOVED -> ChangedFile.removed(c.path());
                case RENAMED -> ChangedFile.renamed(c.previousPath(), c.path());
                case MODIFIED, TYPE_CHANGED -> ChangedFile.modified(c.path());
            });
        }
        Set<String> paths = new LinkedHashSet<>();
        files.forEach(f -> paths.addAll(f.pathsToApprove()));

        String headSha = headRev.commit();
        String at = " at " + shortSha(baseRev.commit());
        OwnershipLoader.Loaded loaded = policyFile == null ? OwnershipLoader.load(baseRev, paths)
                : OwnershipLoader.load(baseRev, paths, ownersSettings(policyFile));
        if (loaded.rules().isEmpty() || loaded.hasErrors()) {
            // The same failure the check run shows: rules that do not parse never mean "unowned".
            loaded.problems().forEach(d -> err.println(d.format()));
            List<Diagnostic> errors = loaded.problems().stream().filter(Diagnostic::isError).toList();
            String first = errors.isEmpty() ? "" : ": " + errors.getFirst().format()
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
            Verdict failed = Evaluation.failClosed(headSha,
                    "Failed closed: the " + loaded.source() + at + " do not parse" + first);
            return new Evaluated(failed, config.checkName(), baseRev.commit(), headSha);
        }

        PullRequestFacts facts = new PullRequestFacts("local", 0, authorLogin, headSha, base, baseRev.commit(), files,
                true, reviews);
        List<Diagnostic> problems = new ArrayList<>(parsed.problems());
        problems.addAll(loaded.problems());
        Verdict v = Evaluation.evaluate(new EvaluationInput(facts, loaded.rules().get(), loaded.source() + at,
                config, problems, teamMembers, changesSince(dir, config, facts)));
        return new Evaluated(v, config.checkName(), baseRev.commit(), headSha);
    }

    /** {@code alice} (on the head) or {@code alice@REV} (on an older commit), as one approving review. */
    private static Review approval(Path dir, String text, int id, String headSha) throws InvalidInput {
        int at = text.indexOf('@', 1);
        String who = at < 0 ? text : text.substring(0, at);
        String sha = headSha;
        if (at >= 0) {
            String rev = text.substring(at + 1);
            if (rev.isEmpty()) {
                throw new InvalidInput("--approved-by " + text + ": name a commit after @, e.g. alice@HEAD~1");
            }
            sha = revision(dir, rev, "--approved-by " + text).commit();
        }
        boolean bot = Review.isBotLogin(who);
        String login = bot ? login(who.substring(0, who.length() - "[bot]".length()), "--approved-by") + "[bot]"
                : login(who, "--approved-by");
        return new Review(id, login, Review.ReviewState.APPROVED, sha, Instant.EPOCH.plusSeconds(id), bot);
    }

    /** For owned-changes: what changed from each older approved commit to the head, from git itself. */
    private static Map<String, PushedChanges> changesSince(Path dir, PolicyConfig config, PullRequestFacts facts) {
        Map<String, PushedChanges> changes = new LinkedHashMap<>();
        for (String sha : Evaluation.commitsToCompare(config, facts)) {
            try {
                Set<String> paths = new LinkedHashSet<>();
                GitChanges.between(dir, sha + ".." + facts.headSha()).forEach(c -> paths.addAll(c.pathsToApprove()));
                changes.put(sha, new PushedChanges.Listed(paths));
            } catch (IOException e) {
                changes.put(sha, new PushedChanges.Unknown("git cannot compare that commit with the head"));
            }
        }
        return changes;
    }

    private PolicyConfig.Parsed policy(GitRevision baseRev) throws IOException, InvalidInput {
        if (policyFile == null) {
            PolicyConfig.Parsed parsed = PolicyGate.policyAt(baseRev);
            if (!parsed.valid()) {
                // As the check run: an invalid policy fails closed, never falls back to the defaults.
                List<String> lines = parsed.problems().stream().map(Diagnostic::format).toList();
                throw new InvalidInput("the policy " + PolicyConfig.PATH + " at " + base + " is invalid, so the gate"
                        + " fails closed; fix it on " + base + " (or try a fixed copy with --policy FILE):\n"
                        + String.join("\n", lines));
            }
            return parsed;
        }
        String text;
        try {
            text = Files.readString(policyFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInput("cannot read the policy file " + policyFile + " (" + e.getMessage() + ")");
        }
        PolicyConfig.Parsed parsed = PolicyConfig.parse(policyFile.toString(), text);
        if (!parsed.valid()) {
            // A policy given on the command line is being tried out: say what is wrong instead of using defaults.
            List<String> lines = parsed.problems().stream().map(Diagnostic::format).toList();
            throw new InvalidInput("the policy file " + policyFile + " is invalid:\n" + String.join("\n", lines));
        }
        return parsed;
    }

    /** The owners settings of a policy file being tried out; the file's other problems are reported by policy(). */
    private static OwnersSettings ownersSettings(Path file) throws IOException, InvalidInput {
        OwnersSettingsParser.Result parsed = OwnersSettingsParser.parse(file.toString(),
                Files.readString(file, StandardCharsets.UTF_8));
        if (parsed.hasErrors()) {
            throw new InvalidInput("the policy file " + file + " is invalid:\n" + String.join("\n",
                    parsed.diagnostics().stream().map(Diagnostic::format).toList()));
        }
        return parsed.settings();
    }

    private Map<Owner, Set<String>> teamMembers() throws InvalidInput {
        Map<Owner, Set<String>> members = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : teams.entrySet()) {
            Optional<Owner> team = Owner.parse(e.getKey()).filter(Owner::isTeam);
            if (team.isEmpty()) {
                throw new InvalidInput("--team " + e.getKey() + "=...: '" + e.getKey()
                        + "' is not a team; write it as org/team, e.g. --team acme/core=alice,bob");
            }
            Set<String> logins = new LinkedHashSet<>();
            for (String m : e.getValue().split(",")) {
                if (!m.isBlank()) {
                    logins.add(login(m.strip(), "--team " + e.getKey()));
                }
            }
            members.put(team.get(), logins);
        }
        return members;
    }

    private static String login(String text, String option) throws InvalidInput {
        Optional<Owner> owner = Owner.parse(text).filter(o -> o.kind() == Owner.Kind.USER);
        if (owner.isEmpty()) {
            throw new InvalidInput(option + ": '" + text + "' is not a GitHub login; write a login such as alice");
        }
        return owner.get().name();
    }

    private static GitRevision revision(Path dir, String ref, String option) throws InvalidInput {
        try {
            return GitRevision.at(dir, ref);
        } catch (IOException e) {
            throw new InvalidInput(option + " " + ref + ": " + e.getMessage());
        }
    }

    private static String shortSha(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }
}
