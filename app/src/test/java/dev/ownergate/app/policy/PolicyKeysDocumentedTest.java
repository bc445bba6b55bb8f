package dev.ownergate.app.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/policy.md's "Every key" table lists exactly the keys the parser reads, each with a default. */
class PolicyKeysDocumentedTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| ([^|]+) \\|");

    @Test
    void theDocumentedKeysAreExactlyTheParsersKeys() throws IOException {
        Set<String> documented = new TreeSet<>();
        boolean inTable = false;
        for (String line : policyDoc()) {
            if (line.startsWith("## ")) {
                inTable = line.equals("## Every key");
                continue;
            }
            Matcher m = ROW.matcher(line);
            if (inTable && m.find()) {
                assertThat(m.group(2).strip()).as("the default of %s", m.group(1)).isNotEmpty();
                documented.add(m.group(1));
            }
        }
        assertThat(documented).isEqualTo(PolicyParser.documentedKeys());
    }

    @Test
    void everyUnknownKeyNearADocumentedOneIsCaught() {
        // A sample of the typos users make, at each level of the file.
        assertThat(PolicyParser.nearest("min_aprovals", PolicyParser.KEYS.get("approval"))).contains("min_approvals");
        assertThat(PolicyParser.nearest("approvals", PolicyParser.KEYS.get(""))).contains("approval");
        assertThat(PolicyParser.nearest("trusted_bot", PolicyParser.KEYS.get("approval"))).contains("trusted_bots");
        assertThat(PolicyParser.nearest("cont", PolicyParser.KEYS.get("approval.rules[]"))).contains("count");
        assertThat(PolicyParser.nearest("notes", PolicyParser.KEYS.get("approval"))).isEmpty();
        assertThat(PolicyParser.nearest("x", PolicyParser.KEYS.get("override"))).isEmpty();
    }

    private static List<String> policyDoc() throws IOException {
        // Surefire runs in the module folder (app/); the docs live at the repository root.
        Path doc = Path.of("..", "docs", "policy.md");
        if (!Files.exists(doc)) {
            doc = Path.of("docs", "policy.md");
        }
        return Files.readAllLines(doc);
    }
}
