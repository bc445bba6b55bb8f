package dev.ownergate.app.policy;

import dev.ownergate.app.policy.PolicyConfig.ApprovalMode;
import dev.ownergate.app.policy.PolicyConfig.InvalidateOnPush;
import dev.ownergate.app.policy.PolicyConfig.OverrideAccess;
import dev.ownergate.app.policy.PolicyConfig.UnownedFiles;
import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.owners.Owner;
import dev.ownergate.yaml.SafeYaml;
import dev.ownergate.yaml.YamlDocument;
import dev.ownergate.yaml.YamlReader;
import dev.ownergate.yaml.YamlReader.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads {@code .github/ownergate.yml} into a {@link PolicyConfig}, with a positioned message for every problem.
 *
 * <p>Strict, because a policy that silently means something else is a hole: a wrong value is an error, and so is an
 * unknown key within a small edit distance of a known one ({@code min_aprovals}), with the suggestion. Other unknown
 * keys are warnings (a newer version's key, or notes a team keeps there), shown in the check run.
 */
final class PolicyParser {
    private static final String EXAMPLE = "approval: {mode: every-file}";

    /**
     * Every key the parser reads, by section; {@code approval.rules[]} is one item of the rules list. The
     * {@code owners} section belongs to the OWNERS compiler, which validates it; this parser only knows it is there.
     */
    static final Map<String, List<String>> KEYS = keys();

    private static Map<String, List<String>> keys() {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("", List.of("approval", "request_reviews", "check_name", "override", "owners"));
        keys.put("approval", List.of("mode", "min_approvals", "unowned_files", "allow_author", "invalidate_on_push",
                "dismiss_stale_reviews", "block_on_changes_requested", "protected_paths", "rules", "ignore",
                "trusted_bots"));
        keys.put("approval.rules[]", List.of("name", "paths", "from", "count"));
        keys.put("override", List.of("users", "teams"));
        return Map.copyOf(keys);
    }

    /** Every key as written in docs/policy.md: {@code approval.mode}, {@code approval.rules[].name}, ... */
    static Set<String> documentedKeys() {
        Set<String> all = new TreeSet<>();
        KEYS.forEach((section, names) -> names.forEach(n -> all.add(section.isEmpty() ? n : section + "." + n)));
        return all;
    }

    private final YamlReader reader;

    private ApprovalMode mode = PolicyConfig.DEFAULTS.mode();
    private int minApprovals = PolicyConfig.DEFAULTS.minApprovals();
    private UnownedFiles unowned = PolicyConfig.DEFAULTS.unownedFiles();
    private boolean allowAuthor = PolicyConfig.DEFAULTS.allowAuthor();
    private InvalidateOnPush invalidateOnPush = PolicyConfig.DEFAULTS.invalidateOnPush();
    private boolean dismissStale = PolicyConfig.DEFAULTS.dismissStaleReviews();
    private boolean blockOnChangesRequested = PolicyConfig.DEFAULTS.blockOnChangesRequested();
    private List<String> protectedPaths = PolicyConfig.DEFAULTS.protectedPaths();
    private final List<ApprovalRule> rules = new ArrayList<>();
    private List<String> ignore = PolicyConfig.DEFAULTS.ignore();
    private List<String> trustedBots = PolicyConfig.DEFAULTS.trustedBots();
    private boolean requestReviews = PolicyConfig.DEFAULTS.requestReviews();
    private String checkName = PolicyConfig.DEFAULTS.checkName();
    private OverrideAccess override = PolicyConfig.DEFAULTS.override();

    private PolicyParser(String path) {
        this.reader = new YamlReader(path);
    }

    static PolicyConfig.Parsed parse(String path, String text) {
        return switch (SafeYaml.load(path, text)) {
            case YamlDocument.Empty empty -> PolicyConfig.Parsed.valid(PolicyConfig.DEFAULTS, List.of());
            case YamlDocument.Invalid invalid -> new PolicyConfig.Parsed(Optional.empty(), List.of(invalid.error()),
                    PolicyConfig.DEFAULT_CHECK_NAME);
            case YamlDocument.Loaded loaded -> new PolicyParser(path).read(loaded);
        };
    }

    private PolicyConfig.Parsed read(YamlDocument.Loaded doc) {
        reader.rootMapping(doc.root(), EXAMPLE).ifPresent(this::readTop);
        List<Diagnostic> problems = reader.diagnostics().stream().sorted().toList();
        if (reader.hasErrors()) {
            return new PolicyConfig.Parsed(Optional.empty(), problems, checkName);
        }
        return PolicyConfig.Parsed.valid(new PolicyConfig(mode, minApprovals, unowned, allowAuthor, invalidateOnPush,
                dismissStale, blockOnChangesRequested, protectedPaths, rules, ignore, trustedBots, requestReviews,
                checkName, override), problems);
    }

    private void readTop(Map<String, Field> fields) {
        unknownKeys(fields, "");
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
        field(fields, "override").flatMap(f -> reader.mapping(f, "a mapping with users and teams",
                "override: {users: [alice], teams: [\"@acme/release\"]}")).ifPresent(this::readOverride);
        // "owners" is read and validated by the OWNERS compiler (dev.ownergate.owners); nothing to do here.
    }

    private void readApproval(Map<String, Field> fields) {
        unknownKeys(fields, "approval");
        field(fields, "mode").ifPresent(f -> choice(f, ApprovalMode.values(), ApprovalMode::yaml, "mode: every-file")
                .ifPresent(v -> mode = v));
        field(fields, "min_approvals").flatMap(f -> wholeNumber(f, "min_approvals: 2")).ifPresent(v -> minApprovals = v);
        field(fields, "unowned_files").ifPresent(f -> choice(f, UnownedFiles.values(), UnownedFiles::yaml,
                "unowned_files: require-approval").ifPresent(v -> unowned = v));
        field(fields, "allow_author").flatMap(f -> reader.bool(f, "allow_author: true")).ifPresent(v -> allowAuthor = v);
        field(fields, "invalidate_on_push").ifPresent(this::readInvalidateOnPush);
        field(fields, "dismiss_stale_reviews").flatMap(f -> reader.bool(f, "dismiss_stale_reviews: true"))
                .ifPresent(v -> dismissStale = v);
        field(fields, "block_on_changes_requested").flatMap(f -> reader.bool(f, "block_on_changes_requested: false"))
                .ifPresent(v -> blockOnChangesRequested = v);
        field(fields, "protected_paths").flatMap(f -> patterns(f, "a protected path", "protected_paths: [\"**/OWNERS\"]"))
                .ifPresent(v -> protectedPaths = v);
        field(fields, "ignore").flatMap(f -> patterns(f, "an ignored path", "ignore: [\"**/*.lock\"]"))
                .ifPresent(v -> ignore = v);
        field(fields, "trusted_bots").ifPresent(this::readTrustedBots);
        field(fields, "rules").ifPresent(this::readRules);
        if (dismissStale && invalidateOnPush == InvalidateOnPush.NEVER && fields.containsKey("dismiss_stale_reviews")) {
            reader.warning(fields.get("dismiss_stale_reviews").keyNode(), "'dismiss_stale_reviews' does nothing while"
                    + " invalidate_on_push is false; set \"invalidate_on_push: owned-changes\" (or true)");
        }
    }

    private void readInvalidateOnPush(Field f) {
        String example = "invalidate_on_push: owned-changes";
        if (f.value() instanceof ScalarNode scalar && Tag.BOOL.equals(scalar.getTag())) {
            reader.bool(f, example).ifPresent(v -> invalidateOnPush = v ? InvalidateOnPush.ANY_PUSH
                    : InvalidateOnPush.NEVER);
        } else if (f.value() instanceof ScalarNode scalar && !YamlReader.isNull(scalar)
                && scalar.getValue().equals(InvalidateOnPush.OWNED_CHANGES.yaml())) {
            invalidateOnPush = InvalidateOnPush.OWNED_CHANGES;
        } else if (YamlReader.isNull(f.value())) {
            invalidateOnPush = InvalidateOnPush.NEVER;
        } else {
            reader.error(f.value(), "'invalidate_on_push' must be false, true or owned-changes, not '"
                    + scalarText(f.value()) + "', e.g. \"" + example + "\"");
        }
    }

    private void readTrustedBots(Field f) {
        reader.stringList(f, "a list of bot logins", "trusted_bots: [\"renovate[bot]\"]").ifPresent(list -> {
            List<String> bots = new ArrayList<>();
            for (YamlReader.Text item : list) {
                String bare = PolicyConfig.botName(item.value());
                if (Owner.parse(bare).filter(o -> o.kind() == Owner.Kind.USER).isEmpty()) {
                    reader.error(item, "'" + item.value() + "' is not a bot login; write it as GitHub shows it,"
                            + " e.g. \"renovate[bot]\"");
                } else {
                    bots.add(bare);
                }
            }
            trustedBots = List.copyOf(bots);
        });
    }

    private void readOverride(Map<String, Field> fields) {
        unknownKeys(fields, "override");
        List<String> users = new ArrayList<>();
        List<Owner> teams = new ArrayList<>();
        field(fields, "users").flatMap(f -> reader.stringList(f, "a list of logins", "users: [alice]"))
                .ifPresent(list -> list.forEach(item -> owner(item, "override.users").ifPresent(o -> {
                    if (o.kind() == Owner.Kind.USER) {
                        users.add(o.name());
                    } else {
                        reader.error(item, "'" + item.value() + "' is not a login; put teams under override.teams,"
                                + " e.g. \"users: [alice]\"");
                    }
                })));
        field(fields, "teams").flatMap(f -> reader.stringList(f, "a list of teams", "teams: [\"@acme/release\"]"))
                .ifPresent(list -> list.forEach(item -> owner(item, "override.teams").ifPresent(o -> {
                    if (o.isTeam()) {
                        teams.add(o);
                    } else {
                        reader.error(item, "'" + item.value() + "' is not a team; write it as @org/team,"
                                + " e.g. \"teams: [\\\"@acme/release\\\"]\"");
                    }
                })));
        override = new OverrideAccess(users, teams);
    }

    private void readRules(Field f) {
        String example = "rules: [{name: dba, paths: [\"**/*.sql\"], from: [\"@acme/dba\"], count: 1}]";
        if (YamlReader.isNull(f.value())) {
            return;
        }
        if (!(f.value() instanceof SequenceNode list)) {
            reader.error(f.value(), "'rules' must be a list of rules, e.g. \"" + example + "\"");
            return;
        }
        Set<String> names = new HashSet<>();
        int index = 0;
        for (Node item : list.getValue()) {
            index++;
            Field itemField = new Field("rules", item, item);
            if (!(item instanceof org.yaml.snakeyaml.nodes.MappingNode)) {
                reader.error(item, "each rule must be a mapping with name, paths, from and count, e.g. \""
                        + example.substring("rules: [".length(), example.length() - 1) + "\"");
                continue;
            }
            int n = index;
            reader.mapping(itemField, "a rule", example).ifPresent(rule -> readRule(rule, item, n, names));
        }
    }

    private void readRule(Map<String, Field> fields, Node at, int index, Set<String> names) {
        unknownKeys(fields, "approval.rules[]");
        String name = null;
        Field nameField = fields.get("name");
        if (nameField == null) {
            reader.error(at, "rule " + index + " has no 'name'; give each rule a name, e.g. \"name: dba\"");
        } else {
            Optional<YamlReader.Text> text = reader.string(nameField, "a rule name", "name: dba");
            if (text.isPresent()) {
                name = text.get().value().strip();
                if (name.isEmpty()) {
                    reader.error(nameField.value(), "a rule's 'name' must not be blank, e.g. \"name: dba\"");
                    name = null;
                } else if (!names.add(name.toLowerCase(Locale.ROOT))) {
                    reader.error(nameField.value(), "there is already a rule named '" + name
                            + "'; give each rule its own name");
                }
            }
        }
        String label = name == null ? "rule " + index : "rule '" + name + "'";
        List<String> paths = List.of();
        Field pathsField = fields.get("paths");
        if (pathsField == null) {
            reader.error(at, label + " has no 'paths'; list the files it covers, e.g. \"paths: [\\\"**/*.sql\\\"]\"");
        } else {
            paths = patterns(pathsField, "a rule's path", "paths: [\"**/*.sql\"]").orElse(List.of());
            Node value = pathsField.value();
            if (YamlReader.isNull(value) || value instanceof SequenceNode seq && seq.getValue().isEmpty()) {
                reader.error(pathsField.value(), label + " covers no paths; list at least one pattern,"
                        + " e.g. \"paths: [\\\"**/*.sql\\\"]\"");
            }
        }
        List<Owner> from = new ArrayList<>();
        Field fromField = fields.get("from");
        if (fromField == null) {
            reader.error(at, label + " has no 'from'; say who may approve, e.g. \"from: [\\\"@acme/dba\\\"]\"");
        } else {
            reader.stringList(fromField, "a list of logins and teams", "from: [\"@acme/dba\", alice]")
                    .ifPresent(list -> {
                        for (YamlReader.Text item : list) {
                            owner(item, "from").ifPresent(o -> {
                                if (o.kind() == Owner.Kind.USER || o.isTeam()) {
                                    from.add(o);
                                } else {
                                    reader.error(item, "'" + item.value() + "' cannot approve on GitHub; write a"
                                            + " login or a team, e.g. \"from: [\\\"@acme/dba\\\", alice]\"");
                                }
                            });
                        }
                        if (list.isEmpty()) {
                            reader.error(fromField.value(), label + " names nobody who may approve; add logins or"
                                    + " teams, e.g. \"from: [\\\"@acme/dba\\\"]\"");
                        }
                    });
        }
        int count = 1;
        Field countField = fields.get("count");
        if (countField != null) {
            count = wholeNumber(countField, "count: 2").orElse(1);
            boolean onlyPeople = !from.isEmpty() && from.stream().noneMatch(Owner::isTeam);
            if (onlyPeople && count > from.size()) {
                reader.error(countField.value(), label + " needs " + count + " approvals but names only "
                        + from.size() + (from.size() == 1 ? " person" : " people")
                        + "; lower 'count' or add people or a team to 'from'");
            }
        }
        if (name != null && !paths.isEmpty() && !from.isEmpty()) {
            rules.add(new ApprovalRule(name, paths, from, count));
        }
    }

    private Optional<Owner> owner(YamlReader.Text item, String key) {
        Optional<Owner> owner = Owner.parse(item.value());
        if (owner.isEmpty()) {
            reader.error(item, "'" + item.value() + "' in '" + key + "' is not valid: " + Owner.expectedForm());
        }
        return owner;
    }

    private Optional<List<String>> patterns(Field f, String what, String example) {
        return reader.stringList(f, "a list of path patterns", example).map(list -> {
            List<String> patterns = new ArrayList<>();
            for (YamlReader.Text item : list) {
                String pattern = item.value().strip();
                Optional<String> problem = PathPatterns.problemWith(pattern, what);
                if (problem.isPresent()) {
                    reader.error(item, problem.get());
                } else {
                    patterns.add(pattern);
                }
            }
            return List.copyOf(patterns);
        });
    }

    private Optional<Integer> wholeNumber(Field f, String example) {
        if (f.value() instanceof ScalarNode scalar && Tag.INT.equals(scalar.getTag())) {
            try {
                int n = Integer.parseInt(scalar.getValue().replace("_", ""));
                if (n >= 1) {
                    return Optional.of(n);
                }
            } catch (NumberFormatException tooLargeOrNotDecimal) {
                // reported below
            }
        }
        reader.error(f.value(), "'" + f.key() + "' must be a whole number of at least 1, e.g. \"" + example + "\"");
        return Optional.empty();
    }

    private <E extends Enum<E>> Optional<E> choice(Field f, E[] values, Function<E, String> yaml, String example) {
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

    /**
     * Unknown keys: a near miss of a known key is an error with the suggestion (it was surely meant, and ignoring
     * it would silently weaken the gate); anything else is a warning.
     */
    private void unknownKeys(Map<String, Field> fields, String section) {
        List<String> known = KEYS.get(section);
        String prefix = section.isEmpty() ? "" : section + ".";
        for (Field f : fields.values()) {
            if (known.contains(f.key())) {
                continue;
            }
            Optional<String> near = nearest(f.key(), known);
            if (near.isPresent()) {
                reader.error(f.keyNode(), "unknown key '" + prefix + f.key() + "'; did you mean '" + near.get()
                        + "'? Rename it to '" + near.get() + "'");
            } else {
                reader.warning(f.keyNode(), "unknown key '" + prefix + f.key() + "' is ignored; the keys here are "
                        + known.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }

    /** The known key within a small edit distance (2, or 1 for keys of up to 4 letters), the closest first. */
    static Optional<String> nearest(String key, List<String> known) {
        String k = key.toLowerCase(Locale.ROOT);
        int limit = k.length() <= 4 ? 1 : 2;
        LevenshteinDistance distance = new LevenshteinDistance(limit);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance.apply(k, candidate);
            if (d >= 0 && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    private static String scalarText(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : "a " + node.getNodeId().name().toLowerCase(Locale.ROOT);
    }

    private static Optional<Field> field(Map<String, Field> fields, String key) {
        return Optional.ofNullable(fields.get(key));
    }
}
