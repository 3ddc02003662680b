/**
 * Idempotency-Key (non-negotiable 3: a retried submission never duplicates). The first response to a key is the
 * response to every retry of the same request by the same user; the same key with another request is refused
 * (422 IDEMPOTENCY_KEY_REUSED). Keys are honoured for 7 days (accidents/housekeeping.ts purges them).
 *
 * Two ways to hold a key:
 * - `once`, in the caller's transaction: claiming the key first makes a concurrent retry wait on that row until the
 *   first request commits, and then read its answer.
 * - `claimForLongRun` + `answer` / `release`, for work of many transactions (an import): the claim is committed at
 *   once, a retry while it runs is 409 IMPORT_IN_PROGRESS, and a claim left unanswered for CLAIM_STALE_MS (the
 *   process died) may be taken over.
 */
import { createHash } from 'node:crypto';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import * as repo from './repo.js';

type Trx = Kysely<Database>;

export interface StoredResponse {
  status: number;
  body: unknown;
}

/** A long-running claim without an answer for this long is taken to be dead. */
export const CLAIM_STALE_MS = 10 * 60_000;

export function requestHash(input: unknown): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

/** A key this request holds and must answer: `once` stores the answer after `write`, or `write` does (see `once`). */
export interface PendingAnswer {
  userId: string;
  key: string;
  status: number;
}

/**
 * Runs `write` once per key. Without a key it simply runs. With one, a retry gets the stored response and
 * `fresh: null`, so the caller publishes nothing twice; the first run gets its own result as `fresh`.
 * With `answeredByWrite`, `write` receives the pending answer and stores it in its own last statement
 * (repo.answerQuery): a hot path then holds its locks for one statement less.
 */
export async function once<T>(
  trx: Trx,
  opts: {
    actor: Actor;
    key: string | undefined;
    regionCode: string;
    input: unknown;
    now: Date;
    status?: number;
    answeredByWrite?: boolean;
    /** Locks the write needs, taken in the claim's statement (or alone without a key): one round trip less. */
    locks?: RawBuilder<unknown> | undefined;
  },
  write: (pending: PendingAnswer | undefined) => Promise<T>,
): Promise<{ status: number; body: unknown; fresh: T | null }> {
  const status = opts.status ?? 201;
  if (opts.key) {
    const prior = await repo.claimOrPrior(
      trx,
      opts.actor,
      { key: opts.key, regionCode: opts.regionCode, hash: requestHash(opts.input), now: opts.now },
      opts.locks,
    );
    if (prior) {
      if (prior.request_hash !== requestHash(opts.input)) throw new AppError('IDEMPOTENCY_KEY_REUSED');
      return { status: prior.response_status ?? status, body: prior.response_body, fresh: null };
    }
  }
  if (!opts.key && opts.locks) await sql`SELECT ${opts.locks}`.execute(trx);
  const pending = opts.key ? { userId: opts.actor.userId, key: opts.key, status } : undefined;
  const result = await write(opts.answeredByWrite ? pending : undefined);
  if (opts.key && !opts.answeredByWrite) await repo.storeAnswer(trx, opts.actor, opts.key, status, result);
  return { status, body: result, fresh: result };
}

/**
 * Claims `key` for long-running work, committed at once. Returns the stored answer of a finished earlier request,
 * or null when this request holds the key now (it must `answer` or `release` it).
 */
export async function claimForLongRun(
  db: Trx,
  actor: Actor,
  key: string,
  hash: string,
  now: Date,
): Promise<StoredResponse | null> {
  const prior = await repo.claimOrPrior(db, actor, { key, regionCode: actor.regionCode, hash, now });
  if (!prior) return null;
  if (prior.request_hash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  if (prior.response_status !== null) return { status: prior.response_status, body: prior.response_body };
  if (now.getTime() - prior.created_at.getTime() <= CLAIM_STALE_MS) throw new AppError('IMPORT_IN_PROGRESS');
  if (!(await repo.takeOver(db, actor, key, prior.created_at, now))) throw new AppError('IMPORT_IN_PROGRESS');
  return null;
}

/**
 * A long run (a file import) under an optional Idempotency-Key: the key is claimed and committed at once (a retry
 * gets the stored answer, a concurrent one IMPORT_IN_PROGRESS), `work` runs outside any transaction, then `record`
 * (the audit row) and the answer are written in one transaction; a failure gives the key back.
 */
export async function onceForLongRun<B>(
  db: Trx,
  actor: Actor,
  p: { key: string | undefined; hash: string; status: number; now: () => Date },
  work: () => Promise<B>,
  record: (trx: Trx, body: B, now: Date) => Promise<void>,
): Promise<{ status: number; body: B }> {
  const { key, status } = p;
  if (key) {
    const prior = await claimForLongRun(db, actor, key, p.hash, p.now());
    if (prior) return prior as { status: number; body: B };
  }
  try {
    const body = await work();
    const now = p.now();
    await db.transaction().execute(async (trx) => {
      await record(trx, body, now);
      if (key) await repo.storeAnswer(trx, actor, key, status, body);
    });
    return { status, body };
  } catch (e) {
    if (key) await repo.release(db, actor, key).catch(() => undefined);
    throw e;
  }
}

export const answer = repo.storeAnswer;
export const release = repo.release;
