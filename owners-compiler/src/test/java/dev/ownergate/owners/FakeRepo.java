package dev.ownergate.owners;

import dev.ownergate.diagnostics.Diagnostic;
import dev.ownergate.repo.TextSource;
import dev.ownergate.settings.OwnersSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory repository of texts for tests: {@code FakeRepo.of("OWNERS", "alice", "lib/OWNERS", "bob")}. */
final class FakeRepo implements TextSource {

    private final Map<String, String> files;

    private FakeRepo(Map<String, String> files) {
        this.files = files;
    }

    static FakeRepo of(String... pathThenText) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathThenText.length; i += 2) {
            files.put(pathThenText[i], pathThenText[i + 1]);
        }
        return new FakeRepo(files);
    }

    @Override
    public Optional<String> read(String path) {
        return Optional.ofNullable(files.get(path));
    }

    /** Loads every OWNERS file of the repo. */
    OwnersTree.LoadResult load() {
        return OwnersTree.load(files.keySet(), this);
    }

    /** Loads every OWNERS file of the repo, read as {@code settings} say. */
    OwnersTree.LoadResult load(OwnersSettings settings) {
        return OwnersTree.load(files.keySet(), this, settings);
    }

    /** Loads and insists there are no errors. */
    OwnersTree tree() {
        return tree(OwnersSettings.DEFAULTS);
    }

    /** Loads as {@code settings} say and insists there are no errors. */
    OwnersTree tree(OwnersSettings settings) {
        OwnersTree.LoadResult result = load(settings);
        List<String> errors = result.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::format)
                .toList();
        if (!errors.isEmpty()) {
            throw new AssertionError("unexpected errors: " + errors);
        }
        return result.tree();
    }
}
