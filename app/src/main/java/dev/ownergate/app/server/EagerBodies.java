package dev.ownergate.app.server;

import java.util.ArrayDeque;
import java.util.Deque;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Reads the start of each request body without a thread, and hands the request on once that much has arrived
 * (or the whole body, or a failure), with the bytes read put back in front. A client that sends one byte every
 * few seconds then holds a socket, not a request thread.
 *
 * <p>Why not Jetty's own loader ({@code EagerContentHandler.RetainedContentLoaderFactory}): in 12.1.12 the request
 * it hands on, which is also the handler's callback, overrides {@code Request.fail} where it means
 * {@code Callback.failed}, whose default does nothing. A request whose handling failed (its answer cut by an idle
 * timeout, its client gone) never ended, and Jetty's {@code GracefulHandler} made the next stop wait its whole
 * timeout for it.
 */
final class EagerBodies implements EagerContentHandler.ContentLoaderFactory {
    private final long limit;

    /** {@code limit}: bytes read before the request is handed on, if the body is longer. */
    EagerBodies(long limit) {
        this.limit = limit;
    }

    /** The handler that reads up to {@link RequestBodies#SMALL_BODY} of each body before it gets a thread. */
    static EagerContentHandler smallBodies() {
        return new EagerContentHandler(new EagerBodies(RequestBodies.SMALL_BODY));
    }

    @Override
    public String getApplicableMimeType() {
        return null; // every content type
    }

    @Override
    public EagerContentHandler.ContentLoader newContentLoader(String contentType, String mimeType, Handler next,
                                                               Request request, Response response,
                                                               Callback callback) {
        return new Loader(next, request, response, callback, limit);
    }

    /** Reads what has arrived; when more is needed, asks to be run again once it arrives. */
    private static final class Loader extends EagerContentHandler.ContentLoader implements Invocable.Task {
        private final Deque<Content.Chunk> read = new ArrayDeque<>();
        private final long limit;
        private long length;

        Loader(Handler next, Request request, Response response, Callback callback, long limit) {
            super(next, request, response, callback);
            this.limit = limit;
        }

        @Override
        protected void load() {
            readAvailable(false);
        }

        /** Content arrived: called by Jetty, on a thread that must not block. */
        @Override
        public void run() {
            readAvailable(true);
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }

        private void readAvailable(boolean mustNotBlock) {
            while (true) {
                Content.Chunk chunk = getRequest().read();
                if (chunk == null) {
                    getRequest().demand(this);
                    return;
                }
                read.add(chunk);
                length += chunk.remaining();
                // A failure, even a transient one, ends the wait: the handler reads it and answers.
                if (chunk.isLast() || Content.Chunk.isFailure(chunk) || length >= limit) {
                    break;
                }
            }
            Replay replay = new Replay(getRequest(), read);
            Callback done = new Callback.Nested(getCallback()) {
                @Override
                public void succeeded() {
                    replay.releaseUnread();
                    super.succeeded();
                }

                @Override
                public void failed(Throwable x) {
                    replay.releaseUnread();
                    super.failed(x);
                }
            };
            if (mustNotBlock) {
                getRequest().getContext().execute(() -> handle(replay, getResponse(), done));
            } else {
                handle(replay, getResponse(), done);
            }
        }
    }

    /** The request as the next handler sees it: the chunks already read come first, then the rest of the body. */
    private static final class Replay extends Request.Wrapper {
        private final Deque<Content.Chunk> unread;

        Replay(Request request, Deque<Content.Chunk> read) {
            super(request);
            this.unread = read;
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk;
            synchronized (unread) {
                chunk = unread.pollFirst();
            }
            return chunk != null ? chunk : super.read();
        }

        @Override
        public void demand(Runnable onContent) {
            boolean ready;
            synchronized (unread) {
                ready = !unread.isEmpty();
            }
            if (ready) {
                onContent.run();
            } else {
                super.demand(onContent);
            }
        }

        @Override
        public void fail(Throwable failure) {
            releaseUnread();
            super.fail(failure);
        }

        void releaseUnread() {
            synchronized (unread) {
                unread.forEach(Content.Chunk::release);
                unread.clear();
            }
        }
    }
}
