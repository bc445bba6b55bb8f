package dev.ownergate.app.policy;

import dev.ownergate.owners.Owner;
import dev.ownergate.ownership.FileOwnership;
import dev.ownergate.ownership.OwnershipRules;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** An in-memory {@link OwnershipRules} for tests: exact paths to owners; everything else is unowned. */
final class MapRules implements OwnershipRules {
    private final Map<String, FileOwnership> byPath = new HashMap<>();

    /** {@code owners}: "alice", "@org/team", "a@example.com", or "*" alone for anyone. */
    MapRules owns(String path, String... owners) {
        return ownsWithReviewers(path, List.of(owners), List.of());
    }

    MapRules ownsWithReviewers(String path, List<String> owners, List<String> reviewers) {
        boolean anyone = owners.equals(List.of("*"));
        TreeSet<Owner> set = new TreeSet<>();
        if (!anyone) {
            owners.forEach(o -> set.add(Owner.parse(o).orElseThrow()));
        }
        TreeSet<Owner> hints = new TreeSet<>();
        reviewers.forEach(r -> hints.add(Owner.parse(r).orElseThrow()));
        byPath.put(path, new FileOwnership(path, set, anyone, hints, "rules:" + path, List.of("rules:" + path)));
        return this;
    }

    @Override
    public FileOwnership ownersOf(String path) {
        FileOwnership o = byPath.get(path);
        return o != null ? o : new FileOwnership(path, new TreeSet<>(), false, new TreeSet<>(), "", List.of());
    }

    @Override
    public String sourceDescription() {
        return "test rules";
    }
}
