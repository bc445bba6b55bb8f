package dev.ownergate.audit;

import dev.ownergate.owners.Owner;
import java.util.Locale;

/** The audit for machines. The shape is documented in docs/cli-json.md; add fields, never rename them. */
final class JsonReport {
    /** Bumped only on an incompatible change. */
    static final int VERSION = 1;

    private JsonReport() {}

    static void render(AuditReport r, Appendable out) {
        JsonWriter w = JsonWriter.pretty(out);
        w.beginObject().field("version", VERSION).field("source", r.source());
        Coverage c = r.coverage();
        w.name("coverage").beginObject()
                .field("files", c.files()).field("owned", c.owned()).field("anyone", c.anyone())
                .field("unowned", c.unowned()).name("percentOwned").value(c.percentOwned())
                .endObject();
        w.name("unowned").beginArray();
        for (UnownedGroup g : r.unowned()) {
            w.beginObject().field("folder", g.folder()).field("files", g.files()).field("wholeFolder", g.wholeFolder());
            w.name("paths").beginArray();
            g.paths().forEach(w::value);
            w.endArray().endObject();
        }
        w.endArray();
        w.name("owners").beginArray();
        for (OwnerLoad o : r.owners()) {
            w.beginObject().field("owner", o.owner().toString()).field("kind", kind(o.owner()))
                    .field("files", o.files());
            w.name("soleOwner").beginArray();
            for (OwnerLoad.FolderCount f : o.soleOwner()) {
                w.beginObject().field("folder", f.folder()).field("files", f.files()).endObject();
            }
            w.endArray().endObject();
        }
        w.endArray();
        w.field("rulesFile", r.rulesFile());
        w.name("rules").beginArray();
        for (RuleFinding f : r.rules()) {
            w.beginObject()
                    .field("kind", f.kind().name().toLowerCase(Locale.ROOT))
                    .field("file", f.file()).field("line", f.line()).field("pattern", f.pattern())
                    .field("relatedLine", f.relatedLine()).field("example", f.example())
                    .field("message", f.message())
                    .endObject();
        }
        w.endArray();
        w.endObject().finish();
    }

    static String kind(Owner o) {
        return o.kind().name().toLowerCase(Locale.ROOT);
    }
}
