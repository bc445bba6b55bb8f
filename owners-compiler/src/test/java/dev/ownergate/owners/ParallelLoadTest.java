package dev.ownergate.owners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.diagnostics.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * OWNERS files are prepared on every core while imports, the import cache and the limits stay in file order:
 * a load gives the same tree and the same diagnostics, in the same order, however its threads are scheduled.
 */
class ParallelLoadTest {

    /** 300 OWNERS files: YAML (some broken), plain with imports through a shared diamond, a cycle, missing files. */
    private static FakeRepo treeWithImports() {
        List<String> files = new ArrayList<>(List.of(
                "OWNERS_ALIASES", "aliases:\n  sig-a: [alice, bob]\n",
                "shared/BASE", "base@example.com\nper-file *.md=writer\n",
                "shared/LEFT", "include /shared/BASE\nleft\n",
                "shared/RIGHT", "file://shared/BASE\nright\nnot an owner\n",
                "shared/CYCLE_A", "include /shared/CYCLE_B\ncycle-a\n",
                "shared/CYCLE_B", "include /shared/CYCLE_A\ncycle-b\n"));
        for (int i = 0; i < 300; i++) {
            String dir = "d" + (i % 7) + "/m" + i;
            String text = switch (i % 6) {
                case 0 -> "approvers: [sig-a, u" + i + "]\nfilters:\n  \"\\\\.py$\":\n    approvers: [py" + i + "]\n";
                case 1 -> "approvers: [u" + i + "\nreviewers: [broken\n";
                case 2 -> "include /shared/LEFT\ninclude /shared/RIGHT\nset noparent\n";
                case 3 -> "file://shared/CYCLE_" + (i % 4 == 3 ? "A" : "B") + "\nu" + i + "\n";
                case 4 -> "file://shared/MISSING" + (i % 3) + "\nper-file *.go=gopher" + i + "\n";
                default -> "";
            };
            files.add(dir + "/OWNERS");
            files.add(text);
        }
        return FakeRepo.of(files.toArray(String[]::new));
    }

    /** A load whose parallel work runs in {@code pool}: a stream started inside a pool's task uses that pool. */
    private static OwnersTree.LoadResult loadIn(ForkJoinPool pool, FakeRepo repo) throws Exception {
        Callable<OwnersTree.LoadResult> load = repo::load;
        return pool.submit(load).get();
    }

    @Test
    void loadingInParallelGivesTheSameTreeAndDiagnosticsEveryTime() throws Exception {
        FakeRepo repo = treeWithImports();
        // One worker: the preparation runs one file at a time, as a sequential load would.
        OwnersTree.LoadResult reference;
        try (ForkJoinPool one = new ForkJoinPool(1)) {
            reference = loadIn(one, repo);
        }
        assertThat(reference.diagnostics()).extracting(Diagnostic::format)
                .anyMatch(d -> d.contains("import cycle"))
                .anyMatch(d -> d.contains("does not exist in this repository"))
                .anyMatch(d -> d.contains("'not an owner' is not an owner"));
        assertThat(reference.tree().configs()).hasSize(300);

        try (ForkJoinPool wide = new ForkJoinPool(8)) {
            for (int run = 0; run < 40; run++) {
                OwnersTree.LoadResult again = run % 2 == 0 ? repo.load() : loadIn(wide, repo);
                assertThat(again.diagnostics()).as("run %d", run).containsExactlyElementsOf(reference.diagnostics());
                assertThat(again.tree().configs()).as("run %d", run).isEqualTo(reference.tree().configs());
            }
        }
    }
}
