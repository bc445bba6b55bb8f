package dev.ownergate.owners;

import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.ownership.FileOwnership;
import dev.ownergate.ownership.OwnershipRules;
import dev.ownergate.repo.FileLimits;
import dev.ownergate.repo.SourceUnavailableException;
import dev.ownergate.repo.TextSource;
import dev.ownergate.settings.OwnersSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;

/**
 * All OWNERS files of one revision and the walk that answers "who owns this file?".
 *
 * <p>The walk starts at the file's folder and goes up to the root, joining the approvers of every entry that
 * matches the file (Prow {@code entriesForFile}, Chromium/Gerrit inheritance). It stops after a folder whose
 * OWNERS has Chromium {@code set noparent} (always), after a folder whose OWNERS has Prow
 * {@code options.no_parent_owners} once some approver has been found for the file (from that folder or a deeper
 * one; Prow checks {@code out.Len() > 0}), and after a folder where a matching {@code per-file GLOB=set noparent}
 * drops that folder's other owners. Reviewers, required reviewers and labels walk the same way, each with its own
 * no_parent_owners check, as in Prow.
 *
 * <p>Prow's approve plugin auto-approves a file when the nearest OWNERS folder with approvers for it has
 * {@code auto_approve_unowned_subfolders} and the file lies in a subfolder below it (Prow
 * {@code GetOwnersSet}: the OWNERS folder is contained in the file's grandparent path). When no folder has
 * approvers for the file, the root's option decides.
 *
 * <p>Immutable and thread-safe; answers are cached per class of files: the nearest OWNERS folder, which regex
 * and glob rules on the way up match, and whether the file is in that OWNERS folder itself.
 */
public final class OwnersTree implements OwnershipRules {

    public static final String FILE_NAME = "OWNERS";

    /** The tree and every problem found; use the tree only when there are no errors. */
    public record LoadResult(OwnersTree tree, List<Diagnostic> diagnostics) {
        public LoadResult {
            diagnostics = List.copyOf(diagnostics);
        }

