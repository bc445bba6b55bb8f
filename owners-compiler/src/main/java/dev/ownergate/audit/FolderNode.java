package dev.ownergate.audit;

import dev.ownergate.owners.Owner;
import java.util.List;

/**
 * One folder with figures for everything under it, for the HTML treemap.
 *
 * @param name        the last path segment ({@code ""} for the root)
 * @param path        the folder's path ({@code ""} for the root)
 * @param files       files under the folder, subfolders included
 * @param directFiles files directly in the folder
 * @param unowned     unowned files under the folder
 * @param anyone      files under the folder that anyone may approve (neither owned nor unowned)
 * @param owners      the most common owner sets under the folder, most files first (at most {@value #TOP})
 * @param ownersHere  the same for the files directly in the folder
 * @param rules       the rules deciding most files under the folder, most files first (at most {@value #TOP})
 * @param children    subfolders, most files first
 */
public record FolderNode(
        String name,
        String path,
        int files,
        int directFiles,
        int unowned,
        int anyone,
        List<OwnerShare> owners,
        List<OwnerShare> ownersHere,
        List<RuleShare> rules,
        List<FolderNode> children) {

    public static final int TOP = 3;

    public FolderNode {
        owners = List.copyOf(owners);
        ownersHere = List.copyOf(ownersHere);
        rules = List.copyOf(rules);
        children = List.copyOf(children);
    }

    /** Files with exactly these owners; {@code anyone} marks {@code *}; no owners and not anyone is unowned. */
    public record OwnerShare(List<Owner> owners, boolean anyone, int files) {
        public OwnerShare {
            owners = List.copyOf(owners);
        }
    }

    /** Files decided by one rule; {@code location} is {@code file:line}, {@code pattern} empty for OWNERS. */
    public record RuleShare(String location, String pattern, int files) {}
}
