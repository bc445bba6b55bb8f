package dev.ownergate.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The start of a body is read without a thread; the handler then reads the whole body, and its request ends. */
class EagerBodiesTest {
    private static final int LIMIT = 16;

    private Server server;
    private LocalConnector connector;
    private GracefulHandler graceful;
    private final CountDownLatch handled = new CountDownLatch(1);

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void aRequestWhoseHandlingFailsStillEnds() throws Exception {
        // As when the answer is cut by an idle timeout (at a stop, 1 s) or the client has gone.
        start(new EagerContentHandler(new EagerBodies(LIMIT)), (request, response, callback) -> {
            Content.Source.asString(request);
            callback.failed(new IOException("answer cut"));
        });

        String response = connector.getResponse(post(10, "0123456789"), 5, TimeUnit.SECONDS);

        assertThat(response).as("Jetty answers the failed request").startsWith("HTTP/1.1 500");
        // Counted out just after the answer is sent.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (graceful.getCurrentRequestCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(graceful.getCurrentRequestCount()).as("requests a stop would wait for").isZero();
    }

    @Test
    void aBodyShorterThanTheLimitIsHandedOnOnceItHasAllArrived() throws Exception {
        start(new EagerContentHandler(new EagerBodies(LIMIT)), EagerBodiesTest::echo);
        LocalConnector.LocalEndPoint client = connector.connect();

        client.addInput(post(10, "01234"));
        assertThat(handled.await(300, TimeUnit.MILLISECONDS)).as("handled before the body arrived").isFalse();
        client.addInput("56789");

        assertThat(client.getResponse()).endsWith("\r\n\r\n0123456789");
    }

    @Test
    void aLongerBodyIsHandedOnAtTheLimitAndReadToItsEnd() throws Exception {
        start(new EagerContentHandler(new EagerBodies(LIMIT)), EagerBodiesTest::echo);
        LocalConnector.LocalEndPoint client = connector.connect();

        send(client, post(26, "abcdefghijklmnop"));
        assertThat(handled.await(5, TimeUnit.SECONDS)).as("handled once the limit arrived").isTrue();
        client.addInput("qrstuvwxyz");

        assertThat(client.getResponse()).endsWith("\r\n\r\nabcdefghijklmnopqrstuvwxyz");
    }

    /** What the handler does with the request, on a request thread. */
    private interface Handling {
        void handle(Request request, Response response, Callback callback) throws Exception;
    }

    private void start(EagerContentHandler eager, Handling handling) throws Exception {
        server = new Server();
        connector = new LocalConnector(server);
        server.addConnector(connector);
        eager.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                handled.countDown();
                handling.handle(request, response, callback);
                return true;
            }
        });
        graceful = new GracefulHandler(eager);
        server.setHandler(graceful);
        server.start();
    }

    private static void echo(Request request, Response response, Callback callback) throws IOException {
        String body = Content.Source.asString(request);
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    /** Jetty may hand the request on from the sending thread, and the handler then reads on: send from another. */
    private static void send(LocalConnector.LocalEndPoint client, String bytes) {
        Thread.ofVirtual().start(() -> client.addInput(bytes));
    }

    private static String post(int declared, String firstBytes) {
        return "POST /webhook HTTP/1.1\r\nHost: local\r\nContent-Type: application/json\r\nContent-Length: "
                + declared + "\r\n\r\n" + firstBytes;
    }
}
