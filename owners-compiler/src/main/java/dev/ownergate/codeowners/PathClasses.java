package dev.ownergate.codeowners;

import dev.ownergate.codeowners.CodeownersPattern.Segment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The deciding rule of many paths, found by matching one path per class of paths that every rule must treat
 * alike: files of one folder whose names each pattern segment matches alike (the same literal segment equal to
 * the name, if any, and the same glob segments matching it). A pattern matches a path segment by segment, a
 * {@code **} spanning any number of them ({@link CodeownersPattern}), so two such paths are matched by exactly
 * the same rules; that the indexed matcher follows the patterns is what CodeownersMatcherDifferentialTest checks.
 * A tree's folders hold {@code x.py}, {@code y.py}, {@code z.py}: one match serves them all.
 */
final class PathClasses {

    /** Beyond this many distinct glob segments a name's class no longer fits a long: every path is matched. */
    private static final int MAX_GLOBS = 63;

    private final Set<String> literals = new HashSet<>();
    private final List<Segment> globs = new ArrayList<>();

    private PathClasses(CodeownersMatcher matcher) {
        Set<String> seenGlobs = new HashSet<>();
        for (int r = 0; r < matcher.ruleCount(); r++) {
            Segment[] core = matcher.pattern(r).core();
            for (Segment segment : core == null ? new Segment[0] : core) {
                if (segment.kind == Segment.LITERAL_KIND) {
                    literals.add(segment.literal);
                } else if (segment.kind == Segment.GLOB_KIND && seenGlobs.add(Arrays.toString(segment.glob))) {
                    globs.add(segment);
                }
            }
        }
    }

    /** The index of the rule that decides each path (-1 for none), as {@code matcher.match} would say. */
    static int[] decidingRules(CodeownersMatcher matcher, List<String> paths) {
        PathClasses classes = new PathClasses(matcher);
        if (classes.globs.size() > MAX_GLOBS) {
            return matchEach(matcher, paths);
        }
        Object[] keys = new Object[paths.size()];
        IntStream.range(0, paths.size()).parallel().forEach(i -> keys[i] = classes.nameKey(paths.get(i)));
        // One representative per (folder, name key); a folder's files are mostly neighbours in a sorted list,
        // and a folder met again only costs another match.
        int[] representative = new int[paths.size()];
        Map<Object, Integer> inFolder = new HashMap<>();
        for (int i = 0; i < paths.size(); i++) {
            if (i == 0 || !sameFolder(paths.get(i - 1), paths.get(i))) {
                inFolder.clear();
            }
            Integer first = keys[i] == null ? null : inFolder.putIfAbsent(keys[i], i);
            representative[i] = first == null ? i : first;
        }
        int[] deciding = new int[paths.size()];
        IntStream.range(0, paths.size()).parallel().filter(i -> representative[i] == i)
                .forEach(i -> deciding[i] = match(matcher, paths.get(i)));
        for (int i = 0; i < paths.size(); i++) {
            deciding[i] = deciding[representative[i]];
        }
        return deciding;
    }

    /** The deciding rule of each path, every path matched, on every core. */
    static int[] matchEach(CodeownersMatcher matcher, List<String> paths) {
        int[] deciding = new int[paths.size()];
        IntStream.range(0, paths.size()).parallel().forEach(i -> deciding[i] = match(matcher, paths.get(i)));
        return deciding;
    }

    private static int match(CodeownersMatcher matcher, String path) {
        return matcher.match(path).map(CodeownersRule::index).orElse(-1);
    }

    /**
     * What the rules can see of a path's file name: the name itself when some literal segment spells it, else
     * which glob segments match it. Null (a class of its own) for an empty name or a path with a leading slash.
     */
    private Object nameKey(String path) {
        int start = path.lastIndexOf('/') + 1;
        if (start == path.length() || path.startsWith("/")) {
            return null;
        }
        String name = path.substring(start);
        if (literals.contains(name)) {
            return name;
        }
        long mask = 0;
        for (int g = 0; g < globs.size(); g++) {
            if (globs.get(g).matches(path, start, path.length())) {
                mask |= 1L << g;
            }
        }
        return mask;
    }

    private static boolean sameFolder(String a, String b) {
        int slash = a.lastIndexOf('/');
        return slash == b.lastIndexOf('/') && a.regionMatches(0, b, 0, Math.max(slash, 0));
    }
}
