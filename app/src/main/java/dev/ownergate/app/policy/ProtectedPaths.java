package dev.ownergate.app.policy;

import dev.ownergate.codeowners.CodeownersPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The policy's {@code protected_paths}: files that need approval from their own owners even in
 * {@code any-owner} mode, because changing them changes who may approve everything else.
 *
 * <p>Patterns have CODEOWNERS semantics ({@link CodeownersPattern}, the project's one matcher): {@code **}{@code
 * /OWNERS} matches {@code OWNERS} at the root too, a name without a slash ({@code OWNERS_ALIASES}) matches at
 * any depth, and a pattern that names a folder covers everything inside it.
 */
final class ProtectedPaths {
    private final List<CodeownersPattern> patterns;

    /** @param patterns valid patterns ({@link #problemWith} found nothing) */
    ProtectedPaths(List<String> patterns) {
        List<CodeownersPattern> compiled = new ArrayList<>(patterns.size());
        patterns.forEach(p -> compiled.add(CodeownersPattern.compile(p)));
        this.patterns = List.copyOf(compiled);
    }

    /** The first pattern that matches {@code path}, if any. */
    Optional<String> matching(String path) {
        for (CodeownersPattern pattern : patterns) {
            if (pattern.matches(path)) {
                return Optional.of(pattern.pattern());
            }
        }
        return Optional.empty();
    }

    /** Why {@code pattern} cannot be used, or empty when it can. */
    static Optional<String> problemWith(String pattern) {
        if (pattern.isEmpty()) {
            return Optional.of("a protected path must not be empty; write a pattern such as \"**/OWNERS\"");
        }
        try {
            CodeownersPattern.compile(pattern);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("protected path " + e.getMessage().replaceFirst("^invalid CODEOWNERS pattern",
                    "is not a valid CODEOWNERS pattern:"));
        }
    }
}
