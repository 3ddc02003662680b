/**
 * SQL of the registry import and export: the bulk look-ups that make a re-import idempotent (credit codes,
 * licence type + number), the Idempotency-Key claimed before a long import and answered after it, and the
 * licence list for export. Inserts go through the enterprises module (enterprises/repo.ts, enterprises/service.ts).
 */
import { type Kysely, sql } from 'kysely';
import { subtreePrefix } from '../../../domain/region-code.js';
import type { Actor } from '../../auth/actor.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { enterpriseScope, type LicenceRow } from '../enterprises/repo.js';

type Q = Kysely<Database>;

export interface Registered {
  id: string;
  region_code: string;
}

/** The enterprises registered under these credit codes, in one statement: credit code → id and region. */
export async function enterprisesByCreditCode(db: Q, codes: readonly string[]): Promise<Map<string, Registered>> {
  const found = new Map<string, Registered>();
  if (codes.length === 0) return found;
  const rows = await db
    .selectFrom('enterprises')
    .select(['id', 'region_code', 'credit_code'])
    .where('credit_code', 'in', [...new Set(codes)])
    .execute();
  for (const r of rows) found.set(r.credit_code, { id: r.id, region_code: r.region_code });
  return found;
}

export const licenceKey = (type: string, number: string) => `${type}|${number}`;

/** The licences with these (type, number) pairs, in one statement: licenceKey → id and holder. */
export async function licencesByNumber(
  db: Q,
  keys: readonly { type: string; number: string }[],
): Promise<Map<string, { id: string; enterprise_id: string }>> {
  const found = new Map<string, { id: string; enterprise_id: string }>();
  if (keys.length === 0) return found;
  const rows = await db
    .selectFrom('licences')
    .select(['id', 'enterprise_id', 'type', 'number'])
    .where((eb) =>
      eb(
        eb.refTuple('type', 'number'),
        'in',
        keys.map((k) => eb.tuple(k.type, k.number)),
      ),
    )
    .execute();
  for (const r of rows) found.set(licenceKey(r.type, r.number), { id: r.id, enterprise_id: r.enterprise_id });
  return found;
}

// ————————————————————————————————————————— Idempotency-Key over a long import

/** An import runs over many transactions: a key claimed this long ago without an answer was cut off (a crash). */
export const CLAIM_STALE_MS = 10 * 60_000;

/**
 * Claims the user's key for this request, committed at once, before the import starts: a retry while it runs is
 * 409 IMPORT_IN_PROGRESS; after it, the stored answer; with another request, 422 IDEMPOTENCY_KEY_REUSED. Returns the
 * stored answer, or null when this request claimed the key (and must answer it, or release it on failure).
 */
export async function claimKey(
  db: Q,
  actor: Actor,
  key: string,
  hash: string,
  now: Date,
): Promise<{ status: number; body: unknown } | null> {
  const claimed = await db
    .insertInto('idempotency_keys')
    .values({ user_id: actor.userId, key, region_code: actor.regionCode, request_hash: hash, created_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (claimed) return null;
  const prior = await db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('user_id', '=', actor.userId)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  if (prior.request_hash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  if (prior.response_status !== null) return { status: prior.response_status, body: prior.response_body };
  const claimedAt = new Date(prior.created_at as unknown as string | Date);
  if (now.getTime() - claimedAt.getTime() <= CLAIM_STALE_MS) throw new AppError('IMPORT_IN_PROGRESS');
  // Cut off long ago: take it over (only one retry can).
  const taken = await db
    .updateTable('idempotency_keys')
    .set({ created_at: now })
    .where('user_id', '=', actor.userId)
    .where('key', '=', key)
    .where('response_status', 'is', null)
    .where('created_at', '=', claimedAt)
    .returning('key')
    .executeTakeFirst();
  if (!taken) throw new AppError('IMPORT_IN_PROGRESS');
  return null;
}

export async function answerKey(db: Q, actor: Actor, key: string, status: number, body: unknown): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ response_status: status, response_body: JSON.stringify(body) })
    .where('user_id', '=', actor.userId)
    .where('key', '=', key)
    .execute();
}

/** An import that failed answers nothing: its key is freed for the retry. */
export async function releaseKey(db: Q, actor: Actor, key: string): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('user_id', '=', actor.userId)
    .where('key', '=', key)
    .where('response_status', 'is', null)
    .execute();
}

// ————————————————————————————————————————— export

export type ExportLicenceRow = LicenceRow & { credit_code: string; enterprise_name: string };

export interface LicenceFilter {
  regionCode?: string | undefined;
  type?: string | undefined;
  /** The state on `today`: expired = recorded valid and past valid_to. */
  state?: string | undefined;
  today: string;
}

/** Every licence of the enterprises in scope (filtered), holder first, for export (bounded by the caller). */
export async function allLicences(db: Q, actor: Actor, f: LicenceFilter, limit: number): Promise<ExportLicenceRow[]> {
  const parts = [sql`${enterpriseScope(actor)}`];
  if (f.regionCode) parts.push(sql`e.region_code LIKE ${`${subtreePrefix(f.regionCode)}%`}`);
  if (f.type) parts.push(sql`l.type = ${f.type}`);
  if (f.state === 'expired') parts.push(sql`l.status = 'valid' AND l.valid_to < ${f.today}::date`);
  else if (f.state === 'valid') parts.push(sql`l.status = 'valid' AND l.valid_to >= ${f.today}::date`);
  else if (f.state) parts.push(sql`l.status = ${f.state}`);
  const rows = await sql<ExportLicenceRow>`
    SELECT l.id, l.region_code, l.enterprise_id, l.type, l.number, l.scope, l.issuer,
      l.valid_from::text AS valid_from, l.valid_to::text AS valid_to, l.status, l.version,
      e.credit_code, e.name AS enterprise_name
    FROM licences l JOIN enterprises e ON e.region_code = l.region_code AND e.id = l.enterprise_id
    WHERE ${sql.join(parts, sql` AND `)}
    ORDER BY e.region_code, e.name, e.id, l.type, l.valid_to, l.id
    LIMIT ${limit}`.execute(db);
  return rows.rows;
}
