package dev.ownergate.app.store;

import java.time.Instant;

/** One line of the audit trail: a decision or a merge. */
public sealed interface AuditEntry {
    Instant at();

    String repo();

    int number();

    boolean exception();

    record Decided(StoredDecision stored) implements AuditEntry {
        @Override
        public Instant at() {
            return stored.decision().at();
        }

        @Override
        public String repo() {
            return stored.decision().repo();
        }

        @Override
        public int number() {
            return stored.decision().number();
        }

        @Override
        public boolean exception() {
            return stored.decision().exception();
        }
    }

    record Merged(long id, MergeRecord merge) implements AuditEntry {
        @Override
        public Instant at() {
            return merge.at();
        }

        @Override
        public String repo() {
            return merge.repo();
        }

        @Override
        public int number() {
            return merge.number();
        }

        @Override
        public boolean exception() {
            return merge.exception().isPresent();
        }
    }
}
