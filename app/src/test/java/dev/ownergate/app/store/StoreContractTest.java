package dev.ownergate.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownergate.app.github.CheckRunPost;
import dev.ownergate.app.webhook.Work;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store's contract, run against each implementation: in memory, embedded H2 and PostgreSQL. */
abstract class StoreContractTest {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(30);

    Store store;
    DeliveryQueue queue;

    abstract Store open();

    @BeforeEach
    void openStore() {
        store = open();
        queue = store.deliveries();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static Job review(int number, String head, String delivery) {
        return Job.of(new Work.EvaluatePullRequest(7, "acme/app", number, head), delivery);
    }

    static DecisionRecord decision(int number, String head, String conclusion, DecisionRecord.Kind kind,
                                   Instant at) {
        return new DecisionRecord("acme/app", number, head, "b1", kind, "OWNERS files at b1", "r1",
                "every changed file", "p1", List.of(new DecisionRecord.FileDecision("src/a.txt", List.of("@alice"),
                        conclusion.equals("success") ? List.of("alice") : List.of(), "APPROVED")),
                conclusion, "title", kind == DecisionRecord.Kind.OVERRIDE ? "root" : "",
                kind == DecisionRecord.Kind.OVERRIDE ? "outage" : "", "d-" + number, at);
    }

    @Test
    void aDeliveryIdIsAcceptedOnceAndItsJobsQueuedOnce() {
        assertThat(queue.accept("d1", "pull_request_review", T0, List.of(review(1, "h1", "d1"))))
                .isEqualTo(DeliveryQueue.Accepted.NEW);
        assertThat(queue.accept("d1", "pull_request_review", T0, List.of(review(1, "h2", "d1"))))
                .isEqualTo(DeliveryQueue.Accepted.DUPLICATE);

        List<Claim> claims = queue.claim("w1", 10, LEASE, T0);
        assertThat(claims).hasSize(1);
        assertThat(((Work.EvaluatePullRequest) claims.get(0).work()).headSha()).isEqualTo("h1");
    }

    @Test
    void newerWorkForAKeyReplacesTheWaitingJob() {
        queue.accept("d1", "pull_request", T0, List.of(review(1, "h1", "d1")));
        queue.accept("d2", "pull_request", T0, List.of(review(1, "h2", "d2")));
        queue.accept("d3", "pull_request", T0, List.of(review(2, "h9", "d3")));

        assertThat(queue.depth()).isEqualTo(2);
        Claim first = queue.claim("w1", 10, LEASE, T0).stream().filter(c -> c.key().equals("acme/app#1"))
                .findFirst().orElseThrow();
        assertThat(((Work.EvaluatePullRequest) first.work()).headSha()).isEqualTo("h2");
        assertThat(first.deliveryId()).isEqualTo("d2");
    }

    @Test
    void aClaimedKeyIsNotClaimedAgainUntilItsLeaseRunsOutAndTheOldHolderIsFencedOff() {
        queue.accept("d1", "pull_request", T0, List.of(review(1, "h1", "d1")));
        Claim mine = queue.claim("w1", 10, LEASE, T0).getFirst();

        assertThat(queue.claim("w2", 10, LEASE, T0.plusSeconds(29))).isEmpty();
        Claim theirs = queue.claim("w2", 10, LEASE, T0.plusSeconds(31)).getFirst();

        assertThat(theirs.key()).isEqualTo(mine.key());
        assertThat(queue.complete(mine, List.of(decision(1, "h1", "success", DecisionRecord.Kind.EVALUATION,
                T0)), T0.plusSeconds(32))).as("a lost claim commits nothing").isFalse();
        assertThat(store.decisions().latest("acme/app", 1)).isEmpty();
        assertThat(queue.complete(theirs, List.of(decision(1, "h1", "success", DecisionRecord.Kind.EVALUATION,
                T0)), T0.plusSeconds(33))).isTrue();
        assertThat(store.decisions().history("acme/app", 1, 10)).hasSize(1);
        assertThat(queue.depth()).isZero();
    }

    @Test
    void reconciliationReplacingADeliverysJobKeepsTheDeliveryForTheAuditTrail() {
        queue.accept("d1", "pull_request", T0, List.of(review(1, "h1", "d1")));
        queue.enqueue(Job.of(new Work.EvaluatePullRequest(7, "acme/app", 1, null), null), T0.plusSeconds(1));

        Claim claim = queue.claim("w1", 10, LEASE, T0.plusSeconds(2)).getFirst();

        assertThat(claim.work()).isEqualTo(new Work.EvaluatePullRequest(7, "acme/app", 1, null));
        assertThat(claim.deliveryId()).isEqualTo("d1");

        // Reconciliation again while that runs: the next run covers no delivery of its own, and names none.
        queue.enqueue(Job.of(new Work.EvaluatePullRequest(7, "acme/app", 1, null), null), T0.plusSeconds(3));
        assertThat(queue.complete(claim, List.of(), T0.plusSeconds(4))).isTrue();
        Claim again = queue.claim("w1", 10, LEASE, T0.plusSeconds(5)).getFirst();
        assertThat(again.deliveryId()).as("d1 was covered by the run before").isNull();
    }

    @Test
    void anOverloadedClaimerTakesOnlyJobsThatWaitedLongEnough() {
        queue.accept("d1", "pull_request", T0, List.of(review(1, "h1", "d1")));
        queue.accept("d2", "pull_request", T0.plusSeconds(10), List.of(review(2, "h2", "d2")));

        Instant now = T0.plusSeconds(20);
        assertThat(queue.claim("w1", 10, LEASE, now, T0.minusMillis(1))).isEmpty();
        List<Claim> waitedLongEnough = queue.claim("w1", 10, LEASE, now, T0.plusSeconds(5));
        assertThat(waitedLongEnough).extracting(Claim::key).containsExactly("acme/app#1");
        assertThat(waitedLongEnough.getFirst().leasedUntil()).as("the lease runs from now").isEqualTo(now.plus(LEASE));
        assertThat(queue.claim("w1", 10, LEASE, now)).extracting(Claim::key).containsExactly("acme/app#2");
    }

    @Test
    void workArrivingDuringARunMakesTheJobRunAgain() {
        queue.accept("d1", "pull_request", T0, List.of(review(1, "h1", "d1")));
        Claim running = queue.claim("w1", 10, LEASE, T0).getFirst();
        queue.accept("d2", "pull_request_review", T0.plusSeconds(1), List.of(review(1, "h1", "d2")));

        assertThat(queue.claim("w2", 10, LEASE, T0.plusSeconds(1))).as("still held").isEmpty();
        assertThat(queue.complete(running, List.of(), T0.plusSeconds(2))).isTrue();

        List<Claim> again = queue.claim("w2", 10, LEASE, T0.plusSeconds(2));
        assertThat(again).hasSize(1);
        assertThat(again.getFirst().deliveryId()).isEqualTo("d2");
        assertThat(again.getFirst().attempts()).isZero();
    }

    @Test
    void aRetryWaitsForItsTimeAndCountsTheAttempt() {
        queue.accept("d1", "pull_request", T0, List.of(review(1, "h1", "d1")));
        Claim c = queue.claim("w1", 10, LEASE, T0).getFirst();
        queue.retry(c, T0.plusSeconds(10), "GitHubException: 502");

        assertThat(queue.claim("w1", 10, LEASE, T0.plusSeconds(9))).isEmpty();
        Claim retried = queue.claim("w1", 10, LEASE, T0.plusSeconds(10)).getFirst();
        assertThat(retried.attempts()).isEqualTo(1);
    }

    @Test
    void aDeadLetterIsListedWithItsPullRequestAndCanBeRequeued() {
        queue.accept("d1", "pull_request", T0, List.of(review(12, "h1", "d1")));
        Claim c = queue.claim("w1", 10, LEASE, T0).getFirst();
        queue.deadLetter(c, "GitHubException: 502 Bad Gateway", T0.plusSeconds(5));

        assertThat(queue.depth()).isZero();
        assertThat(queue.deadLetterCount()).isEqualTo(1);
        DeadLetter d = queue.deadLetters(Optional.of("ACME/app"), 10).getFirst();
        assertThat(d.repo()).isEqualTo("acme/app");
        assertThat(d.number()).isEqualTo(12);
        assertThat(d.deliveryId()).isEqualTo("d1");
        assertThat(d.lastError()).contains("502");
        assertThat(queue.deadLetters(Optional.of("acme/other"), 10)).isEmpty();

        assertThat(queue.requeue(d.id(), T0.plusSeconds(6))).isTrue();
        assertThat(queue.deadLetterCount()).isZero();
        assertThat(queue.claim("w1", 10, LEASE, T0.plusSeconds(6))).hasSize(1);
        assertThat(queue.requeue(d.id(), T0.plusSeconds(7))).isFalse();
    }

    @Test
    void concurrentAcceptsCommitEachDeliveryOnceEvenWhenGroupedTogether() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<DeliveryQueue.Accepted>> answers = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String id = "d" + (i % 200); // every delivery twice, often in the same group
                int number = i % 50;
                answers.add(pool.submit(() -> queue.accept(id, "pull_request", T0, List.of(review(number, "h", id)))));
            }
            int fresh = 0;
            for (Future<DeliveryQueue.Accepted> a : answers) {
                fresh += a.get() == DeliveryQueue.Accepted.NEW ? 1 : 0;
            }
            assertThat(fresh).isEqualTo(200);
            assertThat(queue.depth()).isEqualTo(50);
            assertThat(queue.seen("d199")).isTrue();
            assertThat(queue.seen("d200")).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneInstallationsBacklogDoesNotStarveTheOthers() {
        // Installation 1 floods the queue first; 2 and 3 each queue one job later.
        for (int i = 0; i < 500; i++) {
            queue.enqueue(Job.of(new Work.EvaluatePullRequest(1, "flood/mono", i, "h"), null), T0.plusMillis(i));
        }
        queue.enqueue(Job.of(new Work.EvaluatePullRequest(2, "acme/app", 1, "h"), null), T0.plusSeconds(5));
        queue.enqueue(Job.of(new Work.EvaluatePullRequest(3, "other/lib", 1, "h"), null), T0.plusSeconds(6));

        List<Claim> first = queue.claim("w1", 3, LEASE, T0.plusSeconds(10));
        assertThat(first).extracting(Claim::key)
                .as("one job per installation per turn, the flood's oldest first")
                .containsExactly("flood/mono#0", "acme/app#1", "other/lib#1");

        List<Claim> next = queue.claim("w1", 3, LEASE, T0.plusSeconds(10));
        assertThat(next).extracting(Claim::key).as("only the flood is left: it gets every free worker")
                .containsExactly("flood/mono#1", "flood/mono#2", "flood/mono#3");
    }

