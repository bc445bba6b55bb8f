package dev.ownergate.audit;

import dev.ownergate.codeowners.CodeownersFile;
import dev.ownergate.codeowners.CodeownersMatcher;
import dev.ownergate.codeowners.CodeownersRule;
import java.util.ArrayList;
import java.util.List;

/** The audit's view of a parsed CODEOWNERS file, over the indexed {@link CodeownersMatcher}. */
public final class CodeownersRuleIndex implements RuleIndex {
    private final String file;
    private final CodeownersMatcher matcher;
    private final List<AuditedRule> rules;

    private CodeownersRuleIndex(String file, CodeownersMatcher matcher) {
        this.file = file;
        this.matcher = matcher;
        List<AuditedRule> list = new ArrayList<>();
        for (CodeownersRule r : matcher.rules()) {
            list.add(new AuditedRule(r.index(), r.line(), r.pattern(), r.owners()));
        }
        this.rules = List.copyOf(list);
    }

    public static CodeownersRuleIndex of(CodeownersFile file) {
        return new CodeownersRuleIndex(file.path(), CodeownersMatcher.of(file.rules()));
    }

    /** Reuses a matcher already built, e.g. the one inside {@code CodeownersRules}. */
    public static CodeownersRuleIndex of(String file, CodeownersMatcher matcher) {
        return new CodeownersRuleIndex(file, matcher);
    }

    @Override
    public String file() {
        return file;
    }

    @Override
    public List<AuditedRule> rules() {
        return rules;
    }

    @Override
    public int deciding(String path) {
        return matcher.match(path).map(CodeownersRule::index).orElse(-1);
    }

    /**
     * GitHub anchors a pattern that starts with {@code /} at the root, so its text up to the first wildcard or
     * escape is a prefix of every path it matches. Other patterns may match at any depth.
     */
    @Override
    public String literalPrefix(AuditedRule rule) {
        String p = rule.pattern();
        if (!p.startsWith("/")) {
            return "";
        }
        int end = 1;
        while (end < p.length() && "*?[\\".indexOf(p.charAt(end)) < 0) {
            end++;
        }
        return p.substring(1, end);
    }

    @Override
    public Probe probe(List<AuditedRule> subset) {
        // The matcher wants each rule's index to be its position, so the subset is renumbered and mapped back.
        List<CodeownersRule> renumbered = new ArrayList<>(subset.size());
        for (AuditedRule r : subset) {
            renumbered.add(new CodeownersRule(renumbered.size(), r.line(), r.pattern(), r.owners()));
        }
        CodeownersMatcher small = CodeownersMatcher.of(renumbered);
        List<AuditedRule> original = List.copyOf(subset);
        return path -> {
            List<CodeownersRule> hits = small.allMatches(path);
            if (hits.isEmpty()) {
                return List.of();
            }
            List<AuditedRule> mapped = new ArrayList<>(hits.size());
            for (CodeownersRule hit : hits) {
                mapped.add(original.get(hit.index()));
            }
            return mapped;
        };
    }
}
