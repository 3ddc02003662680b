/**
 * The only place with bulletin SQL: the bulletins table (insert, find, list) and the list of 较大及以上 accidents a
 * bulletin names. Every figure of a bulletin comes from the stats module; this list is the one query of its own
 * (rows, not aggregates), read through the partial statistics index (written_off_at IS NULL).
 */
import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { BulletinsTable, Database } from '../../db/schema.js';
import { type Paging, pageWithTotal } from '../../db/sql.js';

type Q = Kysely<Database>;

export type BulletinRow = Selectable<BulletinsTable> & { region_name: string };
export type BulletinListRow = Omit<BulletinRow, 'body' | 'body_text'>;

export async function insertBulletin(db: Q, row: Insertable<BulletinsTable>): Promise<void> {
  await db.insertInto('bulletins').values(row).execute();
}

function withRegion(db: Q) {
  return db.selectFrom('bulletins as b').innerJoin('regions as r', 'r.code', 'b.region_code');
}

/** A bulletin on a region whose code starts with `prefix` ('' for all), or undefined. */
export async function findBulletin(db: Q, id: string, prefix: string): Promise<BulletinRow | undefined> {
  return withRegion(db)
    .selectAll('b')
    .select('r.name as region_name')
    .where('b.id', '=', id)
    .where('b.region_code', 'like', `${prefix}%`)
    .executeTakeFirst();
}

const LIST_COLUMNS = [
  'b.id',
  'b.region_code',
  'b.kind',
  'b.period_from',
  'b.period_to',
  'b.previous_from',
  'b.previous_to',
  'b.title',
  'b.issuing_organ',
  'b.recipients',
  'b.created_by',
  'b.created_by_name',
  'b.created_org_id',
  'b.created_at',
  'r.name as region_name',
] as const;

/** Bulletins on the regions under `prefix`, newest first. */
export async function listBulletins(
  db: Q,
  prefix: string,
  kind: BulletinsTable['kind'] | undefined,
  p: Paging,
): Promise<{ items: BulletinListRow[]; total: number }> {
  let q = withRegion(db).where('b.region_code', 'like', `${prefix}%`);
  if (kind) q = q.where('b.kind', '=', kind);
  return pageWithTotal(q.select(LIST_COLUMNS).orderBy('b.created_at', 'desc').orderBy('b.id', 'desc'), q, p);
}

export interface LargerAccidentRow {
  id: string;
  region_code: string;
  region_name: string;
  occurred_at: Date;
  unit_name: string;
  accident_type: string;
  grade: string;
  deaths: number;
  injuries: number;
  direct_loss_yuan: number;
  summary: string | null;
}

/**
 * The 较大及以上 accidents (grade other than 一般) not written off, in the region subtree, that occurred in
 * [from, to), oldest first, at most `limit`. Figures are the statistical ones (死亡含失踪, 受伤 = 重伤 + 轻伤), as
 * in every statistic; the region is named in full (淄博市张店区).
 */
export async function largerAccidents(
  db: Q,
  s: { prefix: string; from: Date; to: Date },
  limit: number,
): Promise<LargerAccidentRow[]> {
  const { rows } = await sql<LargerAccidentRow>`
    SELECT a.id, a.region_code, r.full_name AS region_name, a.occurred_at, a.unit_name, a.accident_type, a.grade,
           (a.stat_deaths + a.stat_missing)::int AS deaths,
           (a.stat_serious_injuries + a.stat_minor_injuries)::int AS injuries,
           a.stat_direct_loss_yuan::bigint AS direct_loss_yuan,
           a.summary
    FROM accidents a
    JOIN regions r ON r.code = a.region_code
    WHERE a.written_off_at IS NULL
      AND a.grade <> 'general'
      AND a.region_code LIKE ${`${s.prefix}%`}
      AND a.occurred_at >= ${s.from} AND a.occurred_at < ${s.to}
    ORDER BY a.occurred_at, a.id
    LIMIT ${limit}`.execute(db);
  // bigint comes back as a string from pg: the amount is bounded (≤ 10^12), so a double is exact.
  return rows.map((r) => ({
    ...r,
    direct_loss_yuan: Number(r.direct_loss_yuan),
    occurred_at: new Date(r.occurred_at),
  }));
}
