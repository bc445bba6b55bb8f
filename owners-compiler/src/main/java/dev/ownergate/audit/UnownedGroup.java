package dev.ownergate.audit;

import java.util.List;

/**
 * Unowned files of one folder.
 *
 * @param folder      the folder ({@code ""} is the root)
 * @param files       how many unowned files the group holds
 * @param wholeFolder true when every file under the folder, subfolders included, is unowned; then
 *                    {@code paths} is empty because the folder says it all
 * @param paths       otherwise, the unowned files directly in the folder
 */
public record UnownedGroup(String folder, int files, boolean wholeFolder, List<String> paths) {
    public UnownedGroup {
        paths = List.copyOf(paths);
    }
}
