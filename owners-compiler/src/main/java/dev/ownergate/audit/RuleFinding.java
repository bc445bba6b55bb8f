package dev.ownergate.audit;

/**
 * A rule that does not do what its author probably meant.
 *
 * @param relatedLine DUPLICATE: the line repeating the pattern; SHADOWED: the line that decides {@code example};
 *                    DEAD: 0
 * @param example     SHADOWED: a file the rule matches but does not decide; otherwise empty
 */
public record RuleFinding(Kind kind, String file, int line, String pattern, int relatedLine, String example) {

    public enum Kind {
        /** Matches no file in the tree. */
        DEAD,
        /** Matches files, but a later rule always matches them too, and the last match wins. */
        SHADOWED,
        /** The same pattern appears again later, so this line never counts. */
        DUPLICATE
    }

    /** The finding for people, with what to do about it. */
    public String message() {
        return switch (kind) {
            case DEAD -> "'" + pattern + "' matches no file; remove it or fix the pattern";
            case SHADOWED -> "'" + pattern + "' never decides an owner: a later rule wins for every file it matches (e.g. "
                    + example + ", decided by line " + relatedLine + "); remove it or move it below";
            case DUPLICATE -> "'" + pattern + "' appears again on line " + relatedLine
                    + ", which wins; merge the owners into one line";
        };
    }
}
