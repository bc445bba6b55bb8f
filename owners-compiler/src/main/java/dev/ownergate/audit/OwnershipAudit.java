package dev.ownergate.audit;

import dev.ownergate.owners.FrozenSortedSet;
import dev.ownergate.owners.Owner;
import dev.ownergate.ownership.FileOwnership;
import dev.ownergate.ownership.OwnershipRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Computes an {@link AuditReport} in one pass over the files.
 *
 * <p>Each file is asked once for its owners (through the indexed matcher when ownership comes from
 * CODEOWNERS); its owner set and deciding rule are interned to small ids and counted on its folder.
 * Folders are then rolled up bottom-up, which gives coverage, bus factor and the treemap at once.
 *
 * <p>Rule findings: a rule that decides some file is live. Only rules that decide nothing need a second
 * look, to tell dead (matches nothing) from shadowed (matches, but a later rule always wins). They are tried
 * through a matcher built over just them: each on the files under its literal prefix ({@code /lib/pay/}),
 * found by binary search in the sorted list and stopped at the first match, within a budget of one pass;
 * what is left, and rules that may match anywhere ({@code *.js}), share one pass over all files. So the
 * extra cost is nothing when every rule decides something, and at most about two passes with a small index.
 */
public final class OwnershipAudit {
    private static final int UNOWNED = 0;
    private static final int ANYONE = 1;
    private static final int NO_RULE = -1;
    private static final int PARALLEL_FROM = 20_000;

    private OwnershipAudit() {}

    /** Ownership and rule findings from one CODEOWNERS file. {@code files} sorted, as a RepoSnapshot gives them. */
    public static AuditReport of(List<String> files, RuleIndex codeowners) {
        Pass pass = new Pass(codeowners.rules().size());
        List<AuditedRule> rules = codeowners.rules();
        int[] setOfRule = new int[rules.size()];
        Arrays.fill(setOfRule, -1);
        for (AuditedRule rule : rules) {
            pass.ruleLabels.add(new FolderNode.RuleShare(codeowners.file() + ":" + rule.line(), rule.pattern(), 0));
        }
        int[] deciding = decideAll(files, codeowners);
        for (int i = 0; i < files.size(); i++) {
            String path = files.get(i);
            int r = deciding[i];
            int set;
            if (r < 0) {
                set = UNOWNED;
            } else {
                set = setOfRule[r];
                if (set < 0) {
                    set = pass.internOwners(rules.get(r).owners());
                    setOfRule[r] = set;
                }
            }
            pass.add(path, set, r);
        }
        return pass.finish(codeowners.file(), codeowners.file(), ruleFindings(files, codeowners, deciding));
    }

    /**
     * Ownership from any rules (an OWNERS tree, say), and rule findings from {@code codeowners} when the
     * repository also has a CODEOWNERS file, which is what GitHub enforces.
     */
    public static AuditReport of(List<String> files, OwnershipRules ownership, Optional<RuleIndex> codeowners) {
        Pass pass = new Pass(16);
        Map<String, Integer> ruleIds = new HashMap<>();
        for (String path : files) {
            FileOwnership answer = ownership.ownersOf(path);
            int set = answer.anyone() ? ANYONE : pass.internOwners(answer.owners());
            int rule = NO_RULE;
            if (!answer.decidedBy().isEmpty()) {
                rule = ruleIds.computeIfAbsent(answer.decidedBy(), location -> {
                    pass.ruleLabels.add(new FolderNode.RuleShare(location, "", 0));
                    return pass.ruleLabels.size() - 1;
                });
            }
            pass.add(path, set, rule);
        }
        List<RuleFinding> findings = List.of();
        String rulesFile = "";
        if (codeowners.isPresent()) {
            RuleIndex index = codeowners.get();
            findings = ruleFindings(files, index, decideAll(files, index));
            rulesFile = index.file();
        }
        return pass.finish(ownership.sourceDescription(), rulesFile, findings);
    }

    /** The deciding rule of every file; the matcher is immutable, so large lists are split across cores. */
    private static int[] decideAll(List<String> files, RuleIndex index) {
        int[] deciding = new int[files.size()];
        java.util.stream.IntStream stream = java.util.stream.IntStream.range(0, files.size());
        (files.size() >= PARALLEL_FROM ? stream.parallel() : stream).forEach(i -> deciding[i] = index.deciding(files.get(i)));
        return deciding;
    }

