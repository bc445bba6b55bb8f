package dev.ownergate.owners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.diagnostics.Diagnostic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Issue #10, point 3: imports that explode are parsed once each, and their depth is bounded. */
class ImportLimitsTest {

    @Test
    void aFortyFileDiamondIsReadOnceEachAndExpandsLinearly() {
        // Each file imports the next one twice (directly and through a twin): 2^40 paths, 41 distinct files.
        List<String> files = new ArrayList<>();
        int n = 40;
        for (int i = 0; i < n; i++) {
            files.add("d/f" + i);
            files.add("u" + i + "@example.com\nfile://d/f" + (i + 1) + "\nfile://d/g" + (i + 1) + "\n");
            files.add("d/g" + i);
            files.add("file://d/f" + (i + 1) + "\n");
        }
        files.add("d/f" + n);
        files.add("last@example.com\n");
        files.add("d/g" + n);
        files.add("file://d/f" + n + "\n");
        files.add("OWNERS");
        files.add("file://d/f0\n");
        FakeRepo repo = FakeRepo.of(files.toArray(String[]::new));
        AtomicInteger reads = new AtomicInteger();
        long start = System.nanoTime();
        OwnersTree.LoadResult result = OwnersTree.load(List.of("OWNERS"), path -> {
            reads.incrementAndGet();
            return repo.read(path);
        });
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.diagnostics()).isEmpty();
        assertThat(reads.get()).as("each file read once, plus OWNERS_ALIASES").isLessThanOrEqualTo(2 * n + 4);
        // 41 owner lines in 41 files: the rules are deduplicated, not multiplied along every path.
        assertThat(result.tree().configs().get("").entries()).hasSize(n + 1);
        assertThat(result.tree().resolve("x").approvers()).hasSize(n + 1);
        assertThat(took).as("generous: the machine may be slow").isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aTenThousandDeepChainIsACleanErrorNotAStackOverflow() {
        int depth = 10_000;
        List<String> files = new ArrayList<>(List.of("OWNERS", "file://c/0\n"));
        for (int i = 0; i < depth; i++) {
            files.add("c/" + i);
            files.add("file://c/" + (i + 1) + "\n");
        }
        AtomicInteger reads = new AtomicInteger();
        FakeRepo repo = FakeRepo.of(files.toArray(String[]::new));
        OwnersTree.LoadResult result = OwnersTree.load(List.of("OWNERS"), path -> {
            reads.incrementAndGet();
            return repo.read(path);
        });

        assertThat(result.diagnostics()).filteredOn(Diagnostic::isError).extracting(Diagnostic::format).containsExactly(
                "c/62:1:1: imports nest more than 64 files deep (OWNERS -> ... -> c/62 -> c/63); import the file"
                        + " you need directly instead of through a chain");
        assertThat(reads.get()).as("stops at the bound, does not read the chain").isLessThan(70);
    }

    @Test
    void aChainAtTheBoundIsFine() {
        List<String> files = new ArrayList<>(List.of("OWNERS", "file://c/0\n"));
        for (int i = 0; i < LoadContext.MAX_IMPORT_DEPTH - 1; i++) {
            files.add("c/" + i);
            files.add(i == LoadContext.MAX_IMPORT_DEPTH - 2 ? "deep@example.com\n" : "file://c/" + (i + 1) + "\n");
        }
        OwnersTree.LoadResult result = FakeRepo.of(files.toArray(String[]::new)).load();
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.tree().resolve("x").approvers()).extracting(Owner::toString).containsExactly("deep@example.com");
    }
}
