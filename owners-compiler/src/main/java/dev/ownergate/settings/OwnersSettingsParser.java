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
            YamlReader.Field globs = fields.get("per_file_globs");
            if (globs != null) {
                Optional<YamlReader.Text> value = reader.string(globs, "one of " + PerFileGlobs.allowed(),
                        "per_file_globs: find-owners");
                if (value.isPresent()) {
                    Optional<PerFileGlobs> syntax = PerFileGlobs.fromYaml(value.get().value().strip());
                    if (syntax.isEmpty()) {
                        reader.error(value.get(), "'owners.per_file_globs' must be one of " + PerFileGlobs.allowed()
                                + ", not '" + value.get().value() + "', e.g. \"per_file_globs: find-owners\"");
                    } else {
                        settings = settings.withPerFileGlobs(syntax.get());
                    }
                }
            }
            YamlReader.Field imports = fields.get("unresolved_imports");
            if (imports != null) {
                Optional<YamlReader.Text> value = reader.string(imports, "warn or error",
                        "unresolved_imports: warn");
                if (value.isPresent()) {
                    Optional<UnresolvedImports> mode = UnresolvedImports.fromYaml(value.get().value().strip());
                    if (mode.isEmpty()) {
                        reader.error(value.get(), "'owners.unresolved_imports' must be warn or error, not '"
                                + value.get().value() + "', e.g. \"unresolved_imports: error\"");
                    } else {
                        settings = settings.withUnresolvedImports(mode.get());
                    }
                }
            }
        }
        List<Diagnostic> diagnostics = reader.diagnostics().stream().sorted().toList();
        return new Result(reader.hasErrors() ? OwnersSettings.DEFAULTS : settings, diagnostics);
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
