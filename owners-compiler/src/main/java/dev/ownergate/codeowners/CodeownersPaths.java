package dev.ownergate.codeowners;

/**
 * Writing repository paths into CODEOWNERS patterns.
 *
 * <p>GitHub documents {@code #} only as a comment at the start of a line and after the owners; what its parser
 * does with a {@code #} inside a pattern is not documented, and common CODEOWNERS tools read it as the start of a
 * comment. Whitespace ends the pattern, {@code \} escapes are partly rejected by GitHub ({@code \#}), and
 * {@code [ ] ! * ?} are pattern syntax. So the compiler never writes any of these from a path: each becomes
 * {@code ?}, which matches exactly one character (a newline too). The result means the same under every reading,
 * and it is exact unless another path of the tree differs only at those places; the compiler's self-check
 * finds that case and refuses it as an input problem.
 */
public final class CodeownersPaths {

    private CodeownersPaths() {}

    /** Whether CODEOWNERS cannot hold this character of a path literally. */
    public static boolean unwritable(char c) {
        if (c > ' ' && c < 0x7F) {
            // Printable ASCII, nearly every character of a path: none is whitespace, a control or a space.
            return c == '#' || c == '[' || c == ']' || c == '!' || c == '*' || c == '?' || c == '\\';
        }
        return switch (c) {
            case '#', ' ', '[', ']', '!', '*', '?', '\\' -> true;
            default -> Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c);
        };
    }

    /** Whether the path has a character {@link #literal} must stand in for. */
    public static boolean needsStandIn(String path) {
        for (int i = 0; i < path.length(); i++) {
            if (unwritable(path.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The path with every unwritable character replaced by {@code ?}. */
    public static String literal(String path) {
        if (!needsStandIn(path)) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            out.append(unwritable(c) ? '?' : c);
        }
        return out.toString();
    }
}
