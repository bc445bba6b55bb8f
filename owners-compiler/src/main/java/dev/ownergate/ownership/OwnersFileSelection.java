package dev.ownergate.ownership;

import com.google.re2j.Pattern;
import dev.ownergate.codeowners.CodeownersPattern;
import dev.ownergate.owners.OwnersTree;
import dev.ownergate.settings.OwnersSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which OWNERS files of a revision are read: not those in a folder on Prow's built-in denylist, and not those the
 * repository's {@code owners.ignore} patterns (or {@code --ignore}) name. The files there stay owned from above.
 */
public final class OwnersFileSelection {

    /**
     * Prow's preconfigured {@code owners_dir_denylist}: unanchored Go regexes, each tried against every folder (its
     * path relative to the root) on the way down; a matching folder is skipped with everything below it. So
     * {@code vendor/k8s.io/apimachinery/OWNERS} is never read (vendored code keeps its upstream OWNERS files, whose
     * owners and aliases are not this repository's), while {@code vendor/OWNERS} and {@code vendor/k8s.io/OWNERS}
     * are.
     */
    static final List<Pattern> PROW_DIR_DENYLIST =
            List.of(Pattern.compile("\\.git$"), Pattern.compile("_output$"), Pattern.compile("vendor/.*/.*"));

    private final List<CodeownersPattern> ignore;
    /** Whether Prow skips each folder looked at so far: a tree's OWNERS folders share most of their ancestors. */
    private final Map<String, Boolean> deniedFolders = new ConcurrentHashMap<>();

    private OwnersFileSelection(List<CodeownersPattern> ignore) {
        this.ignore = ignore;
    }

    /** @throws IllegalArgumentException when a pattern is not valid (the settings parser reports it first) */
    public static OwnersFileSelection of(OwnersSettings settings) {
        return new OwnersFileSelection(settings.ignore().stream().map(CodeownersPattern::compile).toList());
    }

    /** The OWNERS files among {@code files} that are read. */
    public List<String> ownersFiles(Collection<String> files) {
        List<String> out = new ArrayList<>();
        for (String f : files) {
            if (OwnersTree.isOwnersFile(f) && !skipped(f)) {
                out.add(f);
            }
        }
        return out;
    }

    /** True for an OWNERS file that is not read. */
    public boolean skipped(String ownersFile) {
        for (CodeownersPattern p : ignore) {
            if (p.matches(ownersFile)) {
                return true;
            }
        }
        int slash = ownersFile.lastIndexOf('/');
        return slash >= 0 && deniedFolder(ownersFile.substring(0, slash));
    }

    /** Whether Prow skips {@code dir}: it or a folder above it is on Prow's denylist; remembered. */
    private boolean deniedFolder(String dir) {
        Boolean denied = deniedFolders.get(dir);
        if (denied == null) {
            int slash = dir.lastIndexOf('/');
            denied = slash >= 0 && deniedFolder(dir.substring(0, slash)) || deniedByProwItself(dir);
            deniedFolders.put(dir, denied);
        }
        return denied;
    }

    private static boolean deniedByProwItself(String dir) {
        for (Pattern p : PROW_DIR_DENYLIST) {
            if (p.matcher(dir).find()) {
                return true;
            }
        }
        return false;
    }
}
