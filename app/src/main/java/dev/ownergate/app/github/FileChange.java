package dev.ownergate.app.github;

/**
 * One file of a pull request's diff, as GitHub lists it.
 *
 * @param status GitHub's word: added, removed, modified, renamed, copied, changed, unchanged
 * @param previousPath the old path of a renamed file; null otherwise
 */
public record FileChange(String path, String previousPath, String status) {}
