package dev.ownergate.app.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The order in which due jobs are claimed: round-robin over installations, oldest first within each. One
 * installation that queues thousands of jobs (a monorepo's OWNERS push, an attacker's repository) then takes
 * one worker slot per turn, and every other installation's next job is claimed in the same round. The turn
 * starts after the installation served last, so with more installations than free workers each gets its turn.
 * Pure, so the in-memory queue and the database queue claim in the same order.
 */
public final class FairShare {
    private FairShare() {}

    /** A job that is due and not held by a live lease. */
    public record Candidate(String key, long installationId, Instant dueAt) {}

    /**
     * Up to {@code max} candidates in claiming order: the first job of each installation (installations in
     * rotation, starting after {@code lastServed}), then the second of each, and so on.
     */
    public static List<Candidate> order(List<Candidate> due, long lastServed, int max) {
        Map<Long, List<Candidate>> byInstallation = new TreeMap<>();
        for (Candidate c : due) {
            byInstallation.computeIfAbsent(c.installationId(), i -> new ArrayList<>()).add(c);
        }
        Map<Long, List<Candidate>> rotated = new LinkedHashMap<>();
        byInstallation.forEach((id, jobs) -> {
            if (id > lastServed) {
                rotated.put(id, jobs);
            }
        });
        byInstallation.forEach((id, jobs) -> {
            if (id <= lastServed) {
                rotated.put(id, jobs);
            }
        });
        Comparator<Candidate> oldestFirst = Comparator.comparing(Candidate::dueAt).thenComparing(Candidate::key);
        rotated.values().forEach(jobs -> jobs.sort(oldestFirst));
        List<Candidate> out = new ArrayList<>();
        for (int round = 0; out.size() < max; round++) {
            boolean any = false;
            for (List<Candidate> jobs : rotated.values()) {
                if (round < jobs.size() && out.size() < max) {
                    out.add(jobs.get(round));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return out;
    }
}
