-- Fair claiming (dev.ownergate.app.store.FairShare): workers take turns over installations, so the queue needs
-- each job's installation. Jobs queued before this migration count as installation 0 until they are replaced.
ALTER TABLE job ADD COLUMN installation_id BIGINT DEFAULT 0 NOT NULL;
CREATE INDEX job_installation_due ON job (installation_id, due_at);
