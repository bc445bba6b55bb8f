package dev.ownergate.owners;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One parsed OWNERS file, after its imports are read and its aliases expanded.
 *
 * @param path                         repo-relative path of the OWNERS file ({@code lib/OWNERS})
 * @param dir                          its folder ({@code lib}; the root folder is {@code ""})
 * @param entries                      the rules, in file order
 * @param noParentOwners               Prow {@code options.no_parent_owners}: the upward walk stops here only if
 *                                     an approver has been found for the file by then
 * @param setNoParent                  Chromium {@code set noparent}: the upward walk always stops here
 * @param autoApproveUnownedSubfolders Prow {@code options.auto_approve_unowned_subfolders}
 * @param importLines                  for rules this file imports, the line of its import ({@code file:} or
 *                                     {@code include}): where a user changes them from this folder
 */
public record OwnersConfig(
        String path,
        String dir,
        Format format,
        List<OwnersEntry> entries,
        boolean noParentOwners,
        boolean setNoParent,
        boolean autoApproveUnownedSubfolders,
        Map<OwnersEntry, Integer> importLines) {

    public enum Format {
        /** Kubernetes/Prow YAML. */
        YAML,
        /** Chromium/Gerrit plain text, one owner per line. */
        PLAIN
    }

    public OwnersConfig {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(format, "format");
        entries = List.copyOf(entries);
        importLines = Map.copyOf(importLines);
    }

    /** A file without imports. */
    public OwnersConfig(String path, String dir, Format format, List<OwnersEntry> entries, boolean noParentOwners,
            boolean setNoParent, boolean autoApproveUnownedSubfolders) {
        this(path, dir, format, entries, noParentOwners, setNoParent, autoApproveUnownedSubfolders, Map.of());
    }

    /** {@code lib/OWNERS:3} for a rule written here; for an imported rule, the line that imports it. */
    public String locationOf(OwnersEntry entry) {
        Integer line = importLines.get(entry);
        return line != null ? path + ":" + line : entry.location();
    }

    /** True when some entry names an approver (or {@code *}). */
    public boolean hasApprovers() {
        return entries.stream().anyMatch(e -> !e.approvers().isEmpty());
    }
}
