package dev.ownergate.app.policy;

import dev.ownergate.app.policy.PolicyConfig.ApprovalMode;
import dev.ownergate.app.policy.PolicyConfig.UnownedFiles;
import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.yaml.SafeYaml;
import dev.ownergate.yaml.YamlDocument;
import dev.ownergate.yaml.YamlReader;
import dev.ownergate.yaml.YamlReader.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads {@code .github/ownergate.yml} into a {@link PolicyConfig}, with a positioned message for every problem. */
final class PolicyParser {
    private static final String EXAMPLE = "approval: {mode: every-file}";
    // "override" (who may break glass) is read by OverrideRule until this parser reads it itself.
    private static final Set<String> TOP_KEYS = Set.of("approval", "request_reviews", "check_name", "override");
    private static final Set<String> APPROVAL_KEYS = Set.of("mode", "min_approvals", "unowned_files", "allow_author",
            "invalidate_on_push", "block_on_changes_requested", "protected_paths");

    private final YamlReader reader;

    private ApprovalMode mode = PolicyConfig.DEFAULTS.mode();
    private int minApprovals = PolicyConfig.DEFAULTS.minApprovals();
    private UnownedFiles unowned = PolicyConfig.DEFAULTS.unownedFiles();
    private boolean allowAuthor = PolicyConfig.DEFAULTS.allowAuthor();
    private boolean invalidateOnPush = PolicyConfig.DEFAULTS.invalidateOnPush();
    private boolean blockOnChangesRequested = PolicyConfig.DEFAULTS.blockOnChangesRequested();
    private List<String> protectedPaths = PolicyConfig.DEFAULTS.protectedPaths();
    private boolean requestReviews = PolicyConfig.DEFAULTS.requestReviews();
    private String checkName = PolicyConfig.DEFAULTS.checkName();

    private PolicyParser(String path) {
        this.reader = new YamlReader(path);
    }

    static PolicyConfig.Parsed parse(String path, String text) {
        return switch (SafeYaml.load(path, text)) {
            case YamlDocument.Empty empty -> new PolicyConfig.Parsed(PolicyConfig.DEFAULTS, List.of());
            case YamlDocument.Invalid invalid -> new PolicyConfig.Parsed(PolicyConfig.DEFAULTS, List.of(invalid.error()));
            case YamlDocument.Loaded loaded -> new PolicyParser(path).read(loaded);
        };
    }

    private PolicyConfig.Parsed read(YamlDocument.Loaded doc) {
        reader.rootMapping(doc.root(), EXAMPLE).ifPresent(this::readTop);
        List<Diagnostic> problems = reader.diagnostics().stream().sorted().toList();
        if (reader.hasErrors()) {
            return new PolicyConfig.Parsed(PolicyConfig.DEFAULTS, problems);
        }
        return new PolicyConfig.Parsed(new PolicyConfig(mode, minApprovals, unowned, allowAuthor, invalidateOnPush,
                blockOnChangesRequested, protectedPaths, requestReviews, checkName), problems);
    }

    private void readTop(Map<String, Field> fields) {
        rejectUnknown(fields, TOP_KEYS, "");
        field(fields, "approval").flatMap(f -> reader.mapping(f, "a mapping of approval settings", EXAMPLE))
                .ifPresent(this::readApproval);
        field(fields, "request_reviews").flatMap(f -> reader.bool(f, "request_reviews: true"))
                .ifPresent(v -> requestReviews = v);
        field(fields, "check_name").flatMap(f -> reader.string(f, "a check name", "check_name: code-owners"))
                .ifPresent(text -> {
                    String name = text.value().strip();
                    if (name.isEmpty()) {
                        reader.error(fields.get("check_name").value(),
                                "'check_name' must not be blank, e.g. \"check_name: code-owners\"");
                    } else {
                        checkName = name;
                    }
                });
    }

    private void readApproval(Map<String, Field> fields) {
        rejectUnknown(fields, APPROVAL_KEYS, "approval.");
        field(fields, "mode").ifPresent(f -> choice(f, ApprovalMode.values(), ApprovalMode::yaml, "mode: every-file")
                .ifPresent(v -> mode = v));
        field(fields, "min_approvals").ifPresent(this::readMinApprovals);
        field(fields, "unowned_files").ifPresent(f -> choice(f, UnownedFiles.values(), UnownedFiles::yaml,
                "unowned_files: require-approval").ifPresent(v -> unowned = v));
        field(fields, "allow_author").flatMap(f -> reader.bool(f, "allow_author: true")).ifPresent(v -> allowAuthor = v);
        field(fields, "invalidate_on_push").flatMap(f -> reader.bool(f, "invalidate_on_push: true"))
                .ifPresent(v -> invalidateOnPush = v);
        field(fields, "block_on_changes_requested").flatMap(f -> reader.bool(f, "block_on_changes_requested: false"))
                .ifPresent(v -> blockOnChangesRequested = v);
        field(fields, "protected_paths")
                .flatMap(f -> reader.stringList(f, "a list of path patterns", "protected_paths: [\"**/OWNERS\"]"))
                .ifPresent(list -> {
                    List<String> patterns = new ArrayList<>();
                    for (YamlReader.Text item : list) {
                        String pattern = item.value().strip();
                        Optional<String> problem = ProtectedPaths.problemWith(pattern);
                        if (problem.isPresent()) {
                            reader.error(nodeAt(fields.get("protected_paths"), item), problem.get());
                        } else {
                            patterns.add(pattern);
                        }
                    }
                    protectedPaths = List.copyOf(patterns);
                });
    }

    private void readMinApprovals(Field f) {
        if (f.value() instanceof ScalarNode scalar && Tag.INT.equals(scalar.getTag())) {
            try {
                int n = Integer.parseInt(scalar.getValue().replace("_", ""));
                if (n >= 1) {
                    minApprovals = n;
                    return;
                }
            } catch (NumberFormatException tooLargeOrNotDecimal) {
                // reported below
            }
        }
        reader.error(f.value(), "'min_approvals' must be a whole number of at least 1, e.g. \"min_approvals: 2\"");
    }

    private <E extends Enum<E>> Optional<E> choice(Field f, E[] values, java.util.function.Function<E, String> yaml,
            String example) {
        String allowed = Arrays.stream(values).map(yaml).collect(Collectors.joining(", "));
        Optional<YamlReader.Text> text = reader.string(f, "one of " + allowed, example);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        for (E value : values) {
            if (yaml.apply(value).equals(text.get().value())) {
                return Optional.of(value);
            }
        }
        reader.error(f.value(), "'" + f.key() + "' must be one of " + allowed + ", not '" + text.get().value()
                + "', e.g. \"" + example + "\"");
        return Optional.empty();
    }

    private void rejectUnknown(Map<String, Field> fields, Set<String> known, String prefix) {
        for (Field f : fields.values()) {
            if (!known.contains(f.key())) {
                reader.error(f.keyNode(), "unknown key '" + prefix + f.key() + "'; the keys here are "
                        + known.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }

    private static Optional<Field> field(Map<String, Field> fields, String key) {
        return Optional.ofNullable(fields.get(key));
    }

    /** The list item's own node, so a bad pattern is reported where it is written. */
    private static org.yaml.snakeyaml.nodes.Node nodeAt(Field list, YamlReader.Text item) {
        if (list.value() instanceof org.yaml.snakeyaml.nodes.SequenceNode seq) {
            for (var node : seq.getValue()) {
                if (YamlReader.line(node) == item.line() && YamlReader.column(node) == item.column()) {
                    return node;
                }
            }
        }
        return list.value();
    }
}