    @Test
    void withMoreInstallationsThanWorkersEachGetsItsTurn() {
        for (int installation = 1; installation <= 4; installation++) {
            for (int i = 0; i < 10; i++) {
                queue.enqueue(Job.of(new Work.EvaluatePullRequest(installation, "org" + installation + "/r", i,
                        "h"), null), T0);
            }
        }
        List<String> served = new ArrayList<>();
        for (int turn = 0; turn < 4; turn++) {
            queue.claim("w1", 1, LEASE, T0.plusSeconds(1)).forEach(c -> served.add(c.key()));
        }
        assertThat(served).as("a single free worker rotates over the installations")
                .containsExactly("org1/r#0", "org2/r#0", "org3/r#0", "org4/r#0");
    }

    @Test
    void concurrentClaimersNeverHoldTheSameKey() throws Exception {
        for (int i = 0; i < 60; i++) {
            queue.accept("d" + i, "pull_request", T0, List.of(review(i, "h", "d" + i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Claim>>> claims = new ArrayList<>();
            java.util.concurrent.atomic.AtomicInteger claimed = new java.util.concurrent.atomic.AtomicInteger();
            for (int w = 0; w < 4; w++) {
                String worker = "w" + w;
                claims.add(pool.submit(() -> {
                    List<Claim> mine = new ArrayList<>();
                    // Under contention SKIP LOCKED may hand out fewer rows than asked: claim until all are out.
                    for (int round = 0; round < 500 && claimed.get() < 60; round++) {
                        List<Claim> got = queue.claim(worker, 3, LEASE, T0);
                        claimed.addAndGet(got.size());
                        mine.addAll(got);
                    }
                    return mine;
                }));
            }
            Set<String> keys = new HashSet<>();
            int total = 0;
            for (Future<List<Claim>> f : claims) {
                for (Claim c : f.get()) {
                    keys.add(c.key());
                    total++;
                }
            }
            assertThat(total).isEqualTo(keys.size()).isEqualTo(60);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void decisionsAreQueriedByRepositoryTimeAndExceptions() {
        DecisionLog log = store.decisions();
        log.record(decision(1, "h1", "failure", DecisionRecord.Kind.EVALUATION, T0));
        log.record(decision(1, "h1", "success", DecisionRecord.Kind.EVALUATION, T0.plusSeconds(60)));
        log.record(decision(2, "h2", "success", DecisionRecord.Kind.OVERRIDE, T0.plusSeconds(120)));
        log.record(new DecisionRecord("acme/other", 1, "x", "y", DecisionRecord.Kind.EVALUATION, "", "", "", "",
                List.of(), "success", "", "", "", null, T0.plusSeconds(180)));

        assertThat(log.query(AuditQuery.all())).hasSize(4);
        assertThat(log.query(new AuditQuery(Optional.of("ACME/APP"), Optional.empty(), Optional.empty(), false,
                100))).hasSize(3);
        assertThat(log.query(new AuditQuery(Optional.empty(), Optional.of(T0.plusSeconds(60)),
                Optional.of(T0.plusSeconds(180)), false, 100))).extracting(AuditEntry::number)
                .containsExactly(1, 2);
        assertThat(log.query(new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), true, 100)))
                .extracting(AuditEntry::number).containsExactly(2);

        StoredDecision latest = log.latest("acme/app", 1).orElseThrow();
        assertThat(latest.decision().conclusion()).isEqualTo("success");
        assertThat(latest.decision().files().getFirst().owners()).containsExactly("@alice");
        assertThat(latest.decision().files().getFirst().approvedBy()).containsExactly("alice");
        assertThat(log.history("acme/app", 1, 10)).extracting(s -> s.decision().conclusion())
                .containsExactly("success", "failure");
    }

    @Test
    void aMergeWithoutAPassingDecisionOnItsHeadIsAnException() {
        DecisionLog log = store.decisions();
        log.record(decision(1, "h1", "success", DecisionRecord.Kind.EVALUATION, T0));
        log.record(decision(2, "h2", "failure", DecisionRecord.Kind.EVALUATION, T0));
        log.record(decision(3, "old", "success", DecisionRecord.Kind.EVALUATION, T0));
        log.record(decision(4, "h4", "success", DecisionRecord.Kind.OVERRIDE, T0));

        Map<Integer, Optional<String>> exceptions = Map.of(
                1, log.recordMerge("acme/app", 1, "h1", "m1", "bob", "dm1", T0.plusSeconds(1)).exception(),
                2, log.recordMerge("acme/app", 2, "h2", "m2", "bob", "dm2", T0.plusSeconds(2)).exception(),
                3, log.recordMerge("acme/app", 3, "new", "m3", "bob", "dm3", T0.plusSeconds(3)).exception(),
                4, log.recordMerge("acme/app", 4, "h4", "m4", "bob", "dm4", T0.plusSeconds(4)).exception());

        assertThat(exceptions.get(1)).isEmpty();
        assertThat(exceptions.get(2)).get().asString().contains("failing");
        assertThat(exceptions.get(3)).get().asString().contains("without any Ownergate decision");
        assertThat(exceptions.get(4)).get().asString().contains("override by root: outage");

        List<AuditEntry> flagged = log.query(new AuditQuery(Optional.empty(), Optional.of(T0.plusSeconds(1)),
                Optional.empty(), true, 100));
        assertThat(flagged).extracting(AuditEntry::number).containsExactly(2, 3, 4);
        AuditEntry.Merged merged = (AuditEntry.Merged) flagged.getFirst();
        assertThat(merged.merge().decision()).get().extracting(d -> d.decision().conclusion()).isEqualTo("failure");
    }

    @Test
    void theOverrideOnAHeadIsFoundWhateverWasDecidedAfterIt() {
        DecisionLog log = store.decisions();
        log.record(decision(1, "h1", "failure", DecisionRecord.Kind.EVALUATION, T0));
        log.record(decision(1, "h1", "success", DecisionRecord.Kind.OVERRIDE, T0.plusSeconds(1)));
        for (int i = 0; i < 120; i++) {
            log.record(decision(1, "h1", "failure", DecisionRecord.Kind.EVALUATION, T0.plusSeconds(2 + i)));
        }
        log.record(decision(2, "h1", "success", DecisionRecord.Kind.OVERRIDE, T0));

        assertThat(log.override("ACME/app", 1, "h1")).get()
                .satisfies(d -> assertThat(d.decision().at()).isEqualTo(T0.plusSeconds(1)));
        assertThat(log.override("acme/app", 1, "h2")).as("a push ends it").isEmpty();
        assertThat(log.override("acme/app", 3, "h1")).isEmpty();
    }

    @Test
    void aMergeRecordedAgainAtTheSameHeadIsKeptOnce() {
        DecisionLog log = store.decisions();
        log.record(decision(1, "h1", "failure", DecisionRecord.Kind.EVALUATION, T0));
        MergeRecord first = log.recordMerge("acme/app", 1, "h1", "m1", "bob", "dm1", T0.plusSeconds(1));
        log.record(decision(1, "h1", "success", DecisionRecord.Kind.EVALUATION, T0.plusSeconds(2)));

        // A worker that died after recording the merge runs the job again; GitHub redelivers the event.
        MergeRecord again = log.recordMerge("ACME/app", 1, "h1", "m1", "bob", "dm1-redelivered", T0.plusSeconds(3));

        assertThat(again).as("the merge as first recorded, with the decision then in force").isEqualTo(first);
        List<AuditEntry> merges = log.query(new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                false, 100)).stream().filter(e -> e instanceof AuditEntry.Merged).toList();
        assertThat(merges).hasSize(1);
    }

    @Test
    void retentionDeletesOnlyOlderEntries() {
        DecisionLog log = store.decisions();
        log.record(decision(1, "h1", "success", DecisionRecord.Kind.EVALUATION, T0));
        log.recordMerge("acme/app", 1, "h1", "m1", "bob", "dm1", T0.plusSeconds(10));
        log.record(decision(2, "h2", "success", DecisionRecord.Kind.EVALUATION, T0.plusSeconds(100)));

        assertThat(log.purgeBefore(T0.plusSeconds(50))).isEqualTo(2);
        assertThat(log.query(AuditQuery.all())).extracting(AuditEntry::number).containsExactly(2);
    }

    @Test
    void theLatestVerdictAndItsFingerprintAreKeptPerPullRequest() {
        VerdictStore verdicts = store.verdicts();
        Fingerprint f = Fingerprint.of("h1", "b1", List.of("5:APPROVED"), Map.of("OWNERS", "blob1"), "pol");
        verdicts.save(new PostedVerdict("Acme/App", 1, new CheckRunPost("code-owners", "h1", "failure", "t", "s",
                null), Optional.empty(), T0));
        assertThat(verdicts.fingerprintDigest("acme/app", 1)).isEmpty();

        verdicts.save(new PostedVerdict("Acme/App", 1, new CheckRunPost("code-owners", "h1", "success", "ok",
                "summary", "https://x/pulls/Acme/App/1"), Optional.of(f), T0.plusSeconds(1)));

        PostedVerdict posted = verdicts.posted("acme/app", 1).orElseThrow();
        assertThat(posted.check().conclusion()).isEqualTo("success");
        assertThat(posted.fingerprint()).contains(f);
        assertThat(verdicts.fingerprintDigest("ACME/app", 1)).contains(f.digest());
        assertThat(verdicts.recent("acme/app", 10)).hasSize(1);
        assertThat(Fingerprint.of("h1", "b1", List.of("5:DISMISSED"), Map.of("OWNERS", "blob1"), "pol").digest())
                .isNotEqualTo(f.digest());
    }

    @Test
    void namedStatesAreListedByPrefixTakenLiterally() {
        store.state("teams-changed@acme", "1");
        store.state("teams-changed@a_b", "2");
        store.state("teams-changedXacme", "3");
        store.state("teams-changed@acme", "4");
        store.state("other", "5");

        assertThat(store.states("teams-changed@")).containsExactly(
                Map.entry("teams-changed@a_b", "2"), Map.entry("teams-changed@acme", "4"));
        assertThat(store.states("teams-changed@a_")).containsOnlyKeys("teams-changed@a_b");
        assertThat(store.states("teams_changed")).isEmpty();
    }

    @Test
    void namedStateSurvivesUpdates() {
        assertThat(store.state("reconcile.delivery")).isEmpty();
        store.state("reconcile.delivery", "100");
        store.state("reconcile.delivery", "101");
        assertThat(store.state("reconcile.delivery")).contains("101");
    }
}
