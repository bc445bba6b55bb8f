package dev.ownergate.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.app.config.WebSettings;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behind TLS (an https public URL): the cookies' flags, a forged sign-in, and detailed metrics. */
class SignInCookiesTest {
    ServerHarness h;

    @BeforeEach
    void start() {
        h = new ServerHarness(new PolicyGate(), c -> c.withWeb(new WebSettings(Optional.of("Iv1.ownergate"),
                Optional.of("oauth-secret"), Optional.empty(), Optional.empty(), true, Optional.empty())), false);
        h.github.oauthClient("Iv1.ownergate", "oauth-secret");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void behindTlsTheCookiesAreSecureHttpOnlyAndSameSite() {
        HttpResponse<String> login = h.get("/login?next=/pulls/acme/widgets/1");

        assertThat(login.statusCode()).isEqualTo(302);
        List<String> cookies = login.headers().allValues("Set-Cookie");
        assertThat(cookies).singleElement().asString().startsWith("ownergate_sign_in=")
                .contains("Secure", "HttpOnly", "SameSite=Lax", "Path=/");
        assertThat(login.headers().firstValue("Location").orElseThrow())
                .contains("redirect_uri=https%3A%2F%2Fownergate.example.com%2Flogin%2Fcallback");
    }

    @Test
    void aCallbackThisBrowserDidNotStartStartsNoSession() {
        HttpResponse<String> callback = h.get("/login/callback?code=stolen&state=guessed");

        assertThat(callback.statusCode()).isEqualTo(400);
        assertThat(callback.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("ownergate_session=")
                && !c.startsWith("ownergate_session=;"));
    }

    @Test
    void detailedMetricsNameTheRepository() throws Exception {
        h.github.installation(7, "acme/widgets");
        String base = h.github.repo("acme/widgets").commit(Map.of("OWNERS", "approvers:\n- alice\n", "a.txt", "x\n"));
        h.github.repo("acme/widgets").pull(1, "carol", "main", base, "h1").modified("a.txt");
        h.deliver("pull_request", ServerHarness.pullRequestEvent("pull_request.opened.json", 7, "acme/widgets", 1, "h1"));
        h.awaitIdle();

        assertThat(h.get("/metrics").body()).contains("ownergate_repository_evaluations_total{outcome=\"failed\","
                + "repo=\"acme/widgets\"}");
    }
}
