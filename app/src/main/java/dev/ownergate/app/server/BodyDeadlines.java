package dev.ownergate.app.server;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Jetty handlers that keep slow request bodies from holding threads or connections:
 * <ul>
 *   <li>the first {@link RequestBodies#SMALL_BODY} bytes of a body are read without a thread (Jetty's
 *       {@link EagerContentHandler}), so a client that sends one byte every few seconds holds only a socket;</li>
 *   <li>a request with a body must arrive at {@link #MIN_DATA_RATE} or better, after a {@link #GRACE}: past its
 *       deadline its reads fail, waiting readers are woken, and Jetty closes the connection.</li>
 * </ul>
 * Jetty's own {@code MinimumDataRateHandler} measures the rate of all requests together, not of each one, so
 * it cannot single out a slow client.
 */
final class BodyDeadlines extends Handler.Wrapper {
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

    /** Reads up to {@link RequestBodies#SMALL_BODY} of each body before the request gets a thread. */
    static EagerContentHandler eagerSmallBodies() {
        return new EagerContentHandler(
                new EagerContentHandler.RetainedContentLoaderFactory(RequestBodies.SMALL_BODY, -1, false));
    }

    private final Runnable onTooLarge;

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
        Scheduler.Task task = request.getComponents().getScheduler()
                .schedule(timed::expire, Math.max(0, left.toMillis()), TimeUnit.MILLISECONDS);
        Callback done = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                task.cancel();
                super.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                task.cancel();
                super.failed(x);
            }
        };
        return super.handle(timed, response, done);
    }

    /**
     * Past its deadline, a read fails and a waiting reader is woken with the failure; the request then ends
     * like any request whose client went away, and Jetty closes the connection.
     */
    private static final class DeadlineRequest extends Request.Wrapper {
        private final AtomicReference<Runnable> waiting = new AtomicReference<>();
        private volatile boolean expired;

        DeadlineRequest(Request wrapped) {
            super(wrapped);
        }

        @Override
        public Content.Chunk read() {
            if (expired) {
                return Content.Chunk.from(new TimeoutException("request body slower than "
                        + MIN_DATA_RATE + " bytes/s"), true);
            }
            return super.read();
        }

        @Override
        public void demand(Runnable onContent) {
            if (expired) {
                getContext().execute(onContent);
                return;
            }
            waiting.set(onContent);
            super.demand(() -> {
                if (waiting.compareAndSet(onContent, null)) {
                    onContent.run();
                }
            });
        }

        void expire() {
            expired = true;
            Runnable onContent = waiting.getAndSet(null);
            if (onContent != null) {
                getContext().execute(onContent);
            }
        }
    }
}
