package dev.ownergate.owners;

import dev.ownergate.settings.OwnersSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the parsers of one tree load share: the repository's settings, every imported file parsed once (a file
 * imported by hundreds of OWNERS files, or twice by each of forty files in a diamond, is read and expanded once),
 * and the work done so far, bounded by the limits below. Each limit keeps a hostile or broken tree from costing
 * more than a real one ever does; hitting one is an error that names the {@code file:line} where it happened.
 */
final class LoadContext {

    /**
     * Deepest chain of imports ({@code a} imports {@code b} imports {@code c} ... ). Real Chromium-family trees go
     * three or four files deep; the parser follows an import with a bounded recursion, so this bound also keeps a
     * 10,000-file chain from exhausting the thread's stack.
     */
    static final int MAX_IMPORT_DEPTH = 64;

    /**
     * OWNERS and imported files read in one load. Chromium, the largest tree of the family, has about 12,000
     * OWNERS files; this leaves room for eight times that, while a server reading blobs from GitHub stops early.
     */
    static final int MAX_FILES_READ = 100_000;

    /**
     * Rules held after imports are folded in, over the whole load. Imports are deduplicated, so a real tree holds
     * about as many rules as it has owner lines (Chromium: well under a million); beyond this, memory, not the
     * tree, is the limit.
     */
    static final long MAX_EXPANDED_ENTRIES = 2_000_000;

    final OwnersSettings settings;
    final Map<String, PlainOwnersParser.Parsed> importCache = new HashMap<>();
    /** Imported files as read, absent ones included: a missing file imported by many is asked for once. */
    final Map<String, Optional<String>> importTexts = new HashMap<>();
    int filesRead;
    long expandedEntries;

    LoadContext(OwnersSettings settings) {
        this.settings = settings;
    }
}
