package dev.ownergate.app.web;

import dev.ownergate.app.github.CheckRunPost;
import dev.ownergate.app.github.LruCache;
import dev.ownergate.app.override.OverrideGrant;
import dev.ownergate.app.policy.Verdict;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The checks this server posted, per pull request, newest first: what {@code /pulls/{owner}/{repo}/{n}} and the
 * admin page show. Kept in memory and bounded (the durable decision log replaces it); after a restart a page
 * says to re-run the check.
 */
public final class VerdictPages {
    /** Decisions kept per pull request. */
    static final int HISTORY = 50;
    /** Decisions kept across all pull requests, for the admin page. */
    static final int RECENT = 200;

    private final LruCache<String, Deque<ShownDecision>> byPull = new LruCache<>(20_000);
    private final Deque<ShownDecision> recent = new ConcurrentLinkedDeque<>();
    private final Clock clock;

    public VerdictPages(Clock clock) {
        this.clock = clock;
    }

    /** Remembers a posted check with no verdict behind it (failed closed); {@code number} 0 for none. */
    public void record(String repo, int number, CheckRunPost post) {
        record(repo, number, post, null);
    }

    /** Remembers a posted check and the verdict it came from. */
    public void record(String repo, int number, CheckRunPost post, Verdict verdict) {
        add(ShownDecision.of(repo, number, clock.instant(), post.name(), post.headSha(), post.conclusion(),
                post.title(), verdict));
    }

    /** Remembers a break-glass override's passing check. */
    public void recordOverride(OverrideGrant grant, CheckRunPost post) {
        add(new ShownDecision(grant.repo(), grant.number(), grant.at(), post.name(), post.headSha(),
                post.conclusion(), post.title(), "", "", List.of(), List.of(), grant.actor(), grant.reason()));
    }

    private void add(ShownDecision shown) {
        String key = key(shown.repo(), shown.number());
        Deque<ShownDecision> history = byPull.get(key).orElse(null);
        if (history == null) {
            history = new ConcurrentLinkedDeque<>();
            byPull.put(key, history);
        }
        push(history, shown, HISTORY);
        push(recent, shown, RECENT);
    }

    private static void push(Deque<ShownDecision> deque, ShownDecision shown, int max) {
        deque.addFirst(shown);
        while (deque.size() > max) {
            deque.pollLast();
        }
    }

    /** The pull request's decisions, newest first; empty when this server posted none since it started. */
    public List<ShownDecision> history(String repo, int number) {
        return byPull.get(key(repo, number)).map(d -> List.copyOf(new ArrayList<>(d))).orElse(List.of());
    }

    /** The newest decisions across every pull request, newest first. */
    public List<ShownDecision> recent(int limit) {
        return recent.stream().limit(limit).toList();
    }

    private static String key(String repo, int number) {
        return repo.toLowerCase(Locale.ROOT) + "#" + number;
    }
}
