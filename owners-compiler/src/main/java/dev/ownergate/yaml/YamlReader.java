package dev.ownergate.yaml;

import dev.ownergate.diagnostics.Diagnostic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads typed values out of a node tree from {@link SafeYaml}, collecting a positioned diagnostic for every
 * value of the wrong type instead of throwing. One reader per file; not thread-safe.
 *
 * <p>Type errors read {@code 'approvers' must be a list of owners, e.g. "approvers: [alice]"}: the key, what
 * it must be, and an example that fixes it.
 */
public final class YamlReader {

    /** One key of a mapping and its value. */
    public record Field(String key, Node keyNode, Node value) {}

    /** A string value with its 1-based position. */
    public record Text(String value, int line, int column) {}

    private final String path;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    /** @param path repo-relative path, used in diagnostics */
    public YamlReader(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    public List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public void error(Node at, String message) {
        diagnostics.add(Diagnostic.error(path, line(at), column(at), message));
    }

    public void warning(Node at, String message) {
        diagnostics.add(Diagnostic.warning(path, line(at), column(at), message));
    }

    /** An error at a value read earlier, e.g. one item of a list that is not a valid owner. */
    public void error(Text at, String message) {
        diagnostics.add(Diagnostic.error(path, at.line(), at.column(), message));
    }

    public void warning(Text at, String message) {
        diagnostics.add(Diagnostic.warning(path, at.line(), at.column(), message));
    }

    /** 1-based line of the node's first character. */
    public static int line(Node node) {
        return SafeYaml.line(node);
    }

    /** 1-based column of the node's first character. */
    public static int column(Node node) {
        return SafeYaml.column(node);
    }

    /** True for an absent value: {@code key:}, {@code key: ~} or {@code key: null}. */
    public static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /**
     * The root of a file as a mapping, keyed by key text in file order.
     *
     * @param example a minimal valid file, shown in the error
     */
    public Optional<Map<String, Field>> rootMapping(Node root, String example) {
        if (!(root instanceof MappingNode mapping)) {
            error(root, "the file must be a YAML mapping of keys to values, e.g. \"" + example + "\"");
            return Optional.empty();
        }
        return Optional.of(fields(mapping));
    }

    /** A field's value as a mapping; {@code key:} with no value is an empty mapping. */
    public Optional<Map<String, Field>> mapping(Field field, String what, String example) {
        if (isNull(field.value())) {
            return Optional.of(Map.of());
        }
        if (!(field.value() instanceof MappingNode mapping)) {
            typeError(field, what, example);
            return Optional.empty();
        }
        return Optional.of(fields(mapping));
    }

    /**
     * A field's value as a list of strings; {@code key:} with no value is an empty list. Numbers and booleans
     * are taken as written ({@code 123} is the string "123"), as a login may look like one.
     */
    public Optional<List<Text>> stringList(Field field, String what, String example) {
        if (isNull(field.value())) {
            return Optional.of(List.of());
        }
        if (!(field.value() instanceof SequenceNode sequence)) {
            typeError(field, what, example);
            return Optional.empty();
        }
        List<Text> items = new ArrayList<>();
        boolean ok = true;
        for (Node item : sequence.getValue()) {
            if (item instanceof ScalarNode scalar && !isNull(scalar)) {
                items.add(new Text(scalar.getValue(), line(item), column(item)));
            } else {
                error(item, "each item of '" + field.key() + "' must be a single name, e.g. \"" + example + "\"");
                ok = false;
            }
        }
        return ok ? Optional.of(List.copyOf(items)) : Optional.empty();
    }

    /** A field's value as one string. */
    public Optional<Text> string(Field field, String what, String example) {
        if (field.value() instanceof ScalarNode scalar && !isNull(scalar)) {
            return Optional.of(new Text(scalar.getValue(), line(scalar), column(scalar)));
        }
        typeError(field, what, example);
        return Optional.empty();
    }

    /**
     * A field's value as a boolean: YAML 1.1 {@code true/false/yes/no/on/off}, as Prow's YAML reader accepts.
     * {@code key:} with no value is false.
     */
    public Optional<Boolean> bool(Field field, String example) {
        if (isNull(field.value())) {
            return Optional.of(false);
        }
        if (field.value() instanceof ScalarNode scalar && Tag.BOOL.equals(scalar.getTag())) {
            String v = scalar.getValue().toLowerCase(Locale.ROOT);
            return Optional.of(v.equals("true") || v.equals("yes") || v.equals("on"));
        }
        typeError(field, "true or false", example);
        return Optional.empty();
    }

    private void typeError(Field field, String what, String example) {
        error(field.value(), "'" + field.key() + "' must be " + what + ", e.g. \"" + example + "\"");
    }

    private Map<String, Field> fields(MappingNode mapping) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node key = tuple.getKeyNode();
            if (key instanceof ScalarNode scalar && !isNull(scalar)) {
                // SafeYaml already rejected duplicates, so putIfAbsent never drops a key.
                fields.putIfAbsent(scalar.getValue(), new Field(scalar.getValue(), key, tuple.getValueNode()));
            } else {
                error(key, "keys must be plain names, not lists, mappings or empty");
            }
        }
        return fields;
    }
}
