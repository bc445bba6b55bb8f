package dev.ownergate.audit;

import dev.ownergate.owners.Owner;
import java.util.List;

/**
 * What one owner carries.
 *
 * @param files     files this owner may approve
 * @param soleOwner the topmost folders where this owner is the only owner of every file (bus-factor risk),
 *                  largest first
 */
public record OwnerLoad(Owner owner, int files, List<FolderCount> soleOwner) {
    public OwnerLoad {
        soleOwner = List.copyOf(soleOwner);
    }

    public record FolderCount(String folder, int files) {}
}
