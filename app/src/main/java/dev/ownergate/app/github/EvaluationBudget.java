package dev.ownergate.app.github;

import java.time.Duration;

/**
 * What one evaluation may read from GitHub: a repository member controls the files of its base branch, so a
 * tree of imports or huge OWNERS files must not make one pull request's check fetch without end and hold up
 * every other repository's (docs/security.md). Counted per repository snapshot, which one evaluation reads.
 */
public final class EvaluationBudget {
    /** Blobs read per evaluation. Real repositories have tens to a few hundred OWNERS files. */
    public static final int MAX_BLOBS = 2_000;
    /** Bytes of blobs read per evaluation: 2,000 files of 16 KB. */
    public static final long MAX_BYTES = 32L * 1024 * 1024;
    /** Wall-clock time from the first read; GitHub's own limits make a real evaluation take seconds. */
    public static final Duration MAX_TIME = Duration.ofMinutes(2);

    /** An evaluation went over one of the limits; the check fails closed with {@link #title()}. */
    public static final class Exceeded extends RuntimeException {
        private final String limit;

        Exceeded(String limit, String message) {
            super(message);
            this.limit = limit;
        }

        /** Which limit: {@code blobs}, {@code bytes} or {@code time}. */
        public String limit() {
            return limit;
        }

        /** The check run's title. */
        public String title() {
            return getMessage();
        }
    }

    private final int maxBlobs;
    private final long maxBytes;
    private final long deadline;
    private int blobs;
    private long bytes;

    public EvaluationBudget() {
        this(MAX_BLOBS, MAX_BYTES, MAX_TIME);
    }

    public EvaluationBudget(int maxBlobs, long maxBytes, Duration maxTime) {
        this.maxBlobs = maxBlobs;
        this.maxBytes = maxBytes;
        this.deadline = System.nanoTime() + maxTime.toNanos();
    }

    /** Counts one blob of {@code size} bytes before it is read; throws when a limit would be passed. */
    synchronized void spend(long size) {
        if (System.nanoTime() - deadline > 0) {
            throw new Exceeded("time", "Ownergate stopped: reading this repository's rules took longer than "
                    + MAX_TIME.toMinutes() + " minutes (limit per evaluation)");
        }
        if (blobs + 1 > maxBlobs) {
            throw new Exceeded("blobs", "Ownergate stopped: this repository's rules need more than " + maxBlobs
                    + " files (limit per evaluation)");
        }
        if (bytes + size > maxBytes) {
            throw new Exceeded("bytes", "Ownergate stopped: this repository's rules need more than "
                    + (maxBytes >> 20) + " MB of files (limit per evaluation)");
        }
        blobs++;
        bytes += size;
    }
}
