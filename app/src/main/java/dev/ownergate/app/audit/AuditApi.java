package dev.ownergate.app.audit;

import dev.ownergate.app.store.AuditQuery;
import dev.ownergate.app.store.DecisionLog;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code GET /api/audit?repo=R&since=DATE&until=DATE&exceptions=true&format=csv|json}: the same filters and
 * output as {@code ownergate audit-log}. It decides nothing about access: the server wraps it in its
 * {@code ApiGuard}.
 */
public final class AuditApi implements Handler {
    private final DecisionLog log;

    public AuditApi(DecisionLog log) {
        this.log = log;
    }

    @Override
    public void handle(Context ctx) {
        AuditQuery query;
        try {
            query = AuditExport.query(ctx.queryParam("repo"), ctx.queryParam("since"), ctx.queryParam("until"),
                    "true".equals(ctx.queryParam("exceptions")));
        } catch (IllegalArgumentException e) {
            ctx.status(400).contentType("text/plain").result(e.getMessage().replace("--", ""));
            return;
        }
        String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
        switch (format) {
            case "json" -> ctx.contentType("application/json").result(AuditExport.json(log.query(query)));
            case "csv" -> ctx.contentType("text/csv; charset=utf-8").result(AuditExport.csv(log.query(query)));
            default -> ctx.status(400).contentType("text/plain").result("format must be csv or json, not '"
                    + format.replaceAll("[^A-Za-z0-9_-]", "?") + "'");
        }
    }
}
