package dev.ownergate.app.server;

import io.javalin.http.Handler;

/**
 * Wraps every {@code /api} route, so who may call it is decided in one place (the sign-in and admin-token
 * piece). The default denies: an API route is never served without an access check.
 */
@FunctionalInterface
public interface ApiGuard {
    Handler protect(Handler route);

    /** Answers 401 with no data: no access piece is configured. */
    ApiGuard DENY = route -> ctx -> ctx.status(401).contentType("text/plain")
            .result("authentication required");

    /** No check at all: tests of the routes themselves. */
    ApiGuard OPEN = route -> route;
}
