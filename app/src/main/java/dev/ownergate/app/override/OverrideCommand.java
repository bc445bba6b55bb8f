package dev.ownergate.app.override;

import java.util.Optional;

/**
 * {@code /ownergate override <reason>} in a pull request comment. The command must open the comment; the
 * reason is the rest of it (several lines allowed), trimmed and capped so a check title stays readable.
 */
public record OverrideCommand(String reason) {
    static final String PREFIX = "/ownergate override";
    /** Longer reasons are cut: the check run's summary and the audit record are not the place for essays. */
    public static final int MAX_REASON = 1000;

    /** Whether the comment asks for an override (with or without a reason). */
    public static Optional<OverrideCommand> parse(String comment) {
        if (comment == null) {
            return Optional.empty();
        }
        String text = comment.strip();
        if (!text.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        String rest = text.substring(PREFIX.length());
        if (!rest.isEmpty() && !Character.isWhitespace(rest.charAt(0))) {
            return Optional.empty(); // "/ownergate overrides" is another word
        }
        String reason = rest.strip();
        return Optional.of(new OverrideCommand(reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason));
    }

    public boolean hasReason() {
        return !reason.isBlank();
    }
}
