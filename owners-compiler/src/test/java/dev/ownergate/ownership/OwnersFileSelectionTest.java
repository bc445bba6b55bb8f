package dev.ownergate.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.settings.OwnersSettings;
import java.util.List;
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
}
