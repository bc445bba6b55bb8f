package dev.ownergate.owners;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.settings.OwnersSettings;
import dev.ownergate.settings.PerFileGlobs;
import dev.ownergate.settings.UnresolvedImports;
import dev.ownergate.yaml.SafeYaml;
import java.util.Optional;

/**
 * Bad input never throws: every parser turns it into diagnostics. In the normal build this runs in regression
 * mode over the seeds in {@code OwnersParsersFuzzTestInputs}; set {@code JAZZER_FUZZ=1} to fuzz.
 */
class OwnersParsersFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void ownersFileParserNeverThrows(FuzzedDataProvider data) {
        String imported = data.consumeString(200);
        String text = data.consumeRemainingAsString();
        OwnersFileParser.Result result = OwnersFileParser.parse("lib/OWNERS", text, OwnersAliases.none(),
                path -> path.equals("lib/common/OWNERS") || path.equals("x/OWNERS")
                        ? Optional.of(imported) : Optional.empty());
        assertThat(result.config()).isNotNull();
        assertThat(result.diagnostics()).allSatisfy(OwnersParsersFuzzTest::wellFormed);
    }

    @FuzzTest(maxDuration = "60s")
    void aliasesAndTreeNeverThrow(FuzzedDataProvider data) {
        String aliases = data.consumeString(300);
        String owners = data.consumeString(300);
        String file = data.consumeRemainingAsString();
        OwnersTree.LoadResult result = FakeRepo.of("OWNERS_ALIASES", aliases, "OWNERS", owners, "a/OWNERS", owners)
                .load();
        assertThat(result.diagnostics()).allSatisfy(OwnersParsersFuzzTest::wellFormed);
        if (!result.hasErrors()) {
            assertThat(result.tree().ownersOf("a/" + file.replace("\0", ""))).isNotNull();
        }
    }

    /**
     * The import resolver (issue #10): six files that may import each other in any shape (cycles, diamonds, missing
     * files, other projects, paths out of the root), read under any settings. It never throws, and each file is
     * read at most once per load.
     */
    @FuzzTest(maxDuration = "60s")
    void importResolverNeverThrowsAndReadsEachFileOnce(FuzzedDataProvider data) {
        OwnersSettings settings = OwnersSettings.DEFAULTS
                .withPerFileGlobs(data.pickValue(PerFileGlobs.values()))
                .withUnresolvedImports(data.pickValue(UnresolvedImports.values()));
        java.util.Map<String, String> files = new java.util.HashMap<>();
        for (int i = 0; i < 6; i++) {
            files.put("i/" + i, data.consumeString(120));
        }
        files.put("OWNERS", "include /i/0\n" + data.consumeRemainingAsString());
        java.util.Map<String, Integer> reads = new java.util.HashMap<>();
        OwnersTree.LoadResult result = OwnersTree.load(java.util.List.of("OWNERS"), path -> {
            reads.merge(path, 1, Integer::sum);
            return Optional.ofNullable(files.get(path));
        }, settings);
        assertThat(result.diagnostics()).allSatisfy(OwnersParsersFuzzTest::wellFormed);
        assertThat(reads.values()).allMatch(n -> n == 1);
    }

    @FuzzTest(maxDuration = "60s")
    void safeYamlNeverThrows(FuzzedDataProvider data) {
        assertThat(SafeYaml.load("f.yml", data.consumeRemainingAsString())).isNotNull();
    }

    private static void wellFormed(Diagnostic d) {
        assertThat(d.line()).isNotNegative();
        assertThat(d.column()).isNotNegative();
        assertThat(d.message()).isNotBlank();
    }
}
