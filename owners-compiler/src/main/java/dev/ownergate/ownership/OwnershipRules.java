package dev.ownergate.ownership;

/**
 * The ownership rules of one revision: an OWNERS tree or a CODEOWNERS file. Pure and thread-safe;
 * the CLI ({@code who}, {@code audit}, {@code evaluate}) and the app ask the same question through this.
 */
public interface OwnershipRules {
    FileOwnership ownersOf(String path);

    /** For messages and the check run: "OWNERS files" or ".github/CODEOWNERS". */
    String sourceDescription();
}
