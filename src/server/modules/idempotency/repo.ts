/** The only place with idempotency-key SQL (idempotency_keys, migration 0001; purged after 7 days). */
import { type Kysely, type QueryCreator, type RawBuilder, sql } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export interface KeyRow {
  request_hash: string;
  response_status: number | null;
  response_body: unknown;
  created_at: Date;
}

/**
 * Claims the key: null when this request took it, else the row that holds it (the caller decides).
 * `alongside`: SQL expressions evaluated in the same statement after the claim (a caller's locks: one round trip).
 */
export async function claimOrPrior(
  db: Q,
  actor: Actor,
  key: { key: string; regionCode: string; hash: string; now: Date },
  alongside?: RawBuilder<unknown>,
): Promise<KeyRow | null> {
  const claim = db
    .insertInto('idempotency_keys')
    .values({
      user_id: actor.userId,
      key: key.key,
      region_code: key.regionCode,
      request_hash: key.hash,
      created_at: key.now,
    })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .returning('key');
  const claimed = alongside
    ? (
        await db
          .with('k', () => claim)
          .selectNoFrom((eb) => [eb.selectFrom('k').select('key').as('key'), alongside.as('alongside')])
          .executeTakeFirstOrThrow()
      ).key
    : (await claim.executeTakeFirst())?.key;
  if (claimed) return null;
  const prior = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'response_status', 'response_body', 'created_at'])
    .where('user_id', '=', actor.userId)
    .where('key', '=', key.key)
    .executeTakeFirstOrThrow();
  return { ...prior, created_at: new Date(prior.created_at as unknown as string | Date) };
}

export async function storeAnswer(db: Q, actor: Actor, key: string, status: number, body: unknown): Promise<void> {
  await answerQuery(db, { userId: actor.userId, key, status }, sql<string>`${JSON.stringify(body)}::jsonb`).execute();
}

/** The statement that stores an answer, for a caller to run inside its own statement (a CTE): `body` is jsonb. */
export function answerQuery(
  db: QueryCreator<Database>,
  a: { userId: string; key: string; status: number },
  body: RawBuilder<string>,
) {
  return db
    .updateTable('idempotency_keys')
    .set({ response_status: a.status, response_body: body })
    .where('user_id', '=', a.userId)
    .where('key', '=', a.key);
}

/** Takes over an unanswered claim made at `claimedAt` (only one caller can); false when someone else did. */
export async function takeOver(db: Q, actor: Actor, key: string, claimedAt: Date, now: Date): Promise<boolean> {
  const taken = await db
    .updateTable('idempotency_keys')
    .set({ created_at: now })
    .where('user_id', '=', actor.userId)
    .where('key', '=', key)
    .where('response_status', 'is', null)
    .where('created_at', '=', claimedAt)
    .returning('key')
    .executeTakeFirst();
  return taken !== undefined;
}

/** Frees an unanswered claim (a request that failed answers nothing: the retry may run). */
export async function release(db: Q, actor: Actor, key: string): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('user_id', '=', actor.userId)
    .where('key', '=', key)
    .where('response_status', 'is', null)
    .execute();
}
