package dev.ownergate.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.app.github.GitHubException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EvaluationQueueTest {
    static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5), 5);
    final EvaluationQueue queue = new EvaluationQueue(4, FAST);

    @AfterEach
    void close() throws InterruptedException {
        queue.close(Duration.ofSeconds(5));
    }

    @Test
    void burstForOnePullRequestCollapsesIntoOneMoreRun() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        queue.submit("r#1", () -> {
            ran.add("first");
            started.countDown();
            release.await();
        });
        started.await();
        for (String name : List.of("b", "c", "latest")) {
            queue.submit("r#1", () -> ran.add(name));
        }
        release.countDown();

        assertThat(queue.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(ran).containsExactly("first", "latest");
    }

    @Test
    void onePullRequestIsNeverEvaluatedTwiceAtOnce() throws Exception {
        ConcurrentHashMap<String, AtomicInteger> running = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        for (int i = 0; i < 400; i++) {
            String key = "r#" + (i % 3);
            queue.submit(key, () -> {
                if (running.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                runs.incrementAndGet();
                Thread.yield();
                running.get(key).decrementAndGet();
            });
        }
        assertThat(queue.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(overlaps).hasValue(0);
        assertThat(runs.get()).isBetween(3, 400);
    }

    @Test
    void noMoreKeysRunAtOnceThanAllowedAndAllOfThemRun() throws Exception {
        EvaluationQueue two = new EvaluationQueue(2, FAST);
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        for (int i = 0; i < 20; i++) {
            two.submit("acme/widgets#" + i, () -> {
                most.accumulateAndGet(now.incrementAndGet(), Math::max);
                Thread.sleep(5);
                now.decrementAndGet();
                done.incrementAndGet();
            });
        }
        assertThat(two.awaitIdle(Duration.ofSeconds(10))).isTrue();
        two.close();

        assertThat(done).hasValue(20);
        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void retryableFailuresAreRetriedUntilTheySucceed() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        queue.submit("r#1", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new GitHubException(502, "bad gateway", true, null);
            }
        });
        assertThat(queue.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(attempts).hasValue(3);
    }

    @Test
    void failuresThatWaitingCannotFixAreNotRetried() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        queue.submit("r#1", () -> {
            attempts.incrementAndGet();
            throw new GitHubException(404, "not found", false, null);
        });
        assertThat(queue.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(attempts).hasValue(1);
    }

    @Test
    void retriesStopAfterTheLastAttempt() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        queue.submit("r#1", () -> {
            attempts.incrementAndGet();
            throw new GitHubException(500, "down", true, null);
        });
        assertThat(queue.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(attempts).hasValue(FAST.maxAttempts());
    }

    @Test
    void closedQueueTakesNoMoreWork() throws Exception {
        queue.close(Duration.ofSeconds(1));
        assertThat(queue.submit("r#1", () -> {})).isFalse();
    }

    @Test
    void retryWaitsAtLeastAsLongAsGitHubAsked() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(4), 5);
        GitHubException limited = new GitHubException(429, "slow down", true, Duration.ofSeconds(60));
        assertThat(policy.delay(limited, 1)).contains(Duration.ofSeconds(60));
        assertThat(policy.delay(new GitHubException(500, "x", true, null), 3).orElseThrow())
                .isLessThanOrEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delay(new GitHubException(500, "x", true, null), 5)).isEmpty();
        assertThat(policy.delay(new IllegalStateException("bug"), 1)).isEmpty();
    }
}
