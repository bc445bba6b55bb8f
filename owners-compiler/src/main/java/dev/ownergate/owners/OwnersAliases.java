package dev.ownergate.owners;

import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.diagnostics.Suggestions;
import dev.ownergate.yaml.SafeYaml;
import dev.ownergate.yaml.YamlDocument;
import dev.ownergate.yaml.YamlReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Prow's {@code OWNERS_ALIASES} at the repository root: {@code aliases:} maps a name to a list of members.
 * Names are compared like logins (case-insensitively, a leading {@code @} ignored). Expansion is one level
 * deep, as in Prow's {@code ExpandAliases}: a member that is itself an alias name is taken as a login.
 */
public final class OwnersAliases {

    public static final String FILE_NAME = "OWNERS_ALIASES";
    private static final String EXAMPLE = "aliases: {sig-foo-approvers: [alice, bob]}";

    private static final OwnersAliases NONE = new OwnersAliases(new TreeMap<>());

    /** The aliases (empty when the file is unusable) and what was wrong with the file. */
    public record Result(OwnersAliases aliases, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }

        public boolean hasErrors() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }
    }

    private final SortedMap<String, SortedSet<Owner>> byName;
    private final Map<String, Integer> lines;
    /** {@link #misspelledAlias} by token: a tree names the same logins in thousands of files. */
    private final Map<String, Optional<String>> typos = new java.util.concurrent.ConcurrentHashMap<>();

    private OwnersAliases(SortedMap<String, SortedSet<Owner>> byName) {
        this(byName, Map.of());
    }

    private OwnersAliases(SortedMap<String, SortedSet<Owner>> byName, Map<String, Integer> lines) {
        this.byName = Collections.unmodifiableSortedMap(byName);
        this.lines = Map.copyOf(lines);
    }

    /** No aliases: a repository without OWNERS_ALIASES. */
    public static OwnersAliases none() {
        return NONE;
    }

    /** Builds aliases directly (tests, tools); names are normalized like logins. */
    public static OwnersAliases of(Map<String, ? extends java.util.Collection<Owner>> aliases) {
        SortedMap<String, SortedSet<Owner>> map = new TreeMap<>();
        aliases.forEach((name, members) ->
                map.put(normalize(name), Collections.unmodifiableSortedSet(new TreeSet<>(members))));
        return new OwnersAliases(map);
    }

    /** Alias name to members, names lower-cased. */
    public SortedMap<String, SortedSet<Owner>> asMap() {
        return byName;
    }

    /** The members when {@code token} names an alias. */
    public Optional<SortedSet<Owner>> expand(String token) {
        return Optional.ofNullable(byName.get(normalize(token)));
    }

    /**
     * What an owner token in an OWNERS file stands for: the members when it names an alias (checked first, as
     * alias names may look like logins or teams), else the owner it spells. Empty when it is neither.
     */
    Optional<SortedSet<Owner>> resolve(String token) {
        Optional<SortedSet<Owner>> members = expand(token);
        if (members.isPresent()) {
            return members;
        }
        return Owner.parse(token).map(o -> Collections.unmodifiableSortedSet(new TreeSet<>(List.of(o))));
    }

    /**
     * The defined alias a bare token most likely misspells: it is no alias itself, but within two edits of one
     * (Prow would silently read it as a login). {@code @name} is never a typo: the @ says it is a login.
     */
    public Optional<String> misspelledAlias(String token) {
        String t = token.strip();
        if (byName.isEmpty() || t.startsWith("@") || t.contains("/") || t.contains("@") || t.length() < 4
                || byName.containsKey(normalize(t))) {
            return Optional.empty();
        }
        return typos.computeIfAbsent(t, k -> Suggestions.closest(k.toLowerCase(Locale.ROOT), byName.keySet(), 2));
    }

    /**
     * The warning for a token that names an alias with no members (Prow then silently adds nobody), or empty.
     * It names the alias and the {@code OWNERS_ALIASES} line that defines it.
     */
    Optional<String> emptyAliasMessage(String token) {
        Optional<SortedSet<Owner>> members = expand(token);
        if (members.isEmpty() || !members.get().isEmpty()) {
            return Optional.empty();
        }
        OptionalInt line = lineOf(token);
        return Optional.of("alias '" + token.strip() + "' (" + FILE_NAME + (line.isPresent() ? ":" + line.getAsInt() : "")
                + ") has no members, so it adds nobody here; add members to the alias or list the owners directly");
    }

    /** The line of {@code OWNERS_ALIASES} that defines an alias, when it was read from the file. */
    public OptionalInt lineOf(String name) {
        Integer line = lines.get(normalize(name));
        return line == null ? OptionalInt.empty() : OptionalInt.of(line);
    }

    /** The error for a token {@link #misspelledAlias} flags. */
    static String unknownAliasMessage(String token, String alias) {
        return "unknown alias '" + token.strip() + "' (did you mean '" + alias + "' from " + FILE_NAME
                + "?); write @" + token.strip() + " if it is a GitHub login";
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /** Prow's {@code NormLogin}: trimmed, lower-cased, without a leading {@code @}. */
    static String normalize(String token) {
        String t = token.strip().toLowerCase(Locale.ROOT);
        return t.startsWith("@") ? t.substring(1) : t;
    }

    /** Parses an {@code OWNERS_ALIASES} text. Never throws. */
    public static Result parse(String path, String text) {
        YamlDocument doc = SafeYaml.load(path, stripBom(text));
        return switch (doc) {
            case YamlDocument.Invalid invalid -> new Result(NONE, List.of(invalid.error()));
            case YamlDocument.Empty empty -> new Result(NONE,
                    List.of(Diagnostic.warning(path, 1, 1, "empty " + FILE_NAME + " file; define aliases, e.g. \""
                            + EXAMPLE + "\", or delete it")));
            case YamlDocument.Loaded loaded -> parseLoaded(path, loaded);
        };
    }

    private static Result parseLoaded(String path, YamlDocument.Loaded loaded) {
        YamlReader reader = new YamlReader(path);
        List<Diagnostic> extra = new ArrayList<>();
        SortedMap<String, SortedSet<Owner>> map = new TreeMap<>();
        Map<String, Integer> lines = new TreeMap<>();
        Map<String, YamlReader.Field> fields = reader.rootMapping(loaded.root(), EXAMPLE).orElse(Map.of());
        for (YamlReader.Field field : fields.values()) {
            if (!field.key().equals("aliases")) {
                reader.warning(field.keyNode(), "unknown key '" + field.key() + "' in " + FILE_NAME
                        + "; only 'aliases' is read");
            }
        }
        YamlReader.Field aliases = fields.get("aliases");
        if (aliases != null) {
            Map<String, YamlReader.Field> groups =
                    reader.mapping(aliases, "a mapping of alias names to member lists", EXAMPLE).orElse(Map.of());
            Map<String, Integer> firstLine = new TreeMap<>();
            for (YamlReader.Field group : groups.values()) {
                String name = normalize(group.key());
                if (firstLine.containsKey(name)) {
                    reader.error(group.keyNode(), "alias '" + group.key() + "' is defined twice (first at line "
                            + firstLine.get(name) + "; names ignore case); merge the two");
                    continue;
                }
                firstLine.put(name, YamlReader.line(group.keyNode()));
                lines.put(name, YamlReader.line(group.keyNode()));
                members(reader, group).ifPresent(m -> map.put(name, Collections.unmodifiableSortedSet(m)));
            }
            warnNestedAliases(path, groups, map, extra);
        }
        List<Diagnostic> all = new ArrayList<>(reader.diagnostics());
        all.addAll(extra);
        Collections.sort(all);
        return new Result(new OwnersAliases(map, lines), all);
    }

    private static Optional<SortedSet<Owner>> members(YamlReader reader, YamlReader.Field group) {
        List<YamlReader.Text> tokens;
        if (group.value() instanceof MappingNode flowSet) {
            // Prow accepts "name: {alice, bob}" (a YAML set written as a flow mapping): the keys are the members.
            tokens = new ArrayList<>();
            for (NodeTuple t : flowSet.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode s && YamlReader.isNull(t.getValueNode())) {
                    tokens.add(new YamlReader.Text(s.getValue(), YamlReader.line(s), YamlReader.column(s)));
                } else {
                    reader.error(t.getKeyNode(), "alias group '" + group.key()
                            + "' must be a list of members, e.g. \"" + group.key() + ": [alice, bob]\"");
                    return Optional.empty();
                }
            }
        } else {
            Optional<List<YamlReader.Text>> list = reader.stringList(group, "a list of members",
                    group.key() + ": [alice, bob]");
            if (list.isEmpty()) {
                return Optional.empty();
            }
            tokens = list.get();
        }
        SortedSet<Owner> members = new TreeSet<>();
        for (YamlReader.Text token : tokens) {
            Optional<Owner> owner = Owner.parse(token.value());
            if (owner.isPresent()) {
                members.add(owner.get());
            } else {
                reader.error(token, "'" + token.value() + "' in alias '" + group.key()
                        + "' is not a valid member: " + Owner.expectedForm());
            }
        }
        return Optional.of(members);
    }

    private static void warnNestedAliases(String path, Map<String, YamlReader.Field> groups,
            SortedMap<String, SortedSet<Owner>> map, List<Diagnostic> out) {
        for (YamlReader.Field group : groups.values()) {
            if (!(group.value() instanceof org.yaml.snakeyaml.nodes.SequenceNode seq)) {
                continue;
            }
            for (var item : seq.getValue()) {
                if (item instanceof ScalarNode s && map.containsKey(normalize(s.getValue()))) {
                    out.add(Diagnostic.warning(path, YamlReader.line(s), YamlReader.column(s), "'" + s.getValue()
                            + "' is an alias, but aliases expand only one level, so it is read as a login here;"
                            + " list its members instead"));
                }
            }
        }
    }

    static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    @Override
    public String toString() {
        return "OwnersAliases" + byName;
    }
}
