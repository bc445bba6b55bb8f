package dev.ownergate.codeowners;

import dev.ownergate.codeowners.CodeownersPattern.Segment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers "which CODEOWNERS rule decides this path?" (GitHub: the last matching pattern wins) without trying
 * every rule. Rules are filed under what a matching path must contain:
 * <ul>
 *   <li>anchored patterns ({@code /src/app/}, {@code docs/*}, {@code /src/*}{@code /test/}) in a trie over their
 *       leading literal and lone-{@code *} segments, walked along the path;</li>
 *   <li>unanchored ones ({@code Makefile}, {@code **}{@code /logs}, {@code *.js}, {@code test_*}) under a literal
 *       segment, or a segment's literal suffix or prefix, looked up for each segment of the path;</li>
 *   <li>the few left (a wildcard first, like {@code *} or {@code /*.md}) in a fallback list.</li>
 * </ul>
 * Most entries are decided by the path's shape alone; the rest run their pattern, but only when their index
 * beats the best rule found so far, and lists run from the highest index down. Immutable and thread-safe.
 */
public final class CodeownersMatcher {

    // How an entry decides, given the number of path segments consumed when it was reached.
    static final int ALWAYS = 0;   // the consumed segments are the pattern: a file, or a folder and its contents
    static final int FOLDER = 1;   // something must be below what was consumed (trailing slash)
    static final int EXACT = 2;    // nothing may be below (a last lone *: direct children only)
    static final int VERIFY = 3;   // run the pattern

    private final CodeownersRule[] rules;
    private final CodeownersPattern[] patterns;
    private final TrieNode anchored;
    private final SegmentTable<Bucket> byName;
    /** Which name hashes occur at all: most segments are no rule's name, and this settles it in one word. */
    private final long[] nameFilter = new long[64];
    /** Suffixes holding a dot ({@code *.js}, {@code *_test.go}), by the text after their last dot. */
    private final SegmentTable<DottedSuffix[]> byExtension;
    private final CharTrie bySuffix = new CharTrie();
    private final CharTrie byPrefix = new CharTrie();
    private final int[] fallback;

    private CodeownersMatcher(List<CodeownersRule> ruleList) {
        rules = ruleList.toArray(CodeownersRule[]::new);
        patterns = new CodeownersPattern[rules.length];
        Map<String, Bucket> names = new HashMap<>();
        Map<String, Bucket> dottedSuffixes = new HashMap<>();
        IdentityHashMap<CharTrie, Bucket> trieBuckets = new IdentityHashMap<>();
        List<Integer> rest = new ArrayList<>();
        MutableNode root = new MutableNode();
        for (int index = 0; index < rules.length; index++) {
            if (rules[index].index() != index) {
                throw new IllegalArgumentException("rule " + rules[index] + " is not at position " + index);
            }
            CodeownersPattern pattern = CodeownersPattern.compile(rules[index].pattern());
            patterns[index] = pattern;
            Segment[] core = pattern.core();
            if (core == null) {
                continue; // "/" never matches
            }
            boolean filed = core[0].kind == Segment.DOUBLE_STAR_KIND
                    ? fileUnanchored(index, pattern, core, names, dottedSuffixes, trieBuckets)
                    : fileAnchored(index, pattern, core, root);
            if (!filed) {
                rest.add(index << Bucket.MODE_BITS | VERIFY);
            }
        }
        anchored = root.freeze();
        names.values().forEach(Bucket::freeze);
        byName = new SegmentTable<>(names);
        names.keySet().forEach(name -> nameFilter[filterWord(name.hashCode())] |= filterBit(name.hashCode()));
        Map<String, List<DottedSuffix>> extensions = new HashMap<>();
        dottedSuffixes.forEach((suffix, bucket) -> extensions
                .computeIfAbsent(suffix.substring(suffix.lastIndexOf('.') + 1), k -> new ArrayList<>())
                .add(new DottedSuffix(suffix, bucket.freeze())));
        Map<String, DottedSuffix[]> frozenExtensions = new HashMap<>();
        extensions.forEach((extension, list) -> frozenExtensions.put(extension, list.toArray(DottedSuffix[]::new)));
        byExtension = new SegmentTable<>(frozenExtensions);
        trieBuckets.forEach((node, bucket) -> {
            bucket.freeze();
            node.decided = bucket.decided;
            node.verify = bucket.verify;
        });
        int[] restEntries = Bucket.descending(rest);
        fallback = restEntries == null ? new int[0] : restEntries;
    }

    /**
     * Indexes the rules.
     *
     * @throws IllegalArgumentException when a rule's {@code index} is not its position, or its pattern is one
     *         GitHub rejects (rules from {@link CodeownersFile#parse} never are)
     */
    public static CodeownersMatcher of(List<CodeownersRule> rules) {
        return new CodeownersMatcher(rules);
    }

    /** The rules, in file order. */
    public List<CodeownersRule> rules() {
        return List.of(rules);
    }

    /** The rule that decides the owners of this file path: the last one that matches. */
    public Optional<CodeownersRule> match(String path) {
        PathSegments segments = PathSegments.of(path);
        if (segments == null) {
            return Optional.empty();
        }
        int best = decidingIndex(segments);
        return best < 0 ? Optional.empty() : Optional.of(rules[best]);
    }

    /** The index of the rule that decides a path already cut into segments, or -1 when none matches. */
    int decidingIndex(PathSegments segments) {
        Lookup lookup = new Lookup(segments, null);
        walk(lookup);
        return lookup.best;
    }

    /** Every rule that matches this file path, in file order; the last one decides. */
    public List<CodeownersRule> allMatches(String path) {
        PathSegments segments = PathSegments.of(path);
        if (segments == null) {
            return List.of();
        }
        Lookup lookup = new Lookup(segments, new BitSet(rules.length));
        walk(lookup);
        return lookup.all.stream().mapToObj(i -> rules[i]).toList();
    }

    /** The deciding rule of each path, in the order given: one pass over a whole tree's file list. */
    public List<Optional<CodeownersRule>> matchAll(Collection<String> paths) {
        List<Optional<CodeownersRule>> decided = new ArrayList<>(paths.size());
        for (String path : paths) {
            decided.add(match(path));
        }
        return decided;
    }

    /** Finds the candidates, settles the shape-decided ones first, then runs patterns that could still win. */
    private void walk(Lookup lookup) {
        PathSegments path = lookup.path;
        String text = path.path;
        int n = path.count;
        walkAnchored(lookup);
        for (int i = 0; i < n; i++) {
            int start = path.start(i);
            int end = path.end(i);
            int hash = path.hash(i);
            if ((nameFilter[filterWord(hash)] & filterBit(hash)) != 0) {
                Bucket named = byName.get(text, start, end, hash);
                if (named != null) {
                    lookup.visit(named.decided, named.verify, i + 1);
                }
            }
            int dot = path.lastDot(i);
            if (dot >= 0) {
                visitDottedSuffixes(lookup, start, dot, end, i + 1);
            }
            CharTrie suffix = bySuffix;
            for (int j = end - 1; j >= start && (suffix = suffix.child(text.charAt(j))) != null; j--) {
                lookup.visit(suffix.decided, suffix.verify, i + 1);
            }
            CharTrie prefix = byPrefix;
            for (int j = start; j < end && (prefix = prefix.child(text.charAt(j))) != null; j++) {
                lookup.visit(prefix.decided, prefix.verify, i + 1);
            }
        }
        for (int p = 0; p < lookup.pendingCount; p++) {
            lookup.verify(lookup.pending[p]);
        }
        lookup.verify(fallback);
    }

    private void visitDottedSuffixes(Lookup lookup, int start, int dot, int end, int consumed) {
        String text = lookup.path.path;
        int hash = 0;
        for (int j = dot + 1; j < end; j++) {
            hash = 31 * hash + text.charAt(j);
        }
        DottedSuffix[] candidates = byExtension.get(text, dot + 1, end, hash);
        if (candidates != null) {
            for (DottedSuffix candidate : candidates) {
                int length = candidate.suffix.length();
                if (end - start >= length && text.startsWith(candidate.suffix, end - length)) {
                    lookup.visit(candidate.decided, candidate.verify, consumed);
                }
            }
        }
    }

    private static int filterWord(int hash) {
        return (hash ^ (hash >>> 16)) >>> 6 & 63;
    }

    private static long filterBit(int hash) {
        return 1L << (hash ^ (hash >>> 16));
    }

    // The trie has lone-* edges, so a path may follow several branches; in practice there is one, and the
    // frontier array is only needed once a branch point is met.
    private void walkAnchored(Lookup lookup) {
        PathSegments path = lookup.path;
        TrieNode node = anchored;
        int depth = 0;
        for (; depth < path.count; depth++) {
            int start = path.start(depth);
            int end = path.end(depth);
            TrieNode literal = node.get(path.path, start, end, path.hash(depth));
            TrieNode star = end > start ? node.star : null;
            if (literal != null && star != null) {
                walkBranches(lookup, new TrieNode[] {literal, star}, depth);
                return;
            }
            node = literal != null ? literal : star;
            if (node == null) {
                return;
            }
            lookup.visitNode(node, depth + 1);
        }
    }

    private void walkBranches(Lookup lookup, TrieNode[] frontier, int depth) {
        PathSegments path = lookup.path;
        int size = frontier.length;
        for (TrieNode node : frontier) {
            lookup.visitNode(node, depth + 1);
        }
        for (depth++; depth < path.count && size > 0; depth++) {
            int start = path.start(depth);
            int end = path.end(depth);
            TrieNode[] next = new TrieNode[size * 2];
            int nextSize = 0;
            for (int f = 0; f < size; f++) {
                TrieNode node = frontier[f];
                TrieNode literal = node.get(path.path, start, end, path.hash(depth));
                TrieNode star = end > start ? node.star : null;
                if (literal != null) {
                    next[nextSize++] = literal;
                    lookup.visitNode(literal, depth + 1);
                }
                if (star != null) {
                    next[nextSize++] = star;
                    lookup.visitNode(star, depth + 1);
                }
            }
            frontier = next;
            size = nextSize;
        }
    }

    private boolean shapeDecides(int mode, PathSegments path, int consumed) {
        return switch (mode) {
            case ALWAYS -> true;
            case FOLDER -> path.count > consumed;
            case EXACT -> path.count == consumed;
            default -> throw new IllegalStateException("mode " + mode);
        };
    }

    /** One lookup's state: the best rule so far (or every match), and the buckets whose patterns must run. */
    private final class Lookup {
        final PathSegments path;
        final BitSet all;
        int best = -1;
        int[][] pending;
        int pendingCount;

        Lookup(PathSegments path, BitSet all) {
            this.path = path;
            this.all = all;
        }

        /** Like {@link #visit}, but settles pruned or one-entry nodes from the node itself (trie nodes are cold). */
        void visitNode(TrieNode node, int consumed) {
            if (all == null) {
                if (node.decidedTop >= 0 && node.decidedTop >>> Bucket.MODE_BITS > best
                        && shapeDecides(node.decidedTop & Bucket.MODE_MASK, path, consumed)) {
                    best = node.decidedTop >>> Bucket.MODE_BITS;
                } else if (node.decided != null && node.decided.length > 1 && node.decidedTop >>> Bucket.MODE_BITS > best) {
                    visit(node.decided, null, consumed);
                }
                if (node.verify != null && node.verify[0] >>> Bucket.MODE_BITS > best) {
                    visit(null, node.verify, consumed);
                }
            } else {
                visit(node.decided, node.verify, consumed);
            }
        }

        void visit(int[] decided, int[] verify, int consumed) {
            if (decided != null) {
                for (int entry : decided) {
                    int index = entry >>> Bucket.MODE_BITS;
                    if (all == null && index <= best) {
                        break;
                    }
                    if (shapeDecides(entry & Bucket.MODE_MASK, path, consumed)) {
                        if (all == null) {
                            best = index;
                            break;
                        }
                        all.set(index);
                    }
                }
            }
            if (verify != null) {
                if (pending == null) {
                    pending = new int[8][];
                } else if (pendingCount == pending.length) {
                    pending = Arrays.copyOf(pending, pendingCount * 2);
                }
                pending[pendingCount++] = verify;
            }
        }

        void verify(int[] entries) {
            if (entries == null) {
                return;
            }
            for (int entry : entries) {
                int index = entry >>> Bucket.MODE_BITS;
                if (all == null && index <= best) {
                    return;
                }
                if (patterns[index].matches(path)) {
                    if (all == null) {
                        best = index;
                        return;
                    }
                    all.set(index);
                }
            }
        }
    }

    private static boolean fileAnchored(int index, CodeownersPattern pattern, Segment[] core, MutableNode root) {
        MutableNode node = root;
        int consumed = 0;
        while (consumed < core.length && (core[consumed].kind == Segment.LITERAL_KIND
                || core[consumed].kind == Segment.LONE_STAR_KIND)) {
            node = core[consumed].kind == Segment.LITERAL_KIND
                    ? node.children.computeIfAbsent(core[consumed].literal, k -> new MutableNode())
                    : node.star();
            consumed++;
        }
        if (consumed == 0) {
            return false;
        }
        if (consumed < core.length) {
            node.bucket.add(index, VERIFY, true);
        } else {
            node.bucket.add(index, pattern.directChildrenOnly() ? EXACT : pattern.folderOnly() ? FOLDER : ALWAYS, false);
        }
        return true;
    }

    private boolean fileUnanchored(int index, CodeownersPattern pattern, Segment[] core, Map<String, Bucket> names,
            Map<String, Bucket> dottedSuffixes, IdentityHashMap<CharTrie, Bucket> trieBuckets) {
        // **/name, **/*suffix and **/prefix* are decided by the segment found (and, for name/, by what follows).
        boolean single = core.length == 2;
        int shape = pattern.folderOnly() ? FOLDER : ALWAYS;
        for (int i = 1; i < core.length; i++) {
            if (core[i].kind == Segment.LITERAL_KIND) {
                names.computeIfAbsent(core[i].literal, k -> new Bucket()).add(index, single ? shape : VERIFY, !single);
                return true;
            }
        }
        for (int i = 1; i < core.length; i++) {
            String suffix = core[i].literalSuffix();
            if (suffix != null) {
                boolean decided = single && core[i].isStarThenLiteral();
                Bucket bucket = suffix.lastIndexOf('.') >= 0
                        ? dottedSuffixes.computeIfAbsent(suffix, k -> new Bucket())
                        : trieBuckets.computeIfAbsent(bySuffix.insert(suffix, true), k -> new Bucket());
                bucket.add(index, decided ? shape : VERIFY, !decided);
                return true;
            }
            String prefix = core[i].literalPrefix();
            if (prefix != null) {
                boolean decided = single && core[i].isLiteralThenStar();
                trieBuckets.computeIfAbsent(byPrefix.insert(prefix, false), k -> new Bucket())
                        .add(index, decided ? shape : VERIFY, !decided);
                return true;
            }
        }
        return false;
    }

    /** The rules filed under one literal suffix that holds a dot. */
    private static final class DottedSuffix {
        final String suffix;
        final int[] decided;
        final int[] verify;

        DottedSuffix(String suffix, Bucket bucket) {
            this.suffix = suffix;
            this.decided = bucket.decided;
            this.verify = bucket.verify;
        }
    }

    /**
     * A node of the anchored-pattern trie: one literal (or lone-*) segment deeper than its parent. The node is
     * itself the table of its literal children, which saves a memory hop per path segment.
     */
    private static final class TrieNode extends SegmentTable<TrieNode> {
        final TrieNode star;
        final int[] decided;
        final int[] verify;

        /** {@code decided[0]}, or -1: checked first, without touching the array. */
        final int decidedTop;

        TrieNode(Map<String, TrieNode> children, TrieNode star, Bucket bucket) {
            super(children);
            this.star = star;
            this.decided = bucket.decided;
            this.verify = bucket.verify;
            this.decidedTop = decided == null ? -1 : decided[0];
        }
    }

    private static final class MutableNode {
        final Map<String, MutableNode> children = new HashMap<>();
        MutableNode star;
        final Bucket bucket = new Bucket();

        MutableNode star() {
            if (star == null) {
                star = new MutableNode();
            }
            return star;
        }

        TrieNode freeze() {
            Map<String, TrieNode> frozen = new HashMap<>();
            children.forEach((name, child) -> frozen.put(name, child.freeze()));
            return new TrieNode(frozen, star == null ? null : star.freeze(), bucket.freeze());
        }
    }
}
