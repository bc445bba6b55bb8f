package dev.ownergate.repo;

/** Sizes past which input is refused before it is read (docs/security.md). */
public final class FileLimits {
    private FileLimits() {}

    /**
     * OWNERS, OWNERS_ALIASES, imported OWNERS files and {@code .github/ownergate.yml}. The largest real OWNERS
     * files are a few KB; a 50 MB one once took 4 minutes and 5 GB before being refused at the end.
     */
    public static final long MAX_RULES_FILE_BYTES = 1024 * 1024;
}
