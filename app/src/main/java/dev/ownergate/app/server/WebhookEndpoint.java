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
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /webhook}: checks the signature before anything else, then turns the event into work, commits
 * it to the store, and only then answers 2xx. Nothing here waits on GitHub.
 */
final class WebhookEndpoint implements Handler {
    private final WebhookSignature signature;
    private final EventRouter router;
    private final Dispatcher dispatcher;
    private final ServerMetrics metrics;
    private final RequestBodies bodies;
    private final IngestPressure pressure;

    WebhookEndpoint(WebhookSignature signature, EventRouter router, Dispatcher dispatcher, ServerMetrics metrics,
                    RequestBodies bodies, IngestPressure pressure) {
        this.bodies = bodies;
        this.pressure = pressure;
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
        // Read as it arrives, under limits shared by all connections: nothing is sized by Content-Length.
        RequestBodies.Outcome read;
        try {
            read = bodies.read(ctx.req().getInputStream(), ctx.req().getContentLengthLong());
        } catch (IOException e) {
            // The client went away or was cut at its deadline (BodyDeadlines): nobody is left to answer.
            metrics.delivery(unverified, "aborted");
            ctx.header("Connection", "close"); // else the connection lingers until its idle timeout
            ctx.status(400);
            return;
        }
        if (read instanceof RequestBodies.Refused refused) {
            // Whatever is left of the body is not worth reading: close the connection instead.
            ctx.header("Connection", "close");
            reply(ctx, refused.status(), unverified, refused.result(), refused.reason());
            return;
        }
        RequestBodies.Body chunks = (RequestBodies.Body) read;
        if (!signature.verify(chunks::update, ctx.header("X-Hub-Signature-256"))) {
            reply(ctx, 401, unverified, "bad_signature", "missing or invalid X-Hub-Signature-256");
            return;
        }
        // Only signed deliveries count towards the overload that defers evaluations: nobody without the secret can
        // hold them back.
        pressure.enter();
        try {
            accept(ctx, event, chunks.bytes());
        } finally {
            pressure.exit();
        }
    }

    private void accept(Context ctx, String event, byte[] body) throws IOException {
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

    private void reply(Context ctx, int status, String event, String result, String message) throws IOException {
        metrics.delivery(event, result);
        // Written straight out: Javalin copies a result() through a new 32 KB buffer on every response.
        ctx.status(status).contentType("text/plain").outputStream().write(message.getBytes(StandardCharsets.UTF_8));
    }
}
