package dev.ownergate.app.checks;

import java.util.Objects;

/**
 * What a check run shows: GitHub's {@code name}, {@code conclusion}, {@code output.title} and
 * {@code output.summary} (markdown, at most {@link CheckRunRenderer#MAX_SUMMARY} characters), {@code details_url}.
 *
 * @param conclusion  {@code success} or {@code failure}
 * @param detailsUrl  may be null
 */
public record CheckRunText(String name, String conclusion, String title, String summary, String detailsUrl) {
    public CheckRunText {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(conclusion, "conclusion");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
    }
}
