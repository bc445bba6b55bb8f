package dev.ownergate.cli;

import java.io.PrintWriter;

/** Prints how long each phase took when OWNERGATE_TIMING is set; for benchmarks and bug reports. */
final class PhaseTimer {
    private final PrintWriter err;
    private long last = System.nanoTime();

    private PhaseTimer(PrintWriter err) {
        this.err = err;
    }

    static PhaseTimer fromEnvironment(PrintWriter err) {
        return new PhaseTimer(System.getenv("OWNERGATE_TIMING") != null ? err : null);
    }

    void lap(String phase) {
        if (err == null) {
            return;
        }
        long now = System.nanoTime();
        err.printf("timing: %-20s %6d ms%n", phase, (now - last) / 1_000_000);
        last = now;
    }
}
