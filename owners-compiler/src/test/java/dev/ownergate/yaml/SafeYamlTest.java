package dev.ownergate.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.diagnostics.Diagnostic;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.nodes.MappingNode;

class SafeYamlTest {

    static Stream<Arguments> invalidInputs() {
        return Stream.of(
                Arguments.of("duplicateKeysAreRejected", "a: 1\nb: 2\na: 3\n",
                        "f.yml:3:1: duplicate key 'a' (first at line 1); merge the two entries"),
                Arguments.of("duplicateKeysInNestedMappingsAreRejected", "top:\n  x: 1\n  x: 2\n",
                        "f.yml:3:3: duplicate key 'x' (first at line 2); merge the two entries"),
                Arguments.of("mergeKeysAreRejected", "base: &b {x: 1}\nother:\n  <<: *b\n",
                        "f.yml:3:3: invalid YAML: merge keys (<<) are not supported; write the entries out"),
                Arguments.of("syntaxErrorsCarryTheProblemMark", "a: [b\nc: d\n",
                        "f.yml:2:2: invalid YAML: expected ',' or ']', but got :"
                                + " (while parsing a flow sequence at line 1)"),
                Arguments.of("tabsCannotIndent", "a:\n\t- b\n",
                        "f.yml:2:1: invalid YAML: a tab cannot indent YAML; indent with spaces"),
                Arguments.of("severalDocumentsAreRejected", "a: 1\n---\nb: 2\n",
                        "f.yml:2:1: invalid YAML: expected a single document in the stream, but found another document"),
                Arguments.of("globalTagsForJavaTypesAreRejected", "a: !!javax.script.ScriptEngineManager []\n",
                        "f.yml:1:4: invalid YAML: Global tag is not allowed:"
                                + " tag:yaml.org,2002:javax.script.ScriptEngineManager"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInputs")
    void rejectsWithPositionedDiagnostic(String rule, String text, String expected) {
        YamlDocument doc = SafeYaml.load("f.yml", text);
        assertThat(doc).isInstanceOfSatisfying(YamlDocument.Invalid.class,
                invalid -> assertThat(invalid.error().format()).isEqualTo(expected));
    }

    @Test
    void billionLaughsIsStoppedByTheAliasLimit() {
        StringBuilder text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 30; i++) {
            text.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                text.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            text.append("]\n");
        }
        YamlDocument doc = SafeYaml.load("f.yml", text.toString());
        assertThat(doc).isInstanceOfSatisfying(YamlDocument.Invalid.class,
                invalid -> assertThat(invalid.error().message()).contains("aliases"));
    }

    @Test
    void deepNestingIsStoppedByTheDepthLimit() {
        String text = "[".repeat(500) + "]".repeat(500);
        YamlDocument doc = SafeYaml.load("f.yml", text);
        assertThat(doc).isInstanceOfSatisfying(YamlDocument.Invalid.class,
                invalid -> assertThat(invalid.error().message()).containsIgnoringCase("nesting depth"));
    }

    @Test
    void recursiveAliasesAreRejected() {
        YamlDocument doc = SafeYaml.load("f.yml", "a: &a [b, *a]\n");
        assertThat(doc).isInstanceOfSatisfying(YamlDocument.Invalid.class,
                invalid -> assertThat(invalid.error().message()).contains("contains it"));
    }

    @Test
    void sharedAliasesAreFineAndVisitedOnce() {
        YamlDocument doc = SafeYaml.load("f.yml", "a: &a [x]\nb: *a\nc: *a\n");
        assertThat(doc).isInstanceOf(YamlDocument.Loaded.class);
    }

    @Test
    void textLargerThanTheLimitIsRejectedWithoutParsing() {
        String text = "a: " + "x".repeat(SafeYaml.MAX_CODE_POINTS) + "\n";
        assertThat(SafeYaml.load("f.yml", text)).isInstanceOfSatisfying(YamlDocument.Invalid.class,
                invalid -> assertThat(invalid.error().format()).startsWith("f.yml:1:1: file is too large"));
    }

    @Test
    void emptyAndCommentOnlyTextsHaveNoDocument() {
        assertThat(SafeYaml.load("f.yml", "")).isInstanceOf(YamlDocument.Empty.class);
        assertThat(SafeYaml.load("f.yml", "# nothing\n\n")).isInstanceOf(YamlDocument.Empty.class);
    }

    @Test
    void readerReportsWrongTypesAtTheValue() {
        YamlReader reader = new YamlReader("OWNERS");
        MappingNode root = (MappingNode) ((YamlDocument.Loaded) SafeYaml.load("OWNERS",
                "reviewers: [bob]\napprovers: alice\nno_parent_owners: maybe\nlist: [a, [b]]\n")).root();
        Map<String, YamlReader.Field> fields = reader.rootMapping(root, "approvers: [alice]").orElseThrow();

        assertThat(reader.stringList(fields.get("reviewers"), "a list of owners", "reviewers: [bob]"))
                .hasValue(List.of(new YamlReader.Text("bob", 1, 13)));
        assertThat(reader.stringList(fields.get("approvers"), "a list of owners", "approvers: [alice]")).isEmpty();
        assertThat(reader.bool(fields.get("no_parent_owners"), "no_parent_owners: true")).isEmpty();
        assertThat(reader.stringList(fields.get("list"), "a list of names", "list: [a]")).isEmpty();
        assertThat(reader.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "OWNERS:2:12: 'approvers' must be a list of owners, e.g. \"approvers: [alice]\"",
                "OWNERS:3:19: 'no_parent_owners' must be true or false, e.g. \"no_parent_owners: true\"",
                "OWNERS:4:11: each item of 'list' must be a single name, e.g. \"list: [a]\"");
    }

    @Test
    void readerTakesAnEmptyValueAsAnEmptyListAndFalse() {
        YamlReader reader = new YamlReader("OWNERS");
        MappingNode root = (MappingNode) ((YamlDocument.Loaded) SafeYaml.load("OWNERS",
                "approvers:\nflag:\nyes_flag: yes\n")).root();
        Map<String, YamlReader.Field> fields = reader.rootMapping(root, "approvers: [alice]").orElseThrow();
        assertThat(reader.stringList(fields.get("approvers"), "a list of owners", "x")).hasValue(List.of());
        assertThat(reader.bool(fields.get("flag"), "x")).hasValue(false);
        assertThat(reader.bool(fields.get("yes_flag"), "x")).hasValue(true);
        assertThat(reader.diagnostics()).isEmpty();
    }

    @Test
    void readerRejectsARootThatIsNotAMapping() {
        YamlReader reader = new YamlReader("OWNERS");
        YamlDocument.Loaded doc = (YamlDocument.Loaded) SafeYaml.load("OWNERS", "- alice\n");
        assertThat(reader.rootMapping(doc.root(), "approvers: [alice]")).isEmpty();
        assertThat(reader.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "OWNERS:1:1: the file must be a YAML mapping of keys to values, e.g. \"approvers: [alice]\"");
    }
}
