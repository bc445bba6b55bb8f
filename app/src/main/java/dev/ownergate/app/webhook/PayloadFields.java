package dev.ownergate.app.webhook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The parts of a webhook payload a handler reads, as dotted paths such as {@code pull_request.head.sha}.
 * {@link #read} still checks that the whole body is JSON, but builds a tree of these fields only: payloads are
 * ~20 KB and handlers read a handful of values, and building the full tree was most of an acknowledgement's cost.
 *
 * <p>Arrays are looked through: {@code commits.added} keeps the {@code added} of every commit. An array keeps
 * all its elements (an object element with none of the fields stays as {@code {}}), so sizes read the same.
 *
 * <p>Jackson's own {@code FilteringParserDelegate} does not do this in 2.20: depending on its inclusion mode it
 * drops kept objects whose fields all went, array elements included, or puts the names of skipped fields back.
 */
public final class PayloadFields {
    /** Nothing but the syntax check: for events Ownergate does not handle. */
    public static final PayloadFields NONE = new PayloadFields(Set.of());

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> paths;
    private final Keep keep;

    private PayloadFields(Set<String> paths) {
        this.paths = Set.copyOf(paths);
        this.keep = Keep.of(this.paths);
    }

    public static PayloadFields of(String... paths) {
        return new PayloadFields(Set.copyOf(Arrays.asList(paths)));
    }

    /** These fields and the given ones. */
    public PayloadFields and(String... more) {
        return new PayloadFields(Stream.concat(paths.stream(), Stream.of(more)).collect(Collectors.toSet()));
    }

    /**
     * The body's top-level object, cut down to these fields; empty when the body is not JSON (anywhere in it,
     * skipped parts included) or its top level is not an object.
     */
    public Optional<ObjectNode> read(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            return parser.nextToken() == JsonToken.START_OBJECT ? Optional.of(object(parser, keep)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return new TreeSet<>(paths).toString();
    }

    /** At the start of an object: its kept properties. Duplicate names: the last one wins, as in a full parse. */
    private static ObjectNode object(JsonParser parser, Keep keep) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            Keep child = keep.properties().get(name);
            parser.nextToken();
            if (child == null) {
                parser.skipChildren(); // still tokenized, so still syntax-checked, but nothing is built
            } else {
                node.set(name, value(parser, child));
            }
        }
        return node;
    }

    private static JsonNode value(JsonParser parser, Keep keep) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> keep.whole() ? JSON.readTree(parser) : object(parser, keep);
            case START_ARRAY -> keep.whole() ? JSON.readTree(parser) : array(parser, keep);
            default -> JSON.readTree(parser); // a scalar, kept as it is even where an object was expected
        };
    }

    /** Every element, each cut down the same way, so sizes and positions read as in a full parse. */
    private static ArrayNode array(JsonParser parser, Keep keep) throws IOException {
        ArrayNode node = JSON.createArrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            node.add(value(parser, keep));
        }
        return node;
    }

    /** What to keep of one value: all of it, or the named properties of an object (of each element of an array). */
    private record Keep(boolean whole, Map<String, Keep> properties) {
        static final Keep WHOLE = new Keep(true, Map.of());

        static Keep of(Set<String> paths) {
            Map<String, Set<String>> below = new HashMap<>();
            for (String path : paths) {
                int dot = path.indexOf('.');
                String first = dot < 0 ? path : path.substring(0, dot);
                Set<String> rest = below.computeIfAbsent(first, k -> new HashSet<>());
                // An empty rest stands for the whole value, which covers any deeper path under the same name.
                if (dot < 0 || rest.contains("")) {
                    rest.clear();
                    rest.add("");
                } else {
                    rest.add(path.substring(dot + 1));
                }
            }
            Map<String, Keep> properties = new HashMap<>();
            below.forEach((name, rest) -> properties.put(name, rest.contains("") ? WHOLE : of(rest)));
            return new Keep(false, Map.copyOf(properties));
        }
    }
}
