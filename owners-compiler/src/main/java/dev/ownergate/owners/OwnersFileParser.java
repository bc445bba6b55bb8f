package dev.ownergate.owners;

import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.repo.TextSource;
import dev.ownergate.settings.OwnersSettings;
import dev.ownergate.yaml.SafeYaml;
import dev.ownergate.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Parses one OWNERS file in either format.
 *
 * <p><b>Format detection:</b> a file is YAML (Kubernetes/Prow) when it parses as a YAML mapping, and plain text
 * (Chromium/Gerrit) otherwise: {@code alice} is plain, {@code approvers: [alice]} is YAML. Two refinements keep
 * mistakes readable: a mapping whose only key is {@code file} is the Chromium import {@code file: PATH}, so
 * plain; and a file that fails to parse as YAML but has a line starting with an OWNERS key
 * ({@code approvers:}, {@code reviewers:}, {@code filters:}, ...) is reported as broken YAML rather than read
 * as a list of strange owners.
 */
public final class OwnersFileParser {

    private static final Pattern YAML_KEY_LINE = Pattern.compile(
            "(?m)^\\s*(approvers|reviewers|required_reviewers|labels|emeritus_approvers|options|filters)\\s*:");

    private static final TextSource NO_IMPORTS = path -> Optional.empty();

    private OwnersFileParser() {}

    /**
     * One parsed file and its diagnostics. The config is always present; when there are errors it holds
     * what could be read and must not be used to decide ownership.
     */
    public record Result(OwnersConfig config, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }

        public boolean hasErrors() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }
    }

    /** Parses a file without access to the repository: plain-text imports are reported as missing. */
    public static Result parse(String path, String text, OwnersAliases aliases) {
        return parse(path, text, aliases, NO_IMPORTS);
    }

    /**
     * Parses a file; plain-text imports ({@code file:}, {@code include}) are read from {@code imports}.
     * Never throws on bad input.
     *
     * @param path repo-relative path of the OWNERS file
     */
    public static Result parse(String path, String text, OwnersAliases aliases, TextSource imports) {
        return parse(path, text, aliases, imports, OwnersSettings.DEFAULTS);
    }

    /** As above, reading the file as the repository's settings say ({@code per-file} syntax, unresolved imports). */
    public static Result parse(String path, String text, OwnersAliases aliases, TextSource imports,
            OwnersSettings settings) {
        return parse(path, text, aliases, imports, new LoadContext(settings));
    }

    /** As above, sharing settings, parsed imports and limits across the files of one tree load. */
    static Result parse(String path, String text, OwnersAliases aliases, TextSource imports, LoadContext context) {
        return prepare(path, text, aliases).finish(imports, context);
    }

    /**
     * The part of parsing that depends on the file alone: the YAML document, the format, and a YAML file's whole
     * result. Pure, so a tree's files are prepared on every core; plain files, which read imports and count
     * towards the load's limits, are finished in order ({@link Prepared#finish}).
     */
    static Prepared prepare(String path, String text, OwnersAliases aliases) {
        return prepare(path, text, aliases, true);
    }

    /**
     * @param fastPaths false has snakeyaml read every file, even one that cannot be YAML: the reference the fast
     *                  paths are tested against
     */
    static Prepared prepare(String path, String text, OwnersAliases aliases, boolean fastPaths) {
        String clean = OwnersAliases.stripBom(text);
        if (fastPaths && surelyPlain(clean)) {
            return new Prepared(path, clean, aliases, null);
        }
        // Once: detection and the YAML parser share the document.
        YamlDocument yaml = fastPaths ? SafeYaml.load(path, clean) : SafeYaml.loadWithSnakeyamlOnly(path, clean);
        if (detect(yaml, clean) != OwnersConfig.Format.YAML) {
            return new Prepared(path, clean, aliases, null);
        }
        Result result = switch (yaml) {
            case YamlDocument.Loaded loaded -> YamlOwnersParser.parse(path, loaded.root(), aliases);
            case YamlDocument.Invalid invalid -> new Result(emptyConfig(path), List.of(invalid.error()));
            case YamlDocument.Empty empty -> new Result(emptyConfig(path), List.of());
        };
        return new Prepared(path, clean, aliases, sorted(result));
    }

    /** A file after {@link #prepare}: a YAML file's result, or a plain file still to be parsed. */
    record Prepared(String path, String clean, OwnersAliases aliases, Result yamlResult) {
        Result finish(TextSource imports, LoadContext context) {
            return yamlResult != null ? yamlResult
                    : sorted(PlainOwnersParser.parse(path, clean, aliases, imports, context));
        }
    }

    private static Result sorted(Result result) {
        List<Diagnostic> sorted = new ArrayList<>(new LinkedHashSet<>(result.diagnostics()));
        Collections.sort(sorted);
        return new Result(result.config(), sorted);
    }

    /** The format rule of this class's documentation. */
    public static OwnersConfig.Format detect(String path, String text) {
        String clean = OwnersAliases.stripBom(text);
        return surelyPlain(clean) ? OwnersConfig.Format.PLAIN : detect(SafeYaml.load(path, clean), clean);
    }

    /**
     * The rule below without reading the YAML: a text that cannot be a mapping (no {@code ": "}, most Chromium
     * files) and has no OWNERS key line is plain however YAML reads it.
     */
    private static boolean surelyPlain(String clean) {
        return SafeYaml.cannotHoldMapping(clean) && (clean.indexOf(':') < 0 || !YAML_KEY_LINE.matcher(clean).find());
    }

    private static OwnersConfig.Format detect(YamlDocument yaml, String clean) {
        return switch (yaml) {
            case YamlDocument.Loaded loaded -> loaded.root() instanceof MappingNode mapping && !isFileImport(mapping)
                    ? OwnersConfig.Format.YAML : OwnersConfig.Format.PLAIN;
            case YamlDocument.Invalid invalid -> YAML_KEY_LINE.matcher(clean).find()
                    ? OwnersConfig.Format.YAML : OwnersConfig.Format.PLAIN;
            case YamlDocument.Empty empty -> OwnersConfig.Format.PLAIN;
        };
    }

    private static boolean isFileImport(MappingNode mapping) {
        List<NodeTuple> tuples = mapping.getValue();
        return tuples.size() == 1 && tuples.get(0).getKeyNode() instanceof ScalarNode key
                && key.getValue().equals("file");
    }

    private static OwnersConfig emptyConfig(String path) {
        return new OwnersConfig(path, RepoPaths.dirOf(path), OwnersConfig.Format.YAML, List.of(), false, false, false);
    }
}
