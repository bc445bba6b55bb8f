package dev.ownergate.audit;

import dev.ownergate.owners.Owner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A CODEOWNERS-like rule list with toy patterns, for audit tests: {@code *} matches everything,
 * {@code dir/} every file under {@code dir}, {@code *.ext} files ending so, anything else one exact path.
 * Lines are written "pattern owner owner..." and numbered from 1.
 */
final class FakeRuleIndex implements RuleIndex {
    private final List<AuditedRule> rules = new ArrayList<>();

    FakeRuleIndex(String... lines) {
        for (String line : lines) {
            String[] parts = line.trim().split("\\s+");
            List<Owner> owners = Arrays.stream(parts).skip(1).map(t -> Owner.parse(t).orElseThrow()).toList();
            rules.add(new AuditedRule(rules.size(), rules.size() + 1, parts[0], owners));
        }
    }

    static boolean matches(String pattern, String path) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith("/")) {
            return path.startsWith(pattern);
        }
        if (pattern.startsWith("*.")) {
            return path.endsWith(pattern.substring(1));
        }
        return path.equals(pattern);
    }

    @Override
    public String file() {
        return "CODEOWNERS";
    }

    @Override
    public List<AuditedRule> rules() {
        return rules;
    }

    @Override
    public int deciding(String path) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            if (matches(rules.get(i).pattern(), path)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Probe probe(List<AuditedRule> subset) {
        List<AuditedRule> copy = List.copyOf(subset);
        return path -> copy.stream().filter(r -> matches(r.pattern(), path)).toList();
    }
}
