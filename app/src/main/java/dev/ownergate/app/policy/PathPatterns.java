package dev.ownergate.app.policy;

import dev.ownergate.codeowners.CodeownersPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A list of the policy's path patterns ({@code protected_paths}, {@code approval.ignore}, a rule's {@code paths}).
 *
 * <p>Patterns have CODEOWNERS semantics ({@link CodeownersPattern}, the project's one matcher), so a policy reads
 * like the CODEOWNERS file next to it: {@code **}{@code /OWNERS} matches {@code OWNERS} at the root too, a name
 * without a slash ({@code OWNERS_ALIASES}, {@code *.lock}) matches at any depth, and a pattern that names a folder
 * covers everything inside it.
 */
final class PathPatterns {
    private final List<CodeownersPattern> patterns;

    /** @param patterns valid patterns ({@link #problemWith} found nothing) */
    PathPatterns(List<String> patterns) {
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

    /**
     * Why {@code pattern} cannot be used, or empty when it can.
     *
     * @param what the pattern's role in messages, e.g. "a protected path"
     */
    static Optional<String> problemWith(String pattern, String what) {
        if (pattern.isEmpty()) {
            return Optional.of(what + " must not be empty; write a pattern such as \"**/OWNERS\"");
        }
        try {
            CodeownersPattern.compile(pattern);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            // CODEOWNERS' hint for '!' is about leaving paths unowned; here the fix is to list what should match.
            return Optional.of(what + " " + e.getMessage().replaceFirst("^invalid CODEOWNERS pattern",
                    "is not a valid CODEOWNERS pattern:").replaceFirst("; to leave paths unowned, .*$",
                    "; list the paths that should match instead"));
        }
    }
}
