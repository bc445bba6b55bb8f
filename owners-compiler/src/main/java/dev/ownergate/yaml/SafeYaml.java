package dev.ownergate.yaml;

import dev.ownergate.diagnostics.Diagnostic;
import java.io.StringReader;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The project's one way to read YAML: snakeyaml's {@code compose} (a node tree with positions, no object
 * construction, so no arbitrary types) under explicit limits. Never throws on bad input.
 *
 * <p>{@code compose} does not check duplicate mapping keys (only the constructor does), so this class walks
 * the tree and rejects them itself, along with merge keys ({@code <<}) and self-referencing aliases, which
 * would make the same text mean different things to different readers.
 *
 * <p>Most OWNERS files use a sliver of YAML (block lists of names, comments); {@link SimpleYaml} composes those
 * itself, the same tree snakeyaml would, and leaves every other text to snakeyaml. The checks and limits here
 * apply to both.
 */
public final class SafeYaml {

    /** Aliases that may point at a collection: enough for real files, far too few for a "billion laughs". */
    public static final int MAX_ALIASES = 50;
    public static final int MAX_NESTING_DEPTH = 50;
    /** 3 MiB of code points; OWNERS and policy files are a few kilobytes. */
    public static final int MAX_CODE_POINTS = 3 * 1024 * 1024;

    /**
     * A Yaml object is costly to build (it sets up a dumper too) and not thread-safe, but each compose starts
     * afresh from its settings: one per thread serves the thousands of files of a tree load.
     */
    private static final ThreadLocal<Yaml> YAML = ThreadLocal.withInitial(SafeYaml::yaml);

    private SafeYaml() {}

    /**
     * Reads one YAML document.
     *
     * @param path repo-relative path, used only in diagnostics
     */
    public static YamlDocument load(String path, String text) {
        return load(path, text, true);
    }

    /**
     * As {@link #load}, with snakeyaml reading every text: the reference that the fast path for the simple texts
     * most OWNERS files are ({@link SimpleYaml}) is tested against.
     */
    public static YamlDocument loadWithSnakeyamlOnly(String path, String text) {
        return load(path, text, false);
    }

    /**
     * True when the root of the text cannot be a mapping however it reads: it has no {@code ": "}, {@code ":"}
     * before a line end, {@code "? "} or {@code "{"}. Cheap, for format detection.
     */
    public static boolean cannotHoldMapping(String text) {
        return SimpleYaml.cannotHoldMapping(text);
    }

    private static YamlDocument load(String path, String text, boolean fastPath) {
        if (text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
            return new YamlDocument.Invalid(Diagnostic.error(path, 1, 1,
                    "file is too large for YAML (more than " + MAX_CODE_POINTS + " characters); split it up"));
        }
        Node root = fastPath ? SimpleYaml.compose(text) : null;
        if (root == null) {
            try {
                root = YAML.get().compose(new StringReader(text));
            } catch (MarkedYAMLException e) {
                return new YamlDocument.Invalid(fromMarked(path, e));
            } catch (RuntimeException | StackOverflowError e) {
                // Limits (nesting, aliases) raise unmarked YAMLExceptions; anything else is still bad input.
                return new YamlDocument.Invalid(Diagnostic.error(path, 1, 1, "invalid YAML: " + describe(e)));
            }
            if (root == null) {
                return new YamlDocument.Empty();
            }
        }
        Diagnostic problem = new TreeCheck(path).check(root);
        return problem == null ? new YamlDocument.Loaded(root) : new YamlDocument.Invalid(problem);
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setMergeOnCompose(false);
        return new Yaml(new SafeConstructor(options));
    }

    private static Diagnostic fromMarked(String path, MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        int line = mark == null ? 1 : mark.getLine() + 1;
        int column = mark == null ? 1 : mark.getColumn() + 1;
        String problem = e.getProblem() != null ? e.getProblem() : firstLine(e.getMessage());
        String context = e.getContext();
        String message;
        if (problem.contains("(TAB)")) {
            message = "a tab cannot indent YAML; indent with spaces";
        } else if (context != null && problem.startsWith("but ")) {
            // snakeyaml splits "expected X, but found Y" into context and problem.
            message = context + ", " + problem;
        } else if (context != null && e.getContextMark() != null && e.getProblemMark() != null) {
            message = problem + " (" + context + " at line " + (e.getContextMark().getLine() + 1) + ")";
        } else {
            message = problem;
        }
        return Diagnostic.error(path, line, column, "invalid YAML: " + message);
    }

    private static String describe(Throwable e) {
        if (e instanceof StackOverflowError) {
            return "nested too deeply";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : firstLine(m);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    static int line(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }

    static int column(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getColumn() + 1;
    }

    /** Rejects duplicate keys, merge keys and recursive aliases; visits each shared (aliased) node once. */
    private static final class TreeCheck {
        private final String path;
        private final Set<Node> done = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());

        TreeCheck(String path) {
            this.path = path;
        }

        Diagnostic check(Node node) {
            if (done.contains(node)) {
                return null;
            }
            if (!open.add(node)) {
                return Diagnostic.error(path, line(node), column(node),
                        "invalid YAML: an alias refers to a collection that contains it; remove the recursion");
            }
            Diagnostic problem = switch (node) {
                case MappingNode mapping -> checkMapping(mapping);
                case SequenceNode sequence -> {
                    for (Node item : sequence.getValue()) {
                        Diagnostic p = check(item);
                        if (p != null) {
                            yield p;
                        }
                    }
                    yield null;
                }
                default -> null;
            };
            open.remove(node);
            done.add(node);
            return problem;
        }

        private Diagnostic checkMapping(MappingNode mapping) {
            Map<String, Node> seen = new HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node key = tuple.getKeyNode();
                if (Tag.MERGE.equals(key.getTag())) {
                    return Diagnostic.error(path, line(key), column(key),
                            "invalid YAML: merge keys (<<) are not supported; write the entries out");
                }
                if (key instanceof ScalarNode scalar) {
                    Node first = seen.putIfAbsent(scalar.getValue(), key);
                    if (first != null) {
                        return Diagnostic.error(path, line(key), column(key),
                                "duplicate key '" + scalar.getValue() + "' (first at line " + line(first)
                                        + "); merge the two entries");
                    }
                } else {
                    Diagnostic p = check(key);
                    if (p != null) {
                        return p;
                    }
                }
                Diagnostic p = check(tuple.getValueNode());
                if (p != null) {
                    return p;
                }
            }
            return null;
        }
    }
}
