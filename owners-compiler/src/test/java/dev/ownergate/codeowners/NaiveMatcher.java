package dev.ownergate.codeowners;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The obvious, slow reference: try every rule, last match wins. Test code only. */
final class NaiveMatcher {
    private final List<CodeownersRule> rules;
    private final List<CodeownersPattern> patterns;

    NaiveMatcher(List<CodeownersRule> rules) {
        this.rules = rules;
        this.patterns = rules.stream().map(r -> CodeownersPattern.compile(r.pattern())).toList();
    }

    Optional<CodeownersRule> match(String path) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            if (patterns.get(i).matches(path)) {
                return Optional.of(rules.get(i));
            }
        }
        return Optional.empty();
    }

    List<CodeownersRule> allMatches(String path) {
        List<CodeownersRule> matched = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            if (patterns.get(i).matches(path)) {
                matched.add(rules.get(i));
            }
        }
        return matched;
    }
}
