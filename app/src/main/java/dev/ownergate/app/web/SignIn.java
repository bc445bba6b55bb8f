package dev.ownergate.app.web;

import dev.ownergate.app.access.UserDirectory;
import dev.ownergate.app.github.GitHubOAuth;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /login} sends the browser to GitHub; {@code GET /login/callback} takes the code back, trades it for
 * the viewer's token and starts a session; {@code POST /logout} ends it.
 */
public final class SignIn {
    private static final Logger LOG = LoggerFactory.getLogger(SignIn.class);

    private final Optional<GitHubOAuth> oauth;
    private final UserDirectory users;
    private final WebSessions sessions;
    private final java.util.function.Function<Context, String> callbackUrl;

    /** @param callbackUrl this server's {@code /login/callback}, as GitHub must send the browser back to it */
    public SignIn(Optional<GitHubOAuth> oauth, UserDirectory users, WebSessions sessions,
                  java.util.function.Function<Context, String> callbackUrl) {
        this.oauth = oauth;
        this.users = users;
        this.sessions = sessions;
        this.callbackUrl = callbackUrl;
    }

    public void login(Context ctx) {
        if (oauth.isEmpty()) {
            Pages.message(ctx, HttpStatus.SERVICE_UNAVAILABLE, "Sign-in is not set up",
                    "This server has no OAuth client: set OWNERGATE_CLIENT_ID and OWNERGATE_CLIENT_SECRET.");
            return;
        }
        String state = sessions.beginSignIn(ctx, safeNext(ctx.queryParam("next")));
        ctx.redirect(oauth.get().authorizeUrl(state, callbackUrl.apply(ctx)).toString(), HttpStatus.FOUND);
    }

    public void callback(Context ctx) {
        Optional<String> next = sessions.finishSignIn(ctx, ctx.queryParam("state"));
        String code = ctx.queryParam("code");
        if (oauth.isEmpty() || next.isEmpty() || code == null || code.isBlank()) {
            Pages.message(ctx, HttpStatus.BAD_REQUEST, "Sign-in failed",
                    "This sign-in link is stale or was not started here. Start again from the page you wanted.");
            return;
        }
        try {
            String token = oauth.get().exchange(code, callbackUrl.apply(ctx));
            String login = users.login(token);
            sessions.start(ctx, login, token);
            LOG.info("{} signed in", login);
            ctx.redirect(next.get(), HttpStatus.FOUND);
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("sign-in failed: {}", e.getMessage());
            Pages.message(ctx, HttpStatus.BAD_GATEWAY, "Sign-in failed", "GitHub did not confirm the sign-in. Try again.");
        }
    }

    public void logout(Context ctx) {
        sessions.end(ctx);
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    /** Only a path on this server, never another site: {@code next} comes from the address bar. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return next;
    }
}
