package dev.ownergate.ownership;

import dev.ownergate.owners.FrozenSortedSet;
import dev.ownergate.owners.Owner;
import java.util.List;
import java.util.SortedSet;

/**
 * Who owns one path, and why.
 *
 * @param owners     the approvers; empty means unowned. Never contains {@link Owner#ANYONE}.
 * @param anyone     true when the rules say anyone may approve ({@code *} in OWNERS, or auto-approved
 *                   unowned subfolders); then {@code owners} is empty.
 * @param reviewers  suggested reviewers (OWNERS {@code reviewers}); empty for CODEOWNERS.
 * @param decidedBy  where the answer came from, e.g. {@code .github/CODEOWNERS:12} or {@code lib/OWNERS:3};
 *                   empty when no rule matched.
 * @param trail      every rule or OWNERS entry that contributed, in the order it was consulted.
 */
public record FileOwnership(
        String path,
        SortedSet<Owner> owners,
        boolean anyone,
        SortedSet<Owner> reviewers,
        String decidedBy,
        List<String> trail) {

    public FileOwnership {
        // Frozen sets are kept as they are: resolution hands one set to every file of a folder.
        owners = FrozenSortedSet.of(owners);
        reviewers = FrozenSortedSet.of(reviewers);
        trail = List.copyOf(trail);
        if (owners.contains(Owner.ANYONE)) {
            throw new IllegalArgumentException("'*' is expressed by anyone=true, not as an owner");
        }
    }

    public boolean isOwned() {
        return !owners.isEmpty();
    }
}
