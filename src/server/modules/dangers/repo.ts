/** The only SQL of hidden dangers (隐患): the danger rows, their history and their extension requests. */
import { type Expression, type Insertable, type Kysely, type SqlBool, sql } from 'kysely';
import type { DangerListQuery } from '../../../contracts/hidden-dangers.js';
import type { LocalDate } from '../../../domain/calendar.js';
import { subtreePrefix } from '../../../domain/region-code.js';
import type { Actor } from '../../auth/actor.js';
import type {
  Database,
  HiddenDangerEventsTable,
  HiddenDangerExtensionsTable,
  HiddenDangersTable,
} from '../../db/schema.js';
import { containsPattern, withoutParallelWorkers } from '../../db/sql.js';

type Q = Kysely<Database>;

/** A danger as read: dates as ISO date text, with its enterprise's name. */
export interface DangerRow {
  id: string;
  region_code: string;
  enterprise_id: string;
  enterprise_name: string;
  enterprise_credit_code: string;
  level: string;
  source: string;
  description: string;
  location: string | null;
  standard_item: string | null;
  found_on: string;
  rectification: string;
  measures: string | null;
  deadline: string | null;
  immediate_measures: string[];
  plan: Record<string, string> | null;
  completed_on: string | null;
  completion_note: string | null;
  recheck_due_on: string | null;
  rechecked_on: string | null;
  recheck_passed: boolean | null;
  closed_on: string | null;
  supervised: boolean;
  reported_by_name: string;
  reported_by_org: string;
  version: number;
}

const COLUMNS = sql`d.id, d.region_code, d.enterprise_id, e.name AS enterprise_name,
  e.credit_code AS enterprise_credit_code, d.level, d.source, d.description, d.location, d.standard_item,
  d.found_on::text AS found_on, d.rectification, d.measures, d.deadline::text AS deadline, d.immediate_measures,
  d.plan, d.completed_on::text AS completed_on, d.completion_note, d.recheck_due_on::text AS recheck_due_on,
  d.rechecked_on::text AS rechecked_on, d.recheck_passed, d.closed_on::text AS closed_on, d.supervised,
  d.reported_by_name, d.reported_by_org, d.version`;

/** What a bureau sees (its region subtree) or an enterprise (its own dangers, by credit code). */
function scope(actor: Actor): Expression<SqlBool> {
  return actor.orgKind === 'enterprise'
    ? sql<SqlBool>`e.credit_code = ${actor.creditCode ?? ''}`
    : sql<SqlBool>`d.region_code LIKE ${`${actor.prefix}%`}`;
}

/** The danger in the actor's scope, locked for update when asked; undefined when it is not (a 404). */
export async function findDanger(db: Q, actor: Actor, id: string, forUpdate = false): Promise<DangerRow | undefined> {
  const r = await sql<DangerRow>`
    SELECT ${COLUMNS} FROM hidden_dangers d JOIN enterprises e ON e.region_code = d.region_code AND e.id = d.enterprise_id
    WHERE d.id = ${id} AND ${scope(actor)} ${forUpdate ? sql`FOR UPDATE OF d` : sql``}`.execute(db);
  return r.rows[0];
}

export async function insertDanger(db: Q, row: Insertable<HiddenDangersTable>): Promise<void> {
  await db.insertInto('hidden_dangers').values(row).execute();
}

/** Applies a change to the danger's current state; its history is the event written with it. */
export async function updateDanger(
  db: Q,
  d: { region_code: string; id: string },
  set: Partial<Insertable<HiddenDangersTable>>,
  now: Date,
): Promise<void> {
  await db
    .updateTable('hidden_dangers')
    .set({ ...set, updated_at: now, version: sql`version + 1` })
    .where('region_code', '=', d.region_code)
    .where('id', '=', d.id)
    .execute();
}

