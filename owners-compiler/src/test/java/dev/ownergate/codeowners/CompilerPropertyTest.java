package dev.ownergate.codeowners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.owners.Owner;
import dev.ownergate.owners.OwnersConfig;
import dev.ownergate.owners.OwnersEntry;
import dev.ownergate.owners.PathFilter;
import dev.ownergate.owners.OwnersTree;
import dev.ownergate.owners.Resolution;
import dev.ownergate.settings.OwnersSettings;
import dev.ownergate.settings.PerFileGlobs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * For random OWNERS trees (both formats, filters, per-file globs, noparent, aliases), the compiled CODEOWNERS
 * matched under GitHub's rules gives every file exactly its resolved approvers. Matching here uses the naive
 * try-every-rule matcher, independent of the indexed one the compiler verifies with.
 */
class CompilerPropertyTest {

    // Names CODEOWNERS cannot write literally (space, #, [ ], a newline) next to unicode and leading dashes.
    private static final String[] DIRS = {"lib", "src", "a", "b", "test", "with space", "hash#dir", "br[a]ck", "ünï",
        "-dash"};
    private static final String[] FILES = {"x.py", "y_test.py", "z.json", "q.sql", "README.md", "Makefile", "OWNERS.md",
        "a b.py", "#x.json", "[y].sql", "ü.md", "-z.py", "new\nline.txt", "!bang.txt"};
    /**
     * Names no file of a random tree has: the files a later pull request adds. None is matched by two globs of
     * which neither contains the other (READMEfresh.md would be, by *README* and *.md): that case is a documented
     * exception (docs/codeowners-output.md), and such a file gets the owners of the later rule.
     */
    private static final String[] NEW_NAMES = {"fresh.py", "fresh_test.py", "fresh.json", "fresh.sql", "READMEfresh",
        "fresh.txt", "fresh q.sql"};
    private static final String[] PEOPLE = {"alice", "bob", "carol", "dave", "@org/team-a", "erin@example.com", "leads"};
    private static final String[] REGEXES = {"\\.py$", ".*_test\\.py$", "^[^/]*\\.json$", "README", ".*", "^sub/", "q\\.s.l$",
        "(x|y)\\.py$", "^(a|sub)/.*", "\\.(json|sql)$"};
    private static final String[] GLOBS = {"*.json", "**/*.sql", "*_test.py", "**/README.md", "x.py", "sub/*.py",
        ".../x.py", "....md", "sub/..."};

    /** A random repository, its OWNERS tree read with a random per-file syntax, and its files. */
    private record RandomTree(Map<String, String> repo, OwnersTree.LoadResult loaded, PerFileGlobs syntax,
            List<String> files) {
        static RandomTree of(long seed) {
            Random random = new Random(seed);
            Map<String, String> repo = randomRepo(random);
            List<String> ownersFiles = repo.keySet().stream().filter(OwnersTree::isOwnersFile).toList();
            // Every per-file syntax: each must compile to rules that give every file its resolution.
            PerFileGlobs syntax = PerFileGlobs.values()[random.nextInt(PerFileGlobs.values().length)];
            OwnersTree.LoadResult loaded = OwnersTree.load(ownersFiles, path -> Optional.ofNullable(repo.get(path)),
                    OwnersSettings.DEFAULTS.withPerFileGlobs(syntax));
            List<String> files = new ArrayList<>(repo.keySet());
            files.add(".github/CODEOWNERS");
            return new RandomTree(repo, loaded, syntax, files);
        }
    }

