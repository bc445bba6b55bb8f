import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Writes a seeded synthetic Python monorepo for the benchmarks in bench/. Single file, run with the JDK source
 * launcher (JDK 21 or newer), no build:
 *
 * <pre>
 *   java bench/GenerateMonorepo.java --files 100000 --seed 42 --out DIR [--mode owners|flat] [--rules N]
 *        [--small-folders] [--no-git]
 * </pre>
 *
 * The source layout (3rdparty/, lib/, docs/, projectN/src/python/..., projectN/test/python/...) depends only on
 * --files and --seed, so both modes write the same source files:
 * <ul>
 *   <li>{@code owners}: about one OWNERS file per 10 folders (Prow YAML and Chromium plain, with filters,
 *       no_parent_owners, per-file and set noparent), a root OWNERS_ALIASES, and next to every OWNERS file the
 *       equivalent CODEOWNERS file that the npm codeowners-generator collects (patterns relative to that folder,
 *       inherited owners folded in, because CODEOWNERS has no inheritance: the last matching rule wins).</li>
 *   <li>{@code flat}: one {@code .github/CODEOWNERS} with --rules rules (default: files / 100, or files / 50 from
 *       500k files) for the audit comparisons.</li>
 * </ul>
 * Source files are empty. The tree is committed to a fresh git repository so {@code git ls-files} works.
 */
public final class GenerateMonorepo {

    enum Mode { OWNERS, FLAT }

    record Options(int files, long seed, Path out, Mode mode, int rules, boolean git, boolean smallFolders) {}

    /** One folder of source files, in creation order. */
    record Folder(String path, List<String> files) {}

    /** Who owns what in one OWNERS file, both formats reduced to the same shape. */
    record OwnersFile(String folder, boolean yaml, boolean noParent, Map<String, List<String>> approversBySuffix,
                      List<String> reviewers, String text) {}

    private static final String[] WORDS = {
        "auth", "billing", "search", "ingest", "ledger", "catalog", "router", "pricing", "profile", "session",
        "storage", "metrics", "alerts", "payments", "reports", "inventory", "shipping", "identity", "gateway", "cache",
        "scheduler", "notify", "export", "importer", "audit", "config", "crawler", "ranking", "feeds", "media",
        "geo", "tax", "fraud", "ads", "email", "sms", "chat", "graph", "forecast", "quota"};
    private static final String[] MODULE_WORDS = {
        "api", "client", "models", "service", "handlers", "utils", "schema", "store", "views", "tasks",
        "worker", "parser", "encoder", "policy", "rules", "adapter", "core", "types", "errors", "settings"};
    private static final String[] THIRD_PARTY = {
        "requests", "numpy", "pandas", "protobuf", "grpcio", "attrs", "pyyaml", "six", "urllib3", "certifi",
        "click", "jinja2", "markupsafe", "pytest", "hypothesis", "boto3", "botocore", "sqlalchemy", "redis", "ujson"};

