package dev.ownergate.cli;

import dev.ownergate.audit.JsonWriter;
import dev.ownergate.codeowners.CodeownersFile;
import dev.ownergate.codeowners.CodeownersMatcher;
import dev.ownergate.codeowners.CodeownersRule;
import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.owners.Owner;
import dev.ownergate.owners.OwnersTree;
import dev.ownergate.owners.Resolution;
import dev.ownergate.ownership.FileOwnership;
import dev.ownergate.repo.GitChanges;
import dev.ownergate.repo.WorkTree;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ownergate who}: each path's owners and the rule that decided it.
 *
 * <p>Answers from what {@code OwnershipLoader} picks (OWNERS files when the repository has any, else the
 * CODEOWNERS file GitHub uses), or from {@code --codeowners FILE}. {@code --explain} adds every CODEOWNERS rule
 * that matched, in order, and, with OWNERS files, the OWNERS chain that decided.
 */
@Command(
        name = "who",
        mixinStandardHelpOptions = true,
        description = {"Show who owns each path, and the rule that decided it (file:line)."},
        footer = {"", "Paths come from the arguments, --stdin (one per line) and --changed, in that order.",
                "The JSON shape is documented in docs/cli-json.md.",
                "Exit codes: 0 ok, 2 invalid input or usage."})
