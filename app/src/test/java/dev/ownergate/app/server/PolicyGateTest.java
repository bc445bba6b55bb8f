package dev.ownergate.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.app.policy.Evaluation;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyGateTest {
    final PolicyGate gate = new PolicyGate();

    @Test
    void aMergeGroupCheckTakesTheNameThePoliciesChoseEvenWhenAMemberFailedClosed() {
        OwnershipGate.Decision unread = gate.failClosed("m1", "GitHub did not answer");
        OwnershipGate.Decision named = new PolicyGate.PolicyDecision(Evaluation.failClosed("h2", "needs alice"),
                "owners-gate", false);

        OwnershipGate.Decision group = gate.combine("m1", List.of(unread, named));

        assertThat(group.checkRun(null).name()).isEqualTo("owners-gate");
        assertThat(group.passed()).isFalse();
    }

    @Test
    void aFailClosedVerdictAloneUsesTheDefaultName() {
        assertThat(gate.failClosed("h1", "x").checkRun(null).name()).isEqualTo("code-owners");
        assertThat(gate.combine("m1", List.of()).checkRun(null).name()).isEqualTo("code-owners");
    }
}
