package dev.ownergate.app.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.rendering.FileRenderer;
import java.util.Map;

/**
 * Renders the jte templates of {@code src/main/jte}, compiled to classes at build time (jte-maven-plugin), in
 * HTML mode: every {@code ${...}} is escaped for where it stands (text, attribute), so file names, logins and
 * reasons from users cannot inject markup. Plugged into Javalin as its file renderer ({@code ctx.render}).
 */
public final class Pages {
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private Pages() {}

    public static FileRenderer renderer() {
        return (template, model, ctx) -> {
            StringOutput out = new StringOutput();
            // As a Map<String, Object>: with Javalin's wildcard type, the call would pick render(name, Object, out).
            Map<String, Object> params = new java.util.HashMap<>(model);
            ENGINE.render(template, params, out);
            return out.toString();
        };
    }

    /** A page with one message, e.g. a 404. */
    public static void message(Context ctx, HttpStatus status, String title, String text) {
        ctx.status(status).render("message.jte", Map.of("view", new MessageView(Header.NOBODY, title, text)));
    }

    static void render(Context ctx, String template, Object view) {
        // Pages show private data: never cached by a shared proxy, never framed by another site.
        ctx.header("Cache-Control", "no-store").header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self';"
                        + " frame-ancestors 'none'")
                .render(template, Map.of("view", view));
    }
}
