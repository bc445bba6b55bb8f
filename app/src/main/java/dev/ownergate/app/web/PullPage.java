package dev.ownergate.app.web;

import dev.ownergate.app.access.Access;
import dev.ownergate.app.access.Viewer;
import dev.ownergate.app.store.DecisionLog;
import dev.ownergate.app.store.VerdictStore;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;

/**
 * {@code GET /pulls/{owner}/{repo}/{number}} (and {@code /pulls/{owner}/{repo}} for checks not tied to one pull
 * request): the check's details link. Only for a viewer who can read the repository; anyone else gets the same
 * 404 as for a repository that does not exist, so the page does not even confirm it exists.
 */
public final class PullPage {
    /** Decisions shown; the audit export has them all. */
    static final int HISTORY = 100;

    private final Guard guard;
    private final Access access;
    private final VerdictStore verdicts;
    private final DecisionLog decisions;

    public PullPage(Guard guard, Access access, VerdictStore verdicts, DecisionLog decisions) {
        this.guard = guard;
        this.access = access;
        this.verdicts = verdicts;
        this.decisions = decisions;
    }

    public void show(Context ctx) {
        Optional<Viewer> viewer = guard.page(ctx);
        if (viewer.isEmpty()) {
            return;
        }
        String repo = ctx.pathParam("owner") + "/" + ctx.pathParam("repo");
        int number;
        try {
            number = ctx.pathParamMap().containsKey("number") ? Integer.parseInt(ctx.pathParam("number")) : 0;
        } catch (NumberFormatException e) {
            notFound(ctx, viewer.get());
            return;
        }
        if (!access.maySee(viewer.get(), repo)) {
            notFound(ctx, viewer.get());
            return;
        }
        Pages.render(ctx, "pull.jte", new PullView(header(ctx, viewer.get()), repo, number,
                verdicts.posted(repo, number), decisions.history(repo, number, HISTORY).stream()
                        .map(s -> ShownDecision.of(s.decision())).toList()));
    }

    private void notFound(Context ctx, Viewer viewer) {
        ctx.status(HttpStatus.NOT_FOUND);
        Pages.render(ctx, "message.jte", new MessageView(header(ctx, viewer), "Not found",
                "There is no such pull request, or you cannot read its repository on GitHub."));
    }

    Header header(Context ctx, Viewer viewer) {
        return new Header(viewer.name(), guard.csrfToken(ctx).orElse(""));
    }
}
