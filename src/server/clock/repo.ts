/** The clock engine's SQL (clock_jobs, migration 0014). Times are the engine's clock, passed in. */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';

type Q = Kysely<Database>;

/** Platform-wide jobs are kept in the national region. */
export const PLATFORM_REGION = '000000';
const ERROR_CHARS = 2000;

export interface JobKey {
  region_code: string;
  name: string;
  key: string;
}

export interface ClaimedJob extends JobKey {
  due_at: Date;
  payload: unknown;
  /** The fencing token: this claim's attempt number; a later claim by another instance has a larger one. */
  attempts: number;
}

const sameJob = (j: JobKey) => sql`region_code = ${j.region_code} AND name = ${j.name} AND key = ${j.key}`;

/** This claim still holds the job: no other instance has taken it over and it was not rescheduled meanwhile. */
const stillHeld = (j: ClaimedJob, instance: string) =>
  sql`${sameJob(j)} AND status = 'running' AND locked_by = ${instance} AND attempts = ${j.attempts}`;

/** Creates the row of each recurring clock that has none yet, due at once. */
export async function ensureRecurring(db: Q, names: readonly string[], now: Date): Promise<void> {
  if (names.length === 0) return;
  await db
    .insertInto('clock_jobs')
    .values(names.map((name) => ({ region_code: PLATFORM_REGION, name, key: '', due_at: now })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * Claims up to `limit` jobs of the named clocks that are due, or whose lease ran out (their instance died), for
 * `instance` until `until`. SKIP LOCKED: concurrent claimers on other instances pass over the rows being claimed
 * here instead of waiting, and a claimed row no longer matches (status 'running', lease in the future).
 */
export async function claimDue(
  db: Q,
  opts: { names: readonly string[]; instance: string; now: Date; until: Date; limit: number },
): Promise<ClaimedJob[]> {
  if (opts.names.length === 0 || opts.limit <= 0) return [];
  const { rows } = await sql<ClaimedJob>`
    WITH due AS (
      SELECT region_code, name, key FROM clock_jobs
      WHERE name IN (${sql.join(opts.names)})
        AND ((status = 'pending' AND due_at <= ${opts.now}) OR (status = 'running' AND locked_until <= ${opts.now}))
      ORDER BY due_at
      LIMIT ${opts.limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE clock_jobs j
    SET status = 'running', locked_by = ${opts.instance}, locked_until = ${opts.until},
        attempts = j.attempts + 1, last_run_at = ${opts.now}
    FROM due
    WHERE j.region_code = due.region_code AND j.name = due.name AND j.key = due.key
    RETURNING j.region_code, j.name, j.key, j.due_at, j.payload, j.attempts`.execute(db);
  return rows.map((r) => ({ ...r, due_at: new Date(r.due_at) }));
}

/** Extends every lease `instance` holds (its heartbeat while jobs run). */
export async function renewLeases(db: Q, instance: string, until: Date): Promise<void> {
  await sql`UPDATE clock_jobs SET locked_until = ${until}
    WHERE status = 'running' AND locked_by = ${instance}`.execute(db);
}

/** A recurring job ran: due again at `next`, its failures forgotten. False when the claim was lost meanwhile. */
export async function completeRecurring(db: Q, job: ClaimedJob, instance: string, next: Date): Promise<boolean> {
  const result = await sql`UPDATE clock_jobs
    SET status = 'pending', due_at = ${next}, attempts = 0, last_error = NULL, locked_until = NULL
    WHERE ${stillHeld(job, instance)}`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

/** A one-off job ran: it leaves the table. False when the claim was lost meanwhile. */
export async function completeOnce(db: Q, job: ClaimedJob, instance: string): Promise<boolean> {
  const result = await sql`DELETE FROM clock_jobs WHERE ${stillHeld(job, instance)}`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

/** A run failed: retried at `retryAt`, or stopped for good (status 'failed') when `retryAt` is null. */
export async function recordFailure(
  db: Q,
  job: ClaimedJob,
  instance: string,
  error: string,
  retryAt: Date | null,
): Promise<void> {
  const status = retryAt ? 'pending' : 'failed';
  await sql`UPDATE clock_jobs
    SET status = ${status}, due_at = coalesce(${retryAt}, due_at), last_error = ${error.slice(0, ERROR_CHARS)},
        locked_until = NULL
    WHERE ${stillHeld(job, instance)}`.execute(db);
}

/** A stopping instance hands its unfinished jobs back at once instead of letting their leases run out. */
export async function releaseLeases(db: Q, instance: string): Promise<void> {
  await sql`UPDATE clock_jobs SET status = 'pending', locked_until = NULL
    WHERE status = 'running' AND locked_by = ${instance}`.execute(db);
}

/**
 * Schedules a one-off job, or replaces the job of the same subject (new due time and payload, failures forgotten; a
 * run in progress then finishes without completing the new job).
 */
export async function upsertOnce(db: Q, job: JobKey & { due_at: Date; payload: unknown }): Promise<void> {
  await db
    .insertInto('clock_jobs')
    .values({ ...job, payload: JSON.stringify(job.payload) })
    .onConflict((oc) =>
      oc.columns(['region_code', 'name', 'key']).doUpdateSet({
        due_at: job.due_at,
        payload: JSON.stringify(job.payload),
        status: 'pending',
        attempts: 0,
        last_error: null,
        locked_until: null,
      }),
    )
    .execute();
}

export async function deleteJob(db: Q, job: JobKey): Promise<boolean> {
  const result = await db
    .deleteFrom('clock_jobs')
    .where('region_code', '=', job.region_code)
    .where('name', '=', job.name)
    .where('key', '=', job.key)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface JobRow extends JobKey {
  due_at: Date;
  status: 'pending' | 'running' | 'failed';
  attempts: number;
  last_error: string | null;
  locked_by: string | null;
  locked_until: Date | null;
  last_run_at: Date | null;
}

/** The queue under a region prefix ('' = everything): failed first, then running, then by due time. */
export async function listJobs(
  db: Q,
  opts: { prefix: string; status?: JobRow['status'] | undefined; limit: number },
): Promise<JobRow[]> {
  let q = db
    .selectFrom('clock_jobs')
    .select([
      'region_code',
      'name',
      'key',
      'due_at',
      'status',
      'attempts',
      'last_error',
      'locked_by',
      'locked_until',
      'last_run_at',
    ])
    .where('region_code', 'like', `${opts.prefix}%`);
  if (opts.status) q = q.where('status', '=', opts.status);
  return q
    .orderBy(sql`CASE status WHEN 'failed' THEN 0 WHEN 'running' THEN 1 ELSE 2 END`)
    .orderBy('due_at')
    .limit(opts.limit)
    .execute();
}
