package dev.ownergate.audit;

import java.util.List;

/**
 * The rules of one CODEOWNERS file with an indexed matcher, as the audit needs them. Implemented over
 * {@code CodeownersMatcher} by {@link CodeownersRuleIndex}; tests use small fakes.
 */
public interface RuleIndex {
    /** Where the rules live, e.g. {@code .github/CODEOWNERS}. */
    String file();

    /** Every rule in file order; {@code rules().get(i).position() == i}. */
    List<AuditedRule> rules();

    /** The position of the rule that decides {@code path} (the last one that matches), or -1. Thread-safe. */
    int deciding(String path);

    /**
     * A path prefix that every file {@code rule} matches starts with ({@code lib/pay} for {@code /lib/pay/*.py}),
     * or {@code ""} when the rule may match anywhere. The audit then only tries the files with that prefix.
     */
    default String literalPrefix(AuditedRule rule) {
        return "";
    }

    /** A matcher over only {@code subset}, to learn which of those rules match anything at all. */
    Probe probe(List<AuditedRule> subset);

    interface Probe {
        /** The rules of the subset that match {@code path}, in any order. */
        List<AuditedRule> matching(String path);
    }
}
