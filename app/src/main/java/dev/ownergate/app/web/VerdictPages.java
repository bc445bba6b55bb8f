package dev.ownergate.app.web;

import dev.ownergate.app.github.CheckRunPost;
import dev.ownergate.app.github.LruCache;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/**
 * The page a check run's "Details" link opens: the latest verdict this server posted for the pull request, so
 * the link never leads nowhere. Kept in memory (bounded); after a restart the page says to re-run the check.
 */
public final class VerdictPages {
    private record Shown(CheckRunPost post, Instant at) {}

    private final LruCache<String, Shown> latest = new LruCache<>(20_000);
    private final Clock clock;

    public VerdictPages(Clock clock) {
        this.clock = clock;
    }

    /** Remembers a posted check; {@code number} 0 for a check not tied to one pull request. */
    public void record(String repo, int number, CheckRunPost post) {
        latest.put(key(repo, number), new Shown(post, clock.instant()));
    }

    /** {@code GET /pulls/{owner}/{repo}/{number}}, and {@code GET /pulls/{owner}/{repo}} for number 0. */
    public Handler handler() {
        return ctx -> {
            String repo = ctx.pathParam("owner") + "/" + ctx.pathParam("repo");
            int number;
            try {
                number = ctx.pathParamMap().containsKey("number") ? Integer.parseInt(ctx.pathParam("number")) : 0;
            } catch (NumberFormatException e) {
                ctx.status(404).html(page("Not found", "<p>No such pull request.</p>"));
                return;
            }
            show(ctx, repo, number);
        };
    }

    private void show(Context ctx, String repo, int number) {
        String subject = number > 0 ? repo + "#" + number : repo;
        Shown shown = latest.get(key(repo, number)).orElse(null);
        if (shown == null) {
            ctx.status(404).html(page("code-owners: " + subject, "<p>This server has posted no check for "
                    + escape(subject) + " since it started. Re-run the check from the pull request's Checks tab"
                    + " to get a fresh verdict.</p>"));
            return;
        }
        CheckRunPost post = shown.post();
        String body = "<p class=\"" + escape(post.conclusion()) + "\"><strong>" + escape(post.conclusion())
                + "</strong>: " + escape(post.title()) + "</p>"
                + "<p class=\"meta\">Check <code>" + escape(post.name()) + "</code> on commit <code>"
                + escape(post.headSha()) + "</code>, posted " + escape(shown.at().toString()) + "</p>"
                + "<pre>" + escape(post.summary()) + "</pre>";
        ctx.html(page(post.name() + ": " + subject, body));
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title><style>body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;"
                + "padding:0 1rem;color:#1f2328}pre{white-space:pre-wrap;background:#f6f8fa;padding:1rem;"
                + "border-radius:6px}.success strong{color:#1a7f37}.failure strong{color:#cf222e}"
                + ".meta{color:#59636e}</style></head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>";
    }

    private static String key(String repo, int number) {
        return repo.toLowerCase(Locale.ROOT) + "#" + number;
    }

    /** HTML text and attribute escaping for every page this server renders. */
    public static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
