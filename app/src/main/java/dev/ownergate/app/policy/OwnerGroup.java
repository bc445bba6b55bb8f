package dev.ownergate.app.policy;

import dev.ownergate.app.policy.FileVerdict.FileStatus;
import dev.ownergate.owners.Owner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Changed paths that share owners and status: one row of the check run's table.
 *
 * @param owners     the shared owners (empty for unowned or {@code *} paths)
 * @param anyone     the paths are {@code *}-owned
 * @param status     their shared status
 * @param paths      the paths, sorted
 * @param approvedBy who approved them
 */
public record OwnerGroup(SortedSet<Owner> owners, boolean anyone, FileStatus status, List<String> paths,
        SortedSet<String> approvedBy) {

    public OwnerGroup {
        owners = Collections.unmodifiableSortedSet(new TreeSet<>(owners));
        paths = List.copyOf(paths);
        approvedBy = Collections.unmodifiableSortedSet(new TreeSet<>(approvedBy));
    }

    /** Groups file verdicts by (owners, anyone, status); unsatisfied groups first, then by owners. */
    static List<OwnerGroup> of(List<FileVerdict> files) {
        record Key(SortedSet<Owner> owners, boolean anyone, FileStatus status) {}
        Map<Key, List<FileVerdict>> byKey = new LinkedHashMap<>();
        for (FileVerdict f : files) {
            byKey.computeIfAbsent(new Key(f.owners(), f.anyone(), f.status()), k -> new ArrayList<>()).add(f);
        }
        List<OwnerGroup> groups = new ArrayList<>();
        byKey.forEach((key, members) -> {
            SortedSet<String> approvedBy = new TreeSet<>();
            members.forEach(f -> approvedBy.addAll(f.approvedBy()));
            groups.add(new OwnerGroup(key.owners(), key.anyone(), key.status(),
                    members.stream().map(FileVerdict::path).sorted().toList(), approvedBy));
        });
        groups.sort(java.util.Comparator.comparing((OwnerGroup g) -> g.status().satisfied())
                .thenComparing(OwnerGroup::status)
                .thenComparing(g -> g.owners().isEmpty())
                .thenComparing(g -> g.owners().toString())
                .thenComparing(OwnerGroup::anyone));
        return List.copyOf(groups);
    }

    /** The owners as written in CODEOWNERS, or {@code *}, or "(no owner)". */
    public String ownersText() {
        if (anyone) {
            return "*";
        }
        return owners.isEmpty() ? "(no owner)" : String.join(" ", owners.stream().map(Owner::toString).toList());
    }
}
