-- Durable background jobs (jobs/): work that should not run inside a request
-- (mail, the people import's commit, later reminders, digests, clean-ups) is
-- a row here, written in the transaction of the change that causes it, and
-- run by the job runners of any app server.
--
-- state: queued (waiting for run_at), running (leased by lease_owner until
-- lease_until; a runner that dies lets the lease run out and the job runs
-- again), done, failed (parked after max_attempts or a permanent error, with
-- last_error, until an administrator retries it by hand). idempotency_key is
-- unique: enqueueing the same key again does nothing. progress_done of
-- progress_total is what a long job reports for the page that started it.
-- retried_by/retried_at: the administrator who last retried it by hand.
CREATE TABLE job (
  id {{ID}},
  kind TEXT NOT NULL,
  payload TEXT NOT NULL DEFAULT '{}',
  idempotency_key TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL DEFAULT 'queued',
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL,
  run_at BIGINT NOT NULL,
  lease_owner TEXT NOT NULL DEFAULT '',
  lease_until BIGINT NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  progress_done BIGINT NOT NULL DEFAULT 0,
  progress_total BIGINT NOT NULL DEFAULT 0,
  programme_id BIGINT REFERENCES programme(id) ON DELETE CASCADE,
  account_id BIGINT REFERENCES account(id) ON DELETE SET NULL,
  retried_by BIGINT REFERENCES account(id) ON DELETE SET NULL,
  retried_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  finished_at BIGINT
);
CREATE INDEX job_due ON job(state, run_at);
CREATE INDEX job_updated ON job(state, updated_at);
CREATE INDEX job_programme ON job(programme_id);

-- Mail is sent by jobs of kind 'mail.send' ({"outbox": id}); the outbox keeps
-- the message and its own state (queued, sending, sent, failed). Mail that
-- waited in the old queue gets its job; the outbox's own schedule and lease
-- are now the job's.
INSERT INTO job (kind, payload, idempotency_key, state, attempts, max_attempts, run_at, created_at,
                 updated_at)
  SELECT 'mail.send', '{"outbox":' || id || '}', 'mail:' || id, 'queued', 0, 8, next_attempt_at,
         created_at, created_at
  FROM mail_outbox WHERE status IN ('queued', 'sending');
DROP INDEX mail_outbox_due;
ALTER TABLE mail_outbox DROP COLUMN next_attempt_at;
ALTER TABLE mail_outbox DROP COLUMN locked_until;