    static List<RuleFinding> ruleFindings(List<String> files, RuleIndex index, int[] deciding) {
        List<AuditedRule> rules = index.rules();
        int n = rules.size();
        boolean[] decisive = new boolean[n];
        for (int r : deciding) {
            if (r >= 0) {
                decisive[r] = true;
            }
        }
        // The same pattern later in the file always wins over this one (GitHub: the last match counts).
        int[] repeatedOn = new int[n];
        Map<String, Integer> laterLine = new HashMap<>();
        for (int r = n - 1; r >= 0; r--) {
            AuditedRule rule = rules.get(r);
            Integer later = laterLine.put(rule.pattern(), rule.line());
            repeatedOn[r] = later == null ? 0 : later;
        }
        List<AuditedRule> undecided = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            if (!decisive[r] && repeatedOn[r] == 0) {
                undecided.add(rules.get(r));
            }
        }
        String[] example = new String[n];
        int[] overriddenBy = new int[n];
        // A rule anchored under a literal prefix can only match the files with that prefix, which sit together
        // in the sorted list: try just those, smallest range first, stopping at the first match (each file tried
        // also settles every other rule it matches). Once that work would exceed one pass over the list, the
        // rules left, and those that may match anywhere, share one pass over every file.
        List<AuditedRule> anchored = new ArrayList<>();
        List<AuditedRule> rest = new ArrayList<>();
        Map<AuditedRule, int[]> ranges = new HashMap<>();
        boolean sorted = isSorted(files);
        for (AuditedRule rule : undecided) {
            String prefix = sorted ? index.literalPrefix(rule) : "";
            if (prefix.isEmpty()) {
                rest.add(rule);
            } else {
                ranges.put(rule, new int[] {firstAtOrAfter(files, prefix), firstAtOrAfter(files, prefix + Character.MAX_VALUE)});
                anchored.add(rule);
            }
        }
        anchored.sort(Comparator.comparingInt(rule -> ranges.get(rule)[1] - ranges.get(rule)[0]));
        if (!anchored.isEmpty()) {
            RuleIndex.Probe probe = index.probe(anchored);
            long budget = files.size();
            for (AuditedRule rule : anchored) {
                int[] range = ranges.get(rule);
                int r = rule.position();
                if (example[r] != null) {
                    continue;
                }
                if (range[1] - range[0] > budget) {
                    rest.add(rule);
                    continue;
                }
                for (int i = range[0]; i < range[1] && example[r] == null; i++, budget--) {
                    noteMatches(probe, files, i, deciding, rules, example, overriddenBy);
                }
            }
        }
        if (!rest.isEmpty()) {
            RuleIndex.Probe probe = index.probe(rest);
            int found = 0;
            for (int i = 0; i < files.size() && found < rest.size(); i++) {
                for (AuditedRule hit : probe.matching(files.get(i))) {
                    if (example[hit.position()] == null) {
                        example[hit.position()] = files.get(i);
                        overriddenBy[hit.position()] = deciding[i] >= 0 ? rules.get(deciding[i]).line() : 0;
                        found++;
                    }
                }
            }
        }
        List<RuleFinding> findings = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            AuditedRule rule = rules.get(r);
            if (repeatedOn[r] != 0) {
                findings.add(new RuleFinding(RuleFinding.Kind.DUPLICATE, index.file(), rule.line(), rule.pattern(), repeatedOn[r], ""));
            } else if (!decisive[r]) {
                findings.add(example[r] == null
                        ? new RuleFinding(RuleFinding.Kind.DEAD, index.file(), rule.line(), rule.pattern(), 0, "")
                        : new RuleFinding(RuleFinding.Kind.SHADOWED, index.file(), rule.line(), rule.pattern(), overriddenBy[r], example[r]));
            }
        }
        return findings;
    }

    /** Records file {@code i} as the example of every probed rule it matches that has none yet. */
    private static void noteMatches(RuleIndex.Probe probe, List<String> files, int i, int[] deciding,
            List<AuditedRule> rules, String[] example, int[] overriddenBy) {
        for (AuditedRule hit : probe.matching(files.get(i))) {
            int r = hit.position();
            if (example[r] == null) {
                example[r] = files.get(i);
                overriddenBy[r] = deciding[i] >= 0 ? rules.get(deciding[i]).line() : 0;
            }
        }
    }

    private static boolean isSorted(List<String> files) {
        for (int i = 1; i < files.size(); i++) {
            if (files.get(i - 1).compareTo(files.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    /** The index of the first file not before {@code key} in the sorted list. */
    private static int firstAtOrAfter(List<String> files, String key) {
        int lo = 0;
        int hi = files.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (files.get(mid).compareTo(key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Per-file counting and the folder roll-up. */
    private static final class Pass {
        final List<List<Owner>> ownerSets = new ArrayList<>();
        final Map<List<Owner>, Integer> ownerSetIds = new HashMap<>();
        final List<FolderNode.RuleShare> ruleLabels;
        final Map<String, Folder> folders = new HashMap<>();
        final Folder root = new Folder("", null);
        Folder last = root;
        private java.util.Collection<Owner> lastInterned;
        private int lastId;
        int files;
        int owned;
        int anyone;
        int unowned;

        Pass(int expectedRules) {
            ruleLabels = new ArrayList<>(expectedRules);
            ownerSets.add(List.of()); // UNOWNED
            ownerSets.add(List.of()); // ANYONE
            folders.put("", root);
        }

        int internOwners(java.util.Collection<Owner> owners) {
            // Resolution hands one frozen set to every file of a class, and files of a folder come together.
            if (owners == lastInterned) {
                return lastId;
            }
            // A sorted set (what resolution gives) is already in key order; a rule's owner list may not be.
            List<Owner> key = owners instanceof java.util.SortedSet<Owner> sorted && sorted.comparator() == null
                    ? List.copyOf(owners) : List.copyOf(new TreeSet<>(owners));
            int id = key.contains(Owner.ANYONE) ? ANYONE : key.isEmpty() ? UNOWNED
                    : ownerSetIds.computeIfAbsent(key, k -> {
                        ownerSets.add(k);
                        return ownerSets.size() - 1;
                    });
            if (owners instanceof FrozenSortedSet<Owner>) { // immutable, so the same object means the same set
                lastInterned = owners;
                lastId = id;
            }
            return id;
        }

        void add(String path, int set, int rule) {
            files++;
            switch (set) {
                case UNOWNED -> unowned++;
                case ANYONE -> anyone++;
                default -> owned++;
            }
            Folder folder = folderOf(path);
            folder.direct++;
            folder.count(set, rule, 1);
            if (set == UNOWNED) {
                folder.unownedHere.add(path);
            }
        }

        private Folder folderOf(String path) {
            int slash = path.lastIndexOf('/');
            if (slash < 0) {
                return root;
            }
            // Sorted input keeps a folder's files mostly together; skip the substring and lookup then.
            if (last.path.length() == slash && path.startsWith(last.path)) {
                return last;
            }
            last = folder(path.substring(0, slash));
            return last;
        }

        private Folder folder(String path) {
            Folder found = folders.get(path);
            if (found == null) {
                int slash = path.lastIndexOf('/');
                Folder parent = slash < 0 ? root : folder(path.substring(0, slash));
                found = new Folder(path, parent);
                parent.children.add(found);
                folders.put(path, found);
            }
            return found;
        }

        AuditReport finish(String source, String rulesFile, List<RuleFinding> findings) {
            for (Folder f : folders.values()) {
                f.topHere = top(f.setCounts); // before the roll-up adds the subfolders' files
            }
            List<Folder> deepestFirst = new ArrayList<>(folders.values());
            deepestFirst.sort(Comparator.comparingInt((Folder f) -> f.depth).reversed());
            for (Folder f : deepestFirst) {
                f.files += f.direct;
                f.unowned += f.unownedHere.size();
                if (f.parent != null) {
                    f.parent.absorb(f);
                }
            }
            List<UnownedGroup> groups = new ArrayList<>();
            Map<Owner, Integer> filesByOwner = new HashMap<>();
            Map<Owner, List<OwnerLoad.FolderCount>> sole = new HashMap<>();
            for (Map.Entry<Integer, int[]> e : root.setCounts.entrySet()) {
                for (Owner o : ownerSets.get(e.getKey())) {
                    filesByOwner.merge(o, e.getValue()[0], Integer::sum);
                }
            }
            for (Folder f : folders.values()) {
                boolean topmostUniform = f.files > 0 && f.uniform >= 0 && (f.parent == null || f.parent.uniform != f.uniform);
                if (topmostUniform && f.uniform == UNOWNED) {
                    groups.add(new UnownedGroup(f.path, f.files, true, List.of()));
                } else if (topmostUniform && f.uniform > ANYONE && ownerSets.get(f.uniform).size() == 1) {
                    sole.computeIfAbsent(ownerSets.get(f.uniform).getFirst(), o -> new ArrayList<>())
                            .add(new OwnerLoad.FolderCount(f.path, f.files));
                }
                if (!f.unownedHere.isEmpty() && !insideWhollyUnowned(f)) {
                    groups.add(new UnownedGroup(f.path, f.unownedHere.size(), false, f.unownedHere));
                }
            }
            groups.sort(Comparator.comparingInt(UnownedGroup::files).reversed().thenComparing(UnownedGroup::folder));
            List<OwnerLoad> loads = new ArrayList<>();
            Comparator<OwnerLoad.FolderCount> biggestFirst =
                    Comparator.comparingInt(OwnerLoad.FolderCount::files).reversed().thenComparing(OwnerLoad.FolderCount::folder);
            for (Map.Entry<Owner, Integer> e : filesByOwner.entrySet()) {
                List<OwnerLoad.FolderCount> folders = new ArrayList<>(sole.getOrDefault(e.getKey(), List.of()));
                folders.sort(biggestFirst);
                loads.add(new OwnerLoad(e.getKey(), e.getValue(), folders));
            }
            loads.sort(Comparator.comparingInt(OwnerLoad::files).reversed().thenComparing(OwnerLoad::owner));
            return new AuditReport(source, new Coverage(files, owned, anyone, unowned), groups, loads, rulesFile,
                    findings, node(root));
        }

        private static boolean insideWhollyUnowned(Folder f) {
            for (Folder g = f; g != null; g = g.parent) {
                if (g.uniform == UNOWNED) {
                    return true;
                }
            }
            return false;
        }

        private FolderNode node(Folder f) {
            List<Folder> kids = new ArrayList<>(f.children);
            kids.sort(Comparator.comparingInt((Folder k) -> k.files).reversed().thenComparing(k -> k.path));
            List<FolderNode> children = new ArrayList<>(kids.size());
            for (Folder k : kids) {
                children.add(node(k));
            }
            List<FolderNode.OwnerShare> owners = shares(top(f.setCounts));
            List<FolderNode.OwnerShare> here = shares(f.topHere);
            List<FolderNode.RuleShare> rules = new ArrayList<>();
            for (int[] top : top(f.ruleCounts)) {
                FolderNode.RuleShare label = ruleLabels.get(top[0]);
                rules.add(new FolderNode.RuleShare(label.location(), label.pattern(), top[1]));
            }
            String name = f.path.substring(f.path.lastIndexOf('/') + 1);
            int[] anyone = f.setCounts.get(ANYONE);
            return new FolderNode(name, f.path, f.files, f.direct, f.unowned, anyone == null ? 0 : anyone[0], owners,
                    here, rules, children);
        }

        private List<FolderNode.OwnerShare> shares(List<int[]> top) {
            List<FolderNode.OwnerShare> shares = new ArrayList<>(top.size());
            for (int[] t : top) {
                shares.add(new FolderNode.OwnerShare(ownerSets.get(t[0]), t[0] == ANYONE, t[1]));
            }
            return shares;
        }

        /** The {@link FolderNode#TOP} largest counts as {id, count}, ties broken by id for a stable report. */
        private static List<int[]> top(Map<Integer, int[]> counts) {
            List<int[]> all = new ArrayList<>(counts.size());
            for (Map.Entry<Integer, int[]> e : counts.entrySet()) {
                if (e.getKey() != NO_RULE) {
                    all.add(new int[] {e.getKey(), e.getValue()[0]});
                }
            }
            all.sort((a, b) -> a[1] != b[1] ? Integer.compare(b[1], a[1]) : Integer.compare(a[0], b[0]));
            return all.subList(0, Math.min(FolderNode.TOP, all.size()));
        }
    }

    private static final int MIXED = -2;
    private static final int EMPTY = -1;

    private static final class Folder {
        final String path;
        final Folder parent;
        final int depth;
        final List<Folder> children = new ArrayList<>(2);
        final List<String> unownedHere = new ArrayList<>(0);
        final Map<Integer, int[]> setCounts = new HashMap<>(4);
        final Map<Integer, int[]> ruleCounts = new HashMap<>(4);
        int direct;
        int files;
        int unowned;
        /** The one owner set of every file under this folder, {@link #EMPTY} before any, {@link #MIXED} if several. */
        int uniform = EMPTY;
        List<int[]> topHere = List.of();

        Folder(String path, Folder parent) {
            this.path = path;
            this.parent = parent;
            this.depth = parent == null ? 0 : parent.depth + 1;
        }

        void count(int set, int rule, int n) {
            setCounts.computeIfAbsent(set, k -> new int[1])[0] += n;
            ruleCounts.computeIfAbsent(rule, k -> new int[1])[0] += n;
            uniform = uniform == EMPTY || uniform == set ? set : MIXED;
        }

        void absorb(Folder child) {
            files += child.files;
            unowned += child.unowned;
            child.setCounts.forEach((set, n) -> setCounts.computeIfAbsent(set, k -> new int[1])[0] += n[0]);
            child.ruleCounts.forEach((rule, n) -> ruleCounts.computeIfAbsent(rule, k -> new int[1])[0] += n[0]);
            if (child.uniform != EMPTY) {
                uniform = uniform == EMPTY || uniform == child.uniform ? child.uniform : MIXED;
            }
        }
    }
}