    // Matches the pattern order inside each generated CODEOWNERS: general first, so specific rules win.
    private static final List<String> SUFFIX_CLASSES = List.of("", ".json", ".py", "_test.py");

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("GenerateMonorepo: " + e.getMessage());
            System.err.println("usage: java GenerateMonorepo.java --files N --seed S --out DIR"
                    + " [--mode owners|flat] [--rules N] [--small-folders] [--no-git]");
            System.exit(2);
            return;
        }
        if (Files.exists(options.out())) {
            try (var entries = Files.list(options.out())) {
                if (entries.findAny().isPresent()) {
                    System.err.println("GenerateMonorepo: " + options.out() + " is not empty; remove it first.");
                    System.exit(2);
                }
            }
        }
        long start = System.nanoTime();
        List<Folder> folders = layout(options.files(), new Random(options.seed()),
                options.smallFolders() ? new Random(options.seed() * 17 + 3) : null);
        Writer writer = new Writer(options.out());
        for (Folder folder : folders) {
            for (String file : folder.files()) {
                writer.empty(join(folder.path(), file));
            }
        }
        String summary;
        if (options.mode() == Mode.OWNERS) {
            summary = writeOwners(writer, folders, new Random(options.seed() * 31 + 7));
        } else {
            summary = writeFlat(writer, folders, options.rules(), new Random(options.seed() * 31 + 11));
        }
        long written = System.nanoTime();
        if (options.git()) {
            commit(options.out());
        }
        System.err.printf(Locale.ROOT, "generated %s: %d source files in %d folders, %s; write %.1fs%s%n",
                options.out(), options.files(), writer.dirs.size(), summary, (written - start) / 1e9,
                options.git() ? String.format(Locale.ROOT, ", git %.1fs", (System.nanoTime() - written) / 1e9) : "");
    }

    static Options parse(String[] args) {
        Integer files = null;
        long seed = 42;
        Path out = null;
        Mode mode = Mode.OWNERS;
        Integer rules = null;
        boolean git = true;
        boolean smallFolders = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--files" -> files = positive(a, value(args, ++i, a));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--mode" -> mode = switch (value(args, ++i, a)) {
                    case "owners" -> Mode.OWNERS;
                    case "flat" -> Mode.FLAT;
                    default -> throw new IllegalArgumentException("--mode takes owners or flat");
                };
                case "--rules" -> rules = positive(a, value(args, ++i, a));
                case "--no-git" -> git = false;
                case "--small-folders" -> smallFolders = true;
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (files == null || out == null) {
            throw new IllegalArgumentException("--files and --out are required");
        }
        int defaultRules = Math.max(10, files >= 500_000 ? files / 50 : files / 100);
        return new Options(files, seed, out, mode, rules == null ? defaultRules : rules, git, smallFolders);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static int positive(String flag, String v) {
        int n;
        try {
            n = Integer.parseInt(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a number, got " + v);
        }
        if (n <= 0) {
            throw new IllegalArgumentException(flag + " must be positive, got " + v);
        }
        return n;
    }

    // ---- layout ------------------------------------------------------------------------------------------------

    /**
     * Source folders holding exactly {@code total} files, averaging about ten files per folder; with
     * {@code small} (--small-folders) each folder keeps only 1 to 4 of its files, so there are about three times
     * as many folders, and OWNERS files, for the same number of files.
     */
    static List<Folder> layout(int total, Random rnd, Random small) {
        List<Folder> folders = new ArrayList<>();
        int[] left = {total};
        smallFolders = small;
        add(folders, left, "", List.of("README.md", "BUILD", "pants.toml", "pyproject.toml", ".editorconfig"));
        int projects = Math.max(2, Math.round(total / 5000f));
        int pkg = 0;
        while (left[0] > 0) {
            double area = rnd.nextDouble();
            String word = WORDS[rnd.nextInt(WORDS.length)];
            String mod = MODULE_WORDS[rnd.nextInt(MODULE_WORDS.length)] + pkg;
            if (area < 0.03) {
                String base = "3rdparty/python/" + THIRD_PARTY[rnd.nextInt(THIRD_PARTY.length)] + "_" + pkg;
                add(folders, left, base, List.of("BUILD", "METADATA.json", "LICENSE", "requirements.txt"));
                add(folders, left, base + "/src", sourceFiles(rnd, word));
            } else if (area < 0.05) {
                add(folders, left, "docs/" + word + "/" + mod, docFiles(rnd, word));
            } else if (area < 0.20) {
                String base = "lib/" + word + "/" + mod;
                add(folders, left, base, sourceFiles(rnd, word));
                add(folders, left, "lib/" + word + "/tests/" + mod, testFiles(rnd, word));
            } else {
                String project = "project" + rnd.nextInt(projects);
                String ns = word + "/" + mod;
                add(folders, left, project + "/src/python/" + ns, sourceFiles(rnd, word));
                add(folders, left, project + "/test/python/" + ns, testFiles(rnd, word));
                if (rnd.nextDouble() < 0.3) {
                    String sub = MODULE_WORDS[rnd.nextInt(MODULE_WORDS.length)];
                    add(folders, left, project + "/src/python/" + ns + "/" + sub, sourceFiles(rnd, sub));
                    add(folders, left, project + "/test/python/" + ns + "/" + sub, testFiles(rnd, sub));
                }
            }
            pkg++;
        }
        return folders;
    }

    private static Random smallFolders;

    private static void add(List<Folder> folders, int[] left, String path, List<String> files) {
        if (left[0] <= 0) {
            return;
        }
        if (smallFolders != null && files.size() > 1) {
            files = files.subList(0, Math.min(files.size(), 1 + smallFolders.nextInt(4)));
        }
        List<String> kept = files.size() > left[0] ? files.subList(0, left[0]) : files;
        left[0] -= kept.size();
        folders.add(new Folder(path, List.copyOf(kept)));
    }

    private static List<String> sourceFiles(Random rnd, String word) {
        Set<String> files = new TreeSet<>(List.of("__init__.py", "BUILD"));
        int n = 3 + rnd.nextInt(10);
        for (int i = 0; i < n; i++) {
            files.add(MODULE_WORDS[rnd.nextInt(MODULE_WORDS.length)] + ".py");
        }
        if (rnd.nextDouble() < 0.3) {
            files.add(word + "_schema.json");
        }
        if (rnd.nextDouble() < 0.15) {
            files.add("defaults.yaml");
        }
        if (rnd.nextDouble() < 0.1) {
            files.add("README.md");
        }
        return new ArrayList<>(files);
    }

    private static List<String> testFiles(Random rnd, String word) {
        Set<String> files = new TreeSet<>(List.of("__init__.py", "BUILD"));
        int n = 2 + rnd.nextInt(7);
        for (int i = 0; i < n; i++) {
            files.add(MODULE_WORDS[rnd.nextInt(MODULE_WORDS.length)] + "_test.py");
        }
        if (rnd.nextDouble() < 0.3) {
            files.add("conftest.py");
        }
        if (rnd.nextDouble() < 0.2) {
            files.add(word + "_fixture.json");
        }
        return new ArrayList<>(files);
    }

    private static List<String> docFiles(Random rnd, String word) {
        Set<String> files = new TreeSet<>(List.of("index.md"));
        int n = 2 + rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            files.add(MODULE_WORDS[rnd.nextInt(MODULE_WORDS.length)] + ".md");
        }
        if (rnd.nextDouble() < 0.3) {
            files.add(word + ".png");
        }
        return new ArrayList<>(files);
    }

    // ---- owners mode -------------------------------------------------------------------------------------------

    private static String writeOwners(Writer writer, List<Folder> folders, Random rnd) throws IOException {
        // Every folder, intermediate ones too, sorted so parents come before children.
        Set<String> allDirs = new TreeSet<>();
        for (Folder f : folders) {
            for (String d = f.path(); ; d = parent(d)) {
                if (!allDirs.add(d) || d.isEmpty()) {
                    break;
                }
            }
        }
        People people = new People(Math.max(20, allDirs.size() / 20), Math.max(5, allDirs.size() / 200), rnd);

        StringBuilder aliases = new StringBuilder("# Prow OWNERS_ALIASES: names usable in OWNERS approvers/reviewers.\naliases:\n");
        for (Map.Entry<String, List<String>> alias : people.aliases.entrySet()) {
            aliases.append("  ").append(alias.getKey()).append(":\n");
            for (String member : alias.getValue()) {
                aliases.append("    - ").append(member).append('\n');
            }
        }
        writer.text("OWNERS_ALIASES", aliases.toString());
        // codeowners-generator skips a root CODEOWNERS by default; ours holds the root rules, so include it.
        writer.text(".codeowners-generatorrc", "{\n  \"includes\": [\"**/CODEOWNERS\"]\n}\n");

        Map<String, OwnersFile> byFolder = new LinkedHashMap<>();
        int yaml = 0;
        int plain = 0;
        int rules = 0;
        for (String dir : allDirs) {
            int depth = dir.isEmpty() ? 0 : dir.split("/").length;
            boolean always = dir.isEmpty() || (depth == 1 && !dir.equals("docs"))
                    || (depth == 2 && (dir.startsWith("lib/") || dir.startsWith("docs/")));
            // Deep folders are most of the tree; 0.085 of them plus the fixed ones lands near one in ten.
            if (!always && rnd.nextDouble() >= 0.085) {
                continue;
            }
            OwnersFile owners = rnd.nextDouble() < 0.6 && !dir.isEmpty() || dir.isEmpty()
                    ? prowOwners(dir, people, rnd) : chromiumOwners(dir, people, rnd);
            if (owners.yaml()) {
                yaml++;
            } else {
                plain++;
            }
            byFolder.put(dir, owners);
            writer.text(join(dir, "OWNERS"), owners.text());
            String codeowners = equivalentCodeowners(dir, byFolder, people);
            rules += (int) codeowners.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
            writer.text(join(dir, "CODEOWNERS"), codeowners);
        }
        return String.format(Locale.ROOT, "%d OWNERS (%d Prow YAML, %d Chromium plain), %d aliases, "
                + "%d per-folder CODEOWNERS rules", byFolder.size(), yaml, plain, people.aliases.size(), rules);
    }

    /** Prow OWNERS: simple approvers/reviewers, or filters with regexes; sometimes no_parent_owners. */
    private static OwnersFile prowOwners(String dir, People people, Random rnd) {
        boolean noParent = !dir.isEmpty() && rnd.nextDouble() < 0.05;
        boolean filters = rnd.nextDouble() < 0.2;
        List<String> approvers = people.pick(rnd, 1 + rnd.nextInt(3), true, false);
        List<String> reviewers = people.pick(rnd, 1 + rnd.nextInt(3), false, false);
        Map<String, List<String>> bySuffix = new LinkedHashMap<>();
        bySuffix.put("", approvers);
        StringBuilder text = new StringBuilder("# See https://www.kubernetes.dev/docs/guide/owners/\n");
        if (noParent) {
            text.append("options:\n  no_parent_owners: true\n");
        }
        if (!filters) {
            text.append("approvers:\n");
            approvers.forEach(a -> text.append("  - ").append(yamlScalar(a)).append('\n'));
            text.append("reviewers:\n");
            reviewers.forEach(r -> text.append("  - ").append(yamlScalar(r)).append('\n'));
        } else {
            boolean tests = rnd.nextBoolean();
            String regex = tests ? ".*_test\\.py$" : "\\.py$";
            List<String> special = people.pick(rnd, 1 + rnd.nextInt(2), true, false);
            bySuffix.put(tests ? "_test.py" : ".py", special);
            text.append("filters:\n  \".*\":\n    approvers:\n");
            approvers.forEach(a -> text.append("      - ").append(yamlScalar(a)).append('\n'));
            text.append("    reviewers:\n");
            reviewers.forEach(r -> text.append("      - ").append(yamlScalar(r)).append('\n'));
            // Single quotes: YAML keeps backslashes in them as written.
            text.append("  '").append(regex).append("':\n    approvers:\n");
            special.forEach(a -> text.append("      - ").append(yamlScalar(a)).append('\n'));
        }
        return new OwnersFile(dir, true, noParent, bySuffix, reviewers, text.toString());
    }

    /** Chromium OWNERS: one owner per line, sometimes per-file *.json=..., sometimes set noparent. */
    private static OwnersFile chromiumOwners(String dir, People people, Random rnd) {
        boolean noParent = rnd.nextDouble() < 0.05;
        List<String> owners = people.pick(rnd, 1 + rnd.nextInt(3), false, true);
        Map<String, List<String>> bySuffix = new LinkedHashMap<>();
        bySuffix.put("", owners);
        StringBuilder text = new StringBuilder("# Chromium-style OWNERS\n");
        if (noParent) {
            text.append("set noparent\n");
        }
        owners.forEach(o -> text.append(o).append('\n'));
        if (rnd.nextDouble() < 0.15) {
            List<String> json = people.pick(rnd, 1, false, true);
            bySuffix.put(".json", json);
            text.append("\nper-file *.json=").append(String.join(",", json)).append('\n');
        }
        return new OwnersFile(dir, false, noParent, bySuffix, List.of(), text.toString());
    }

    /**
     * CODEOWNERS for one OWNERS folder, written as codeowners-generator expects (patterns relative to the folder).
     * GitHub has no inheritance, so each rule lists the owners a file of that kind gets from this folder and its
     * ancestors up to the first no_parent_owners / set noparent. Every filter here matches a filename suffix, so
     * one representative name per suffix class gives the exact owner set.
     */
    private static String equivalentCodeowners(String dir, Map<String, OwnersFile> byFolder, People people) {
        List<OwnersFile> chain = new ArrayList<>();
        for (String d = dir; ; d = parent(d)) {
            OwnersFile f = byFolder.get(d);
            if (f != null) {
                chain.add(f);
                if (f.noParent()) {
                    break;
                }
            }
            if (d.isEmpty()) {
                break;
            }
        }
        Set<String> classes = new TreeSet<>();
        chain.forEach(f -> classes.addAll(f.approversBySuffix().keySet()));
        StringBuilder out = new StringBuilder("# Equivalent of ./OWNERS for codeowners-generator\n");
        for (String suffix : SUFFIX_CLASSES) {
            if (!classes.contains(suffix)) {
                continue;
            }
            String representative = "x" + suffix;
            Set<String> owners = new TreeSet<>();
            for (OwnersFile f : chain) {
                for (Map.Entry<String, List<String>> e : f.approversBySuffix().entrySet()) {
                    if (representative.endsWith(e.getKey())) {
                        e.getValue().forEach(o -> owners.addAll(people.expand(o)));
                    }
                }
            }
            out.append(suffix.isEmpty() ? "*" : "*" + suffix);
            owners.forEach(o -> out.append(' ').append(o));
            out.append('\n');
        }
        return out.toString();
    }

    private static String yamlScalar(String owner) {
        // A plain YAML scalar cannot start with '@'.
        return owner.startsWith("@") ? "\"" + owner + "\"" : owner;
    }

    /** Users, teams, emails and Prow aliases, drawn by index so the same seed gives the same people. */
    static final class People {
        final int users;
        final int teams;
        final Map<String, List<String>> aliases = new TreeMap<>();

        People(int users, int teams, Random rnd) {
            this.users = users;
            this.teams = teams;
            int n = Math.max(3, teams / 2);
            for (int i = 0; i < n; i++) {
                List<String> members = new ArrayList<>();
                int size = 2 + rnd.nextInt(4);
                for (int j = 0; j < size; j++) {
                    members.add(user(rnd));
                }
                aliases.put("sig-" + WORDS[i % WORDS.length] + (i / WORDS.length == 0 ? "" : "-" + i / WORDS.length),
                        List.copyOf(new TreeSet<>(members)));
            }
        }

        String user(Random rnd) {
            return String.format(Locale.ROOT, "dev%04d", rnd.nextInt(users));
        }

        String team(Random rnd) {
            return String.format(Locale.ROOT, "@org/team-%03d", rnd.nextInt(teams));
        }

        /** Prow files name logins, teams and aliases; Chromium files name emails and teams. */
        List<String> pick(Random rnd, int count, boolean allowAlias, boolean chromium) {
            Set<String> picked = new TreeSet<>();
            while (picked.size() < count) {
                double r = rnd.nextDouble();
                if (r < 0.3) {
                    picked.add(team(rnd));
                } else if (allowAlias && r < 0.45) {
                    List<String> names = new ArrayList<>(aliases.keySet());
                    picked.add(names.get(rnd.nextInt(names.size())));
                } else {
                    picked.add(chromium ? user(rnd) + "@example.com" : user(rnd));
                }
            }
            return List.copyOf(picked);
        }

        /** The CODEOWNERS spelling of an owner token, aliases expanded. */
        List<String> expand(String token) {
            if (aliases.containsKey(token)) {
                return aliases.get(token).stream().map(m -> "@" + m).toList();
            }
            if (token.startsWith("@") || token.contains("@")) {
                return List.of(token);
            }
            return List.of("@" + token);
        }
    }

    // ---- flat mode ---------------------------------------------------------------------------------------------

    /** One .github/CODEOWNERS with {@code count} rules over the tree, parents before children as people write them. */
    private static String writeFlat(Writer writer, List<Folder> folders, int count, Random rnd) throws IOException {
        People people = new People(Math.max(20, folders.size() / 20), Math.max(5, folders.size() / 200), rnd);
        Set<String> dirs = new TreeSet<>();
        for (Folder f : folders) {
            for (String d = f.path(); !d.isEmpty() && dirs.add(d); d = parent(d)) {
                // every ancestor folder once
            }
        }
        List<String> dirList = new ArrayList<>(dirs);
        TreeMap<String, String> rules = new TreeMap<>();
        int attempts = 0;
        while (rules.size() < count - 1 && attempts++ < count * 20) {
            String dir = dirList.get(rnd.nextInt(dirList.size()));
            double r = rnd.nextDouble();
            String pattern;
            if (r < 0.55) {
                pattern = "/" + dir + "/";
            } else if (r < 0.65) {
                pattern = "/" + dir + "/*.py";
            } else if (r < 0.72) {
                pattern = "/" + dir + "/*";
            } else if (r < 0.77) {
                pattern = "/" + dir + "/**/BUILD";
            } else if (r < 0.82) {
                String name = dir.substring(dir.lastIndexOf('/') + 1);
                // Unanchored only for package names (they carry a number): an unanchored "python/" or "src/"
                // would override every anchored rule above it, which no real CODEOWNERS does on purpose.
                if (!name.matches(".*[0-9].*")) {
                    continue;
                }
                pattern = name + "/";
            } else if (r < 0.87) {
                pattern = "/" + dir + "/**/*_test.py";
            } else {
                Folder f = folders.get(rnd.nextInt(folders.size()));
                if (f.files().isEmpty() || f.path().isEmpty()) {
                    continue;
                }
                pattern = "/" + f.path() + "/" + f.files().get(rnd.nextInt(f.files().size()));
            }
            List<String> owners = new ArrayList<>();
            for (String o : people.pick(rnd, 1 + rnd.nextInt(3), false, rnd.nextDouble() < 0.1)) {
                owners.add(o.startsWith("@") || o.contains("@") ? o : "@" + o);
            }
            rules.put(pattern, String.join(" ", owners));
        }
        StringBuilder out = new StringBuilder("# Synthetic flat CODEOWNERS (bench/GenerateMonorepo.java)\n");
        out.append("* @org/eng\n");
        // Sorted by pattern text, so folder rules come before the rules of their subfolders.
        rules.forEach((pattern, owners) -> out.append(pattern).append(' ').append(owners).append('\n'));
        writer.text(".github/CODEOWNERS", out.toString());
        return (rules.size() + 1) + " rules in .github/CODEOWNERS";
    }

    // ---- output ------------------------------------------------------------------------------------------------

    static final class Writer {
        final Path root;
        final Set<String> dirs = new java.util.HashSet<>();

        Writer(Path root) {
            this.root = root;
        }

        void empty(String path) throws IOException {
            Files.createFile(resolve(path));
        }

        void text(String path, String text) throws IOException {
            try (OutputStream out = Files.newOutputStream(resolve(path))) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
        }

        private Path resolve(String path) throws IOException {
            String dir = parent(path);
            if (dirs.add(dir)) {
                Files.createDirectories(dir.isEmpty() ? root : root.resolve(dir));
            }
            return root.resolve(path);
        }
    }

    private static void commit(Path dir) throws IOException, InterruptedException {
        run(dir, "git", "init", "-q", "-b", "main");
        run(dir, "git", "-c", "core.fsmonitor=false", "-c", "core.untrackedCache=false", "add", "-A");
        run(dir, "git", "-c", "user.name=bench", "-c", "user.email=bench@example.com", "-c", "commit.gpgsign=false",
                "commit", "-q", "--no-verify", "-m", "synthetic monorepo");
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed in " + dir);
        }
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }
}
