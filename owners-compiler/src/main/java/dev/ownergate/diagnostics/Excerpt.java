package dev.ownergate.diagnostics;

/**
 * Text from a user's file, made safe to quote in a message: control characters (and the bidirectional
 * overrides that can make a terminal line read differently) are escaped, and a long token is cut. A 10 MB owner
 * token is echoed as its first {@link #KEEP} characters and a count, not whole; a CODEOWNERS that links to
 * {@code /etc/passwd} cannot be replayed into a CI log through error messages.
 */
public final class Excerpt {
    /** A run of non-blank characters longer than this is cut. */
    public static final int MAX_TOKEN = 100;
    /** What is kept of a cut token. */
    public static final int KEEP = 60;
    /** A whole message is cut past this many characters. */
    public static final int MAX_MESSAGE = 2_000;

    private Excerpt() {}

    /** One token or value to quote: escaped, and cut when longer than {@link #MAX_TOKEN}. */
    public static String of(String text) {
        return sanitize(text);
    }

    /** A whole message: every long token in it is cut, control characters escaped, the total bounded. */
    public static String sanitize(String message) {
        if (message == null) {
            return "";
        }
        if (isClean(message)) {
            return message;
        }
        StringBuilder out = new StringBuilder(Math.min(message.length(), MAX_MESSAGE + 64));
        int tokenStart = 0;
        for (int i = 0; i <= message.length(); i++) {
            if (i == message.length() || message.charAt(i) == ' ') {
                appendToken(out, message, tokenStart, i);
                if (i < message.length()) {
                    out.append(' ');
                }
                tokenStart = i + 1;
                if (out.length() > MAX_MESSAGE) {
                    out.setLength(MAX_MESSAGE);
                    out.append("…(").append(message.length() - i).append(" more characters)");
                    break;
                }
            }
        }
        return out.toString();
    }

    private static boolean isClean(String message) {
        if (message.length() > MAX_MESSAGE) {
            return false;
        }
        int run = 0;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (needsEscape(c)) {
                return false;
            }
            run = c == ' ' ? 0 : run + 1;
            if (run > MAX_TOKEN) {
                return false;
            }
        }
        return true;
    }

    private static void appendToken(StringBuilder out, String s, int from, int to) {
        int end = to - from > MAX_TOKEN ? from + KEEP : to;
        if (end < to && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--; // never split a surrogate pair
        }
        for (int i = from; i < end; i++) {
            char c = s.charAt(i);
            if (needsEscape(c)) {
                switch (c) {
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> out.append(String.format("\\u%04x", (int) c));
                }
            } else {
                out.append(c);
            }
        }
        if (end < to) {
            out.append("…(").append(to - end).append(" more characters)");
        }
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
