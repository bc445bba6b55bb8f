package dev.ownergate.app.server;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.Graceful;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Jetty handlers that keep slow request bodies from holding threads or connections:
 * <ul>
 *   <li>the first {@link RequestBodies#SMALL_BODY} bytes of a body are read without a thread ({@link EagerBodies}),
 *       so a client that sends one byte every few seconds holds only a socket;</li>
 *   <li>a request with a body must arrive at {@link #MIN_DATA_RATE} or better, after a {@link #GRACE}: past its
 *       deadline its reads fail, waiting readers are woken, and Jetty closes the connection;</li>
 *   <li>when the server stops, bodies still arriving are cut at once. Jetty's graceful stop waits for every
 *       request in flight, and a body may take minutes to reach its deadline (25 MB: 7 minutes), far past the
 *       stop timeout. Requests whose body has arrived are left to finish: their delivery is being committed.</li>
 * </ul>
 * Jetty's own {@code MinimumDataRateHandler} measures the rate of all requests together, not of each one, so
 * it cannot single out a slow client.
 */
final class BodyDeadlines extends Handler.Wrapper implements Graceful {
    /** Time any body gets before its rate counts: a connection's start and one round trip. */
    static final Duration GRACE = Duration.ofSeconds(5);
    /**
     * The slowest body we wait for. GitHub sends from its data centres; 25 MB at this rate still takes 7 minutes,
     * while a 1,000-byte body sent one byte every 5 seconds is cut after 5 seconds.
     */
    static final long MIN_DATA_RATE = 64 * 1024;
    /** An idle keep-alive connection, or a body that stops arriving, is closed after this. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(15);
    /** Connections waiting to be accepted (the kernel caps it at {@code net.core.somaxconn}). */
    static final int ACCEPT_QUEUE = 1024;

    private final Runnable onTooLarge;
    /** Requests whose body is still arriving. */
    private final Set<DeadlineRequest> arriving = ConcurrentHashMap.newKeySet();
    private volatile boolean shutdown;

    /** {@code onTooLarge} counts the requests refused here for their declared length. */
    BodyDeadlines(Runnable onTooLarge) {
        this.onTooLarge = onTooLarge;
    }

    /** How long a body of this declared length ({@code -1}: chunked, counted as the largest allowed) may take. */
    static Duration deadline(long declared) {
        long length = declared < 0 ? RequestBodies.MAX_BODY : Math.min(declared, RequestBodies.MAX_BODY);
        return GRACE.plusMillis(length * 1000 / MIN_DATA_RATE);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (declared <= 0 && !chunked) {
            return super.handle(request, response, callback);
        }
        if (declared > RequestBodies.MAX_BODY) {
            // Refused before a byte of the body is asked for: a client that sent "Expect: 100-continue" gets
            // the answer instead of a go-ahead.
            onTooLarge.run();
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            Response.writeError(request, response, callback, 413, "payload larger than 25 MB");
            return true;
        }
        Duration left = deadline(chunked ? -1 : declared)
                .minusNanos(System.nanoTime() - request.getBeginNanoTime());
        DeadlineRequest timed = new DeadlineRequest(request);
        arriving.add(timed);
        timed.deadline = request.getComponents().getScheduler().schedule(() -> timed.cut(new TimeoutException(
                "request body slower than " + MIN_DATA_RATE + " bytes/s")), Math.max(0, left.toMillis()),
                TimeUnit.MILLISECONDS);
        if (shutdown) {
            timed.cut(stopping()); // it began as the stop began
        }
        Callback done = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                timed.end();
                super.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                timed.end();
                super.failed(x);
            }
        };
        boolean handled = false;
        try {
            handled = super.handle(timed, response, done);
            return handled;
        } finally {
            if (!handled) {
                timed.end(); // Jetty answers it with its own callback
            }
        }
    }

    /** Cuts every body still arriving; the requests end as at their deadline, and stop need not wait for them. */
    @Override
    public CompletableFuture<Void> shutdown() {
        shutdown = true;
        arriving.forEach(r -> r.cut(stopping()));
        return CompletableFuture.completedFuture(null);
    }

    private static IOException stopping() {
        return new IOException("server stopping: request body not waited for");
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    protected void doStart() throws Exception {
        shutdown = false;
        super.doStart();
    }

    /**
     * Past its deadline, its body fails: Jetty wakes a waiting reader with the failure and fails every later read;
     * the request then ends like any request whose client went away, and Jetty closes the connection. Once the
     * whole body has arrived, the deadline no longer applies.
     */
    private final class DeadlineRequest extends Request.Wrapper {
        private volatile Scheduler.Task deadline;
        private volatile boolean arrived;
        /** Held while the body is being failed, so that the request does not end (and Jetty recycle it) meanwhile. */
        private final Object cutting = new Object();
        private boolean ended; // guarded by cutting

        DeadlineRequest(Request wrapped) {
            super(wrapped);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            if (chunk != null && chunk.isLast() && !Content.Chunk.isFailure(chunk)) {
                arrived = true;
                forget();
            }
            return chunk;
        }

        /** No deadline any more: the body arrived, or the request ended. */
        void forget() {
            Scheduler.Task task = deadline;
            if (task != null) {
                task.cancel();
            }
            arriving.remove(this);
        }

        /** The request is ending: no cut from now on, and one under way finishes first. */
        void end() {
            synchronized (cutting) {
                ended = true;
            }
            forget();
        }

        /** From now on its reads fail with {@code why}, unless the whole body has arrived or the request ended. */
        void cut(Throwable why) {
            synchronized (cutting) {
                // An ended request is Jetty's to recycle: failing it then would reach what the connection serves next.
                if (!ended && !arrived) {
                    // Through Jetty rather than around it: a read the reader asked Jetty for is then answered. One
                    // left pending failed the request as it ended ("demand pending"), and Jetty answered 500.
                    fail(why);
                }
            }
        }
    }
}
