package dev.ownergate.app.policy;

import java.util.List;
import java.util.Optional;

/**
 * The policy's {@code protected_paths}: files that need approval from their own owners even in
 * {@code any-owner} mode, because changing them changes who may approve everything else.
 *
 * <p>Patterns follow CODEOWNERS semantics, so {@code **}{@code /OWNERS} matches {@code OWNERS} at the root too.
 */
final class ProtectedPaths {
    private final List<String> patterns;

    ProtectedPaths(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** The first pattern that matches {@code path}, if any. */
    Optional<String> matching(String path) {
        for (String pattern : patterns) {
            if (matches(pattern, path)) {
                return Optional.of(pattern);
            }
        }
        return Optional.empty();
    }

    /** Why {@code pattern} cannot be used, or empty when it can. */
    static Optional<String> problemWith(String pattern) {
        if (pattern.isEmpty()) {
            return Optional.of("a protected path must not be empty; write a pattern such as \"**/OWNERS\"");
        }
        String literal = pattern.startsWith("**/") ? pattern.substring(3) : pattern;
        if (literal.isEmpty() || literal.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '!')) {
            return Optional.of("protected path '" + pattern + "' is not supported: write a file path"
                    + " (.github/CODEOWNERS) or a file name at any depth (**/OWNERS)");
        }
        return Optional.empty();
    }

    // TODO(codeowners): delegate to dev.ownergate.codeowners.CodeownersPattern once the codeowners branch lands
    // (then problemWith reports its parse errors and every CODEOWNERS pattern works). Until then only the two
    // forms problemWith accepts exist: an exact path, and **/name for that file name in any folder.
    private static boolean matches(String pattern, String path) {
        String p = pattern.startsWith("/") ? pattern.substring(1) : pattern;
        if (p.startsWith("**/")) {
            String name = p.substring(3);
            return path.equals(name) || path.endsWith("/" + name);
        }
        return path.equals(p);
    }
}