    @Property(tries = 300)
    void compiledCodeownersGivesEveryFileItsResolvedApprovers(@ForAll long seed) {
        RandomTree random = RandomTree.of(seed);
        OwnersTree.LoadResult loaded = random.loaded();
        PerFileGlobs syntax = random.syntax();
        List<String> files = random.files();
        assertThat(loaded.diagnostics()).filteredOn(d -> d.isError()).as("generated OWNERS are valid").isEmpty();

        CodeownersCompiler.Result result = CodeownersCompiler.compile(loaded.tree(), files, ".github/CODEOWNERS",
                CodeownersCompiler.Options.DEFAULTS);

        assertThat(result.problems()).as("seed %d, %s", seed, syntax).isEmpty();
        CodeownersFile parsed = CodeownersFile.parse(".github/CODEOWNERS", result.text().orElseThrow());
        assertThat(parsed.errors()).isEmpty();
        NaiveMatcher naive = new NaiveMatcher(parsed.rules());
        for (String file : files) {
            Resolution r = loaded.tree().resolve(file);
            SortedSet<Owner> expected = r.anyone() || r.autoApproved() ? new TreeSet<>() : r.approvers();
            SortedSet<Owner> actual = naive.match(file).map(rule -> (SortedSet<Owner>) new TreeSet<>(rule.owners()))
                    .orElseGet(TreeSet::new);
            assertThat(actual).as("owners of %s (seed %d)\n%s", file, seed, result.text().get()).isEqualTo(expected);
        }
        // No redundant single-file rules: each is the deciding rule for some file. (Other rules may decide only
        // files that do not exist yet.)
        for (CodeownersRule rule : parsed.rules()) {
            if (files.contains(rule.pattern().substring(1))) {
                assertThat(files.stream().anyMatch(f -> naive.match(f).map(m -> m.index() == rule.index()).orElse(false)))
                        .as("rule %s decides some file", rule.pattern()).isTrue();
            }
        }
    }

    /** Subtrees are emitted on several threads; the file, its warnings and its figures must not show it. */
    @Property(tries = 300)
    void emittingSubtreesConcurrentlyWritesTheSameFileAsOneThread(@ForAll long seed) {
        RandomTree random = RandomTree.of(seed);
        OwnersTree tree = random.loaded().tree();

        CodeownersCompiler.Result oneThread = CodeownersCompiler.compile(tree, random.files(), ".github/CODEOWNERS",
                CodeownersCompiler.Options.DEFAULTS, Integer.MAX_VALUE);
        CodeownersCompiler.Result everyFolderForks = CodeownersCompiler.compile(tree, random.files(),
                ".github/CODEOWNERS", CodeownersCompiler.Options.DEFAULTS, 0);

        assertThat(everyFolderForks).as("seed %d, %s", seed, random.syntax()).isEqualTo(oneThread);
    }

    /**
     * Issue #8, point 7: a pull request is checked against its base branch's CODEOWNERS, so a file it adds to an
     * existing folder must get from the old CODEOWNERS the owners its OWNERS files give it. The one documented
     * exception: a file a regex filter (or per-file glob) with no exact CODEOWNERS glob matches.
     */
    @Property(tries = 300)
    void newFilesInExistingFoldersGetTheirResolvedApprovers(@ForAll long seed) {
        RandomTree random = RandomTree.of(seed);
        Map<String, String> repo = random.repo();
        PerFileGlobs syntax = random.syntax();
        OwnersTree tree = random.loaded().tree();
        List<String> files = random.files();
        CodeownersCompiler.Result result = CodeownersCompiler.compile(tree, files, ".github/CODEOWNERS",
                CodeownersCompiler.Options.DEFAULTS);
        assertThat(result.problems()).as("seed %d, %s", seed, syntax).isEmpty();
        NaiveMatcher naive = new NaiveMatcher(CodeownersFile.parse(".github/CODEOWNERS", result.text().orElseThrow()).rules());

        SortedSet<String> folders = new TreeSet<>();
        files.forEach(f -> folders.add(f.contains("/") ? f.substring(0, f.lastIndexOf('/')) : ""));
        for (String folder : folders) {
            for (String name : NEW_NAMES) {
                String file = folder.isEmpty() ? name : folder + "/" + name;
                if (repo.containsKey(file) || decidedByAFilterWithoutGlob(tree, file)) {
                    continue;
                }
                Resolution r = tree.resolve(file);
                SortedSet<Owner> expected = r.anyone() || r.autoApproved() ? new TreeSet<>() : r.approvers();
                SortedSet<Owner> actual = naive.match(file).map(rule -> (SortedSet<Owner>) new TreeSet<>(rule.owners()))
                        .orElseGet(TreeSet::new);
                assertThat(actual).as("owners of new file %s (seed %d, %s)\n%s", file, seed, syntax, result.text().get())
                        .isEqualTo(expected);
            }
        }
    }

