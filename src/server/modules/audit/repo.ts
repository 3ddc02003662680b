/** The only place with audit SQL besides appendAudit's insert (service.ts): the list, the sealer's and verify's reads. */
import { type Insertable, type Kysely, type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import type { AuditQuery } from '../../../contracts/audit.js';
import type { AuditLogTable, AuditSealsTable, Database } from '../../db/schema.js';
import { containsPattern, pageWithTotal } from '../../db/sql.js';

type Q = Kysely<Database>;

export type AuditRow = Selectable<AuditLogTable>;

/** Whose rows a reader sees: the region subtree (`prefix`), but duty rows of its own region only. */
export interface AuditScope {
  prefix: string;
  regionCode: string;
}

/** The rows of the scope, filtered, newest first, with the total. */
export async function listAudit(
  db: Q,
  scope: AuditScope,
  f: AuditQuery,
): Promise<{ items: AuditRow[]; total: number }> {
  let q = db
    .selectFrom('audit_log as l')
    .where('l.region_code', 'like', `${scope.prefix}%`)
    .where((eb) => eb.or([eb('l.entity_type', 'not like', 'duty%'), eb('l.region_code', '=', scope.regionCode)]));
  if (f.entityId) q = q.where('l.entity_id', '=', f.entityId);
  if (f.entityType) q = q.where('l.entity_type', '=', f.entityType);
  // actor_name is "王值班（duty.370300）": a name or a user name matches; LIKE's wildcards are taken literally.
  if (f.actor) q = q.where('l.actor_name', 'like', containsPattern(f.actor));
  if (f.action) {
    const action = f.action;
    q = q.where((eb) =>
      eb.or([eb('l.action', '=', action), eb('l.action', 'like', `${action.replaceAll('_', '\\_')}.%`)]),
    );
  }
  if (f.from) q = q.where('l.at', '>=', new Date(f.from));
  if (f.to) q = q.where('l.at', '<', new Date(f.to));
  return pageWithTotal(q.selectAll('l').orderBy('l.at', 'desc').orderBy('l.id', 'desc'), q, f);
}

// ————————————————————————————————————————— sealing (migration 0015)

export type SealRow = Selectable<AuditSealsTable>;

/** A row as the sealer needs it: its place (xid, seq), its id and its stored hash. */
export interface LeafRow {
  xid: string;
  seq: number;
  id: string;
  hash: string;
}

/** Only one sealer at a time, on any instance: the others return at once (the lock ends with the transaction). */
export async function trySealLock(db: Q): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(hashtext('audit-seal')) AS ok`.execute(db);
  return r.rows[0]?.ok === true;
}

/**
 * The oldest transaction still running (as xid8 text): every transaction below it has ended, so the set of rows
 * with a smaller xid can never change again — what makes a batch safe to seal in commit order.
 */
export async function sealHorizon(db: Q): Promise<string> {
  const r = await sql<{ x: string }>`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS x`.execute(db);
  return r.rows[0]?.x as string;
}

export async function lastSeal(db: Q): Promise<SealRow | undefined> {
  return sealColumns(db.selectFrom('audit_seals')).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

/** Seals with seq > afterSeq, in order, `limit` at a time (verify pages through them). */
export async function sealsAfter(db: Q, afterSeq: number, limit: number): Promise<SealRow[]> {
  return sealColumns(db.selectFrom('audit_seals')).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
}

function sealColumns(q: SelectQueryBuilder<Database, 'audit_seals', object>) {
  return q.select([
    'region_code',
    'seq',
    'kind',
    sql<string | null>`lo_xid::text`.as('lo_xid'),
    sql<string | null>`hi_xid::text`.as('hi_xid'),
    'row_count',
    'first_row',
    'last_row',
    'root',
    'prev',
    'hash',
    'sealed_at',
  ]);
}

export async function insertSeal(db: Q, seal: Insertable<AuditSealsTable>): Promise<void> {
  await db
    .insertInto('audit_seals')
    .values({
      ...seal,
      lo_xid: seal.lo_xid === null ? null : sql<string>`${seal.lo_xid}::xid8`,
      hi_xid: seal.hi_xid === null ? null : sql<string>`${seal.hi_xid}::xid8`,
    })
    .execute();
}

/** Rows with lo ≤ xid < hi in seal order (xid, then seq), at most `limit`. */
export async function leavesBetween(db: Q, lo: string, hi: string, limit: number): Promise<LeafRow[]> {
  const r = await sql<LeafRow>`
    SELECT xid::text AS xid, seq, id, hash FROM audit_log
    WHERE xid >= ${lo}::xid8 AND xid < ${hi}::xid8
    ORDER BY xid, seq LIMIT ${limit}`.execute(db);
  return r.rows.map((x) => ({ ...x, seq: Number(x.seq) }));
}

/** Whole rows with lo ≤ xid < hi in seal order, after (xid, seq) = `after`, `limit` at a time (for verify). */
export async function rowsBetween(
  db: Q,
  lo: string,
  hi: string,
  after: { xid: string; seq: number } | null,
  limit: number,
): Promise<(AuditRow & { xid: string })[]> {
  const from = after ? sql`AND (xid, seq) > (${after.xid}::xid8, ${after.seq})` : sql``;
  const r = await sql<AuditRow & { xid: string }>`
    SELECT chain_key, seq, id, region_code, at, actor_id, actor_name, action, entity_type, entity_id, before, after,
           prev_hash, hash, client_addr, xid::text AS xid
    FROM audit_log
    WHERE xid >= ${lo}::xid8 AND xid < ${hi}::xid8 ${from}
    ORDER BY xid, seq LIMIT ${limit}`.execute(db);
  return r.rows;
}

/** Rows not yet in any seal: written at or after `from` (the last seal's upper bound). */
export async function countUnsealed(db: Q, from: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE xid >= ${from}::xid8`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Rows covered by seals 1..seq. */
export async function rowsSealedUpTo(db: Q, seq: number): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT coalesce(sum(row_count), 0)::bigint AS n FROM audit_seals WHERE seq <= ${seq}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

export async function legacyHeads(db: Q) {
  return db.selectFrom('audit_heads').select(['chain_key', 'seq', 'hash']).orderBy('chain_key').execute();
}

/** One legacy chain's rows (xid NULL) from fromSeq to toSeq, in order. */
export async function legacyRows(db: Q, chainKey: string, fromSeq: number, toSeq: number, limit: number) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('xid', 'is', null)
    .where('chain_key', '=', chainKey)
    .where('seq', '>=', fromSeq)
    .where('seq', '<=', toSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** Legacy rows (no xid) that no recorded legacy head covers: inserted later by hand. */
export async function strayLegacyRows(db: Q): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM audit_log l
    WHERE l.xid IS NULL
      AND NOT EXISTS (SELECT 1 FROM audit_heads h WHERE h.chain_key = l.chain_key AND l.seq <= h.seq)`.execute(db);
  return r.rows[0]?.n ?? 0;
}