        public boolean hasErrors() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }
    }

    /**
     * What the files below one OWNERS folder need (down to the next OWNERS folders): the configs that can matter,
     * nearest first, and the rules with regex or glob filters among them. The answer depends only on which of
     * those rules match a file and on whether the file is in the OWNERS folder itself (Prow auto-approves only
     * files below it), so answers are memoized by that pattern: a bit per filtered rule, then that bit. Folders
     * without an OWNERS file share the plan of the nearest one above: a tree has ten folders per OWNERS file.
     */
    private record FolderPlan(String ownersDir, List<OwnersConfig> chain, List<OwnersEntry> filtered,
            int[] filteredConfig, AtomicReferenceArray<Answer> answersByKey, Map<Long, Answer> answers,
            Map<String, Answer> autoApprovedByFolder) {}

    /** A resolution for one folder and match pattern, with its FileOwnership parts precomputed. */
    private record Answer(Resolution resolution, String decidedBy, List<String> trail) {
        static Answer of(Resolution r) {
            String decidedBy = "";
            if (!r.chain().isEmpty()) {
                decidedBy = r.autoApproved() || r.decidedAt().isEmpty() ? (r.autoApproved() ? r.chain().getLast()
                        : r.chain().getFirst()).location() : r.decidedAt();
            }
            return new Answer(r, decidedBy, r.chain().stream().map(Resolution.Step::describe).toList());
        }
    }

    /** Matching beyond 63 filtered rules on one path up the tree is rare; such files skip the memo. */
    private static final int MAX_MEMO_RULES = 63;
    /** Up to this many filtered rules (the usual case), answers sit in a small array indexed by match pattern. */
    private static final int MAX_ARRAY_RULES = 4;

    private final SortedMap<String, OwnersConfig> configs;
    /** The same configs, for the lookups of every folder up every path: a hash beats the sorted map's compares. */
    private final Map<String, OwnersConfig> configByDir;
    private final OwnersAliases aliases;
    /** Plans by folder; folders below one OWNERS folder (and no other) map to the same plan. */
    private final Map<String, FolderPlan> plans = new ConcurrentHashMap<>();
    private final Map<String, FolderPlan> plansByOwnersFolder = new ConcurrentHashMap<>();

    private OwnersTree(SortedMap<String, OwnersConfig> configs, OwnersAliases aliases) {
        this.configs = Collections.unmodifiableSortedMap(configs);
        this.configByDir = new java.util.HashMap<>(configs);
        this.aliases = aliases;
    }

    /** A tree of already parsed configs (one per folder; a later config for the same folder wins). */
    public static OwnersTree of(Collection<OwnersConfig> configs, OwnersAliases aliases) {
        SortedMap<String, OwnersConfig> byDir = new TreeMap<>();
        configs.forEach(c -> byDir.put(c.dir(), c));
        return new OwnersTree(byDir, aliases);
    }

    /** True when the path's file name is exactly {@code OWNERS}. */
    public static boolean isOwnersFile(String path) {
        return path.equals(FILE_NAME) || path.endsWith("/" + FILE_NAME);
    }

    /**
     * Reads and parses the given OWNERS files, the root {@code OWNERS_ALIASES} if there is one, and every file
     * they import. Paths that are not OWNERS files are ignored. Never throws on bad input.
     *
     * @throws SourceUnavailableException when the source itself failed (a server, the network): not a problem
     *         of any file, so it is not reported as one
     */
    public static LoadResult load(Collection<String> ownersFilePaths, TextSource source) {
        return load(ownersFilePaths, source, OwnersSettings.DEFAULTS);
    }

    /** As above, reading the files as the repository's settings say; {@code settings.ignore} is the caller's job. */
    public static LoadResult load(Collection<String> ownersFilePaths, TextSource unbounded, OwnersSettings settings) {
        // Every rules file (OWNERS, OWNERS_ALIASES, imports) is refused over the limit before it is read.
        TextSource source = unbounded.limitedTo(FileLimits.MAX_RULES_FILE_BYTES);
        Set<Diagnostic> diagnostics = new LinkedHashSet<>();
        OwnersAliases aliases = OwnersAliases.none();
        Optional<String> aliasText = read(source, OwnersAliases.FILE_NAME, diagnostics);
        if (aliasText.isPresent()) {
            OwnersAliases.Result parsed = OwnersAliases.parse(OwnersAliases.FILE_NAME, aliasText.get());
            diagnostics.addAll(parsed.diagnostics());
            aliases = parsed.aliases();
        }
        LoadContext context = new LoadContext(settings);
        List<String> paths = new TreeSet<>(ownersFilePaths).stream().filter(OwnersTree::isOwnersFile).toList();
        // Read in order on this thread (a source need not be thread-safe), then prepare (YAML, format) on every
        // core: that part is pure. Files past the limit on files read are never read: imports count towards it
        // too, so the loop below may stop earlier, never later.
        int ahead = Math.min(paths.size(), LoadContext.MAX_FILES_READ);
        List<Set<Diagnostic>> readProblems = new ArrayList<>(ahead);
        List<Optional<String>> texts = new ArrayList<>(ahead);
        for (String path : paths.subList(0, ahead)) {
            Set<Diagnostic> problems = new LinkedHashSet<>();
            texts.add(read(source, path, problems));
            readProblems.add(problems);
        }
        OwnersAliases sharedAliases = aliases;
        OwnersFileParser.Prepared[] prepared = new OwnersFileParser.Prepared[ahead];
        IntStream.range(0, ahead).parallel().forEach(i -> texts.get(i).ifPresent(text ->
                prepared[i] = OwnersFileParser.prepare(paths.get(i), text, sharedAliases)));
        // Plain files read imports and count towards the load's limits: finished in order, as one thread would.
        SortedMap<String, OwnersConfig> byDir = new TreeMap<>();
        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            if (++context.filesRead > LoadContext.MAX_FILES_READ) {
                diagnostics.add(Diagnostic.error(path, 0, 0, "more than " + LoadContext.MAX_FILES_READ
                        + " OWNERS and imported files in one tree; Ownergate stops here to bound its work"));
                break;
            }
            diagnostics.addAll(readProblems.get(i));
            if (prepared[i] == null) {
                if (readProblems.get(i).isEmpty()) { // else the reason is already given (a link, too large)
                    diagnostics.add(Diagnostic.error(path, 0, 0, "cannot read this OWNERS file"));
                }
                continue;
            }
            OwnersFileParser.Result parsed = prepared[i].finish(source, context);
            diagnostics.addAll(parsed.diagnostics());
            byDir.put(parsed.config().dir(), parsed.config());
        }
        List<Diagnostic> sorted = new ArrayList<>(diagnostics);
        Collections.sort(sorted);
        return new LoadResult(new OwnersTree(byDir, aliases), sorted);
    }

    private static Optional<String> read(TextSource source, String path, Set<Diagnostic> diagnostics) {
        try {
            return source.read(path);
        } catch (SourceUnavailableException e) {
            throw e; // not the file's fault: the caller retries
        } catch (IOException | UncheckedIOException e) {
            diagnostics.add(Diagnostic.error(path, 0, 0, "cannot read: " + e.getMessage()));
            return Optional.empty();
        }
    }

    /** Parsed OWNERS files keyed by folder ({@code ""} for the root). */
    public SortedMap<String, OwnersConfig> configs() {
        return configs;
    }

    /** The parsed OWNERS file of one folder, if it has one: {@code configs().get(dir)}, by hash. */
    public Optional<OwnersConfig> configAt(String dir) {
        return Optional.ofNullable(configByDir.get(dir));
    }

    public OwnersAliases aliases() {
        return aliases;
    }

    /**
     * A warning for every {@code per-file} glob that matches no file of {@code files} (the revision's sorted file
     * list) below the folder it applies to: a typo, or a rule left behind by a move. A glob imported into several
     * folders is reported only when it matches nothing in any of them.
     */
    public List<Diagnostic> unmatchedPerFileGlobs(List<String> files) {
        Map<String, Boolean> matchedByRule = new java.util.LinkedHashMap<>();
        Map<String, OwnersEntry> ruleEntries = new java.util.HashMap<>();
        for (OwnersConfig c : configs.values()) {
            for (OwnersEntry e : c.entries()) {
                if (!(e.filter() instanceof PathFilter.Glob glob)) {
                    continue;
                }
                String key = e.sourcePath() + ":" + e.line() + ":" + glob.pattern();
                ruleEntries.putIfAbsent(key, e);
                if (!matchedByRule.getOrDefault(key, false)) {
                    matchedByRule.put(key, anyFileMatches(files, c.dir(), glob));
                }
            }
        }
        List<Diagnostic> out = new ArrayList<>();
        matchedByRule.forEach((key, matched) -> {
            if (!matched) {
                OwnersEntry e = ruleEntries.get(key);
                String pattern = ((PathFilter.Glob) e.filter()).pattern();
                out.add(Diagnostic.warning(e.sourcePath(), e.line(), 1, "per-file glob '" + pattern
                        + "' matches no file; fix the glob or remove it (per-file globs are read as "
                        + ((PathFilter.Glob) e.filter()).syntax().yaml() + ", see docs/owners-format.md)"));
            }
        });
        Collections.sort(out);
        return out;
    }

    private static boolean anyFileMatches(List<String> sortedFiles, String dir, PathFilter.Glob glob) {
        String prefix = dir.isEmpty() ? "" : dir + "/";
        int i = Collections.binarySearch(sortedFiles, prefix);
        for (i = i < 0 ? -i - 1 : i; i < sortedFiles.size() && sortedFiles.get(i).startsWith(prefix); i++) {
            if (glob.matches(sortedFiles.get(i).substring(prefix.length()))) {
                return true;
            }
        }
        return false;
    }

    /** Who owns {@code filePath} (repo-relative) and why. */
    public Resolution resolve(String filePath) {
        return answer(filePath).resolution();
    }

    @Override
    public FileOwnership ownersOf(String path) {
        Answer a = answer(path);
        Resolution r = a.resolution();
        return new FileOwnership(r.path(), r.anyone() ? new TreeSet<>() : r.approvers(), r.anyone(), r.reviewers(),
                a.decidedBy(), a.trail());
    }

    /**
     * Who owns {@code filePath}, shared: the same object for every file of its class (one folder, or the folders
     * below one OWNERS folder, and the same filters and per-file globs matching), so callers that resolve many
     * files can work per class. Equal to {@link #resolve} except that {@code path()} may name another file of
     * the class.
     */
    public Resolution resolveShared(String filePath) {
        String path = filePath.startsWith("/") ? filePath.substring(1) : filePath;
        return sharedAnswer(path, RepoPaths.dirOf(path)).resolution();
    }

    /**
     * {@link #resolveShared(String)} for a file of folder {@code dir} (the path up to its last slash, {@code ""}
     * at the root). Callers resolving a folder's files pass one {@code dir} object for all, so the folder is not
     * cut out of each path and hashed again.
     */
    public Resolution resolveShared(String filePath, String dir) {
        String path = filePath.startsWith("/") ? filePath.substring(1) : filePath;
        return sharedAnswer(path, dir).resolution();
    }

    private Answer answer(String filePath) {
        String path = filePath.startsWith("/") ? filePath.substring(1) : filePath;
        Answer shared = sharedAnswer(path, RepoPaths.dirOf(path));
        Resolution r = shared.resolution();
        return r.path().equals(path) ? shared : new Answer(r.withPath(path), shared.decidedBy(), shared.trail());
    }

    private Answer sharedAnswer(String path, String dir) {
        FolderPlan plan = planFor(dir);
        if (plan.filtered().size() > MAX_MEMO_RULES) {
            return Answer.of(walk(path, dir, plan.chain(), null));
        }
        long mask = 0;
        String relFor = null;
        int relConfig = -1;
        for (int i = 0; i < plan.filtered().size(); i++) {
            int ci = plan.filteredConfig()[i];
            if (ci != relConfig) {
                relConfig = ci;
                relFor = RepoPaths.relativize(plan.chain().get(ci).dir(), path);
            }
            if (plan.filtered().get(i).filter().matches(relFor)) {
                mask |= 1L << i;
            }
        }
        boolean inOwnersFolder = dir.equals(plan.ownersDir());
        long key = mask << 1 | (inOwnersFolder ? 1 : 0);
        long m = mask;
        Answer shared;
        if (plan.answersByKey() != null) {
            shared = plan.answersByKey().get((int) key);
            if (shared == null) {
                // Two threads may both compute it; the answers are equal, and the first stored is the one shared.
                plan.answersByKey().compareAndSet((int) key, null,
                        Answer.of(walk(path, dir, plan.chain(), matchedEntries(plan, m))));
                shared = plan.answersByKey().get((int) key);
            }
        } else {
            shared = plan.answers().get(key);
            if (shared == null) {
                shared = plan.answers().computeIfAbsent(key, k -> Answer.of(walk(path, dir, plan.chain(),
                        matchedEntries(plan, m))));
            }
        }
        if (shared.resolution().autoApproved() && !inOwnersFolder) {
            // The trail names the file's own folder ("auto-approved: lib/x has no approvers"): one answer each.
            shared = plan.autoApprovedByFolder().computeIfAbsent(dir + "\n" + mask,
                    k -> Answer.of(walk(path, dir, plan.chain(), matchedEntries(plan, m))));
        }
        return shared;
    }

    /** The folder of the nearest OWNERS file at or above {@code dir}: {@code ""} for the root, also when none. */
    public String ownersFolderOf(String dir) {
        return planFor(dir).ownersDir();
    }

    private FolderPlan planFor(String dir) {
        // get() first: computeIfAbsent locks the bin whenever the key is not its first node.
        FolderPlan plan = plans.get(dir);
        if (plan == null) {
            String ownersDir = dir;
            while (!ownersDir.isEmpty() && !configByDir.containsKey(ownersDir)) {
                ownersDir = RepoPaths.parentOf(ownersDir);
            }
            plan = plansByOwnersFolder.computeIfAbsent(ownersDir, this::plan);
            plans.putIfAbsent(dir, plan);
        }
        return plan;
    }

    private static Set<OwnersEntry> matchedEntries(FolderPlan plan, long mask) {
        Set<OwnersEntry> matched = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = 0; i < plan.filtered().size(); i++) {
            if ((mask & (1L << i)) != 0) {
                matched.add(plan.filtered().get(i));
            }
        }
        return matched;
    }

    @Override
    public String sourceDescription() {
        return "OWNERS files";
    }

    private FolderPlan plan(String dir) {
        List<OwnersConfig> chain = new ArrayList<>();
        List<OwnersEntry> filtered = new ArrayList<>();
        List<Integer> filteredConfig = new ArrayList<>();
        String d = dir;
        while (true) {
            OwnersConfig c = configByDir.get(d);
            if (c != null) {
                for (OwnersEntry e : c.entries()) {
                    if (!(e.filter() instanceof PathFilter.All)) {
                        filtered.add(e);
                        filteredConfig.add(chain.size());
                    }
                }
                chain.add(c);
                if (c.setNoParent()) {
                    break; // Chromium: nothing above a "set noparent" folder can matter
                }
            }
            if (d.isEmpty()) {
                break;
            }
            d = RepoPaths.parentOf(d);
        }
        int[] configIndex = filteredConfig.stream().mapToInt(Integer::intValue).toArray();
        boolean small = filtered.size() <= MAX_ARRAY_RULES;
        return new FolderPlan(dir, List.copyOf(chain), List.copyOf(filtered), configIndex,
                small ? new AtomicReferenceArray<>(2 << filtered.size()) : null,
                small ? null : new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    }

    /**
     * The walk itself. {@code matchedFiltered} says which regex/glob rules match the file (from the memo key);
     * null means test them against {@code path}.
     */
    private static Resolution walk(String path, String fileDir, List<OwnersConfig> chain,
            Set<OwnersEntry> matchedFiltered) {
        SortedSet<Owner> approvers = new TreeSet<>();
        SortedSet<Owner> reviewers = new TreeSet<>();
        SortedSet<Owner> required = new TreeSet<>();
        SortedSet<String> labels = new TreeSet<>();
        boolean approversDone = false;
        boolean reviewersDone = false;
        boolean requiredDone = false;
        boolean labelsDone = false;
        OwnersConfig nearestWithApprovers = null;
        String decidedAt = "";
        StepList steps = new StepList();

        for (OwnersConfig c : chain) {
            String rel = RepoPaths.relativize(c.dir(), path);
            List<OwnersEntry> matched = new ArrayList<>();
            OwnersEntry exclusive = null;
            for (OwnersEntry e : c.entries()) {
                boolean matches = e.filter() instanceof PathFilter.All
                        || (matchedFiltered != null ? matchedFiltered.contains(e) : e.filter().matches(rel));
                if (matches) {
                    matched.add(e);
                    if (e.exclusive() && exclusive == null) {
                        exclusive = e;
                    }
                }
            }
            if (exclusive != null) {
                // per-file GLOB=set noparent: only the per-file owners of this folder remain (Gerrit code-owners).
                matched.removeIf(e -> e.filter() instanceof PathFilter.All);
            }
            boolean stopsHere = exclusive != null || c.setNoParent();

            if (!approversDone) {
                int before = approvers.size();
                OwnersEntry first = null;
                OwnersEntry specific = null;
                for (OwnersEntry e : matched) {
                    if (!e.approvers().isEmpty()) {
                        approvers.addAll(e.approvers());
                        steps.add(e.sourcePath(), e.line(), rule(c, e), e.approvers());
                        first = first == null ? e : first;
                        if (specific == null && !(e.filter() instanceof PathFilter.All)) {
                            specific = e; // a per-file line or filter says more than the folder's owners
                        }
                    }
                }
                if (nearestWithApprovers == null && approvers.size() > before) {
                    nearestWithApprovers = c;
                    decidedAt = c.locationOf(specific != null ? specific : first);
                }
                if (exclusive != null) {
                    steps.stop(exclusive.sourcePath(), exclusive.line(), exclusive.filter().describe() + "=set noparent");
                    approversDone = true;
                } else if (c.setNoParent()) {
                    steps.stop(c.path(), 0, "set noparent");
                    approversDone = true;
                } else if (c.noParentOwners() && !approvers.isEmpty()) {
                    steps.stop(c.path(), 0, "options.no_parent_owners");
                    approversDone = true;
                }
            }
            if (!reviewersDone) {
                matched.forEach(e -> reviewers.addAll(e.reviewers()));
                reviewersDone = stopsHere || (c.noParentOwners() && !reviewers.isEmpty());
            }
            if (!requiredDone) {
                matched.forEach(e -> required.addAll(e.requiredReviewers()));
                requiredDone = stopsHere || (c.noParentOwners() && !required.isEmpty());
            }
            if (!labelsDone) {
                matched.forEach(e -> labels.addAll(e.labels()));
                labelsDone = stopsHere || (c.noParentOwners() && !labels.isEmpty());
            }
            if (approversDone && reviewersDone && requiredDone && labelsDone) {
                break;
            }
        }

        OwnersConfig autoSource = nearestWithApprovers;
        if (autoSource == null && !approversDone && !chain.isEmpty() && chain.getLast().dir().isEmpty()) {
            autoSource = chain.getLast();
        }
        boolean autoApproved = autoSource != null && autoSource.autoApproveUnownedSubfolders()
                && !fileDir.equals(autoSource.dir());
        if (autoApproved) {
            steps.auto(autoSource.path(), fileDir);
        }
        boolean anyone = approvers.remove(Owner.ANYONE) || autoApproved;
        return new Resolution(path, approvers, anyone, autoApproved, reviewers, required, labels, steps.build(),
                decidedAt);
    }

    private static String rule(OwnersConfig c, OwnersEntry e) {
        String rule = e.filter() instanceof PathFilter.All
                ? (c.format() == OwnersConfig.Format.YAML ? "approvers" : "owners")
                : e.filter().describe();
        return e.sourcePath().equals(c.path()) ? rule : rule + " (imported by " + c.path() + ")";
    }

    /** Builds the chain, merging consecutive owner lines of one file into one step. */
    private static final class StepList {
        private final List<Resolution.Step> done = new ArrayList<>();
        private String source;
        private int line;
        private String rule;
        private SortedSet<Owner> owners;

        void add(String source, int line, String rule, SortedSet<Owner> added) {
            if (owners != null && source.equals(this.source) && rule.equals(this.rule)) {
                owners.addAll(added);
                return;
            }
            flush();
            this.source = source;
            this.line = line;
            this.rule = rule;
            this.owners = new TreeSet<>(added);
        }

        void stop(String source, int line, String rule) {
            flush();
            done.add(new Resolution.Step(source, line, rule, "stop"));
        }

        void auto(String source, String fileDir) {
            flush();
            done.add(new Resolution.Step(source, 0, "options.auto_approve_unowned_subfolders",
                    "auto-approved: " + (fileDir.isEmpty() ? "the root" : fileDir) + " has no approvers of its own"));
        }

        List<Resolution.Step> build() {
            flush();
            return done;
        }

        private void flush() {
            if (owners != null) {
                done.add(new Resolution.Step(source, line, rule,
                        String.join(", ", owners.stream().map(Owner::toString).toList())));
                owners = null;
            }
        }
    }
}
