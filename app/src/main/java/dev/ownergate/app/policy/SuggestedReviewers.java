package dev.ownergate.app.policy;

import dev.ownergate.app.policy.FileVerdict.FileStatus;
import dev.ownergate.owners.Owner;
import dev.ownergate.ownership.FileOwnership;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A small set of owners whose approvals would complete what is missing: a greedy cover.
 *
 * <p>Each missing requirement (an owned file short of approvals from its own owners, a rule short of approvals
 * from the people and teams it lists, or in any-owner mode the pull request short of code-owner approvals) is a need with eligible owners and a count. The owner who helps the
 * most open needs is picked first; ties go to the owner of more changed files, then to owners the OWNERS files
 * list as reviewers, then to people over teams, then to a hash of the pull request and the login, so that equal
 * owners share the load across pull requests while each pull request gets the same answer every time. The author
 * is never suggested.
 */
final class SuggestedReviewers {
    private SuggestedReviewers() {}

    /** A touched path's ownership and its verdict. */
    record Judged(FileOwnership ownership, FileVerdict verdict) {}

    /** One unmet requirement; {@code eligible} null means anyone but the author. */
    private static final class Need {
        final Set<Owner> eligible;
        final Set<Owner> hints;
        int missing;

        Need(Set<Owner> eligible, Set<Owner> hints, int missing) {
            this.eligible = eligible;
            this.hints = hints;
            this.missing = missing;
        }

        boolean open() {
            return missing > 0;
        }
    }

    /**
     * @return users as their login ({@code alice}) and teams as {@code @org/team}, in the order picked
     */
    static List<String> suggest(String pullRequest, String author, int minApprovals, List<Judged> judged,
            List<RuleVerdict> rules, SortedSet<String> codeOwnerApprovers, Set<String> notes) {
        List<Need> needs = new ArrayList<>();
        boolean anyOwnerOpen = false;
        int anyReviewerFiles = 0;
        for (Judged j : judged) {
            FileVerdict v = j.verdict();
            if (v.status() != FileStatus.NEEDS_APPROVAL) {
                continue;
            }
            switch (v.requirement()) {
                case OWN_OWNERS -> {
                    Set<Owner> eligible = eligible(v.owners(), author, v.approvedBy());
                    if (eligible.isEmpty()) {
                        notes.add("No one can complete the approval of " + v.path() + ": its owners ("
                                + v.ownersText() + ") are the author, email addresses or have already approved");
                    }
                    needs.add(new Need(eligible, j.ownership().reviewers(), minApprovals - v.approvedBy().size()));
                }
                case ANY_CODE_OWNER -> anyOwnerOpen = true;
                case ANY_REVIEWER -> {
                    anyReviewerFiles++;
                    needs.add(new Need(null, Set.of(), minApprovals - v.approvedBy().size()));
                }
                case NONE, IGNORED, FORBIDDEN -> { }
            }
        }
        for (RuleVerdict r : rules) {
            if (r.status() == FileStatus.NEEDS_APPROVAL) {
                Set<Owner> eligible = eligible(new TreeSet<>(r.rule().from()), author, r.approvedBy());
                if (eligible.isEmpty()) {
                    notes.add("No one can complete rule '" + r.name() + "': the people it lists ("
                            + r.rule().fromText() + ") are the author or have already approved");
                }
                needs.add(new Need(eligible, Set.of(), r.missing()));
            }
        }
        if (anyOwnerOpen) {
            Set<Owner> allOwners = new TreeSet<>();
            Set<Owner> allHints = new TreeSet<>();
            for (Judged j : judged) {
                allOwners.addAll(eligible(j.ownership().owners(), author, codeOwnerApprovers));
                allHints.addAll(j.ownership().reviewers());
            }
            needs.add(new Need(allOwners, allHints, minApprovals - codeOwnerApprovers.size()));
        }

        // The pick below is independent of iteration order (ties end in the owners' natural order), so a hash set.
        Set<Owner> candidates = new HashSet<>();
        needs.stream().filter(n -> n.eligible != null).forEach(n -> candidates.addAll(n.eligible));
        Map<Owner, Long> spread = new HashMap<>();
        candidates.forEach(c -> spread.put(c, fnv1a(pullRequest + ":" + c)));
        // In any-owner mode one owner completes the need; prefer the one who owns most of what changed.
        Map<Owner, Integer> filesOwned = new HashMap<>();
        for (Judged j : judged) {
            j.ownership().owners().forEach(o -> filesOwned.merge(o, 1, Integer::sum));
        }
        Tiebreak tiebreak = new Tiebreak(spread, filesOwned);

        // Each candidate's open needs and hints, kept up to date as needs close, so a pick costs O(candidates).
        Map<Owner, List<Need>> needsOf = new HashMap<>();
        for (Need n : needs) {
            if (n.eligible != null) {
                n.eligible.forEach(c -> needsOf.computeIfAbsent(c, k -> new ArrayList<>()).add(n));
            }
        }
        Map<Owner, int[]> helpsAndHints = new HashMap<>();
        needsOf.forEach((c, list) -> helpsAndHints.put(c, new int[] {list.size(),
                (int) list.stream().filter(n -> n.hints.contains(c)).count()}));
        int openForAnyone = (int) needs.stream().filter(n -> n.eligible == null).count();
        int open = needs.size();

        Set<Owner> picked = new LinkedHashSet<>();
        while (open > 0 && !candidates.isEmpty()) {
            Owner best = null;
            int bestHelps = 0;
            int bestHints = 0;
            for (Owner c : candidates) {
                int[] counts = helpsAndHints.get(c);
                int helps = counts[0] + openForAnyone;
                if (helps > 0 && (best == null || tiebreak.better(c, helps, counts[1], best, bestHelps, bestHints))) {
                    best = c;
                    bestHelps = helps;
                    bestHints = counts[1];
                }
            }
            if (best == null) {
                break;
            }
            picked.add(best);
            candidates.remove(best);
            List<Need> helped = new ArrayList<>(needsOf.get(best));
            if (openForAnyone > 0) {
                needs.stream().filter(n -> n.eligible == null && n.open()).forEach(helped::add);
            }
            for (Need n : helped) {
                if (!n.open()) {
                    continue;
                }
                n.missing--;
                if (!n.open()) {
                    open--;
                    if (n.eligible == null) {
                        openForAnyone--;
                    } else {
                        for (Owner e : n.eligible) {
                            int[] counts = helpsAndHints.get(e);
                            counts[0]--;
                            counts[1] -= n.hints.contains(e) ? 1 : 0;
                        }
                    }
                }
            }
        }
        if (anyReviewerFiles > 0 && needs.stream().anyMatch(n -> n.eligible == null && n.open())) {
            notes.add(Evaluation.count(anyReviewerFiles, "file needs", "files need")
                    + " an approval from anyone but the author");
        }
        List<String> out = new ArrayList<>(picked.size());
        picked.forEach(o -> out.add(o.isTeam() ? o.toString() : o.name()));
        return out;
    }

