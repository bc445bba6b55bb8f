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
 * every rule. Rules are indexed by what a matching path must contain:
 * <ul>
 *   <li>anchored patterns ({@code /src/app/}, {@code docs/*}) by their leading literal folders, in a trie
 *       walked along the path's segments;</li>
 *   <li>unanchored ones ({@code Makefile}, {@code **}{@code /logs}, {@code *.js}, {@code test_*}) by a literal
 *       segment, or by a segment's literal suffix or prefix, looked up for each segment of the path;</li>
 *   <li>the few left (wildcards first, like {@code /*}{@code /x} or {@code *}) in a fallback list.</li>
 * </ul>
 * Every candidate list runs from the highest rule index down and stops at the best answer found so far, so
 * most lookups decide from one or two entries. Immutable and thread-safe.
 */
public final class CodeownersMatcher {

    // How an index entry decides, given the number of path segments consumed when it was reached.
    private static final int ALWAYS = 0;
    private static final int FOLDER = 1;          // something must be below what was consumed
    private static final int CHILD = 2;           // exactly one more, non-empty segment (dir/*)
    private static final int CHILD_FOLDER = 3;    // one more non-empty segment, and something below it (dir/*/)
    private static final int VERIFY = 4;          // run the pattern
    private static final int MODE_BITS = 3;
    private static final int MODE_MASK = (1 << MODE_BITS) - 1;

    private final CodeownersRule[] rules;
    private final CodeownersPattern[] patterns;
    private final TrieNode anchored;
    private final SegmentTable<int[]> byName;
    private final CharTrie bySuffix;
    private final CharTrie byPrefix;
    private final int[] fallback;

    private CodeownersMatcher(List<CodeownersRule> ruleList) {
        rules = ruleList.toArray(CodeownersRule[]::new);
        patterns = new CodeownersPattern[rules.length];
        Map<String, List<Integer>> names = new HashMap<>();
        IdentityHashMap<CharTrie, List<Integer>> trieEntries = new IdentityHashMap<>();
        List<Integer> rest = new ArrayList<>();
        MutableNode root = new MutableNode();
        bySuffix = new CharTrie();
        byPrefix = new CharTrie();
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
            if (core[0].kind == Segment.DOUBLE_STAR_KIND) {
                indexUnanchored(index, pattern, core, names, trieEntries, rest);
            } else {
                indexAnchored(index, pattern, core, root, rest);
            }
        }
        anchored = root.freeze();
        Map<String, int[]> frozenNames = new HashMap<>();
        names.forEach((name, list) -> frozenNames.put(name, descending(list)));
        byName = new SegmentTable<>(frozenNames);
        trieEntries.forEach((node, list) -> node.entries = descending(list));
        fallback = descending(rest);
    }

    /** Indexes the rules; each rule's {@code index} must be its position in the list. */
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
        int best = decide(segments);
        return best < 0 ? Optional.empty() : Optional.of(rules[best]);
    }

    /** Every rule that matches this file path, in file order; the last one decides. */
    public List<CodeownersRule> allMatches(String path) {
        PathSegments segments = PathSegments.of(path);
        if (segments == null) {
            return List.of();
        }
        BitSet matched = new BitSet(rules.length);
        visitCandidates(segments, (entries, consumed) -> {
            for (int entry : entries) {
                if (!matched.get(entry >>> MODE_BITS) && decides(entry, segments, consumed)) {
                    matched.set(entry >>> MODE_BITS);
                }
            }
            return false;
        });
        for (int entry : fallback) {
            if (decides(entry, segments, 0)) {
                matched.set(entry >>> MODE_BITS);
            }
        }
        return matched.stream().mapToObj(i -> rules[i]).toList();
    }

    /** The deciding rule of each path, in the order given: one pass over a whole tree's file list. */
    public List<Optional<CodeownersRule>> matchAll(Collection<String> paths) {
        List<Optional<CodeownersRule>> decided = new ArrayList<>(paths.size());
        for (String path : paths) {
            decided.add(match(path));
        }
        return decided;
    }

    private int decide(PathSegments path) {
        int[] best = {-1};
        visitCandidates(path, (entries, consumed) -> {
            best[0] = bestOf(entries, path, consumed, best[0]);
            return false;
        });
        return bestOf(fallback, path, 0, best[0]);
    }

    /** The highest index in {@code entries} (sorted descending) that matches, if above {@code best}. */
    private int bestOf(int[] entries, PathSegments path, int consumed, int best) {
        for (int entry : entries) {
            int index = entry >>> MODE_BITS;
            if (index <= best) {
                return best;
            }
            if (decides(entry, path, consumed)) {
                return index;
            }
        }
        return best;
    }

    private boolean decides(int entry, PathSegments path, int consumed) {
        int n = path.count;
        return switch (entry & MODE_MASK) {
            case ALWAYS -> true;
            case FOLDER -> n > consumed;
            case CHILD -> n == consumed + 1 && path.ends[consumed] > path.starts[consumed];
            case CHILD_FOLDER -> n > consumed + 1 && path.ends[consumed] > path.starts[consumed];
            default -> patterns[entry >>> MODE_BITS].matches(path);
        };
    }

    @FunctionalInterface
    private interface CandidateVisitor {
        /** @param consumed path segments consumed when the entries were reached */
        boolean visit(int[] entries, int consumed);
    }

    private void visitCandidates(PathSegments path, CandidateVisitor visitor) {
        String text = path.path;
        int n = path.count;
        int[] hashes = new int[n];
        for (int i = 0; i < n; i++) {
            hashes[i] = path.hash(i);
        }
        TrieNode node = anchored;
        for (int depth = 0; depth < n && node.children != null; depth++) {
            node = node.children.get(text, path.starts[depth], path.ends[depth], hashes[depth]);
            if (node == null) {
                break;
            }
            if (node.entries != null) {
                visitor.visit(node.entries, depth + 1);
            }
        }
        for (int i = 0; i < n; i++) {
            int start = path.starts[i];
            int end = path.ends[i];
            int[] named = byName.get(text, start, end, hashes[i]);
            if (named != null) {
                visitor.visit(named, i + 1);
            }
            CharTrie suffix = bySuffix;
            for (int j = end - 1; j >= start; j--) {
                suffix = suffix.child(text.charAt(j));
                if (suffix == null) {
                    break;
                }
                if (suffix.entries != null) {
                    visitor.visit(suffix.entries, i + 1);
                }
            }
            CharTrie prefix = byPrefix;
            for (int j = start; j < end; j++) {
                prefix = prefix.child(text.charAt(j));
                if (prefix == null) {
                    break;
                }
                if (prefix.entries != null) {
                    visitor.visit(prefix.entries, i + 1);
                }
            }
        }
    }

    private void indexAnchored(int index, CodeownersPattern pattern, Segment[] core, MutableNode root,
            List<Integer> rest) {
        int literals = 0;
        while (literals < core.length && core[literals].kind == Segment.LITERAL_KIND) {
            literals++;
        }
        if (literals == 0) {
            rest.add(pack(index, VERIFY));
            return;
        }
        MutableNode node = root;
        for (int i = 0; i < literals; i++) {
            node = node.children.computeIfAbsent(core[i].literal, k -> new MutableNode());
        }
        int mode;
        if (literals == core.length) {
            mode = pattern.folderOnly() ? FOLDER : ALWAYS;
        } else if (literals == core.length - 1 && core[literals].kind == Segment.LONE_STAR_KIND) {
            mode = pattern.folderOnly() ? CHILD_FOLDER : CHILD;
        } else {
            mode = VERIFY;
        }
        node.entries.add(pack(index, mode));
    }

    private void indexUnanchored(int index, CodeownersPattern pattern, Segment[] core, Map<String, List<Integer>> names,
            IdentityHashMap<CharTrie, List<Integer>> trieEntries, List<Integer> rest) {
        // Decided without running the pattern: **/name, **/*suffix, **/prefix* (the name may be any segment).
        boolean single = core.length == 2;
        int decided = pattern.folderOnly() ? FOLDER : ALWAYS;
        for (int i = 1; i < core.length; i++) {
            if (core[i].kind == Segment.LITERAL_KIND) {
                names.computeIfAbsent(core[i].literal, k -> new ArrayList<>()).add(pack(index, single ? decided : VERIFY));
                return;
            }
        }
        for (int i = 1; i < core.length; i++) {
            String suffix = core[i].literalSuffix();
            if (suffix != null) {
                int mode = single && core[i].isStarThenLiteral() ? decided : VERIFY;
                trieEntries.computeIfAbsent(bySuffix.insert(suffix, true), k -> new ArrayList<>()).add(pack(index, mode));
                return;
            }
            String prefix = core[i].literalPrefix();
            if (prefix != null) {
                int mode = single && core[i].isLiteralThenStar() ? decided : VERIFY;
                trieEntries.computeIfAbsent(byPrefix.insert(prefix, false), k -> new ArrayList<>()).add(pack(index, mode));
                return;
            }
        }
        rest.add(pack(index, VERIFY));
    }

    private static int pack(int index, int mode) {
        return index << MODE_BITS | mode;
    }

    private static int[] descending(List<Integer> entries) {
        int[] sorted = entries.stream().mapToInt(Integer::intValue).sorted().toArray();
        for (int i = 0, j = sorted.length - 1; i < j; i++, j--) {
            int t = sorted[i];
            sorted[i] = sorted[j];
            sorted[j] = t;
        }
        return sorted;
    }

    /** A node of the anchored-pattern trie: one literal folder deeper than its parent. */
    private static final class TrieNode {
        final SegmentTable<TrieNode> children;
        final int[] entries;

        TrieNode(SegmentTable<TrieNode> children, int[] entries) {
            this.children = children;
            this.entries = entries;
        }
    }

    private static final class MutableNode {
        final Map<String, MutableNode> children = new HashMap<>();
        final List<Integer> entries = new ArrayList<>();

        TrieNode freeze() {
            Map<String, TrieNode> frozen = new HashMap<>();
            children.forEach((name, child) -> frozen.put(name, child.freeze()));
            return new TrieNode(frozen.isEmpty() ? null : new SegmentTable<>(frozen),
                    entries.isEmpty() ? null : descending(entries));
        }
    }
}