/** Appends the next event of the danger's history (the danger row is locked by the caller, so seq is free). */
export async function appendEvent(db: Q, e: Omit<Insertable<HiddenDangerEventsTable>, 'seq'>): Promise<void> {
  await db
    .insertInto('hidden_danger_events')
    .values({
      ...e,
      seq: sql<number>`(SELECT coalesce(max(seq), 0) + 1 FROM hidden_danger_events
        WHERE region_code = ${e.region_code} AND danger_id = ${e.danger_id})`,
    })
    .execute();
}

export async function historyOf(db: Q, d: { region_code: string; id: string }) {
  return db
    .selectFrom('hidden_danger_events')
    .select(['seq', 'kind', 'at', 'actor_name', 'actor_org', 'note', 'data'])
    .where('region_code', '=', d.region_code)
    .where('danger_id', '=', d.id)
    .orderBy('seq')
    .execute();
}

export interface ExtensionRow {
  id: string;
  region_code: string;
  danger_id: string;
  requested_on: string;
  old_deadline: string;
  new_deadline: string;
  reason: string;
  answer_due_on: string;
  status: string;
  requested_by_name: string;
  decided_by_name: string | null;
  decided_on: string | null;
  decision_note: string | null;
}

const EXTENSION_COLUMNS = sql`x.id, x.region_code, x.danger_id, x.requested_on::text AS requested_on,
  x.old_deadline::text AS old_deadline, x.new_deadline::text AS new_deadline, x.reason,
  x.answer_due_on::text AS answer_due_on, x.status, x.requested_by_name, x.decided_by_name,
  x.decided_on::text AS decided_on, x.decision_note`;

export async function extensionsOf(db: Q, d: { region_code: string; id: string }): Promise<ExtensionRow[]> {
  const r = await sql<ExtensionRow>`SELECT ${EXTENSION_COLUMNS} FROM hidden_danger_extensions x
    WHERE x.region_code = ${d.region_code} AND x.danger_id = ${d.id} ORDER BY x.requested_at`.execute(db);
  return r.rows;
}

/** An extension request by id, with its danger in the actor's scope (locked, so a decision is made once). */
export async function findExtension(db: Q, actor: Actor, id: string): Promise<ExtensionRow | undefined> {
  const r = await sql<ExtensionRow>`SELECT ${EXTENSION_COLUMNS} FROM hidden_danger_extensions x
    JOIN hidden_dangers d ON d.region_code = x.region_code AND d.id = x.danger_id
    JOIN enterprises e ON e.region_code = d.region_code AND e.id = d.enterprise_id
    WHERE x.id = ${id} AND ${scope(actor)} FOR UPDATE OF x`.execute(db);
  return r.rows[0];
}

export async function insertExtension(db: Q, row: Insertable<HiddenDangerExtensionsTable>): Promise<void> {
  await db.insertInto('hidden_danger_extensions').values(row).execute();
}

export async function decideExtension(
  db: Q,
  x: { region_code: string; id: string },
  set: {
    status: 'approved' | 'rejected';
    decided_by: string;
    decided_by_name: string;
    decided_at: Date;
    decided_on: LocalDate;
    decision_note: string | null;
  },
): Promise<void> {
  await db
    .updateTable('hidden_danger_extensions')
    .set(set)
    .where('region_code', '=', x.region_code)
    .where('id', '=', x.id)
    .execute();
}

/** The status as SQL, on `today` (domain/hidden-danger.ts dangerStatus). */
function statusIs(status: string, today: LocalDate): Expression<SqlBool> {
  switch (status) {
    case 'closed':
      return sql<SqlBool>`d.closed_on IS NOT NULL`;
    case 'awaiting_recheck':
      return sql<SqlBool>`d.closed_on IS NULL AND d.completed_on IS NOT NULL`;
    case 'open':
      return sql<SqlBool>`d.closed_on IS NULL AND d.completed_on IS NULL AND d.deadline IS NULL`;
    case 'overdue':
      return sql<SqlBool>`d.closed_on IS NULL AND d.completed_on IS NULL AND d.deadline < ${today}::date`;
    default:
      return sql<SqlBool>`d.closed_on IS NULL AND d.completed_on IS NULL AND d.deadline >= ${today}::date`;
  }
}