    private record Tiebreak(Map<Owner, Long> spread, Map<Owner, Integer> filesOwned) {
        boolean better(Owner c, int helps, int hints, Owner best, int bestHelps, int bestHints) {
            if (helps != bestHelps) {
                return helps > bestHelps;
            }
            int owned = filesOwned.getOrDefault(c, 0);
            int bestOwned = filesOwned.getOrDefault(best, 0);
            if (owned != bestOwned) {
                return owned > bestOwned;
            }
            if (hints != bestHints) {
                return hints > bestHints;
            }
            if (c.isTeam() != best.isTeam()) {
                return !c.isTeam(); // one person before a whole team
            }
            int bySpread = Long.compareUnsigned(spread.get(c), spread.get(best));
            return bySpread != 0 ? bySpread < 0 : Comparator.<Owner>naturalOrder().compare(c, best) < 0;
        }
    }

    /** Owners whose approval could still add to a count: people who are not the author and not yet counted, teams. */
    private static Set<Owner> eligible(Set<Owner> owners, String author, Set<String> alreadyCounted) {
        Set<Owner> eligible = new TreeSet<>();
        for (Owner o : owners) {
            switch (o.kind()) {
                case USER -> {
                    if (!o.name().equals(author) && !alreadyCounted.contains(o.name())) {
                        eligible.add(o);
                    }
                }
                case TEAM -> eligible.add(o);
                case EMAIL, ANYONE -> { } // no GitHub account to ask
            }
        }
        return eligible;
    }

    /** FNV-1a, 64 bits: a fixed, well-spread hash, unlike String.hashCode for similar short strings. */
    static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
