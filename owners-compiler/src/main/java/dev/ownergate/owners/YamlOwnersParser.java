package dev.ownergate.owners;

import com.google.re2j.PatternSyntaxException;
import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.diagnostics.Suggestions;
import dev.ownergate.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a Kubernetes/Prow OWNERS file (see Prow {@code pkg/repoowners}). Top-level lists apply to every file;
 * {@code filters} maps a regex to the same lists. As in Prow, a file with any non-empty top-level list is read
 * as a simple config and its {@code filters} are ignored (we warn).
 */
final class YamlOwnersParser {

    static final String EXAMPLE = "approvers: [alice]";
    private static final Set<String> LIST_KEYS = Set.of("approvers", "reviewers", "required_reviewers", "labels");
    /** Kept for the record only: emeritus approvers and reviewers own nothing (Kubernetes community convention). */
    private static final Set<String> EMERITUS_KEYS = Set.of("emeritus_approvers", "emeritus_reviewers");
    private static final Set<String> FILTER_KEYS = Set.of("approvers", "reviewers", "required_reviewers", "labels",
            "emeritus_approvers", "emeritus_reviewers");
    private static final Set<String> TOP_KEYS = Set.of("approvers", "reviewers", "required_reviewers", "labels",
            "emeritus_approvers", "emeritus_reviewers", "options", "filters");
    /**
     * A key this close to a known one is a typo, not an extension: {@code aprovers} or {@code no_parent_owner} would
     * otherwise be ignored and silently change who may approve, so it is an error. Two edits catch a missing, extra
     * or swapped letter; the known keys are at least 6 letters long and at least 3 edits apart.
     */
    private static final int TYPO_EDITS = 2;
    private static final Set<String> OPTION_KEYS = Set.of("no_parent_owners", "auto_approve_unowned_subfolders");

    private final String path;
    private final String dir;
    private final OwnersAliases aliases;
    private final YamlReader reader;

    private YamlOwnersParser(String path, OwnersAliases aliases) {
        this.path = path;
        this.dir = RepoPaths.dirOf(path);
        this.aliases = aliases;
        this.reader = new YamlReader(path);
    }

    /** The four lists of one block (top level or one filter), before they become an entry. */
    private record Block(SortedSet<Owner> approvers, SortedSet<Owner> reviewers, SortedSet<Owner> required,
            SortedSet<String> labels, int line) {
        boolean isEmpty() {
            return approvers.isEmpty() && reviewers.isEmpty() && required.isEmpty() && labels.isEmpty();
        }

        OwnersEntry toEntry(PathFilter filter, String sourcePath) {
            return new OwnersEntry(filter, approvers, reviewers, required, labels, false, sourcePath, line);
        }
    }

    static OwnersFileParser.Result parse(String path, Node root, OwnersAliases aliases) {
        return new YamlOwnersParser(path, aliases).parse(root);
    }

