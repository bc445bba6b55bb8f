package dev.ownergate.codeowners;

import dev.ownergate.owners.FrozenSortedSet;
import dev.ownergate.owners.Owner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Numbers the distinct owner sets of one compilation, so files and rules compare owners as ints. Subtrees are
 * emitted on several threads, so numbers depend on timing: the compiler uses them only to tell sets apart,
 * never to order anything it writes. Set 0 is the empty set, what GitHub gives a file no rule matches.
 */
final class OwnerSets {

    private final List<SortedSet<Owner>> sets = new ArrayList<>();
    private final List<String> text = new ArrayList<>();
    private final Map<SortedSet<Owner>, Integer> ids = new HashMap<>();

    OwnerSets() {
        intern(new TreeSet<>());
    }

    synchronized int intern(SortedSet<Owner> owners) {
        Integer id = ids.get(owners);
        if (id != null) {
            return id;
        }
        SortedSet<Owner> copy = FrozenSortedSet.of(owners);
        int next = sets.size();
        sets.add(copy);
        text.add(String.join(" ", copy.stream().map(Owner::toCodeowners).toList()));
        ids.put(copy, next);
        return next;
    }

    synchronized SortedSet<Owner> get(int id) {
        return sets.get(id);
    }

    /** The owners as a CODEOWNERS line lists them. */
    synchronized String text(int id) {
        return text.get(id);
    }

    synchronized int size() {
        return sets.size();
    }
}
