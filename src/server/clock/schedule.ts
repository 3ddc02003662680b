/**
 * One-off jobs, for modules: schedule or cancel the job of a subject (a deadline, a case) in the transaction of the
 * write that creates, changes or closes the subject — the job then exists exactly when that write commits.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { OnceClock } from './define.js';
import * as repo from './repo.js';

export interface Subject<P> {
  /** The subject's region (the job's distribution column). */
  regionCode: string;
  /** Identifies the subject within the clock, e.g. `${accidentId}:chain:county`. */
  key: string;
  payload: P;
}

/** Schedules the clock's job for the subject at the clock's due time (or moves it there); returns that time. */
export async function scheduleOnce<P>(db: Kysely<Database>, clock: OnceClock<P>, subject: Subject<P>): Promise<Date> {
  const dueAt = clock.dueAt(subject.payload);
  await repo.upsertOnce(db, {
    region_code: subject.regionCode,
    name: clock.name,
    key: subject.key,
    due_at: dueAt,
    payload: subject.payload,
  });
  return dueAt;
}

/** The subject no longer needs the job (the deadline was met): it is dropped. */
export async function cancelOnce<P>(
  db: Kysely<Database>,
  clock: OnceClock<P>,
  subject: Pick<Subject<P>, 'regionCode' | 'key'>,
): Promise<boolean> {
  return repo.deleteJob(db, { region_code: subject.regionCode, name: clock.name, key: subject.key });
}
