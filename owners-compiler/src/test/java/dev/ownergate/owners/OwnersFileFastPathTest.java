package dev.ownergate.owners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.repo.TextSource;
import dev.ownergate.settings.OwnersSettings;
import dev.ownergate.yaml.OwnersLikeTexts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parsing takes two shortcuts: simple YAML skips snakeyaml ({@code SimpleYaml}), and a text that cannot be a YAML
 * mapping is read as plain without parsing it as YAML first. Neither may change a result: the whole parse result
 * (format, entries, options, lines) and every diagnostic (position and message) are those of reading every file
 * with snakeyaml.
 */
class OwnersFileFastPathTest {

    private static final OwnersAliases ALIASES = OwnersAliases.of(Map.of(
            "sig-foo", List.of(Owner.parse("alice").orElseThrow(), Owner.parse("@org/team-a").orElseThrow()),
            "empty-alias", List.of()));
    private static final TextSource IMPORTS = path -> path.equals("lib/OWNERS")
            ? Optional.of("carol@example.com\n") : Optional.empty();

    @Property(tries = 3000)
    void parsingGivesWhatSnakeyamlAloneGives(@ForAll long seed) {
        String text = OwnersLikeTexts.generate(new Random(seed));
        assertThat(parse(text, true)).as("text:\n%s", text).isEqualTo(parse(text, false));
    }

    @Property(tries = 3000)
    void formatDetectionGivesWhatSnakeyamlAloneGives(@ForAll long seed) {
        String text = OwnersLikeTexts.generate(new Random(seed));
        boolean yaml = OwnersFileParser.prepare("a/OWNERS", text, ALIASES, false).yamlResult() != null;
        assertThat(OwnersFileParser.detect("a/OWNERS", text)).as("text:\n%s", text)
                .isEqualTo(yaml ? OwnersConfig.Format.YAML : OwnersConfig.Format.PLAIN);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "approvers:\n  - alice\n  - sig-foo\n  - sig-fo\n  - empty-alias\n  - not a login\nreviewers:\n- bob\n",
        "options:\n  no_parent_owners: yes\n  no_parent_owner: true\napprovers:\n  - alice\n",
        "filters:\n  \".*\":\n    approvers:\n      - alice\n  '(':\n    approvers:\n      - bob\n",
        "approvers:\n  - alice\napprovers:\n  - bob\n",
        "aprovers:\n  - alice\n",
        "alice:\n",
        "approvers: alice\n",
        "approvers:\n  - ~\n  - 123\n",
        "alice@example.com\nper-file *.json=bob@example.com\nfile://lib/OWNERS\n",
        "approvers://x\n",
        "@org/team-a\napprovers://x\n",
        "@org/team-a\nset noparent\n",
        "!!map\n",
        "--- !!map\n# owners below\n",
        "!!set\nalice@example.com\n",
    })
    void examplesParseAlikeBothWays(String text) {
        assertThat(parse(text, true)).isEqualTo(parse(text, false));
    }

    private static OwnersFileParser.Result parse(String text, boolean fastPaths) {
        return OwnersFileParser.prepare("a/OWNERS", text, ALIASES, fastPaths)
                .finish(IMPORTS, new LoadContext(OwnersSettings.DEFAULTS));
    }
}
