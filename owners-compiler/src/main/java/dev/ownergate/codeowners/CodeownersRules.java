package dev.ownergate.codeowners;

import dev.ownergate.owners.FrozenSortedSet;
import dev.ownergate.owners.Owner;
import dev.ownergate.ownership.FileOwnership;
import dev.ownergate.ownership.OwnershipRules;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Who owns a path under a CODEOWNERS file: the owners of the last matching rule (none when that rule lists
 * none, or when no rule matches). Immutable and thread-safe.
 */
public final class CodeownersRules implements OwnershipRules {

    private final CodeownersFile file;
    private final CodeownersMatcher matcher;
    /** Each rule's owners as a sorted set, made once: every path a rule decides shares it. */
    private final List<SortedSet<Owner>> ownersOfRule;

    public CodeownersRules(CodeownersFile file) {
        this.file = file;
        this.matcher = CodeownersMatcher.of(file.rules());
        this.ownersOfRule = file.rules().stream().<SortedSet<Owner>>map(r -> FrozenSortedSet.of(r.owners())).toList();
    }

    public static CodeownersRules of(CodeownersFile file) {
        return new CodeownersRules(file);
    }

    public CodeownersFile file() {
        return file;
    }

    public CodeownersMatcher matcher() {
        return matcher;
    }

    /**
     * {@code decidedBy} is {@code path:line} of the deciding rule (empty when none matches); {@code trail} lists
     * every matching rule as {@code path:line}, in file order.
     */
    @Override
    public FileOwnership ownersOf(String path) {
        Optional<CodeownersRule> deciding = matcher.match(path);
        List<String> trail = matcher.allMatches(path).stream().map(this::where).toList();
        return new FileOwnership(path, ownersOf(deciding), false, FrozenSortedSet.of(List.<Owner>of()),
                deciding.map(this::where).orElse(""), trail);
    }

    /** The owners of a path alone, without the trail of every matching rule. */
    public SortedSet<Owner> approversOf(String path) {
        return ownersOf(matcher.match(path));
    }

    private SortedSet<Owner> ownersOf(Optional<CodeownersRule> deciding) {
        return deciding.map(r -> ownersOfRule.get(r.index())).orElseGet(() -> FrozenSortedSet.of(List.<Owner>of()));
    }

    @Override
    public String sourceDescription() {
        return file.path();
    }

    private String where(CodeownersRule rule) {
        return file.path() + ":" + rule.line();
    }
}
