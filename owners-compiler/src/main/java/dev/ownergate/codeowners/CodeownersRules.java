package dev.ownergate.codeowners;

import dev.ownergate.ownership.FileOwnership;
import dev.ownergate.ownership.OwnershipRules;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Who owns a path under a CODEOWNERS file: the owners of the last matching rule (none when that rule lists
 * none, or when no rule matches). Immutable and thread-safe.
 */
public final class CodeownersRules implements OwnershipRules {

    private final CodeownersFile file;
    private final CodeownersMatcher matcher;

    public CodeownersRules(CodeownersFile file) {
        this.file = file;
        this.matcher = CodeownersMatcher.of(file.rules());
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
        return new FileOwnership(
                path,
                new TreeSet<>(deciding.map(CodeownersRule::owners).orElse(List.of())),
                false,
                new TreeSet<>(),
                deciding.map(this::where).orElse(""),
                trail);
    }

    @Override
    public String sourceDescription() {
        return file.path();
    }

    private String where(CodeownersRule rule) {
        return file.path() + ":" + rule.line();
    }
}
