/**
 * Idempotency-Key (non-negotiable 3: a retried submission never duplicates). The first response to a key is the
 * response to every retry of the same request by the same user; the same key with another request is refused
 * (422 IDEMPOTENCY_KEY_REUSED). Keys are honoured for 7 days (accidents/housekeeping.ts purges them).
 *
 * `once` runs in the caller's transaction: claiming the key first makes a concurrent retry wait on that row until
 * the first request commits, and then read its answer.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';

type Trx = Kysely<Database>;

export interface StoredResponse {
  status: number;
  body: unknown;
}

export function requestHash(input: unknown): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

/** The stored answer to this key, or null when this request claimed it (and must store its answer). */
async function claim(
  trx: Trx,
  actor: Actor,
  key: string,
  regionCode: string,
  hash: string,
  now: Date,
): Promise<StoredResponse | null> {
  const claimed = await trx
    .insertInto('idempotency_keys')
    .values({ user_id: actor.userId, key, region_code: regionCode, request_hash: hash, created_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (claimed) return null;
  const prior = await trx
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('user_id', '=', actor.userId)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  if (prior.request_hash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  return { status: prior.response_status ?? 201, body: prior.response_body };
}

/**
 * Runs `write` once per key. Without a key it simply runs. With one, a retry gets the stored response and
 * `fresh: null`, so the caller publishes nothing twice; the first run gets its own result as `fresh`.
 */
export async function once<T>(
  trx: Trx,
  opts: { actor: Actor; key: string | undefined; regionCode: string; input: unknown; now: Date; status?: number },
  write: () => Promise<T>,
): Promise<{ status: number; body: unknown; fresh: T | null }> {
  const status = opts.status ?? 201;
  if (opts.key) {
    const hit = await claim(trx, opts.actor, opts.key, opts.regionCode, requestHash(opts.input), opts.now);
    if (hit) return { ...hit, fresh: null };
  }
  const result = await write();
  if (opts.key) {
    await trx
      .updateTable('idempotency_keys')
      .set({ response_status: status, response_body: JSON.stringify(result) })
      .where('user_id', '=', opts.actor.userId)
      .where('key', '=', opts.key)
      .execute();
  }
  return { status, body: result, fresh: result };
}
