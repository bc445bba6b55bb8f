package dev.ownergate.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Only the named fields come out, but all of the body must be JSON, exactly as for a full parse. */
class PayloadFieldsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    static Optional<JsonNode> read(PayloadFields fields, String json) {
        return fields.read(bytes(json)).map(JsonNode.class::cast);
    }

    static JsonNode tree(String json) throws IOException {
        return JSON.readTree(json);
    }

    @Test
    void keepsTheNamedFieldsAndDropsTheRest() throws IOException {
        String body = """
                {"action": "opened", "number": 2, "sender": {"login": "octocat", "id": 1},
                 "pull_request": {"number": 2, "title": "t", "head": {"sha": "abc", "ref": "x"}, "labels": [{"n": 1}]}}
                """;
        assertThat(read(PayloadFields.of("action", "pull_request.number", "pull_request.head.sha"), body))
                .contains(tree("""
                        {"action": "opened", "pull_request": {"number": 2, "head": {"sha": "abc"}}}"""));
    }

    @Test
    void aPathEndingAtAnObjectKeepsAllOfIt() throws IOException {
        assertThat(read(PayloadFields.of("changes.base", "changes.base.ref.from"),
                "{\"changes\": {\"title\": {}, \"base\": {\"ref\": {\"from\": \"dev\"}, \"sha\": {\"from\": \"1\"}}}}"))
                .contains(tree("{\"changes\": {\"base\": {\"ref\": {\"from\": \"dev\"}, \"sha\": {\"from\": \"1\"}}}}"));
    }

    @Test
    void arraysKeepEveryElementSoTheirSizesReadTheSame() throws IOException {
        String body = """
                {"commits": [{"id": "1", "added": ["OWNERS"]}, {"id": "2"}, "odd", null, [{"added": ["x"], "id": 3}]]}
                """;
        assertThat(read(PayloadFields.of("commits.added"), body))
                .contains(tree("{\"commits\": [{\"added\": [\"OWNERS\"]}, {}, \"odd\", null, [{\"added\": [\"x\"]}]]}"));
    }

    @Test
    void aScalarWhereAnObjectWasExpectedIsKeptAsItIs() throws IOException {
        assertThat(read(PayloadFields.of("pull_request.head.sha"), "{\"pull_request\": \"2\", \"x\": 1}"))
                .contains(tree("{\"pull_request\": \"2\"}"));
    }

    @Test
    void noFieldsStillGivesTheObject() throws IOException {
        assertThat(read(PayloadFields.NONE, "{\"zen\": \"Keep it logically awesome.\", \"hook\": {\"id\": 1}}"))
                .contains(tree("{}"));
    }

    @Test
    void deepNestingAndHugeArraysInSkippedFieldsDoNotMatter() throws IOException {
        String deep = "[".repeat(900) + "{\"action\": \"decoy\"}" + "]".repeat(900);
        StringBuilder huge = new StringBuilder("[");
        for (int i = 0; i < 200_000; i++) {
            huge.append(i == 0 ? "" : ",").append("{\"action\": \"decoy\", \"n\": ").append(i).append('}');
        }
        huge.append(']');
        String body = "{\"deep\": " + deep + ", \"action\": \"submitted\", \"huge\": " + huge + "}";
        assertThat(read(PayloadFields.of("action"), body)).contains(tree("{\"action\": \"submitted\"}"));
    }

    @Test
    void pathsMergeAndPrint() {
        assertThat(PayloadFields.of("b", "a.x").and("a.y")).hasToString("[a.x, a.y, b]");
    }

    static Stream<Arguments> notAnObject() {
        return Stream.of(
                Arguments.of("syntax error in a skipped array", "{\"action\": \"opened\", \"skip\": [1, 2,, 3]}"),
                Arguments.of("syntax error in a skipped object", "{\"skip\": {\"a\": }, \"action\": \"opened\"}"),
                Arguments.of("bad escape in a skipped string", "{\"action\": \"opened\", \"skip\": \"\\q\"}"),
                Arguments.of("raw control character in a skipped string", "{\"skip\": \"a\u0001b\", \"action\": 1}"),
                Arguments.of("leading zero in a skipped number", "{\"skip\": 01, \"action\": \"opened\"}"),
                Arguments.of("bad literal in a skipped field", "{\"skip\": tru, \"action\": \"opened\"}"),
                Arguments.of("unterminated after the kept fields", "{\"action\": \"opened\", \"skip\": [1, 2"),
                Arguments.of("unterminated inside an array on a kept path", "{\"skip\": [{\"a\": 1}, {\"a\""),
                Arguments.of("skipped nesting deeper than Jackson allows",
                        "{\"action\": \"opened\", \"skip\": " + "[".repeat(1100) + "]".repeat(1100) + "}"),
                Arguments.of("a top-level array", "[{\"action\": \"opened\"}]"),
                Arguments.of("a top-level string", "\"opened\""),
                Arguments.of("a top-level null", "null"),
                Arguments.of("nothing", ""),
                Arguments.of("only blanks", "  \n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notAnObject")
    void anythingTheFullParseWouldNotTakeAsAnObjectIsRejected(String rule, String body) {
        // "action" alone: every kept field is found before the fault, and reading must go on to find it.
        assertThat(read(PayloadFields.of("action"), body)).isEmpty();
        assertThat(read(PayloadFields.of("action", "skip.a"), body)).isEmpty();
        assertThat(read(PayloadFields.NONE, body)).isEmpty();
        boolean fullParseRejects;
        try {
            fullParseRejects = !JSON.readTree(bytes(body)).isObject();
        } catch (IOException e) {
            fullParseRejects = true;
        }
        assertThat(fullParseRejects).as("the full parse rejects it too").isTrue();
    }

    @Test
    void invalidUtf8InASkippedStringIsRejected() {
        byte[] body = bytes("{\"action\": \"opened\", \"skip\": \"ab\"}");
        body[body.length - 4] = (byte) 0xC3; // "a" becomes the start of a two-byte sequence that "b" does not continue
        assertThat(PayloadFields.of("action").read(body)).isEmpty();
        assertThatThrownBy(() -> JSON.readTree(body)).isInstanceOf(IOException.class);
    }
}
