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
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** At a stop, a body still arriving is cut and its request ends with the handler's answer; an arrived one is not. */
class BodyDeadlinesTest {
    private final BodyDeadlines deadlines = new BodyDeadlines(() -> {});
    private final CountDownLatch reading = new CountDownLatch(1);
    private final CountDownLatch read = new CountDownLatch(1);
    private final CountDownLatch mayAnswer = new CountDownLatch(1);
    private Server server;
    private LocalConnector connector;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        connector = new LocalConnector(server);
        server.addConnector(connector);
        // Reads the whole body, as the webhook endpoint does: a failed read is answered 400, a body is echoed.
        deadlines.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                reading.countDown();
                String body;
                try {
                    body = Content.Source.asString(request);
                } catch (IOException e) {
                    response.setStatus(400);
                    callback.succeeded();
                    return true;
                }
                read.countDown();
                mayAnswer.await();
                response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        server.setHandler(deadlines);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void aStopCutsABodyStillArrivingAndItsReaderAnswers() throws Exception {
        LocalConnector.LocalEndPoint client = connector.connect();
        send(client, post(10, "01234"));
        assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();

        deadlines.shutdown();

        // Not 500: Jetty answers so when a request ends while a read it was asked for is still pending.
        assertThat(client.getResponse()).startsWith("HTTP/1.1 400");
    }

    @Test
    void aStopLeavesABodyThatHasArrivedToItsRequest() throws Exception {
        LocalConnector.LocalEndPoint client = connector.connect();
        send(client, post(10, "0123456789"));
        assertThat(read.await(5, TimeUnit.SECONDS)).isTrue();

        deadlines.shutdown();
        mayAnswer.countDown();

        assertThat(client.getResponse()).startsWith("HTTP/1.1 200").endsWith("\r\n\r\n0123456789");
    }

    /** Jetty may handle the request on the sending thread, and the handler here waits: send from another one. */
    private static void send(LocalConnector.LocalEndPoint client, String bytes) {
        Thread.ofVirtual().start(() -> client.addInput(bytes));
    }

    private static String post(int declared, String firstBytes) {
        return "POST /webhook HTTP/1.1\r\nHost: local\r\nContent-Type: application/json\r\nContent-Length: "
                + declared + "\r\n\r\n" + firstBytes;
    }
}
