package dev.ownergate.app.web;

import dev.ownergate.app.access.Viewer;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who is asking, for pages and for the API: a session, or (API only) {@code Authorization: Bearer} with the
 * admin token, compared in constant time. Without either, a page redirects to sign-in and the API answers 401;
 * neither carries any data. Also the CSRF check every POST passes through.
 */
public final class Guard {
    static final String CSRF_FIELD = "csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";

    private final WebSessions sessions;
    private final Optional<byte[]> adminToken;

    public Guard(WebSessions sessions, Optional<byte[]> adminToken) {
        this.sessions = sessions;
        this.adminToken = adminToken.map(byte[]::clone);
    }

    /** The signed-in viewer of a page; empty after redirecting the browser to sign in. */
    public Optional<Viewer> page(Context ctx) {
        Optional<WebSessions.Session> session = sessions.current(ctx);
        if (session.isEmpty()) {
            String next = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
            ctx.redirect("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8), HttpStatus.FOUND);
            return Optional.empty();
        }
        return Optional.of(session.get().viewer());
    }

    /** The caller of an API route; empty after answering 401. */
    public Optional<Viewer> api(Context ctx) {
        Optional<Viewer> viewer = bearer(ctx).or(() -> sessions.current(ctx).map(WebSessions.Session::viewer));
        if (viewer.isEmpty()) {
            ctx.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Bearer")
                    .json(java.util.Map.of("message", "Sign in, or send Authorization: Bearer with the admin token"));
        }
        return viewer;
    }

    /** The session's CSRF token, for forms; empty without a session. */
    public Optional<String> csrfToken(Context ctx) {
        return sessions.current(ctx).map(WebSessions.Session::csrf);
    }

    /**
     * Rejects a POST that carries a session cookie but not the session's CSRF token (a form field or a header).
     * A POST with the admin bearer token needs none: browsers never attach it on their own.
     */
    public void checkCsrf(Context ctx) {
        if (bearer(ctx).isPresent()) {
            return;
        }
        Optional<WebSessions.Session> session = sessions.current(ctx);
        if (session.isEmpty()) {
            return; // no session, no ambient authority to abuse; the route itself asks for a viewer
        }
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null && ctx.isFormUrlencoded()) {
            sent = ctx.formParam(CSRF_FIELD);
        }
        if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                session.get().csrf().getBytes(StandardCharsets.UTF_8))) {
            throw new ForbiddenResponse("Missing or wrong CSRF token: reload the page and try again.");
        }
    }

    private Optional<Viewer> bearer(Context ctx) {
        String auth = ctx.header("Authorization");
        if (adminToken.isEmpty() || auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        // Constant time: MessageDigest.isEqual does not stop at the first differing byte.
        boolean ok = MessageDigest.isEqual(auth.substring(7).strip().getBytes(StandardCharsets.UTF_8), adminToken.get());
        return ok ? Optional.of(new Viewer.AdminToken()) : Optional.empty();
    }
}
