package dev.ownergate.audit;

/**
 * How much of the tree has owners. A file is owned when it has at least one named owner; files that
 * anyone may approve ({@code *} in OWNERS) are counted apart and are not owned.
 */
public record Coverage(int files, int owned, int anyone, int unowned) {

    /** Owned files as a percentage of all files; 100 for an empty tree, where nothing lacks an owner. */
    public double percentOwned() {
        return files == 0 ? 100.0 : 100.0 * owned / files;
    }
}
