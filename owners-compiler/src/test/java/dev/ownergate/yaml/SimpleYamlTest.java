package dev.ownergate.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The fast path reads what snakeyaml reads: for every text it accepts, the same node tree (classes, tags, values,
 * styles, start marks, and end marks of scalars); and {@link SafeYaml#load} gives the same document, diagnostics
 * included, with and without it.
 */
class SimpleYamlTest {

    @Property(tries = 3000)
    void acceptedTextsComposeToSnakeyamlsTree(@ForAll long seed) {
        String text = OwnersLikeTexts.generate(new Random(seed));
        Node fast = SimpleYaml.compose(text);
        Statistics.label("fast path").collect(fast != null);
        if (fast != null) {
            Node reference = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
            assertThat(tree(fast)).as("text:\n%s", text).isEqualTo(tree(reference));
        }
    }

    @Property(tries = 3000)
    void loadGivesTheSameDocumentWithAndWithoutTheFastPath(@ForAll long seed) {
        String text = OwnersLikeTexts.generate(new Random(seed));
        assertThat(describe(SafeYaml.load("OWNERS", text))).as("text:\n%s", text)
                .isEqualTo(describe(SafeYaml.loadWithSnakeyamlOnly("OWNERS", text)));
    }

    @Property(tries = 3000)
    void aTextThatCannotHoldAMappingNeverLoadsAsOne(@ForAll long seed) {
        String text = OwnersLikeTexts.generate(new Random(seed));
        if (SafeYaml.cannotHoldMapping(text)) {
            assertThat(SafeYaml.loadWithSnakeyamlOnly("OWNERS", text)).as("text:\n%s", text)
                    .matches(doc -> !(doc instanceof YamlDocument.Loaded loaded
                            && loaded.root() instanceof MappingNode));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "approvers:\n  - alice\n  - \"@org/team-a\"\nreviewers:\n- bob\n",
        "# See the docs\noptions:\n  no_parent_owners: true\n\napprovers:\n  - alice # lead\nlabels:\n  - sig/foo",
        "filters:\n  \".*\":\n    approvers:\n      - alice\n  '\\.py$':\n    reviewers:\n    - bob\n",
        "approvers:\nreviewers:\n  - bob\n",
        "aliases:\n  sig-foo:\n    - alice\n    - bob\n",
    })
    void takesTheShapesOfRealOwnersFiles(String text) {
        assertThat(SimpleYaml.compose(text)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "approvers: [alice, bob]\n",
        "options: {no_parent_owners: true}\n",
        "approvers:\n  - &lead alice\nreviewers:\n  - *lead\n",
        "approvers:\n\t- alice\n",
        "approvers:\r\n  - alice\r\n",
        "approvers:\n  - \"a\\tb\"\n",
        "approvers:\n  - 'it''s'\n",
        "approvers:\n  - alice\n   - bob\n",
        "approvers:\n  - alice\n    smith\n",
        "approvers: |\n  alice\n",
        "---\napprovers:\n  - alice\n",
        "approvers:\n  - ünï\n",
        "  approvers:\n    - alice\n",
        "approvers :\n  - alice\n",
        "approvers:\n  -\n    - alice\n",
        "approvers:\n  - alice: lead\n",
        "? approvers\n: - alice\n",
        "alice@example.com\n",
        "",
    })
    void leavesEverythingElseToSnakeyaml(String text) {
        assertThat(SimpleYaml.compose(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!map\n", "--- !!map\n", "&a\n", "- a\n- b\n", "a\n  b\n", "file://x\n", "%YAML 1.1\n---\n"})
    void tagsAnchorsDirectivesAndSequencesWithoutAColonMakeNoMapping(String text) {
        assertThat(SafeYaml.cannotHoldMapping(text)).isTrue();
        assertThat(SafeYaml.loadWithSnakeyamlOnly("OWNERS", text))
                .matches(doc -> !(doc instanceof YamlDocument.Loaded loaded && loaded.root() instanceof MappingNode));
    }

    private static String describe(YamlDocument doc) {
        return switch (doc) {
            case YamlDocument.Loaded loaded -> "loaded\n" + tree(loaded.root());
            case YamlDocument.Invalid invalid -> "invalid " + invalid.error().format();
            case YamlDocument.Empty empty -> "empty";
        };
    }

    /** Everything a reader can see of a node tree, one node per line. */
    private static String tree(Node root) {
        StringBuilder out = new StringBuilder();
        tree(root, "", out);
        return out.toString();
    }

    private static void tree(Node node, String indent, StringBuilder out) {
        out.append(indent).append(node.getClass().getSimpleName()).append(' ').append(node.getTag())
                .append(" at ").append(node.getStartMark().getLine()).append(':').append(node.getStartMark().getColumn())
                .append(" #").append(node.getStartMark().getIndex());
        switch (node) {
            case ScalarNode scalar -> out.append(' ').append(scalar.getScalarStyle()).append(" [")
                    .append(scalar.getValue()).append("] to #").append(scalar.getEndMark().getIndex()).append('\n');
            case SequenceNode sequence -> {
                out.append(' ').append(sequence.getFlowStyle()).append('\n');
                sequence.getValue().forEach(item -> tree(item, indent + "  ", out));
            }
            case MappingNode mapping -> {
                out.append(' ').append(mapping.getFlowStyle()).append('\n');
                for (NodeTuple tuple : mapping.getValue()) {
                    tree(tuple.getKeyNode(), indent + "  ? ", out);
                    tree(tuple.getValueNode(), indent + "  : ", out);
                }
            }
            default -> out.append('\n');
        }
    }
}
