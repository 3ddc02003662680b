-- The clock engine (src/server/clock/, issue 9 §1): one persistent table for every timed duty of the platform.
-- A row is one job of a clock declared in src/server/clock/registry.ts: a recurring clock has one row (key '')
-- whose due_at moves forward after each run; a one-off clock has a row per subject (key = the subject, e.g. a
-- deadline), scheduled in the transaction of the write that creates it. Instances claim due rows with
-- FOR UPDATE SKIP LOCKED and hold them under a lease (locked_by, locked_until) that they renew while the job runs;
-- when an instance dies its lease runs out and another instance claims the job again.
--
-- region_code is the distribution column of the project's rule (Citus): the region of the job's subject, '000000'
-- for platform-wide clocks.
CREATE TABLE clock_jobs (
  region_code  text COLLATE "C" NOT NULL DEFAULT '000000',
  name         text NOT NULL,
  key          text NOT NULL DEFAULT '',
  due_at       timestamptz NOT NULL,
  payload      jsonb NOT NULL DEFAULT '{}',
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'failed')),
  -- Runs started since the last success (a claim counts one, so does a claim whose instance died).
  attempts     int NOT NULL DEFAULT 0,
  last_error   text,
  -- The instance (hostname:pid:random) that runs or last ran the job, and until when its lease holds.
  locked_by    text,
  locked_until timestamptz,
  last_run_at  timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, name, key),
  CHECK ((status = 'running') = (locked_until IS NOT NULL))
);

-- The claim: pending rows by due time, running rows by lease end.
CREATE INDEX clock_jobs_due_idx ON clock_jobs (due_at) WHERE status = 'pending';
CREATE INDEX clock_jobs_lease_idx ON clock_jobs (locked_until) WHERE status = 'running';
