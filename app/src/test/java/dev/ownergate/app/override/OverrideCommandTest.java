package dev.ownergate.app.override;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OverrideCommandTest {

    @Test
    void theReasonIsTheRestOfTheComment() {
        assertThat(OverrideCommand.parse("/ownergate override prod is down\nsee INC-42\n"))
                .contains(new OverrideCommand("prod is down\nsee INC-42"));
    }

    @Test
    void theCommandMustOpenTheComment() {
        assertThat(OverrideCommand.parse("please /ownergate override now")).isEmpty();
        assertThat(OverrideCommand.parse("  /Ownergate Override  now ")).contains(new OverrideCommand("now"));
    }

    @Test
    void anotherWordIsNotTheCommand() {
        assertThat(OverrideCommand.parse("/ownergate overrides are bad")).isEmpty();
        assertThat(OverrideCommand.parse(null)).isEmpty();
    }

    @Test
    void withoutAReasonTheCommandIsSeenButHasNoReason() {
        Optional<OverrideCommand> bare = OverrideCommand.parse("/ownergate override");

        assertThat(bare).hasValueSatisfying(c -> assertThat(c.hasReason()).isFalse());
    }

    @Test
    void aLongReasonIsCut() {
        String reason = "x".repeat(OverrideCommand.MAX_REASON + 50);

        assertThat(OverrideCommand.parse("/ownergate override " + reason).orElseThrow().reason())
                .hasSize(OverrideCommand.MAX_REASON);
    }
}
