package dev.ownergate.app.override;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OverrideRuleTest {

    @Test
    void usersAndTeamsAreReadLowerCasedWithoutTheirAt() {
        OverrideRule rule = OverrideRule.read("p.yml",
                "check_name: gate\noverride:\n  users: ['@Rita', sam]\n  teams: ['@Acme/Release']\n");

        assertThat(rule.users()).containsExactly("rita", "sam");
        assertThat(rule.teams()).containsExactly("acme/release");
    }

    @Test
    void nobodyMayOverrideWithoutTheKeyOrWithAnInvalidOne() {
        assertThat(OverrideRule.read("p.yml", "check_name: gate\n")).isEqualTo(OverrideRule.NOBODY);
        assertThat(OverrideRule.read("p.yml", "override: rita\n")).isEqualTo(OverrideRule.NOBODY);
        assertThat(OverrideRule.read("p.yml", "override:\n  users: {a: b}\n")).isEqualTo(OverrideRule.NOBODY);
        assertThat(OverrideRule.read("p.yml", "[not yaml")).isEqualTo(OverrideRule.NOBODY);
    }
}
