package dev.ownergate.audit;

import java.util.List;

/**
 * Everything {@code ownergate audit} found.
 *
 * @param source    where ownership came from: {@code OWNERS files} or a CODEOWNERS path
 * @param rulesFile the CODEOWNERS file whose rules were checked, empty when there was none
 * @param unowned   unowned files by folder, most files first
 * @param owners    every owner, most files first
 * @param rules     dead, shadowed and duplicate rules in line order
 * @param root      the folder tree, for the HTML report
 */
public record AuditReport(
        String source,
        Coverage coverage,
        List<UnownedGroup> unowned,
        List<OwnerLoad> owners,
        String rulesFile,
        List<RuleFinding> rules,
        FolderNode root) {

    public AuditReport {
        unowned = List.copyOf(unowned);
        owners = List.copyOf(owners);
        rules = List.copyOf(rules);
    }

    /** Whether coverage is below {@code percent}; the figure is compared unrounded. */
    public boolean coverageBelow(double percent) {
        return coverage.percentOwned() < percent;
    }
}
