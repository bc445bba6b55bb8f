package dev.ownergate.codeowners;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where GitHub looks for the CODEOWNERS file of a branch. GitHub docs ("About code owners", file location):
 * if there are several, GitHub searches {@code .github/}, then the root, then {@code docs/}, and uses the first.
 */
public final class CodeownersLocator {

    public static final List<String> SEARCH_ORDER = List.of(".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS");

    private CodeownersLocator() {
    }

    /** The path of the CODEOWNERS file GitHub uses, given which repo-relative paths exist. */
    public static Optional<String> locate(Predicate<String> exists) {
        return SEARCH_ORDER.stream().filter(exists).findFirst();
    }
}
