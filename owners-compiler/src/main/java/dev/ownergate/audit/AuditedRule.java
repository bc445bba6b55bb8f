package dev.ownergate.audit;

import dev.ownergate.owners.Owner;
import java.util.List;

/**
 * One rule of a CODEOWNERS file as the audit sees it.
 *
 * @param position 0-based position among the file's rules (later positions win, as on GitHub)
 * @param line     1-based line in the file
 */
public record AuditedRule(int position, int line, String pattern, List<Owner> owners) {
    public AuditedRule {
        owners = List.copyOf(owners);
    }
}