    private OwnersFileParser.Result parse(Node root) {
        Map<String, YamlReader.Field> fields = reader.rootMapping(root, EXAMPLE).orElse(Map.of());
        boolean anyKnown = fields.keySet().stream().anyMatch(TOP_KEYS::contains);
        for (YamlReader.Field field : fields.values()) {
            if (!TOP_KEYS.contains(field.key())) {
                if (!anyKnown && YamlReader.isNull(field.value()) && Owner.parse(field.key()).isPresent()
                        && Suggestions.closest(field.key(), TOP_KEYS, TYPO_EDITS).isEmpty()) {
                    // "alice:" alone: a plain owner line with a stray colon, read as a YAML key that owns nothing.
                    reader.error(field.keyNode(), "'" + field.key() + ":' is not an OWNERS key; to make "
                            + field.key() + " an owner, write '" + field.key() + "' without the colon (plain format,"
                            + " one owner per line) or 'approvers: [" + field.key() + "]' (YAML)");
                } else {
                    unknownKey(field, TOP_KEYS, "OWNERS file", !anyKnown);
                }
            }
        }
        boolean noParentOwners = false;
        boolean autoApprove = false;
        YamlReader.Field options = fields.get("options");
        if (options != null) {
            Map<String, YamlReader.Field> opts = reader.mapping(options, "a mapping of options",
                    "options: {no_parent_owners: true}").orElse(Map.of());
            for (YamlReader.Field opt : opts.values()) {
                switch (opt.key()) {
                    case "no_parent_owners" -> noParentOwners =
                            reader.bool(opt, "no_parent_owners: true").orElse(false);
                    case "auto_approve_unowned_subfolders" -> autoApprove =
                            reader.bool(opt, "auto_approve_unowned_subfolders: true").orElse(false);
                    default -> unknownKey(opt, OPTION_KEYS, "options", false);
                }
            }
        }
        readEmeritus(fields);

        List<OwnersEntry> entries = new ArrayList<>();
        Block top = block(fields, 1);
        YamlReader.Field filters = fields.get("filters");
        if (hasTopLevelItems(fields)) {
            entries.add(top.toEntry(PathFilter.ALL, path));
            if (filters != null) {
                reader.warning(filters.keyNode(), "'filters' is ignored because this file also has top-level"
                        + " lists (Prow reads one or the other); move the top-level lists into a \".*\" filter");
            }
        } else if (filters != null) {
            Map<String, YamlReader.Field> byRegex = reader.mapping(filters, "a mapping of regexes to owners",
                    "filters: {\"\\\\.go$\": {approvers: [alice]}}").orElse(Map.of());
            for (YamlReader.Field filter : byRegex.values()) {
                filterEntry(filter).ifPresent(entries::add);
            }
        }

        OwnersConfig config = new OwnersConfig(path, dir, OwnersConfig.Format.YAML, entries, noParentOwners, false,
                autoApprove);
        List<Diagnostic> diagnostics = new ArrayList<>(reader.diagnostics());
        // Files with only reviewers, labels, emeritus entries or filters are normal in Prow repositories; only a
        // file that says nothing at all is worth a warning.
        if (!reader.hasErrors() && fields.values().stream().allMatch(f -> YamlReader.isNull(f.value())
                || f.value() instanceof org.yaml.snakeyaml.nodes.SequenceNode seq && seq.getValue().isEmpty()
                || f.value() instanceof org.yaml.snakeyaml.nodes.MappingNode map && map.getValue().isEmpty())) {
            diagnostics.add(Diagnostic.warning(path, 1, 1, "has no entries, so it has no effect;"
                    + " add approvers, e.g. \"" + EXAMPLE + "\", or delete it"));
        }
        return new OwnersFileParser.Result(config, diagnostics);
    }

