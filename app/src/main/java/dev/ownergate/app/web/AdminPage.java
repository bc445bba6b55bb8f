package dev.ownergate.app.web;

import dev.ownergate.app.access.Access;
import dev.ownergate.app.access.Viewer;
import dev.ownergate.app.override.OverrideLog;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code GET /admin}: per installed repository the viewer administers, coverage and stale owners, recent
 * decisions and exceptions, dead-letter deliveries, and a button to re-evaluate a pull request
 * ({@code POST /admin/reevaluate}; the API's {@code POST /api/pulls/{owner}/{repo}/{number}/reevaluate} does the
 * same for scripts). A viewer who is not an admin gets a 404, as for a page that does not exist.
 */
public final class AdminPage {
    /** Decisions and exceptions shown; the audit export has the rest. */
    static final int SHOWN = 50;

    /** Queues an evaluation of a pull request; false when the App is not installed on the repository. */
    @FunctionalInterface
    public interface Reevaluate {
        boolean queue(String repo, int number);
    }

    private final Guard guard;
    private final Access access;
    private final Supplier<List<String>> installedRepos;
    private final Function<String, AdminView.RepoRow> health;
    private final VerdictPages decisions;
    private final OverrideLog overrides;
    private final Supplier<List<AdminView.DeadLetter>> deadLetters;
    private final Reevaluate reevaluate;

    public AdminPage(Guard guard, Access access, Supplier<List<String>> installedRepos,
                     Function<String, AdminView.RepoRow> health, VerdictPages decisions, OverrideLog overrides,
                     Supplier<List<AdminView.DeadLetter>> deadLetters, Reevaluate reevaluate) {
        this.guard = guard;
        this.access = access;
        this.installedRepos = installedRepos;
        this.health = health;
        this.decisions = decisions;
        this.overrides = overrides;
        this.deadLetters = deadLetters;
        this.reevaluate = reevaluate;
    }

    public void show(Context ctx) {
        Optional<Viewer> viewer = guard.page(ctx);
        if (viewer.isEmpty()) {
            return;
        }
        if (!access.isAdmin(viewer.get())) {
            notFound(ctx, viewer.get());
            return;
        }
        Set<String> orgs = access.adminOrgs(viewer.get()).stream().map(o -> o.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        List<String> repos = installedRepos.get().stream().filter(r -> orgs.contains(org(r))).sorted().toList();
        List<AdminView.DeadLetter> dead = deadLetters.get().stream()
                .filter(d -> orgs.contains(org(d.subject()))).toList();
        String queued = ctx.queryParam("queued");
        String flash = queued == null ? "" : "Queued a re-evaluation of " + queued + ".";
        if ("none".equals(ctx.queryParam("refused"))) {
            flash = "The App is not installed on that repository, or you do not administer it.";
        }
        Pages.render(ctx, "admin.jte", new AdminView(new Header(viewer.get().name(), guard.csrfToken(ctx).orElse("")),
                repos.stream().map(health).toList(),
                decisions.recent(VerdictPages.RECENT).stream().filter(d -> orgs.contains(org(d.repo()))).limit(SHOWN)
                        .toList(),
                overrides.recent(10_000).stream().filter(o -> orgs.contains(org(o.repo()))).limit(SHOWN).toList(),
                dead, flash));
    }

    /** The admin page's button; the CSRF check has already passed (every POST goes through it). */
    public void reevaluateForm(Context ctx) {
        Optional<Viewer> viewer = guard.page(ctx);
        if (viewer.isEmpty()) {
            return;
        }
        String repo = Optional.ofNullable(ctx.formParam("repo")).orElse("");
        int number = parseNumber(ctx.formParam("number"));
        if (number > 0 && access.mayAdminister(viewer.get(), repo) && reevaluate.queue(repo, number)) {
            ctx.redirect("/admin?queued=" + URLEncoder.encode(repo + "#" + number, StandardCharsets.UTF_8),
                    HttpStatus.SEE_OTHER);
        } else {
            ctx.redirect("/admin?refused=none", HttpStatus.SEE_OTHER);
        }
    }

    /** {@code POST /api/pulls/{owner}/{repo}/{number}/reevaluate}. */
    public void reevaluateApi(Context ctx) {
        Optional<Viewer> viewer = guard.api(ctx);
        if (viewer.isEmpty()) {
            return;
        }
        String repo = ctx.pathParam("owner") + "/" + ctx.pathParam("repo");
        int number = parseNumber(ctx.pathParam("number"));
        if (!access.mayAdminister(viewer.get(), repo)) {
            ctx.status(HttpStatus.NOT_FOUND).json(Map.of("message", "Not Found"));
            return;
        }
        if (number <= 0 || !reevaluate.queue(repo, number)) {
            ctx.status(HttpStatus.NOT_FOUND).json(Map.of("message", "The App is not installed on " + repo));
            return;
        }
        ctx.status(HttpStatus.ACCEPTED).json(Map.of("queued", repo + "#" + number));
    }

    private void notFound(Context ctx, Viewer viewer) {
        ctx.status(HttpStatus.NOT_FOUND);
        Pages.render(ctx, "message.jte", new MessageView(new Header(viewer.name(), guard.csrfToken(ctx).orElse("")),
                "Not found", "There is no such page, or you are not an admin of an organization the App is installed on."));
    }

    private static int parseNumber(String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String org(String repo) {
        int slash = repo.indexOf('/');
        return (slash < 0 ? repo : repo.substring(0, slash)).toLowerCase(Locale.ROOT);
    }
}
