package dev.ownergate.app.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One load-generator thread's HTTP/1.1 connection to a server, kept alive between deliveries. The benchmark shares
 * two cores with the server, so the sender writes prebuilt request bytes and reads only the status line and the
 * length of the answer: java.net.http's client cost about as much CPU per delivery as the server's whole accept.
 */
final class KeepAliveSender implements AutoCloseable {
    private final int port;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    KeepAliveSender(int port) {
        this.port = port;
    }

    int port() {
        return port;
    }

    /** The head of a signed webhook request up to its delivery ID header; see {@link #post}. */
    static byte[] head(String event, String signature, int length) {
        return ("POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-GitHub-Event: "
                + event + "\r\nX-Hub-Signature-256: " + signature + "\r\nContent-Length: " + length
                + "\r\nX-GitHub-Delivery: ").getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends one request and returns its status; throws when the connection failed (it is then closed). */
    int post(byte[] head, String deliveryId, byte[] body) throws IOException {
        try {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                socket.setSoTimeout(60_000);
                out = socket.getOutputStream();
                in = new BufferedInputStream(socket.getInputStream(), 8192);
            }
            byte[] id = (deliveryId + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[head.length + id.length + body.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(id, 0, request, head.length, id.length);
            System.arraycopy(body, 0, request, head.length + id.length, body.length);
            out.write(request);
            out.flush();
            return readResponse();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private int readResponse() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP answer: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean close = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = colon < 0 ? header : header.substring(0, colon).trim();
            String value = colon < 0 ? "" : header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                close = true;
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                throw new IOException("chunked answers are not read by this sender");
            }
        }
        if (length < 0) {
            throw new IOException("an answer without Content-Length");
        }
        in.skipNBytes(length);
        if (close) {
            close();
        }
        return code;
    }

    private String line() throws IOException {
        StringBuilder s = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                s.append((char) b);
            }
        }
        return s.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection
            }
            socket = null;
        }
    }
}
