package dev.ownergate.settings;

import java.util.Optional;

/**
 * How a Chromium/Gerrit {@code per-file} glob is read ({@code owners.per_file_globs}). Gerrit lets each host pick a
 * path-expression syntax, and Chromium-family repositories are written for one of them.
 */
public enum PerFileGlobs implements SettingValue {
    /**
     * Gerrit find-owners (the default): every glob has an implicit {@code {**}{@code /,}} in front, so
     * {@code *.md} covers {@code x.md} and {@code sub/dir/x.md}. Chromium depot_tools reaches subfolders too
     * ({@code fnmatch} on the path relative to the OWNERS folder).
     */
    FIND_OWNERS("find-owners"),
    /** {@code *} and {@code ?} stay in one folder and the glob is anchored at the OWNERS folder. */
    ONE_FOLDER("one-folder"),
    /** Gerrit's SIMPLE syntax: {@code ...} matches any path (slashes included), {@code *} stays in one folder. */
    SIMPLE("simple");

    private final String yaml;

    PerFileGlobs(String yaml) {
        this.yaml = yaml;
    }

    @Override
    public String yaml() {
        return yaml;
    }

    public static Optional<PerFileGlobs> fromYaml(String text) {
        return SettingValue.fromYaml(PerFileGlobs.class, text);
    }

    public static String allowed() {
        return SettingValue.allowed(PerFileGlobs.class);
    }
}
