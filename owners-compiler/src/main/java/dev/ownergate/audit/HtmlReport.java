package dev.ownergate.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The audit as one self-contained HTML page: a zoomable treemap of the folders coloured by owning team,
 * unowned areas in red, and a details panel for the clicked folder. CSS, script and data are inline; the
 * page fetches nothing.
 *
 * <p>The data is aggregated per folder. Huge trees are capped at {@link #MAX_FOLDERS} folders, expanding the
 * largest first; the rest show as one "other folders" box per parent, and the page says so.
 */
final class HtmlReport {
    static final int MAX_FOLDERS = 3000;
    /** Rule findings listed on the page; the text, JSON and CSV reports list them all. */
    static final int MAX_FINDINGS = 200;
    private static final String TEMPLATE = "audit-report.html";

    private HtmlReport() {}

    static void render(AuditReport report, Appendable out) throws IOException {
        render(report, out, MAX_FOLDERS);
    }

    static void render(AuditReport report, Appendable out, int maxFolders) throws IOException {
        String page = template();
        int at = page.indexOf("/*DATA*/");
        int titleAt = page.indexOf("<!--TITLE-->");
        out.append(page, 0, titleAt).append(escape(report.source()));
        out.append(page, titleAt + "<!--TITLE-->".length(), at);
        data(report, out, maxFolders);
        out.append(page, at + "/*DATA*/".length(), page.length());
    }

    private static void data(AuditReport r, Appendable out, int maxFolders) {
        Set<FolderNode> shown = choose(r.root(), maxFolders);
        Map<FolderNode.OwnerShare, Integer> sets = new HashMap<>();
        List<FolderNode.OwnerShare> setList = new ArrayList<>();
        Map<String, Integer> rules = new HashMap<>();
        List<FolderNode.RuleShare> ruleList = new ArrayList<>();
        JsonWriter w = JsonWriter.compact(out);
        w.beginObject().field("source", r.source());
        Coverage c = r.coverage();
        w.name("coverage").beginObject().field("files", c.files()).field("owned", c.owned()).field("anyone", c.anyone())
                .field("unowned", c.unowned()).name("percent").value(c.percentOwned()).endObject();
        w.field("folders", count(r.root())).field("shown", shown.size());
        w.name("tree");
        node(r.root(), shown, w, sets, setList, rules, ruleList);
        w.name("sets").beginArray();
        for (FolderNode.OwnerShare s : setList) {
            w.beginArray();
            if (s.anyone()) {
                w.value("*");
            }
            s.owners().forEach(o -> w.value(o.toString()));
            w.endArray();
        }
        w.endArray();
        w.name("rules").beginArray();
        for (FolderNode.RuleShare rule : ruleList) {
            w.beginArray().value(rule.location()).value(rule.pattern()).endArray();
        }
        w.endArray();
        w.field("findingsTotal", r.rules().size());
        w.name("findings").beginArray();
        for (RuleFinding f : r.rules().subList(0, Math.min(MAX_FINDINGS, r.rules().size()))) {
            w.beginArray().value(f.kind().name().toLowerCase(java.util.Locale.ROOT)).value(f.file() + ":" + f.line())
                    .value(f.message()).endArray();
        }
        w.endArray();
        w.endObject();
    }

    /** {n: name, f: files, d: direct files, u: unowned, a: anyone may approve (when any), o: [set, files]..., h: top set of direct files, r: [rule, files]..., c: children}. */
    private static void node(FolderNode n, Set<FolderNode> shown, JsonWriter w,
            Map<FolderNode.OwnerShare, Integer> sets, List<FolderNode.OwnerShare> setList,
            Map<String, Integer> rules, List<FolderNode.RuleShare> ruleList) {
        w.beginObject().field("n", n.name()).field("f", n.files()).field("d", n.directFiles()).field("u", n.unowned());
        if (n.anyone() > 0) {
            w.field("a", n.anyone());
        }
        w.name("o").beginArray();
        for (FolderNode.OwnerShare s : n.owners()) {
            w.value(ownerSet(s, sets, setList)).value(s.files());
        }
        w.endArray();
        if (!n.children().isEmpty() && !n.ownersHere().isEmpty()) {
            w.field("h", ownerSet(n.ownersHere().getFirst(), sets, setList));
        }
        w.name("r").beginArray();
        for (FolderNode.RuleShare rule : n.rules()) {
            int id = rules.computeIfAbsent(rule.location(), k -> {
                ruleList.add(rule);
                return ruleList.size() - 1;
            });
            w.value(id).value(rule.files());
        }
        w.endArray();
        int hidden = 0;
        int hiddenFiles = 0;
        boolean any = false;
        for (FolderNode child : n.children()) {
            if (shown.contains(child)) {
                if (!any) {
                    w.name("c").beginArray();
                    any = true;
                }
                node(child, shown, w, sets, setList, rules, ruleList);
            } else {
                hidden++;
                hiddenFiles += child.files();
            }
        }
        if (any) {
            w.endArray();
        }
        if (hidden > 0) {
            w.field("hidden", hidden).field("hiddenFiles", hiddenFiles);
        }
        w.endObject();
    }

    private static int ownerSet(FolderNode.OwnerShare s, Map<FolderNode.OwnerShare, Integer> sets,
            List<FolderNode.OwnerShare> setList) {
        return sets.computeIfAbsent(new FolderNode.OwnerShare(s.owners(), s.anyone(), 0), k -> {
            setList.add(k);
            return setList.size() - 1;
        });
    }

    /** The root and up to {@code max} folders, largest first, each only after its parent. */
    static Set<FolderNode> choose(FolderNode root, int max) {
        Set<FolderNode> shown = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        shown.add(root);
        PriorityQueue<FolderNode> next = new PriorityQueue<>(
                Comparator.comparingInt(FolderNode::files).reversed().thenComparing(FolderNode::path));
        next.addAll(root.children());
        while (!next.isEmpty() && shown.size() < max) {
            FolderNode n = next.poll();
            shown.add(n);
            next.addAll(n.children());
        }
        return shown;
    }

    private static int count(FolderNode n) {
        int total = 1;
        for (FolderNode c : n.children()) {
            total += count(c);
        }
        return total;
    }

    private static String template() {
        try (InputStream in = HtmlReport.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + TEMPLATE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
