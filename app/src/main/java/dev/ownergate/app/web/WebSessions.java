package dev.ownergate.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownergate.app.access.Viewer;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.util.Optional;

/**
 * Session cookies: sealed ({@link SealedCookies}), HttpOnly, SameSite=Lax, and Secure when the server is
 * reached over TLS ({@code OWNERGATE_PUBLIC_URL} is https). Lax rather than Strict because GitHub's sign-in
 * sends the browser back here from github.com, and a Strict cookie would not come along.
 */
public final class WebSessions {
    static final String SESSION = "ownergate_session";
    static final String SIGN_IN = "ownergate_sign_in";
    /** A session lasts a working day; then the viewer signs in again (GitHub remembers them, so it is one click). */
    static final Duration LIFETIME = Duration.ofHours(8);
    /** Time to finish GitHub's sign-in page. */
    static final Duration SIGN_IN_LIFETIME = Duration.ofMinutes(10);

    /** A signed-in viewer, and the token their forms must carry (CSRF). */
    public record Session(String login, String token, String csrf) {
        public Viewer.User viewer() {
            return new Viewer.User(login, token);
        }

        @Override
        public String toString() {
            return "Session[" + login + "]";
        }
    }

    private final SealedCookies cookies;
    private final boolean secure;

    public WebSessions(SealedCookies cookies, boolean secure) {
        this.cookies = cookies;
        this.secure = secure;
    }

    public Optional<Session> current(Context ctx) {
        return cookies.open(SESSION, ctx.cookie(SESSION)).map(f -> new Session(f.path("login").asText(),
                f.path("token").asText(), f.path("csrf").asText())).filter(s -> !s.login().isEmpty()
                && !s.token().isEmpty() && !s.csrf().isEmpty());
    }

    public void start(Context ctx, String login, String token) {
        set(ctx, SESSION, cookies.seal(SESSION, SealedCookies.fields().put("login", login).put("token", token)
                .put("csrf", SealedCookies.randomToken()), LIFETIME), LIFETIME);
    }

    public void end(Context ctx) {
        set(ctx, SESSION, "", Duration.ZERO);
    }

    /** Starts GitHub's sign-in: returns the state to send, remembered with where to go afterwards. */
    public String beginSignIn(Context ctx, String next) {
        String state = SealedCookies.randomToken();
        set(ctx, SIGN_IN, cookies.seal(SIGN_IN, SealedCookies.fields().put("state", state).put("next", next),
                SIGN_IN_LIFETIME), SIGN_IN_LIFETIME);
        return state;
    }

    /** Where to go after sign-in, when {@code state} is the one this browser was sent off with; else empty. */
    public Optional<String> finishSignIn(Context ctx, String state) {
        Optional<JsonNode> begun = cookies.open(SIGN_IN, ctx.cookie(SIGN_IN));
        set(ctx, SIGN_IN, "", Duration.ZERO);
        if (begun.isEmpty() || state == null || !java.security.MessageDigest.isEqual(
                begun.get().path("state").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                state.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(begun.get().path("next").asText("/"));
    }

    private void set(Context ctx, String name, String value, Duration maxAge) {
        ctx.cookie(new Cookie(name, value, "/", (int) maxAge.toSeconds(), secure, true, null, SameSite.LAX));
    }
}
