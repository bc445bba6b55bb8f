package dev.ownergate.app.github;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * How hub4j reaches GitHub: Java's HttpClient, like hub4j's own {@code HttpClientGitHubConnector}, plus what that
 * one lacks: a request timeout (a hung GitHub must not hold an evaluation worker forever) and an
 * {@link ApiObserver} told about every call, for metrics. Redirects are left to hub4j, which drops the
 * {@code Authorization} header when the host changes.
 */
final class HttpConnector implements GitHubConnector {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;
    private final ApiObserver observer;

    HttpConnector(ApiObserver observer) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.observer = observer;
    }

    @Override
    public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(request.url().toURI()).timeout(TIMEOUT);
        } catch (URISyntaxException e) {
            throw new IOException("invalid URL " + request.url(), e);
        }
        request.allHeaders().forEach((name, values) -> {
            if (values != null) {
                builder.header(name, String.join(", ", values));
            }
        });
        builder.method(request.method(), request.hasBody()
                ? HttpRequest.BodyPublishers.ofByteArray(request.body().readAllBytes())
                : HttpRequest.BodyPublishers.noBody());
        HttpResponse<byte[]> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw (InterruptedIOException) new InterruptedIOException("interrupted").initCause(e);
        } catch (IOException e) {
            observer.called(request.method(), 0, -1);
            throw e;
        }
        observer.called(request.method(), response.statusCode(),
                response.headers().firstValueAsLong("x-ratelimit-remaining").orElse(-1));
        return new Response(request, response.statusCode(), response.headers().map(), response.body());
    }

    private static final class Response extends GitHubConnectorResponse {
        private final byte[] body;

        Response(GitHubConnectorRequest request, int status, Map<String, List<String>> headers, byte[] body) {
            super(request, status, headers);
            this.body = body;
        }

        @Override
        protected InputStream rawBodyStream() {
            return new ByteArrayInputStream(body);
        }
    }
}
