package dev.ownergate.yaml;

import dev.ownergate.diagnostics.Diagnostic;
import java.util.Objects;
import org.yaml.snakeyaml.nodes.Node;

/** What {@link SafeYaml#load} found in a text: one YAML document, nothing at all, or a positioned error. */
public sealed interface YamlDocument {

    /** One document; {@code root} is never null. */
    record Loaded(Node root) implements YamlDocument {
        public Loaded {
            Objects.requireNonNull(root, "root");
        }
    }

    /** The text holds no document: it is empty, or only comments and blank lines. */
    record Empty() implements YamlDocument {}

    /** The text is not acceptable YAML; {@code error} says where and why. */
    record Invalid(Diagnostic error) implements YamlDocument {}
}