    /** Prow's {@code SimpleConfig.Empty}: judged on the lists as written, before aliases expand. */
    private static boolean hasTopLevelItems(Map<String, YamlReader.Field> fields) {
        for (String key : LIST_KEYS) {
            YamlReader.Field f = fields.get(key);
            if (f != null && f.value() instanceof org.yaml.snakeyaml.nodes.SequenceNode seq
                    && !seq.getValue().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private Optional<OwnersEntry> filterEntry(YamlReader.Field filter) {
        PathFilter pathFilter;
        if (filter.key().equals(".*")) {
            pathFilter = PathFilter.ALL; // Prow stores ".*" without a regex: it matches every file
        } else {
            try {
                pathFilter = PathFilter.Regex.of(filter.key());
            } catch (PatternSyntaxException e) {
                reader.error(filter.keyNode(), "invalid regular expression \"" + filter.key() + "\": "
                        + e.getDescription() + "; filters keys are RE2 regexes, e.g. \"\\\\.go$\"");
                return Optional.empty();
            }
        }
        Map<String, YamlReader.Field> fields = reader.mapping(filter, "a mapping of owner lists",
                "\"" + filter.key() + "\": {approvers: [alice]}").orElse(Map.of());
        for (YamlReader.Field field : fields.values()) {
            if (field.key().equals("options")) {
                reader.warning(field.keyNode(), "options apply to the whole file; move them to the top level");
            } else if (!FILTER_KEYS.contains(field.key())) {
                unknownKey(field, FILTER_KEYS, "a filter", false);
            }
        }
        readEmeritus(fields);
        Block block = block(fields, YamlReader.line(filter.keyNode()));
        // Prow keeps only non-empty lists, so an empty filter has no effect. The entry sits at its regex.
        return block.isEmpty() ? Optional.empty() : Optional.of(new OwnersEntry(pathFilter, block.approvers(),
                block.reviewers(), block.required(), block.labels(), false, path, YamlReader.line(filter.keyNode())));
    }

    private Block block(Map<String, YamlReader.Field> fields, int defaultLine) {
        int line = defaultLine;
        for (String key : List.of("approvers", "reviewers", "required_reviewers", "labels")) {
            YamlReader.Field f = fields.get(key);
            if (f != null) {
                line = YamlReader.line(f.keyNode());
                break;
            }
        }
        SortedSet<String> labels = new TreeSet<>();
        YamlReader.Field labelField = fields.get("labels");
        if (labelField != null) {
            reader.stringList(labelField, "a list of labels", "labels: [sig/foo]")
                    .ifPresent(l -> l.forEach(t -> labels.add(t.value().strip())));
        }
        return new Block(owners(fields.get("approvers")), owners(fields.get("reviewers")),
                owners(fields.get("required_reviewers")), labels, line);
    }

    private SortedSet<Owner> owners(YamlReader.Field field) {
        SortedSet<Owner> out = new TreeSet<>();
        if (field == null) {
            return out;
        }
        Optional<List<YamlReader.Text>> tokens = reader.stringList(field, "a list of owners",
                field.key() + ": [alice]");
        for (YamlReader.Text token : tokens.orElse(List.of())) {
            Optional<String> typo = aliases.misspelledAlias(token.value());
            if (typo.isPresent()) {
                reader.error(token, OwnersAliases.unknownAliasMessage(token.value(), typo.get()));
                continue;
            }
            Optional<SortedSet<Owner>> resolved = aliases.resolve(token.value());
            if (resolved.isPresent()) {
                out.addAll(resolved.get());
                aliases.emptyAliasMessage(token.value()).ifPresent(m -> reader.warning(token, m));
            } else {
                reader.error(token, "'" + token.value() + "' in '" + field.key() + "' is not a valid owner or a"
                        + " defined alias: " + Owner.expectedForm());
            }
        }
        return out;
    }

    private void readEmeritus(Map<String, YamlReader.Field> fields) {
        for (String key : EMERITUS_KEYS) {
            YamlReader.Field f = fields.get(key);
            if (f != null) {
                reader.stringList(f, "a list of logins", key + ": [alice]");
            }
        }
    }

    /**
     * Reports a key that is not one of {@code known}: an error with a suggestion when it is a near miss of a known
     * key (a typo that would silently change ownership), else a warning (Prow ignores unknown keys). When
     * {@code onlyUnknown}, the file has no known key at all, so it would own nothing: that is an error too.
     */
    private void unknownKey(YamlReader.Field field, Set<String> known, String where, boolean onlyUnknown) {
        String key = field.key();
        Optional<String> suggestion = suggestion(key, known);
        String base = "unknown key '" + key + "' in " + where;
        if (suggestion.isPresent()) {
            reader.error(field.keyNode(), base + "; did you mean '" + suggestion.get() + "'?");
        } else if (onlyUnknown) {
            reader.error(field.keyNode(), base + ", and no known key, so this file would own nothing; known keys: "
                    + String.join(", ", new TreeSet<>(known)));
        } else {
            reader.warning(field.keyNode(), base + " is ignored; known keys: " + String.join(", ", new TreeSet<>(known)));
        }
    }

    private static Optional<String> suggestion(String key, Set<String> known) {
        String lower = key.toLowerCase(Locale.ROOT).replace('-', '_');
        if (lower.equals("files")) {
            return Optional.of("filters");
        }
        if (known.contains(lower)) {
            return Optional.of(lower); // Approvers, no-parent-owners
        }
        return Suggestions.closest(lower, new TreeSet<>(known), TYPO_EDITS);
    }
}
