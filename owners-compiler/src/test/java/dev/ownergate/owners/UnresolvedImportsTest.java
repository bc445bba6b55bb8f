package dev.ownergate.owners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.settings.OwnersSettings;
import dev.ownergate.settings.UnresolvedImports;
import org.junit.jupiter.api.Test;

/**
 * Imports that cannot be resolved in this repository, shaped like the trees of issue #8: a Chromium-family
 * mirror whose {@code build/} is a dependency checkout, and AOSP-style cross-project includes. Gerrit skips them.
 */
class UnresolvedImportsTest {

    private static final OwnersSettings STRICT = OwnersSettings.DEFAULTS.withUnresolvedImports(UnresolvedImports.ERROR);

    @Test
    void aMissingImportIsSkippedWithAWarningNamingFileLineAndTarget() {
        FakeRepo repo = FakeRepo.of("src/android/OWNERS", "droid@example.com\nfile://build/android/OWNERS\n");
        OwnersTree.LoadResult result = repo.load();
        assertThat(result.hasErrors()).isFalse();
        assertThat(result.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "src/android/OWNERS:2:1: warning: imported file 'build/android/OWNERS' does not exist in this"
                        + " repository; skipped, as Gerrit skips imports it cannot resolve (--strict or"
                        + " owners.unresolved_imports: error makes this an error)");
        assertThat(result.tree().resolve("src/android/a.java").approvers()).extracting(Owner::toString)
                .containsExactly("droid@example.com");
    }

    @Test
    void aFileThatOnlyImportsWhatCannotBeResolvedGetsOnlyThatWarning() {
        FakeRepo repo = FakeRepo.of("third_party/OWNERS", "# owners live in the dependency's own checkout\n"
                + "file://build/OWNERS\n", "OWNERS", "root@example.com\n");
        OwnersTree.LoadResult result = repo.load();
        assertThat(result.diagnostics()).extracting(Diagnostic::format).singleElement().asString()
                .startsWith("third_party/OWNERS:2:1: warning: imported file 'build/OWNERS' does not exist");
    }

    @Test
    void crossProjectIncludesAreRecognisedWithTheirBranch() {
        FakeRepo repo = FakeRepo.of("OWNERS", """
                tracer@example.com
                include platform/system/core:main:/janitors/OWNERS #{LAST_RESORT_SUGGESTION}
                file:platform/build:/OWNERS
                per-file *.bp=file:platform/build/soong:main:/OWNERS
                """);
        OwnersTree.LoadResult result = repo.load();
        assertThat(result.hasErrors()).isFalse();
        assertThat(result.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "OWNERS:2:1: warning: import 'platform/system/core:main:/janitors/OWNERS' names another Gerrit project"
                        + " ('platform/system/core', branch 'main'), which cannot be read here; skipped, as Gerrit"
                        + " skips imports it cannot resolve (--strict or owners.unresolved_imports: error makes this"
                        + " an error)",
                "OWNERS:3:1: warning: import 'platform/build:/OWNERS' names another Gerrit project"
                        + " ('platform/build'), which cannot be read here; skipped, as Gerrit skips imports it cannot"
                        + " resolve (--strict or owners.unresolved_imports: error makes this an error)",
                "OWNERS:4:15: warning: import 'platform/build/soong:main:/OWNERS' names another Gerrit project"
                        + " ('platform/build/soong', branch 'main'), which cannot be read here; skipped, as Gerrit"
                        + " skips imports it cannot resolve (--strict or owners.unresolved_imports: error makes this"
                        + " an error)");
        assertThat(result.tree().resolve("Android.bp").approvers()).extracting(Owner::toString)
                .containsExactly("tracer@example.com");
    }

    @Test
    void aMissingFileImportedByManyIsAskedForOnceAndWarnedAboutAtEachLine() {
        FakeRepo repo = FakeRepo.of("a/OWNERS", "a@example.com\nfile://build/OWNERS\n",
                "b/OWNERS", "b@example.com\nfile://build/OWNERS\n");
        java.util.List<String> reads = new java.util.ArrayList<>();
        OwnersTree.LoadResult result = OwnersTree.load(java.util.List.of("a/OWNERS", "b/OWNERS"), path -> {
            reads.add(path);
            return repo.read(path);
        });
        assertThat(reads).containsOnlyOnce("build/OWNERS");
        assertThat(result.diagnostics()).extracting(Diagnostic::format)
                .anyMatch(d -> d.startsWith("a/OWNERS:2:1: warning: imported file 'build/OWNERS' does not exist"))
                .anyMatch(d -> d.startsWith("b/OWNERS:2:1: warning: imported file 'build/OWNERS' does not exist"));
    }

    @Test
    void strictMakesThemErrors() {
        FakeRepo repo = FakeRepo.of("OWNERS", "a@example.com\ninclude platform/build:/OWNERS\nfile://build/OWNERS\n");
        OwnersTree.LoadResult result = repo.load(STRICT);
        assertThat(result.diagnostics()).extracting(Diagnostic::format).containsExactly(
                "OWNERS:2:1: import 'platform/build:/OWNERS' names another Gerrit project ('platform/build'), which"
                        + " cannot be read here; copy the owners into this repository or remove the import"
                        + " (owners.unresolved_imports is error)",
                "OWNERS:3:1: imported file 'build/OWNERS' does not exist in this repository; copy the owners into"
                        + " this repository or remove the import (owners.unresolved_imports is error)");
    }

    @Test
    void anImportThatEscapesTheRootStaysAnErrorEvenWhenNotStrict() {
        FakeRepo repo = FakeRepo.of("a/b/OWNERS", "a@example.com\nfile:../../../outside/OWNERS\n");
        assertThat(repo.load().diagnostics()).extracting(Diagnostic::format).containsExactly(
                "a/b/OWNERS:2:1: import '../../../outside/OWNERS' points outside the repository; imports must name"
                        + " a file inside it");
    }

    @Test
    void gerritMetadataCommentsAndAnnotationsAreAcceptedSilently() {
        FakeRepo repo = FakeRepo.of("OWNERS", "# COMPONENT: Blink>Layout\n# TEAM: layout-dev@example.com\n"
                + "# OS: Android\n# Wildcard\n*\nlead@example.com #{LAST_RESORT_SUGGESTION}\n",
                "common/OWNERS", "shared@example.com\n",
                "sub/OWNERS", "include /common/OWNERS  #{LAST_RESORT_SUGGESTION}\n");
        OwnersTree.LoadResult result = repo.load();
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.tree().resolve("sub/x").approvers()).extracting(Owner::toString)
                .containsExactlyInAnyOrder("shared@example.com", "lead@example.com");
    }
}
