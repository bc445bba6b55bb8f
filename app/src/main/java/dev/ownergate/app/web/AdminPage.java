package dev.ownergate.app.web;

import dev.ownergate.app.access.Access;
import dev.ownergate.app.access.Viewer;
import dev.ownergate.app.store.AuditEntry;
import dev.ownergate.app.store.AuditQuery;
import dev.ownergate.app.store.DecisionLog;
import dev.ownergate.app.store.DecisionRecord;
import dev.ownergate.app.store.DeliveryQueue;
import dev.ownergate.app.store.PostedVerdict;
import dev.ownergate.app.store.VerdictStore;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
    /** Rows shown per list; the audit export has the rest. */
    static final int SHOWN = 50;
    /** How far back the page looks for exceptions. */
    static final Duration EXCEPTIONS_SINCE = Duration.ofDays(90);

    /** Queues an evaluation of a pull request; false when the App is not installed on the repository. */
    public interface Reevaluate {
        boolean queue(String repo, int number);

        /** Tells the workers there is work (after a re-queue). */
        void wake();
    }

    private final Guard guard;
    private final Access access;
    private final Supplier<List<String>> installedRepos;
    private final Function<String, AdminView.RepoRow> health;
    private final VerdictStore verdicts;
    private final DecisionLog decisions;
    private final DeliveryQueue deliveries;
    private final Reevaluate reevaluate;
    private final Clock clock;

    public AdminPage(Guard guard, Access access, Supplier<List<String>> installedRepos,
                     Function<String, AdminView.RepoRow> health, VerdictStore verdicts, DecisionLog decisions,
                     DeliveryQueue deliveries, Reevaluate reevaluate, Clock clock) {
        this.guard = guard;
        this.access = access;
        this.installedRepos = installedRepos;
        this.health = health;
        this.verdicts = verdicts;
        this.decisions = decisions;
        this.deliveries = deliveries;
        this.reevaluate = reevaluate;
        this.clock = clock;
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
        List<PostedVerdict> recent = new ArrayList<>();
        for (String repo : repos) {
            recent.addAll(verdicts.recent(repo, SHOWN));
        }
        recent.sort(Comparator.comparing(PostedVerdict::at).reversed());
        String queued = ctx.queryParam("queued");
        String flash = queued == null ? "" : "Queued a re-evaluation of " + queued + ".";
        if (ctx.queryParam("requeued") != null) {
            flash = "Moved dead-letter job " + ctx.queryParam("requeued") + " back to the queue.";
        }
        if (ctx.queryParam("refused") != null) {
            flash = "The App is not installed on that repository, or you do not administer it.";
        }
        Pages.render(ctx, "admin.jte", new AdminView(new Header(viewer.get().name(), guard.csrfToken(ctx).orElse("")),
                repos.stream().map(health).toList(), recent.stream().limit(SHOWN).toList(), exceptions(orgs),
                deliveries.deadLetters(Optional.empty(), SHOWN).stream().filter(d -> orgs.contains(org(d.repo())))
                        .toList(),
                flash));
    }

    private List<AdminView.ExceptionRow> exceptions(Set<String> orgs) {
        List<AuditEntry> entries = decisions.query(new AuditQuery(Optional.empty(),
                Optional.of(clock.instant().minus(EXCEPTIONS_SINCE)), Optional.empty(), true, AuditQuery.DEFAULT_LIMIT));
        List<AdminView.ExceptionRow> rows = new ArrayList<>();
        for (AuditEntry e : entries.reversed()) {
            if (!orgs.contains(org(e.repo()))) {
                continue;
            }
            rows.add(switch (e) {
                case AuditEntry.Decided d -> {
                    DecisionRecord r = d.stored().decision();
                    yield new AdminView.ExceptionRow(r.at(), r.repo(), r.number(), r.headSha(), "override", r.actor(),
                            r.reason());
                }
                case AuditEntry.Merged m -> new AdminView.ExceptionRow(m.at(), m.repo(), m.number(),
                        m.merge().headSha(), "merge", m.merge().mergedBy(), m.merge().exception().orElse(""));
            });
            if (rows.size() >= SHOWN) {
                break;
            }
        }
        return rows;
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
            ctx.redirect("/admin?refused=1", HttpStatus.SEE_OTHER);
        }
    }

    /** The dead-letter list's button: the job goes back to the queue, when the viewer administers its repository. */
    public void requeueForm(Context ctx) {
        Optional<Viewer> viewer = guard.page(ctx);
        if (viewer.isEmpty()) {
            return;
        }
        long id;
        try {
            id = Long.parseLong(Optional.ofNullable(ctx.formParam("id")).orElse("").strip());
        } catch (NumberFormatException e) {
            id = -1;
        }
        long wanted = id;
        Optional<dev.ownergate.app.store.DeadLetter> dead = deliveries.deadLetters(Optional.empty(), 10_000).stream()
                .filter(d -> d.id() == wanted).findFirst();
        if (dead.isPresent() && access.mayAdminister(viewer.get(), dead.get().repo())
                && deliveries.requeue(wanted, clock.instant())) {
            reevaluate.wake();
            ctx.redirect("/admin?requeued=" + wanted, HttpStatus.SEE_OTHER);
        } else {
            ctx.redirect("/admin?refused=1", HttpStatus.SEE_OTHER);
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
        if (!access.mayAdminister(viewer.get(), repo) || number <= 0 || !reevaluate.queue(repo, number)) {
            ctx.status(HttpStatus.NOT_FOUND).json(Map.of("message", "Not Found"));
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
