package dev.ownergate.owners;

import com.google.re2j.PatternSyntaxException;
import dev.ownergate.diagnostics.Diagnostic;
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
    private static final Set<String> TOP_KEYS = Set.of("approvers", "reviewers", "required_reviewers", "labels",
            "emeritus_approvers", "options", "filters");
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
        for (YamlReader.Field field : fields.values()) {
            if (!TOP_KEYS.contains(field.key())) {
                reader.warning(field.keyNode(), unknownKey(field.key(), TOP_KEYS, "OWNERS file"));
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
                    default -> reader.warning(opt.keyNode(), unknownKey(opt.key(), OPTION_KEYS, "options"));
                }
            }
        }
        YamlReader.Field emeritus = fields.get("emeritus_approvers");
        if (emeritus != null) {
            // Kept for the record only: emeritus approvers own nothing (Kubernetes community convention).
            reader.stringList(emeritus, "a list of logins", "emeritus_approvers: [alice]");
        }

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
        if (!reader.hasErrors() && !config.hasApprovers()) {
            diagnostics.add(Diagnostic.warning(path, 1, 1, "lists no approvers, so it owns nothing;"
                    + " add approvers, e.g. \"" + EXAMPLE + "\""));
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
            if (!LIST_KEYS.contains(field.key())) {
                String hint = field.key().equals("options")
                        ? "options apply to the whole file; move them to the top level"
                        : unknownKey(field.key(), LIST_KEYS, "a filter");
                reader.warning(field.keyNode(), hint);
            }
        }
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
            } else {
                reader.error(token, "'" + token.value() + "' in '" + field.key() + "' is not a valid owner or a"
                        + " defined alias: " + Owner.expectedForm());
            }
        }
        return out;
    }

    static String unknownKey(String key, Set<String> known, String where) {
        String lower = key.toLowerCase(Locale.ROOT);
        String suggestion = null;
        for (String k : known) {
            if (k.equals(lower) || k.equals(lower.replace('-', '_'))) {
                suggestion = k;
            }
        }
        if (lower.equals("files")) {
            suggestion = "filters";
        }
        String base = "unknown key '" + key + "' in " + where + " is ignored";
        return suggestion != null ? base + "; did you mean '" + suggestion + "'?"
                : base + "; known keys: " + String.join(", ", new TreeSet<>(known));
    }
}
