package dev.ownergate.owners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.diagnostics.Diagnostic;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A bare name two edits from a defined alias is a typo, not a login: Prow would silently read it as a user. */
class UnknownAliasTest {

    private static OwnersTree.LoadResult load(String ownersText) {
        Map<String, String> files = Map.of(
                "OWNERS_ALIASES", "aliases:\n  platform-leads: [alice, bob]\n",
                "lib/OWNERS", ownersText);
        return OwnersTree.load(List.of("lib/OWNERS"), path -> Optional.ofNullable(files.get(path)));
    }

    @Test
    void misspelledAliasInYamlIsAnErrorThatNamesTheAlias() {
        assertThat(load("approvers: [platform-leadz]\n").diagnostics()).extracting(Diagnostic::format).containsExactly(
                "lib/OWNERS:1:13: unknown alias 'platform-leadz' (did you mean 'platform-leads' from OWNERS_ALIASES?);"
                        + " write @platform-leadz if it is a GitHub login");
    }

    @Test
    void misspelledAliasInPlainTextIsAnError() {
        assertThat(load("platfrom-leads\n").diagnostics()).extracting(Diagnostic::format)
                .contains("lib/OWNERS:1:1: unknown alias 'platfrom-leads' (did you mean 'platform-leads' from"
                        + " OWNERS_ALIASES?); write @platfrom-leads if it is a GitHub login");
    }

    @Test
    void anAtSignMarksALoginThatOnlyLooksLikeATypo() {
        OwnersTree.LoadResult loaded = load("approvers: [\"@platform-leadz\"]\n");

        assertThat(loaded.diagnostics()).isEmpty();
        assertThat(loaded.tree().resolve("lib/a.py").approvers()).containsExactly(Owner.user("platform-leadz"));
    }

    @Test
    void namesFarFromEveryAliasAreLogins() {
        OwnersTree.LoadResult loaded = load("approvers: [carol, platform-leads]\n");

        assertThat(loaded.diagnostics()).isEmpty();
        assertThat(loaded.tree().resolve("lib/a.py").approvers())
                .containsExactly(Owner.user("alice"), Owner.user("bob"), Owner.user("carol"));
    }
}
