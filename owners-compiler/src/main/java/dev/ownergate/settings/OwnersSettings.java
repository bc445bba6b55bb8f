package dev.ownergate.settings;

import java.util.List;
import java.util.Objects;

/**
 * How a repository's OWNERS files are read: the {@code owners:} section of {@code .github/ownergate.yml}, read by
 * every command and by the App (at the base revision). Command-line flags override it.
 *
 * @param ignore            CODEOWNERS-style patterns of OWNERS files that are not read (their files stay owned
 *                          from above), like Prow's {@code owners_dir_denylist}; Prow's built-in denylist applies
 *                          in any case
 * @param perFileGlobs      how {@code per-file} globs are read
 * @param unresolvedImports whether an import that cannot be resolved here is a warning or an error
 */
public record OwnersSettings(List<String> ignore, PerFileGlobs perFileGlobs, UnresolvedImports unresolvedImports) {

    /** The file that holds the settings (the App's policy file). */
    public static final String PATH = ".github/ownergate.yml";

    public static final OwnersSettings DEFAULTS =
            new OwnersSettings(List.of(), PerFileGlobs.FIND_OWNERS, UnresolvedImports.WARN);

    public OwnersSettings {
        ignore = List.copyOf(ignore);
        Objects.requireNonNull(perFileGlobs, "perFileGlobs");
        Objects.requireNonNull(unresolvedImports, "unresolvedImports");
    }

    public OwnersSettings withIgnore(List<String> patterns) {
        return new OwnersSettings(patterns, perFileGlobs, unresolvedImports);
    }

    public OwnersSettings withPerFileGlobs(PerFileGlobs syntax) {
        return new OwnersSettings(ignore, syntax, unresolvedImports);
    }

    public OwnersSettings withUnresolvedImports(UnresolvedImports mode) {
        return new OwnersSettings(ignore, perFileGlobs, mode);
    }
}