/** Register totals above this are reported as "at least" (totalExact: false): exact counting is linear in the matches. */
export const DANGER_COUNT_CAP = 10_000;

/** The register: the actor's scope, filtered, newest found first, paged, with the total (counted up to a cap). */
export async function listDangers(
  db: Q,
  actor: Actor,
  f: DangerListQuery,
  today: LocalDate,
): Promise<{ items: DangerRow[]; total: number; totalExact: boolean }> {
  const where = [scope(actor)];
  if (f.regionCode) where.push(sql<SqlBool>`d.region_code LIKE ${`${subtreePrefix(f.regionCode)}%`}`);
  if (f.enterpriseId) where.push(sql<SqlBool>`d.enterprise_id = ${f.enterpriseId}`);
  if (f.level) where.push(sql<SqlBool>`d.level = ${f.level}`);
  if (f.source) where.push(sql<SqlBool>`d.source = ${f.source}`);
  if (f.status) where.push(statusIs(f.status, today));
  if (f.from) where.push(sql<SqlBool>`d.found_on >= ${f.from}::date`);
  if (f.to) where.push(sql<SqlBool>`d.found_on <= ${f.to}::date`);
  if (f.q) {
    const p = containsPattern(f.q);
    where.push(sql<SqlBool>`(e.name LIKE ${p} OR d.description LIKE ${p})`);
  }
  const cond = sql.join(where, sql` AND `);
  // A bureau's filters are all on the danger: the page's keys come from an index alone (migration 0025), then its 20
  // rows are read; an enterprise's scope and the text search need the enterprise in the filter.
  const needsEnterprise = actor.orgKind === 'enterprise' || Boolean(f.q);
  const filtered = needsEnterprise
    ? sql`hidden_dangers d JOIN enterprises e ON e.region_code = d.region_code AND e.id = d.enterprise_id`
    : sql`hidden_dangers d`;
  const [rows, count] = await withoutParallelWorkers(db, async (trx) => {
    return [
      await sql<DangerRow>`WITH page AS (
        SELECT d.region_code, d.id FROM ${filtered} WHERE ${cond}
        ORDER BY d.found_on DESC, d.id DESC LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize})
      SELECT ${COLUMNS} FROM page p JOIN hidden_dangers d ON d.region_code = p.region_code AND d.id = p.id
        JOIN enterprises e ON e.region_code = d.region_code AND e.id = d.enterprise_id
      ORDER BY d.found_on DESC, d.id DESC`.execute(trx),
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${filtered} WHERE ${cond}
      LIMIT ${DANGER_COUNT_CAP + 1}) m`.execute(trx),
    ] as const;
  });
  const n = count.rows[0]?.n ?? 0;
  return { items: rows.rows, total: Math.min(n, DANGER_COUNT_CAP), totalExact: n <= DANGER_COUNT_CAP };
}

export interface StatsRowRaw {
  key: string;
  found: number;
  general: number;
  major: number;
  closed: number;
  closed_on_time: number;
  overdue: number;
  awaiting_recheck: number;
  rechecked: number;
  completed: number;
  supervised: number;
  inspections: number;
  enterprises_inspected: number;
  orders_issued: number;
}

export type EnforcementRowRaw = Pick<StatsRowRaw, 'key' | 'inspections' | 'enterprises_inspected' | 'orders_issued'>;

/**
 * The enforcement beside the dangers, per child region: inspections made in [from, to] and the enterprises they
 * reached, and the orders issued (责令限期整改指令书, 现场处理措施决定书) about enterprises of the region.
 */
export async function enforcementStats(
  db: Q,
  p: { prefix: string; keyLength: number; from: LocalDate; to: LocalDate },
): Promise<EnforcementRowRaw[]> {
  const r = await sql<EnforcementRowRaw>`
    SELECT key, sum(inspections)::int AS inspections, sum(enterprises)::int AS enterprises_inspected,
      sum(orders)::int AS orders_issued
    FROM (
      SELECT left(i.region_code, ${p.keyLength}) AS key, count(*) AS inspections,
        count(DISTINCT i.enterprise_id) AS enterprises, 0 AS orders
      FROM inspections i
      WHERE i.region_code LIKE ${`${p.prefix}%`} AND i.inspected_on BETWEEN ${p.from}::date AND ${p.to}::date
      GROUP BY 1
      UNION ALL
      SELECT left(o.subject_region_code, ${p.keyLength}), 0, 0, count(*)
      FROM issued_documents o
      WHERE o.subject_region_code LIKE ${`${p.prefix}%`} AND o.kind IN ('rectification_order', 'on_site_decision')
        AND o.issued_at >= (${p.from}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
        AND o.issued_at < (${p.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
      GROUP BY 1
    ) x
    GROUP BY key ORDER BY key`.execute(db);
  return r.rows;
}

/**
 * The dangers found in [from, to] under `prefix`, counted per child region (the first `keyLength` digits of the
 * region code) — read from the daily rollup (migration 0026), beside the live count of the open dangers past their
 * deadline on `today` (the one figure that changes without a write).
 */
export async function dangerStats(
  db: Q,
  p: { prefix: string; keyLength: number; from: LocalDate; to: LocalDate; today: LocalDate },
): Promise<(Omit<StatsRowRaw, keyof EnforcementRowRaw> & { key: string })[]> {
  const r = await sql<Omit<StatsRowRaw, keyof EnforcementRowRaw> & { key: string }>`
    SELECT key, sum(found)::int AS found, sum(general)::int AS general, sum(major)::int AS major,
      sum(closed)::int AS closed, sum(closed_on_time)::int AS closed_on_time, sum(overdue)::int AS overdue,
      sum(awaiting_recheck)::int AS awaiting_recheck, sum(rechecked)::int AS rechecked,
      sum(completed)::int AS completed, sum(supervised)::int AS supervised
    FROM (
      SELECT left(r.region_code, ${p.keyLength}) AS key, r.found, r.general, r.major, r.closed, r.closed_on_time,
        0 AS overdue, r.awaiting_recheck, r.rechecked, r.completed, r.supervised
      FROM hidden_danger_daily r
      WHERE r.region_code LIKE ${`${p.prefix}%`} AND r.found_on BETWEEN ${p.from}::date AND ${p.to}::date
      UNION ALL
      SELECT left(d.region_code, ${p.keyLength}), 0, 0, 0, 0, 0, count(*), 0, 0, 0, 0
      FROM hidden_dangers d
      WHERE d.region_code LIKE ${`${p.prefix}%`} AND d.found_on BETWEEN ${p.from}::date AND ${p.to}::date
        AND d.closed_on IS NULL AND d.completed_on IS NULL AND d.deadline < ${p.today}::date
      GROUP BY 1
    ) x
    GROUP BY key
    HAVING sum(found) > 0
    ORDER BY key`.execute(db);
  return r.rows;
}

/** A danger by id alone, whoever asks (the clock's alerts; the enterprise may have moved region since). */
export async function dangerById(db: Q, id: string): Promise<DangerRow | undefined> {
  const r = await sql<DangerRow>`SELECT ${COLUMNS} FROM hidden_dangers d
    JOIN enterprises e ON e.region_code = d.region_code AND e.id = d.enterprise_id
    WHERE d.id = ${id}`.execute(db);
  return r.rows[0];
}

/** The pending extension request of a danger, if any. */
export async function pendingExtension(
  db: Q,
  d: { region_code: string; id: string },
): Promise<ExtensionRow | undefined> {
  const r = await sql<ExtensionRow>`SELECT ${EXTENSION_COLUMNS} FROM hidden_danger_extensions x
    WHERE x.region_code = ${d.region_code} AND x.danger_id = ${d.id} AND x.status = 'pending'`.execute(db);
  return r.rows[0];
}
