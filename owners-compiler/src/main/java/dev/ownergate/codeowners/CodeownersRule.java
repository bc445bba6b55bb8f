package dev.ownergate.codeowners;

import dev.ownergate.owners.Owner;
import java.util.List;

/**
 * One valid line of a CODEOWNERS file.
 *
 * @param index   position among the file's valid rules, 0-based; a higher index wins (last match wins)
 * @param line    1-based line in the file
 * @param pattern the pattern as written, escapes included
 * @param owners  owners in the order written; empty means the matched paths are unowned
 */
public record CodeownersRule(int index, int line, String pattern, List<Owner> owners) {

    public CodeownersRule {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("a CODEOWNERS rule needs a pattern");
        }
        owners = List.copyOf(owners);
    }

    /** True when the rule leaves the paths it matches without owners. */
    public boolean isUnowned() {
        return owners.isEmpty();
    }

    /** The rule as a CODEOWNERS line: {@code pattern @owner ...}. */
    public String toLine() {
        StringBuilder line = new StringBuilder(pattern);
        for (Owner owner : owners) {
            line.append(' ').append(owner.toCodeowners());
        }
        return line.toString();
    }
}
