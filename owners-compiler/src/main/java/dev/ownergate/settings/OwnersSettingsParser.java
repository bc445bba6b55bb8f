package dev.ownergate.settings;

import dev.ownergate.codeowners.CodeownersPattern;
import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.yaml.SafeYaml;
import dev.ownergate.yaml.YamlDocument;
import dev.ownergate.yaml.YamlReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the {@code owners:} section of {@code .github/ownergate.yml}. Pure: text in, settings and positioned
 * diagnostics out. Other top-level keys belong to the App's policy parser and are not looked at here. When there
 * are errors the settings are the defaults and must not be used: callers fail closed.
 */
public final class OwnersSettingsParser {

    private static final String EXAMPLE = "owners: {ignore: [\"/examples/\"], per_file_globs: find-owners,"
            + " unresolved_imports: warn}";
    private static final Set<String> KEYS = Set.of("ignore", "per_file_globs", "unresolved_imports");

    /** The settings and what was wrong with them. */
    public record Result(OwnersSettings settings, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }

        public boolean hasErrors() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }
    }

    private OwnersSettingsParser() {}

    /** The settings of a repository without the file. */
    public static Result none() {
        return new Result(OwnersSettings.DEFAULTS, List.of());
    }

    public static Result parse(String path, String text) {
        return switch (SafeYaml.load(path, text)) {
            case YamlDocument.Empty empty -> none();
            // The policy parser reports a file that is not YAML; for ownership it means "settings unknown".
            case YamlDocument.Invalid invalid -> new Result(OwnersSettings.DEFAULTS, List.of(invalid.error()));
            case YamlDocument.Loaded loaded -> read(path, loaded);
        };
    }

    private static Result read(String path, YamlDocument.Loaded doc) {
        YamlReader reader = new YamlReader(path);
        OwnersSettings settings = OwnersSettings.DEFAULTS;
        Optional<Map<String, YamlReader.Field>> top = reader.rootMapping(doc.root(), EXAMPLE);
        YamlReader.Field owners = top.map(m -> m.get("owners")).orElse(null);
        if (owners != null && !YamlReader.isNull(owners.value())) {
            Map<String, YamlReader.Field> fields = reader.mapping(owners, "a mapping of ownership settings", EXAMPLE)
                    .orElse(Map.of());
            for (YamlReader.Field f : fields.values()) {
                if (!KEYS.contains(f.key())) {
                    reader.error(f.keyNode(), "unknown key 'owners." + f.key() + "'; the keys here are "
                            + String.join(", ", new TreeSet<>(KEYS)));
                }
            }
            YamlReader.Field ignore = fields.get("ignore");
            if (ignore != null) {
                List<String> patterns = new ArrayList<>();
                for (YamlReader.Text item : reader.stringList(ignore, "a list of CODEOWNERS-style patterns",
                        "ignore: [\"/examples/\", \"**/testdata/\"]").orElse(List.of())) {
                    String pattern = item.value().strip();
                    Optional<String> problem = patternProblem(pattern);
                    if (problem.isPresent()) {
                        reader.error(item, problem.get());
                    } else {
                        patterns.add(pattern);
                    }
                }
                settings = settings.withIgnore(patterns);
            }
            Optional<PerFileGlobs> globs = choice(reader, fields.get("per_file_globs"), PerFileGlobs.class,
                    "per_file_globs: find-owners");
            if (globs.isPresent()) {
                settings = settings.withPerFileGlobs(globs.get());
            }
            Optional<UnresolvedImports> imports = choice(reader, fields.get("unresolved_imports"),
                    UnresolvedImports.class, "unresolved_imports: error");
            if (imports.isPresent()) {
                settings = settings.withUnresolvedImports(imports.get());
            }
        }
        List<Diagnostic> diagnostics = reader.diagnostics().stream().sorted().toList();
        return new Result(reader.hasErrors() ? OwnersSettings.DEFAULTS : settings, diagnostics);
    }

    private static <E extends Enum<E> & SettingValue> Optional<E> choice(YamlReader reader, YamlReader.Field field,
            Class<E> type, String example) {
        if (field == null) {
            return Optional.empty();
        }
        String allowed = SettingValue.allowed(type);
        Optional<YamlReader.Text> value = reader.string(field, "one of " + allowed, example);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<E> parsed = SettingValue.fromYaml(type, value.get().value().strip());
        if (parsed.isEmpty()) {
            reader.error(value.get(), "'owners." + field.key() + "' must be one of " + allowed + ", not '"
                    + value.get().value() + "', e.g. \"" + example + "\"");
        }
        return parsed;
    }

    /** Why an ignore pattern cannot be used, or empty. Shared with the {@code --ignore} flag. */
    public static Optional<String> patternProblem(String pattern) {
        if (pattern.isEmpty()) {
            return Optional.of("an ignore pattern must not be empty; write a folder, e.g. \"/examples/\"");
        }
        try {
            CodeownersPattern.compile(pattern);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage() + "; write a CODEOWNERS-style pattern, e.g. \"/examples/\" or \"**/testdata/\"");
        }
    }
}
