package dev.ownergate.app.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;

/**
 * Reads webhook bodies before their signature is known, under limits shared by every connection, so that
 * someone without the secret can neither exhaust the heap nor hold the request threads.
 *
 * <p>Memory is taken as bytes arrive, one {@link #CHUNK} at a time, never by the declared length. The first
 * {@link #SMALL_BODY} bytes of a body were already read without a thread (see {@link EagerBodies});
 * past that a body is "large": it needs one of {@link #MAX_LARGE_BODIES} places and takes its chunks from a
 * budget of {@link #LARGE_BODY_BUDGET} bytes shared by all of them. When either runs out, the body is shed
 * with 503 and the connection closed. Signed deliveries are nearly always small, so shedding large bodies
 * keeps them (and {@code /healthz}) answering while an attacker sends big ones.
 */
final class RequestBodies {
    /** GitHub caps payloads at 25 MB (docs: "Webhook events and payloads"). */
    static final long MAX_BODY = 25L * 1024 * 1024;
    /**
     * Bodies up to this size are read whole by Jetty before a thread is used. GitHub's pull_request and review
     * payloads are 20 to 40 KB.
     */
    static final int SMALL_BODY = 64 * 1024;
    /** Each read takes at most this much memory ahead of the bytes that arrived. */
    static final int CHUNK = 16 * 1024;
    /** Large bodies read at once: each holds a request thread while it arrives. */
    static final int MAX_LARGE_BODIES = 8;
    /** Heap that large bodies may hold together before their signature is checked. */
    static final long LARGE_BODY_BUDGET = 64L * 1024 * 1024;

    private final Semaphore largeBodies;
    private final AtomicLong budgetLeft;
    private final long budget;

    RequestBodies() {
        this(MAX_LARGE_BODIES, LARGE_BODY_BUDGET);
    }

    RequestBodies(int maxLargeBodies, long budget) {
        this.largeBodies = new Semaphore(maxLargeBodies);
        this.budget = budget;
        this.budgetLeft = new AtomicLong(budget);
    }

    /** What reading a body came to. */
    sealed interface Outcome {}

    /** The body as it arrived: a list of chunks, joined only once the signature checks out. */
    record Body(List<byte[]> chunks, int lastLength, long length) implements Outcome {
        void update(Mac mac) {
            for (int i = 0; i < chunks.size(); i++) {
                mac.update(chunks.get(i), 0, i == chunks.size() - 1 ? lastLength : CHUNK);
            }
        }

        byte[] bytes() {
            byte[] all = new byte[Math.toIntExact(length)];
            int at = 0;
            for (int i = 0; i < chunks.size(); i++) {
                int n = i == chunks.size() - 1 ? lastLength : CHUNK;
                System.arraycopy(chunks.get(i), 0, all, at, n);
                at += n;
            }
            return all;
        }
    }

    /** The body was refused before it was read whole; {@code status} and {@code reason} go to the client. */
    record Refused(int status, String result, String reason) implements Outcome {}

    /**
     * Reads {@code in} to its end. {@code declared} is the Content-Length, or -1 for a chunked body.
     * Budget taken here is given back when this returns: the joined body of a signed delivery is the caller's.
     */
    Outcome read(InputStream in, long declared) throws IOException {
        if (declared > MAX_BODY) {
            return tooLarge();
        }
        List<byte[]> chunks = new ArrayList<>();
        long length = 0;
        int fill = CHUNK;
        boolean large = false;
        long taken = 0;
        try {
            while (true) {
                if (fill == CHUNK) {
                    if (length >= SMALL_BODY) {
                        if (!large) {
                            if (!largeBodies.tryAcquire()) {
                                return busy("too many large request bodies at once");
                            }
                            large = true;
                        }
                        if (!take(CHUNK)) {
                            return busy("request bodies hold too much memory");
                        }
                        taken += CHUNK;
                    }
                    chunks.add(new byte[CHUNK]);
                    fill = 0;
                }
                int n = in.read(chunks.getLast(), fill, CHUNK - fill);
                if (n < 0) {
                    break;
                }
                fill += n;
                length += n;
                if (length > MAX_BODY) {
                    return tooLarge();
                }
            }
            return new Body(chunks, fill, length);
        } finally {
            if (taken > 0) {
                budgetLeft.addAndGet(taken);
            }
            if (large) {
                largeBodies.release();
            }
        }
    }

    private boolean take(long bytes) {
        long left = budgetLeft.get();
        while (left >= bytes) {
            if (budgetLeft.compareAndSet(left, left - bytes)) {
                return true;
            }
            left = budgetLeft.get();
        }
        return false;
    }

    /** Bytes of the large-body budget in use now (for metrics and tests). */
    long inUse() {
        return budget - budgetLeft.get();
    }

    private static Refused tooLarge() {
        return new Refused(413, "too_large", "payload larger than 25 MB");
    }

    private static Refused busy(String why) {
        return new Refused(503, "shed", why + "; retry later");
    }
}
