/**
 * How a module declares a clock: a name, when it is due, and what happens. The platform's clocks are listed in
 * registry.ts; the engine (engine.ts) runs them on any number of instances.
 *
 * A run may be repeated: when the instance running it dies, another instance runs it again once the lease has run
 * out, and a failed run is retried. So a handler records its effect idempotently (the deadline scan's
 * deadline_alerts ledger, a purge) — then each effect happens exactly once.
 */
import type { AppContext } from '../context.js';

/** What a handler gets for one run of its job. */
export interface JobRun<P> {
  ctx: AppContext;
  /** The region of the job's subject; '000000' for platform-wide clocks. */
  regionCode: string;
  /** The subject of a one-off job ('' for a recurring clock). */
  key: string;
  payload: P;
  dueAt: Date;
  /** 1 for the first run; more after a failure or after the instance running it was lost. */
  attempt: number;
}

export interface RetryPolicy {
  /** The first retry waits this long; each further one twice as long as the one before. */
  baseMs: number;
  /** The longest wait between two tries. */
  maxMs: number;
  /** A one-off job that failed this many times stops (status 'failed', shown to admins); recurring ones never stop. */
  maxAttempts: number;
}

interface ClockBase<P> {
  /** Unique on the platform, `<module>.<what>`: the job table and the admin view show it. */
  name: string;
  run(job: JobRun<P>): Promise<unknown>;
  retry?: Partial<RetryPolicy>;
}

/** Due every `every` ms, platform-wide: one job row, whose next due time is set when a run ends. */
export interface RecurringClock extends ClockBase<Record<string, never>> {
  every: number;
}

/**
 * Due once per subject, at a time computed from the subject (e.g. 15 minutes before a legal deadline): scheduled
 * with scheduleOnce() in the transaction of the write that creates the subject, so the job exists exactly when
 * the write commits.
 */
export interface OnceClock<P> extends ClockBase<P> {
  dueAt(payload: P): Date;
}

export type Clock = RecurringClock | OnceClock<never>;

/** A recurring clock entry (typed, so the registry's handlers need no annotations). */
export function recurring(clock: RecurringClock): RecurringClock {
  return clock;
}

/** A one-off clock entry; P is the payload every job of the clock carries. */
export function once<P>(clock: OnceClock<P>): OnceClock<P> {
  return clock;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 5_000, maxMs: 3_600_000, maxAttempts: 10 };

export function isRecurring(clock: Clock): clock is RecurringClock {
  return 'every' in clock;
}

export function retryPolicy(clock: Clock): RetryPolicy {
  return { ...DEFAULT_RETRY, ...clock.retry };
}

/**
 * The wait before the next try after `attempts` failed runs: exponential from baseMs, at most maxMs — and, for a
 * recurring clock, at most its interval (a failing 30 s scan is not held back longer than a succeeding one).
 */
export function backoffMs(clock: Clock, attempts: number): number {
  const { baseMs, maxMs } = retryPolicy(clock);
  const wait = Math.min(baseMs * 2 ** Math.max(0, attempts - 1), maxMs);
  return isRecurring(clock) ? Math.min(wait, clock.every) : wait;
}
