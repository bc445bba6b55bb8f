package dev.ownergate.app.cli;

import dev.ownergate.app.audit.AuditExport;
import dev.ownergate.app.config.AppConfigLoader;
import dev.ownergate.app.config.ConfigException;
import dev.ownergate.app.store.AuditQuery;
import dev.ownergate.app.store.JdbcStore;
import dev.ownergate.app.store.StoreException;
import dev.ownergate.app.store.StoreSettings;
import dev.ownergate.cli.OwnergateCli;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ownergate audit-log}: the decisions and merges on record, from the same database {@code serve} uses. */
@Command(
        name = "audit-log",
        mixinStandardHelpOptions = true,
        description = {
            "Export the audit trail: every decision and every merge, with merges that had no passing decision",
            "flagged as exceptions. Reads the database serve uses: OWNERGATE_DATABASE_URL (with",
            "OWNERGATE_DATABASE_USER and OWNERGATE_DATABASE_PASSWORD), else the embedded file under",
            "OWNERGATE_DATA_DIR (default ./data)."
        })
public final class AuditLogCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--repo", paramLabel = "OWNER/NAME", description = "only this repository")
    String repo;

    @Option(names = "--since", paramLabel = "DATE", description = "from this date (2026-01-31, UTC) or time, inclusive")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "up to this date or time, exclusive")
    String until;

    @Option(names = "--exceptions", description = "only merges without a passing decision, and overrides")
    boolean exceptions;

    @Option(names = "--format", paramLabel = "csv|json", description = "output format (default: ${DEFAULT-VALUE})",
            defaultValue = "csv")
    String format;

    @Option(names = "--config", paramLabel = "FILE", description = "the serve settings file, for its database keys")
    Path config;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (!format.equals("csv") && !format.equals("json")) {
            err.println("ownergate audit-log: --format must be csv or json, not '" + format + "'");
            return OwnergateCli.EXIT_INVALID;
        }
        AuditQuery query;
        StoreSettings settings;
        try {
            query = AuditExport.query(repo, since, until, exceptions);
            settings = AppConfigLoader.loadStore(System.getenv(), Optional.ofNullable(config));
        } catch (IllegalArgumentException | ConfigException e) {
            err.println("ownergate audit-log: " + e.getMessage());
            return OwnergateCli.EXIT_INVALID;
        }
        if (settings.databaseUrl().isEmpty()
                && !java.nio.file.Files.exists(settings.dataDir().resolve("ownergate.mv.db"))) {
            err.println("ownergate audit-log: no database at " + settings.dataDir().toAbsolutePath()
                    + "; set OWNERGATE_DATA_DIR to the folder serve uses, or OWNERGATE_DATABASE_URL");
            return OwnergateCli.EXIT_INVALID;
        }
        try (JdbcStore store = JdbcStore.open(settings, 2)) {
            var entries = store.decisions().query(query);
            out.print(format.equals("json") ? AuditExport.json(entries) : AuditExport.csv(entries));
            out.flush();
            return OwnergateCli.EXIT_OK;
        } catch (StoreException e) {
            err.println("ownergate audit-log: " + e.getMessage());
            return OwnergateCli.EXIT_INVALID;
        }
    }
}
