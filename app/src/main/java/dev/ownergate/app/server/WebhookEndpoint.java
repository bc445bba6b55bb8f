package dev.ownergate.app.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownergate.app.store.DeliveryQueue;
import dev.ownergate.app.store.StoreException;
import dev.ownergate.app.webhook.EventRouter;
import dev.ownergate.app.webhook.WebhookSignature;
import dev.ownergate.app.webhook.Work;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /webhook}: checks the signature before anything else, then turns the event into work, commits
 * it to the store, and only then answers 2xx. Nothing here waits on GitHub.
 */
final class WebhookEndpoint implements Handler {
    /** GitHub caps payloads at 25 MB (docs: "Webhook events and payloads"). */
    static final long MAX_BODY = 25L * 1024 * 1024;

    private final WebhookSignature signature;
    private final EventRouter router;
    private final Dispatcher dispatcher;
    private final ServerMetrics metrics;

    WebhookEndpoint(WebhookSignature signature, EventRouter router, Dispatcher dispatcher, ServerMetrics metrics) {
        this.signature = signature;
        this.router = router;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
    }

    @Override
    public void handle(Context ctx) throws IOException {
        String event = Optional.ofNullable(ctx.header("X-GitHub-Event")).orElse("");
        // Until the signature checks out, the event name is anyone's text: keep it out of metric labels.
        String unverified = "unverified";
        if (ctx.contentLength() > MAX_BODY) {
            reply(ctx, 413, unverified, "too_large", "payload larger than 25 MB");
            return;
        }
        byte[] body = body(ctx);
        if (body.length > MAX_BODY) {
            reply(ctx, 413, unverified, "too_large", "payload larger than 25 MB");
            return;
        }
        if (!signature.verify(body, ctx.header("X-Hub-Signature-256"))) {
            reply(ctx, 401, unverified, "bad_signature", "missing or invalid X-Hub-Signature-256");
            return;
        }
        String metricEvent = event.isEmpty() ? "none" : event;
        if (event.isEmpty()) {
            reply(ctx, 400, metricEvent, "malformed", "missing X-GitHub-Event");
            return;
        }
        // Only the fields the event's handler reads become a tree; the rest is syntax-checked and skipped.
        Optional<ObjectNode> payload = router.fields(event).read(body);
        if (payload.isEmpty()) {
            reply(ctx, 400, metricEvent, "malformed", "body is not a JSON object");
            return;
        }
        if (event.equals("ping")) {
            reply(ctx, 200, metricEvent, "accepted", "pong");
            return;
        }
        Optional<List<Work>> work = router.route(event, payload.get());
        if (work.isEmpty()) {
            reply(ctx, 202, metricEvent, "ignored", "event not handled: " + event);
            return;
        }
        String delivery = ctx.header("X-GitHub-Delivery");
        DeliveryQueue.Accepted accepted;
        try {
            // Committed before the answer: an acknowledged delivery survives a kill -9 the next instant.
            accepted = dispatcher.accept(delivery, event, work.get());
        } catch (StoreException e) {
            reply(ctx, 503, metricEvent, "unavailable", "cannot store the delivery; redeliver later");
            return;
        }
        if (accepted == DeliveryQueue.Accepted.DUPLICATE) {
            reply(ctx, 200, metricEvent, "duplicate", "delivery already handled");
            return;
        }
        reply(ctx, 200, metricEvent, "accepted", "queued " + work.get().size());
    }

    /**
     * The body in one array of the declared length. Javalin's {@code bodyAsBytes} grows a buffer from 8 KB and
     * copies it out: about 90 KB of garbage for every 25 KB delivery.
     */
    private static byte[] body(Context ctx) throws IOException {
        int length = ctx.contentLength();
        if (length < 0) {
            return ctx.bodyAsBytes(); // chunked: no length to size the array by
        }
        byte[] body = new byte[length];
        int read = ctx.req().getInputStream().readNBytes(body, 0, length);
        return read == length ? body : Arrays.copyOf(body, read);
    }

    private void reply(Context ctx, int status, String event, String result, String message) throws IOException {
        metrics.delivery(event, result);
        // Written straight out: Javalin copies a result() through a new 32 KB buffer on every response.
        ctx.status(status).contentType("text/plain").outputStream().write(message.getBytes(StandardCharsets.UTF_8));
    }
}
