package dev.ownergate.app.override;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;

/** {@link OverrideLog} in memory, bounded; lost on restart until the durable store keeps it. */
public final class InMemoryOverrideLog implements OverrideLog {
    private static final int MAX = 10_000;
    private final Deque<OverrideGrant> all = new ConcurrentLinkedDeque<>();

    @Override
    public void record(OverrideGrant override) {
        all.addFirst(override);
        while (all.size() > MAX) {
            all.pollLast();
        }
    }

    @Override
    public Optional<OverrideGrant> active(String repo, int number, String headSha) {
        String r = repo.toLowerCase(Locale.ROOT);
        return all.stream().filter(o -> o.repo().toLowerCase(Locale.ROOT).equals(r) && o.number() == number
                && o.headSha().equals(headSha)).findFirst();
    }

    @Override
    public List<OverrideGrant> recent(int limit) {
        List<OverrideGrant> out = new ArrayList<>();
        for (OverrideGrant o : all) {
            if (out.size() >= limit) {
                break;
            }
            out.add(o);
        }
        return out;
    }
}
