package dev.ownergate.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.settings.OwnersSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Prow's built-in owners_dir_denylist and the repository's owners.ignore. */
class OwnersFileSelectionTest {

    private static final List<String> KOPS_LIKE = List.of(
            "OWNERS",
            "pkg/OWNERS",
            "pkg/main.go",
            "vendor/OWNERS",
            "vendor/k8s.io/OWNERS",
            "vendor/k8s.io/apimachinery/OWNERS",
            "vendor/k8s.io/apimachinery/pkg/api/validation/OWNERS",
            "staging/vendor/a/b/OWNERS",
            "_output/OWNERS",
            "build/_output/local/OWNERS",
            "x.git/OWNERS",
            "examples/demo/OWNERS",
            "lib/testdata/OWNERS");

    @Test
    void prowNeverReadsOwnersUnderVendorSlashSomethingSlashSomethingOutputOrGit() {
        assertThat(OwnersFileSelection.of(OwnersSettings.DEFAULTS).ownersFiles(KOPS_LIKE)).containsExactly(
                "OWNERS", "pkg/OWNERS", "vendor/OWNERS", "vendor/k8s.io/OWNERS", "examples/demo/OWNERS",
                "lib/testdata/OWNERS");
    }

    @Test
    void ignorePatternsLeaveOutMoreFolders() {
        OwnersSettings settings = OwnersSettings.DEFAULTS.withIgnore(List.of("/examples/", "**/testdata/"));
        assertThat(OwnersFileSelection.of(settings).ownersFiles(KOPS_LIKE)).containsExactly(
                "OWNERS", "pkg/OWNERS", "vendor/OWNERS", "vendor/k8s.io/OWNERS");
    }

    /** Folders are judged once and remembered; any order of paths must give what judging each path afresh gives. */
    @Property(tries = 200)
    void rememberedFoldersGiveWhatEachPathGivesAfresh(@ForAll long seed) {
        Random random = new Random(seed);
        String[] names = {"vendor", "k8s.io", "_output", "x_output", "a.git", ".git", "pkg", "vendor\nx", "b"};
        OwnersFileSelection selection = OwnersFileSelection.of(OwnersSettings.DEFAULTS);
        for (int i = 0; i < 40; i++) {
            List<String> parts = new ArrayList<>();
            int depth = random.nextInt(5);
            for (int d = 0; d < depth; d++) {
                parts.add(names[random.nextInt(names.length)]);
            }
            parts.add("OWNERS");
            String path = String.join("/", parts);
            assertThat(selection.skipped(path)).as(path).isEqualTo(deniedByProw(path));
        }
    }

    /** Judging a path afresh: any folder on the way down to it on Prow's denylist. */
    private static boolean deniedByProw(String path) {
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            String dir = path.substring(0, slash);
            if (OwnersFileSelection.PROW_DIR_DENYLIST.stream().anyMatch(p -> p.matcher(dir).find())) {
                return true;
            }
        }
        return false;
    }
}