public final class WhoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RepoOptions repository;

    @Option(names = "--codeowners", paramLabel = "FILE",
            description = "Answer from this CODEOWNERS file instead of the repository's OWNERS or CODEOWNERS files.")
    Path codeownersFile;

    @Option(names = "--explain", description = "Show every rule that matched, in order, and the OWNERS chain.")
    boolean explain;

    @Option(names = "--json", description = "Write JSON (see docs/cli-json.md).")
    boolean json;

    @Option(names = "--stdin", description = "Also read paths from standard input, one per line.")
    boolean stdin;

    @Option(names = "--changed", paramLabel = "BASE[..HEAD]",
            description = "Also take the paths changed between two revisions (git diff --name-status); "
                    + "a rename gives both the old and the new path. Without HEAD, compares with the work tree.")
    String changed;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Repository-relative paths.")
    List<String> paths = new ArrayList<>();

    /** Where {@code --stdin} reads from; tests replace it. */
    InputStream input = System.in;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (paths.isEmpty() && !stdin && changed == null) {
            err.println("ownergate who: give at least one PATH, --stdin or --changed BASE[..HEAD]");
            return OwnergateCli.EXIT_INVALID;
        }
        try {
            // Like git: without --root, the work tree the current folder is in, and paths relative to that folder.
            Path cwd = Path.of("").toAbsolutePath().normalize();
            Optional<Path> top = repository.rootGiven() ? Optional.empty() : WorkTree.topLevel(cwd);
            WorkTree tree = top.isPresent() ? RepoOptions.openTree(top.get()) : repository.openTree();
            RepoOptions.warnAboutIndex(tree, err, "who");
            Path rootDir = tree.root();
            List<String> upFront = new ArrayList<>();
            int badPaths = 0;
            for (String p : paths) {
                try {
                    String given = top.isPresent() && !Path.of(p).isAbsolute() ? cwd.resolve(p).toString() : p;
                    upFront.add(RepoRules.repoPath(rootDir, given));
                } catch (InputException | java.nio.file.InvalidPathException e) {
                    // One bad path must not suppress the answers for the others; the exit code says it.
                    err.println("ownergate who: " + e.getMessage());
                    badPaths++;
                }
            }
            int fromArguments = upFront.size(); // --changed may name removed files: those are expected to be gone
            if (changed != null) {
                upFront.addAll(changedPaths(rootDir));
            }
            // With --stdin the paths are not known yet, so every OWNERS file is loaded.
            RepoRules rules = RepoRules.load(tree, codeownersFile, stdin ? List.of() : upFront, repository.settings(tree));
            rules.problems.stream().sorted().forEach(d -> err.println(d.format()));
            if (!rules.ok()) {
                err.println("ownergate who: the ownership rules have errors; fix them first (see above)");
                return OwnergateCli.EXIT_INVALID;
            }
            rules.codeownersDisagreement(upFront.stream().filter(p -> !p.isEmpty()).distinct().toList())
                    .forEach(d -> err.println(d.format()));
            Answerer answerer = new Answerer(rules, explain);
            Printer printer = json ? new JsonPrinter(out, rules.rules.sourceDescription()) : new TextPrinter(out);
            for (int i = 0; i < upFront.size(); i++) {
                String p = upFront.get(i);
                if (i < fromArguments && !tree.contains(p) && !isFolder(tree, p)) {
                    err.println("ownergate who: warning: " + p + " is not in the repository's file list;"
                            + " answering as for a new file there");
                }
                printer.print(answerer.answer(p));
            }
            int badLines = badPaths;
            if (stdin) {
                BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
                int lineNumber = 0;
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lineNumber++;
                    String p;
                    try {
                        p = RepoRules.repoPath(rootDir, line);
                    } catch (InputException e) {
                        // Keep going so the output stays one well-formed document; the exit code says it.
                        err.println(Diagnostic.error("<stdin>", lineNumber, 1, e.getMessage()).format());
                        badLines++;
                        continue;
                    }
                    if (!p.isEmpty()) {
                        printer.print(answerer.answer(p));
                    }
                }
            }
            printer.finish();
            out.flush();
            return badLines == 0 ? OwnergateCli.EXIT_OK : OwnergateCli.EXIT_INVALID;
        } catch (InputException e) {
            out.flush();
            err.println("ownergate who: " + e.getMessage());
            return OwnergateCli.EXIT_INVALID;
        }
    }

    private static boolean isFolder(WorkTree tree, String path) {
        List<String> files = tree.files();
        int i = java.util.Collections.binarySearch(files, path + "/");
        i = i < 0 ? -i - 1 : i;
        return i < files.size() && files.get(i).startsWith(path + "/");
    }

    private List<String> changedPaths(Path rootDir) throws InputException {
        Collection<String> unique = new LinkedHashSet<>();
        try {
            for (GitChanges.Change change : GitChanges.between(rootDir, changed)) {
                unique.addAll(change.pathsToApprove());
            }
        } catch (IOException e) {
            throw new InputException("--changed " + changed + ": " + e.getMessage());
        }
        return List.copyOf(unique);
    }

    /** One path's answer, with the explanation when asked. */
    record Answer(FileOwnership ownership, List<CodeownersRule> matches, String codeownersPath, List<Resolution.Step> chain) {}

    private static final class Answerer {
        private final RepoRules repo;
        private final boolean explain;
        private final CodeownersMatcher matcher;
        private final String codeownersPath;
        private final Optional<OwnersTree> ownersTree;

        Answerer(RepoRules repo, boolean explain) {
            this.repo = repo;
            this.explain = explain;
            Optional<CodeownersFile> file = explain ? repo.codeowners() : Optional.empty();
            this.matcher = file.map(f -> CodeownersMatcher.of(f.rules())).orElse(null);
            this.codeownersPath = file.map(CodeownersFile::path).orElse("");
            this.ownersTree = repo.ownersTree();
        }

        Answer answer(String path) {
            FileOwnership o = repo.rules.ownersOf(path);
            if (!explain) {
                return new Answer(o, List.of(), "", List.of());
            }
            List<CodeownersRule> matches = matcher == null ? List.of() : matcher.allMatches(path);
            List<Resolution.Step> chain = ownersTree.map(t -> t.resolve(path).chain()).orElse(List.of());
            return new Answer(o, matches, codeownersPath, chain);
        }
    }

    private interface Printer {
        void print(Answer a);

        void finish();
    }

    /** {@code path  @a @b  file:line}, one line per path, explanations indented below. */
    private static final class TextPrinter implements Printer {
        private final PrintWriter out;
        /** The last owner set written: the files of a folder share one set, so its text is made once. */
        private java.util.SortedSet<Owner> lastOwners;
        private String lastOwnersText;

        TextPrinter(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void print(Answer a) {
            FileOwnership o = a.ownership();
            StringBuilder line = new StringBuilder(o.path()).append("  ");
            if (o.anyone()) {
                line.append("* (anyone may approve)");
            } else if (o.isOwned()) {
                if (o.owners() != lastOwners) {
                    lastOwners = o.owners();
                    lastOwnersText = o.owners().stream().map(Owner::toString).collect(Collectors.joining(" "));
                }
                line.append(lastOwnersText);
            } else {
                line.append("(unowned)");
            }
            if (!o.decidedBy().isEmpty()) {
                line.append("  ").append(o.decidedBy());
            }
            out.println(line);
            if (!a.chain().isEmpty()) {
                out.println("    OWNERS chain, nearest folder first:");
                for (Resolution.Step step : a.chain()) {
                    out.println("      " + step.describe());
                }
            }
            if (!a.codeownersPath().isEmpty()) {
                if (a.matches().isEmpty()) {
                    out.println("    " + a.codeownersPath() + ": no rule matches");
                } else {
                    out.println("    " + a.codeownersPath() + " rules that match, in order (the last one decides):");
                    for (int i = 0; i < a.matches().size(); i++) {
                        CodeownersRule r = a.matches().get(i);
                        out.println("      " + a.codeownersPath() + ":" + r.line() + "  " + r.toLine()
                                + (r.isUnowned() ? "  (no owners)" : "") + (i == a.matches().size() - 1 ? "  <- decides" : ""));
                    }
                }
            }
        }

        @Override
        public void finish() {}
    }

    /** Streams one JSON document, so a large {@code --stdin} batch is never held in memory. */
    private static final class JsonPrinter implements Printer {
        private final JsonWriter w;
        private final PrintWriter out;

        JsonPrinter(PrintWriter out, String source) {
            this.out = out;
            this.w = JsonWriter.pretty(out);
            w.beginObject().field("version", 1).field("source", source).name("paths").beginArray();
        }

        @Override
        public void print(Answer a) {
            FileOwnership o = a.ownership();
            w.beginObject().field("path", o.path());
            w.name("owners").beginArray();
            o.owners().forEach(owner -> w.value(owner.toString()));
            w.endArray();
            w.field("anyone", o.anyone()).field("owned", o.isOwned()).field("decidedBy", o.decidedBy());
            w.name("reviewers").beginArray();
            o.reviewers().forEach(owner -> w.value(owner.toString()));
            w.endArray();
            if (!a.codeownersPath().isEmpty()) {
                w.name("codeownersMatches").beginArray();
                for (CodeownersRule r : a.matches()) {
                    w.beginObject().field("location", a.codeownersPath() + ":" + r.line()).field("pattern", r.pattern());
                    w.name("owners").beginArray();
                    r.owners().forEach(owner -> w.value(owner.toString()));
                    w.endArray().endObject();
                }
                w.endArray();
            }
            if (!a.chain().isEmpty()) {
                w.name("ownersChain").beginArray();
                for (Resolution.Step s : a.chain()) {
                    w.beginObject().field("location", s.location()).field("rule", s.rule()).field("outcome", s.outcome())
                            .endObject();
                }
                w.endArray();
            }
            w.endObject();
        }

        @Override
        public void finish() {
            w.endArray().endObject().finish();
            out.flush();
        }
    }
}
