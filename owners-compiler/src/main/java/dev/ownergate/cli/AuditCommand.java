package dev.ownergate.cli;

import dev.ownergate.audit.AuditReport;
import dev.ownergate.audit.CodeownersRuleIndex;
import dev.ownergate.audit.OwnershipAudit;
import dev.ownergate.audit.ReportFormat;
import dev.ownergate.codeowners.CodeownersRules;
import dev.ownergate.repo.WorkTree;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ownergate audit}: coverage, per-owner load and bus factor, and dead, shadowed and duplicate
 * CODEOWNERS rules, as text, JSON, CSV or one HTML page. Ownership comes from the same rules as {@code who};
 * the rule checks are on the CODEOWNERS file GitHub enforces (the compiled one when OWNERS files exist).
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = {"Report ownership coverage, owners' load and bus factor, and dead, shadowed or duplicate rules."},
        footer = {"", "The JSON shape is documented in docs/cli-json.md.",
                "Exit codes: 0 ok, 1 coverage below --fail-under, 2 invalid input or usage."})
public final class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RepoOptions repository;

    @Option(names = "--codeowners", paramLabel = "FILE",
            description = "Audit this CODEOWNERS file instead of the repository's OWNERS or CODEOWNERS files.")
    Path codeownersFile;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text, json, csv or html (default: text).")
    String format = "text";

    @Option(names = "--output", paramLabel = "FILE",
            description = "Write the report here, atomically (default: standard output).")
    Path output;

    @Option(names = "--fail-under", paramLabel = "PCT",
            description = "Exit 1 when fewer than PCT percent of the files have an owner.")
    Double failUnder;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReportFormat reportFormat;
        try {
            reportFormat = ReportFormat.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("ownergate audit: unknown --format '" + format + "'; use text, json, csv or html");
            return OwnergateCli.EXIT_INVALID;
        }
        if (failUnder != null && (failUnder.isNaN() || failUnder < 0 || failUnder > 100)) {
            err.println("ownergate audit: --fail-under takes a percentage from 0 to 100, not " + failUnder);
            return OwnergateCli.EXIT_INVALID;
        }
        try {
            PhaseTimer timer = PhaseTimer.fromEnvironment(err);
            WorkTree openedTree = repository.openTree();
            RepoOptions.warnAboutIndex(openedTree, err, "audit");
            RepoRules rules = RepoRules.load(openedTree, codeownersFile, List.of(), repository.settings(openedTree));
            timer.lap("list and load rules");
            rules.problems.stream().sorted().forEach(d -> err.println(d.format()));
            if (!rules.ok()) {
                err.println("ownergate audit: the ownership rules have errors; fix them first (see above)");
                return OwnergateCli.EXIT_INVALID;
            }
            rules.codeownersDisagreement(rules.tree.files()).forEach(d -> err.println(d.format()));
            AuditReport report = audit(rules);
            timer.lap("audit");
            StringBuilder text = new StringBuilder(1 << 16);
            reportFormat.render(report, text);
            timer.lap("render");
            if (output == null) {
                out.print(text);
                out.flush();
            } else {
                CompileCommand.writeAtomically(output.toAbsolutePath().normalize(), text.toString());
                err.println("ownergate audit: wrote " + output);
            }
            timer.lap("write");
            if (failUnder != null && report.coverageBelow(failUnder)) {
                err.printf(Locale.ROOT, "ownergate audit: %.2f%% of files have an owner, below --fail-under %s%n",
                        report.coverage().percentOwned(), failUnder);
                return OwnergateCli.EXIT_PROBLEMS;
            }
            return OwnergateCli.EXIT_OK;
        } catch (InputException e) {
            err.println("ownergate audit: " + e.getMessage());
            return OwnergateCli.EXIT_INVALID;
        }
    }

    /** One pass through the indexed matcher when the rules are a CODEOWNERS file; otherwise two. */
    static AuditReport audit(RepoRules repo) {
        WorkTree tree = repo.tree;
        if (repo.rules instanceof CodeownersRules c) {
            return OwnershipAudit.of(tree.files(), CodeownersRuleIndex.of(c.file().path(), c.matcher()));
        }
        return OwnershipAudit.of(tree.files(), repo.rules, repo.codeowners().map(CodeownersRuleIndex::of));
    }
}
