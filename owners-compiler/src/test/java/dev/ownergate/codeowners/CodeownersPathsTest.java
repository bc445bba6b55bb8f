package dev.ownergate.codeowners;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CodeownersPathsTest {

    /** The rule of {@link CodeownersPaths}, written out in full: pattern syntax, whitespace and controls. */
    private static boolean needsAStandIn(char c) {
        return "# []!*?\\".indexOf(c) >= 0 || Character.isWhitespace(c) || Character.isISOControl(c)
                || Character.isSpaceChar(c);
    }

    @Test
    void theAsciiShortcutAgreesWithTheFullRuleForEveryChar() {
        for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
            assertThat(CodeownersPaths.unwritable((char) c)).as("U+%04X", c).isEqualTo(needsAStandIn((char) c));
        }
    }
}