    private static boolean decidedByAFilterWithoutGlob(OwnersTree tree, String file) {
        for (OwnersConfig c : tree.configs().values()) {
            String prefix = c.dir().isEmpty() ? "" : c.dir() + "/";
            if (!file.startsWith(prefix)) {
                continue;
            }
            for (OwnersEntry e : c.entries()) {
                if (!(e.filter() instanceof PathFilter.All) && e.filter().globs().isEmpty()
                        && e.filter().matches(file.substring(prefix.length()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Map<String, String> randomRepo(Random random) {
        Map<String, String> repo = new TreeMap<>();
        List<String> dirs = new ArrayList<>(List.of(""));
        int dirCount = 1 + random.nextInt(8);
        for (int i = 0; i < dirCount; i++) {
            String parent = dirs.get(random.nextInt(dirs.size()));
            String dir = (parent.isEmpty() ? "" : parent + "/") + pick(random, DIRS);
            if (!dirs.contains(dir)) {
                dirs.add(dir);
            }
            if (random.nextInt(4) == 0 && !dirs.contains(dir + "/sub")) {
                dirs.add(dir + "/sub");
            }
        }
        for (String dir : dirs) {
            String prefix = dir.isEmpty() ? "" : dir + "/";
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                repo.put(prefix + pick(random, FILES), "");
            }
            if (random.nextInt(3) != 0) {
                repo.put(prefix + "OWNERS", random.nextBoolean() ? yamlOwners(random) : plainOwners(random));
            }
        }
        repo.put("OWNERS_ALIASES", "aliases:\n  leads:\n    - frank\n    - grace\n");
        return repo;
    }

    private static String yamlOwners(Random random) {
        StringBuilder out = new StringBuilder();
        if (random.nextInt(4) == 0) {
            out.append("options:\n  no_parent_owners: true\n");
        }
        if (random.nextBoolean()) {
            out.append("approvers:\n");
            people(random).forEach(p -> out.append("  - \"").append(p).append("\"\n"));
        } else {
            out.append("filters:\n");
            int n = 1 + random.nextInt(3);
            List<String> used = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String regex = pick(random, REGEXES);
                if (used.contains(regex)) {
                    continue;
                }
                used.add(regex);
                out.append("  \"").append(regex.replace("\\", "\\\\")).append("\":\n    approvers:\n");
                people(random).forEach(p -> out.append("      - \"").append(p).append("\"\n"));
            }
        }
        return out.toString();
    }

    private static String plainOwners(Random random) {
        StringBuilder out = new StringBuilder();
        if (random.nextInt(5) == 0) {
            out.append("set noparent\n");
        }
        if (random.nextInt(8) == 0) {
            out.append("*\n");
        } else {
            people(random).stream().filter(p -> !p.equals("leads")).forEach(p -> out.append(p).append('\n'));
        }
        if (random.nextBoolean()) {
            String glob = pick(random, GLOBS);
            if (random.nextInt(3) == 0) {
                out.append("per-file ").append(glob).append("=set noparent\n");
            }
            out.append("per-file ").append(glob).append('=').append(pick(random, new String[] {"hank", "@org/team-b"})).append('\n');
        }
        return out.toString();
    }

    private static List<String> people(Random random) {
        List<String> chosen = new ArrayList<>();
        int n = 1 + random.nextInt(2);
        for (int i = 0; i < n; i++) {
            String p = pick(random, PEOPLE);
            if (!chosen.contains(p)) {
                chosen.add(p);
            }
        }
        return chosen;
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }
}
