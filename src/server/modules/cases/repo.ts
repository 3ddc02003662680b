/** The only SQL of penalty cases (行政处罚案件): the case rows, their history, the statistics and the public decisions. */
import { type Expression, type Insertable, type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import type { CaseListQuery } from '../../../contracts/cases.js';
import type { LocalDate } from '../../../domain/calendar.js';
import { subtreePrefix } from '../../../domain/region-code.js';
import type { Actor } from '../../auth/actor.js';
import type { Database, PenaltyCaseEventsTable, PenaltyCasesTable } from '../../db/schema.js';
import { containsIgnoringCase, containsPattern, withoutParallelWorkers } from '../../db/sql.js';

type Q = Kysely<Database>;

/** A case as read: dates as ISO date text. */
export type CaseRow = Omit<
  Selectable<PenaltyCasesTable>,
  | 'opened_on'
  | 'notice_served_on'
  | 'hearing_requested_on'
  | 'hearing_on'
  | 'hearing_held_on'
  | 'decided_on'
  | 'served_on'
  | 'paid_on'
  | 'filed_on'
  | 'reminder_served_on'
  | 'court_applied_on'
  | 'police_transferred_on'
  | 'correction_deadline'
  | 'correction_verified_on'
  | 'closed_on'
  | 'archived_on'
  | 'next_due_on'
> & {
  opened_on: string | null;
  notice_served_on: string | null;
  hearing_requested_on: string | null;
  hearing_on: string | null;
  hearing_held_on: string | null;
  decided_on: string | null;
  served_on: string | null;
  paid_on: string | null;
  filed_on: string | null;
  reminder_served_on: string | null;
  court_applied_on: string | null;
  police_transferred_on: string | null;
  correction_deadline: string | null;
  correction_verified_on: string | null;
  closed_on: string | null;
  archived_on: string | null;
  next_due_on: string | null;
};

const DATE_COLUMNS = [
  'opened_on',
  'notice_served_on',
  'hearing_requested_on',
  'hearing_on',
  'hearing_held_on',
  'decided_on',
  'served_on',
  'paid_on',
  'filed_on',
  'reminder_served_on',
  'court_applied_on',
  'police_transferred_on',
  'correction_deadline',
  'correction_verified_on',
  'closed_on',
  'archived_on',
  'next_due_on',
] as const;

const COLUMNS = sql.raw(`c.*, ${DATE_COLUMNS.map((c) => `c.${c}::text AS ${c}`).join(', ')}`);

/** What a bureau sees (its region subtree) or an enterprise (the cases whose party it is). */
function scope(actor: Actor): Expression<SqlBool> {
  return actor.orgKind === 'enterprise'
    ? sql<SqlBool>`c.party_credit_code = ${actor.creditCode ?? ''}`
    : sql<SqlBool>`c.region_code LIKE ${`${actor.prefix}%`}`;
}

/** The case in the actor's scope, locked for update when asked; undefined when it is not (a 404). */
export async function findCase(db: Q, actor: Actor, id: string, forUpdate = false): Promise<CaseRow | undefined> {
  const r = await sql<CaseRow>`
    SELECT ${COLUMNS} FROM penalty_cases c WHERE c.id = ${id} AND ${scope(actor)}
    ${forUpdate ? sql`FOR UPDATE` : sql``}`.execute(db);
  return r.rows[0];
}

/** A case by id, whoever asks (the clock engine's jobs). */
export async function caseById(db: Q, id: string, forUpdate = false): Promise<CaseRow | undefined> {
  const r =
    await sql<CaseRow>`SELECT ${COLUMNS} FROM penalty_cases c WHERE c.id = ${id} ${forUpdate ? sql`FOR UPDATE` : sql``}`.execute(
      db,
    );
  return r.rows[0];
}

/** The derived clock state of a case (its next due day, whether a clock lacks a calendar year): not a change of it. */
export async function setClockState(
  db: Q,
  c: { region_code: string; id: string },
  s: { next_due_on: string | null; clock_gap: boolean },
): Promise<void> {
  await db
    .updateTable('penalty_cases')
    .set(s)
    .where('region_code', '=', c.region_code)
    .where('id', '=', c.id)
    .execute();
}

export async function insertCase(db: Q, row: Insertable<PenaltyCasesTable>): Promise<void> {
  await db.insertInto('penalty_cases').values(row).execute();
}

export type CaseChange = Partial<Insertable<PenaltyCasesTable>>;

/** Applies a change to the case's current state; its history is the event written with it. */
export async function updateCase(
  db: Q,
  c: { region_code: string; id: string },
  set: CaseChange,
  now: Date,
): Promise<void> {
  await db
    .updateTable('penalty_cases')
    .set((eb) => ({ ...set, updated_at: now, version: eb('version', '+', 1) }))
    .where('region_code', '=', c.region_code)
    .where('id', '=', c.id)
    .execute();
}

export async function appendEvent(db: Q, e: Omit<Insertable<PenaltyCaseEventsTable>, 'seq'>): Promise<void> {
  await sql`
    INSERT INTO penalty_case_events (region_code, case_id, seq, kind, at, actor_id, actor_name, actor_org, note, data)
    SELECT ${e.region_code}, ${e.case_id}, coalesce(max(seq), 0) + 1, ${e.kind}, ${e.at}, ${e.actor_id ?? null},
      ${e.actor_name}, ${e.actor_org}, ${e.note ?? null}, ${e.data ?? '{}'}::jsonb
    FROM penalty_case_events WHERE region_code = ${e.region_code} AND case_id = ${e.case_id}`.execute(db);
}

export async function eventsOf(db: Q, c: { region_code: string; id: string }) {
  return db
    .selectFrom('penalty_case_events')
    .select(['seq', 'kind', 'at', 'actor_name', 'actor_org', 'note', 'data'])
    .where('region_code', '=', c.region_code)
    .where('case_id', '=', c.id)
    .orderBy('seq')
    .execute();
}

export interface CaseListRow {
  id: string;
  region_code: string;
  procedure: string;
  cause: string;
  party_name: string;
  status: string;
  fine_yuan: number | null;
  opened_on: string | null;
  decided_on: string | null;
  next_due_on: string | null;
  number: string | null;
}

/** The largest total a list counts exactly; beyond it the list says "more than" (a province's years of cases). */
export const COUNT_CAP = 10_000;

/** A page of the register, newest first, and the count (exact up to COUNT_CAP). */
export async function listCases(
  db: Q,
  actor: Actor,
  q: CaseListQuery,
  today: LocalDate,
): Promise<{ rows: CaseListRow[]; total: number; totalExact: boolean }> {
  const where: Expression<SqlBool>[] = [scope(actor)];
  if (q.regionCode) where.push(sql<SqlBool>`c.region_code LIKE ${`${subtreePrefix(q.regionCode)}%`}`);
  if (q.status) where.push(sql<SqlBool>`c.status = ${q.status}`);
  if (q.procedure) where.push(sql<SqlBool>`c.procedure = ${q.procedure}`);
  if (q.enterpriseId) where.push(sql<SqlBool>`c.enterprise_id = ${q.enterpriseId}`);
  if (q.from) where.push(sql<SqlBool>`c.created_at >= ${`${q.from}T00:00:00+08:00`}::timestamptz`);
  if (q.to) where.push(sql<SqlBool>`c.created_at < (${q.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
  if (q.overdue === 'true') where.push(sql<SqlBool>`c.next_due_on < ${today}::date`);
  if (q.overdue === 'false') where.push(sql<SqlBool>`(c.next_due_on IS NULL OR c.next_due_on >= ${today}::date)`);
  return withoutParallelWorkers(db, async (trx) => {
    if (!q.q) {
      const rows = await casePage(trx, where, q);
      const n = await countUpTo(trx, where, COUNT_CAP);
      return { rows, total: Math.min(n, COUNT_CAP), totalExact: n <= COUNT_CAP };
    }
    const text = sql`(c.party_name || ' ' || c.cause)`;
    const matches = containsIgnoringCase(text, q.q);
    const plan = await textPlan(trx, actor, q, where, matches);
    const counted =
      plan === 'rare'
        ? [...where, sql<SqlBool>`c.search_bigrams @> text_bigrams(${q.q})`, matches]
        : [...where, matches];
    // A common term across a city or the province: walking the newest cases fills a page after a few rows;
    // text_contains (migration 0002) steers the planner there, as ILIKE on an expression looks rare to it.
    const paged =
      plan === 'common' ? [...where, sql<SqlBool>`text_contains(${text}, ${containsPattern(q.q)})`] : counted;
    const rows = await casePage(trx, paged, q);
    const n = await countUpTo(trx, counted, TEXT_COUNT_CAP);
    return { rows, total: Math.min(n, TEXT_COUNT_CAP), totalExact: n <= TEXT_COUNT_CAP };
  });
}

/** Share of a sample's rows a term must match to count as common (bench h: 化工 matches 13 %, a firm's name 0.05 %). */
const COMMON_SHARE = 0.05;
const SAMPLE_ROWS = 3_000;

/**
 * How to search a term (bench h, 2,000,000 cases):
 * - a county's (or a unit's) few thousand cases are scanned in the covering index, whatever the term ('scan');
 * - across a city or the province, a rare term is found through the bigram index (migration 0033) ('rare'), but a
 *   common one would read a posting list of a third of the table (200 ms for 化工): it is matched while walking the
 *   scope instead ('common'). Which of the two is told by a sample of the scope read from the covering index.
 */
async function textPlan(
  db: Q,
  actor: Actor,
  q: CaseListQuery,
  where: Expression<SqlBool>[],
  matches: Expression<SqlBool>,
): Promise<'scan' | 'rare' | 'common'> {
  const prefix = q.regionCode ? subtreePrefix(q.regionCode) : actor.prefix;
  if (actor.orgKind === 'enterprise' || prefix.length >= 6) return 'scan';
  const r = await sql<{ hits: number; n: number }>`
    SELECT count(*) FILTER (WHERE ${matches})::int AS hits, count(*)::int AS n
    FROM (SELECT c.party_name, c.cause FROM penalty_cases c WHERE ${sql.join(where, sql` AND `)} LIMIT ${SAMPLE_ROWS}) c`.execute(
    db,
  );
  const { hits = 0, n = 0 } = r.rows[0] ?? {};
  return n > 0 && hits >= n * COMMON_SHARE ? 'common' : 'rare';
}

/** Text search stops counting sooner: each counted match costs a heap fetch and a pattern test. */
export const TEXT_COUNT_CAP = 1_000;

async function countUpTo(db: Q, where: Expression<SqlBool>[], cap: number): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM penalty_cases c WHERE ${sql.join(where, sql` AND `)} LIMIT ${cap + 1}) x`.execute(
    db,
  );
  return r.rows[0]?.n ?? 0;
}

async function casePage(db: Q, where: Expression<SqlBool>[], q: CaseListQuery): Promise<CaseListRow[]> {
  const order = q.overdue === 'true' ? sql`c.next_due_on, c.id` : sql`c.created_at DESC, c.id DESC`;
  // The page's keys first, from an index alone where one covers the filters (a walk newest first skips the rows of other
  // regions or states without reading them: a city's archived cases, page 10, read 48,000 rows for 200), then its rows.
  const page = await sql<CaseListRow>`
      WITH page AS (
        SELECT c.region_code, c.id FROM penalty_cases c WHERE ${sql.join(where, sql` AND `)}
        ORDER BY ${order} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize})
      SELECT c.id, c.region_code, c.procedure, c.cause, c.party_name, c.status, c.fine_yuan, c.opened_on::text AS opened_on,
        c.decided_on::text AS decided_on, c.next_due_on::text AS next_due_on,
        (SELECT d.number FROM issued_documents d WHERE d.subject_region_code = c.region_code
           AND d.subject_type = 'penalty_case' AND d.subject_id = c.id AND d.kind IN ('filing_approval', 'summary_decision')
           ORDER BY d.issued_at LIMIT 1) AS number
      FROM page p JOIN penalty_cases c ON c.region_code = p.region_code AND c.id = p.id
      ORDER BY ${order}`.execute(db);
  return page.rows;
}

/** Cases whose clocks could not all be computed for want of a calendar year. */
export async function casesWithClockGap(db: Q, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('penalty_cases').select('id').where('clock_gap', '=', true).limit(limit).execute();
  return rows.map((r) => r.id);
}

/** Decisions of a unit (by credit code) on or after a day: 安全生产法 第一百一十三条 counts them. */
export async function penaltyDatesOf(db: Q, creditCode: string, since: LocalDate): Promise<string[]> {
  const r = await sql<{ d: string }>`
    SELECT decided_on::text AS d FROM penalty_cases
    WHERE party_credit_code = ${creditCode} AND decided_on >= ${since}::date AND outcome IS DISTINCT FROM 'no_penalty'
      AND outcome IS DISTINCT FROM 'revoked' AND fine_yuan IS NOT NULL
    ORDER BY decided_on`.execute(db);
  return r.rows.map((x) => x.d);
}

/** Whether the enterprise has an open 重大事故隐患. */
export async function hasOpenMajorDanger(db: Q, enterpriseId: string): Promise<boolean> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM hidden_dangers
    WHERE enterprise_id = ${enterpriseId} AND level = 'major' AND closed_at IS NULL`.execute(db);
  return (r.rows[0]?.n ?? 0) > 0;
}

export const STAT_METRICS = [
  'opened',
  'closed',
  'decided',
  'warning',
  'fine',
  'confiscation',
  'suspension',
  'licence',
  'closure',
  'fined_yuan',
  'collected_fen',
  'hearings',
  'reviews',
  'reviews_changed',
  'litigations',
  'litigations_changed',
  'court',
  'police',
  'daily',
  'no_penalty',
] as const;
export type StatMetric = (typeof STAT_METRICS)[number];
export type StatsRow = { key: string } & Record<StatMetric, number>;

/** Adds to the day's counts of the case's county, in the caller's transaction. */
export async function bumpStats(
  db: Q,
  p: { regionCode: string; day: LocalDate; add: Partial<Record<StatMetric, number>> },
): Promise<void> {
  const entries = Object.entries(p.add).filter(([, n]) => n !== 0) as [StatMetric, number][];
  if (!entries.length) return;
  const cols = entries.map(([k]) => sql.ref(k));
  const values = entries.map(([, n]) => sql`${n}`);
  const sets = entries.map(([k]) => sql`${sql.ref(k)} = case_stats_daily.${sql.ref(k)} + excluded.${sql.ref(k)}`);
  await sql`
    INSERT INTO case_stats_daily (region_code, day, ${sql.join(cols)}) VALUES (${p.regionCode}, ${p.day}::date, ${sql.join(values)})
    ON CONFLICT (region_code, day) DO UPDATE SET ${sql.join(sets)}`.execute(db);
}

/**
 * 执法统计 of a jurisdiction over a period, by the first `keyLength` digits of the region (the child regions; a bureau's
 * own cases count on its own row): the sums of the daily counts.
 */
export async function stats(
  db: Q,
  p: { prefix: string; keyLength: number; from: LocalDate; to: LocalDate },
): Promise<StatsRow[]> {
  const sums = STAT_METRICS.map((m) => sql`sum(${sql.ref(m)})::bigint AS ${sql.ref(m)}`);
  const r = await sql<StatsRow>`
    SELECT left(region_code, ${p.keyLength}) AS key, ${sql.join(sums)}
    FROM case_stats_daily
    WHERE region_code LIKE ${`${p.prefix}%`} AND day BETWEEN ${p.from}::date AND ${p.to}::date
    GROUP BY 1 ORDER BY 1`.execute(db);
  return r.rows;
}

export interface PublicDecisionRow {
  id: string;
  region_code: string;
  party_kind: string;
  party_name: string;
  party_credit_code: string | null;
  cause: string;
  violations: unknown;
  discretion_version: string;
  kinds: string[];
  fine_yuan: number | null;
  decided_on: string;
  published_at: Date;
  number: string | null;
  issuer_org: string | null;
}

/** 行政处罚决定公开: published, not withdrawn, newest first. */
export async function publicDecisions(
  db: Q,
  p: { prefix: string; page: number; pageSize: number },
): Promise<{ rows: PublicDecisionRow[]; total: number }> {
  const filter = sql`c.published_at IS NOT NULL AND c.withdrawn_at IS NULL AND c.region_code LIKE ${`${p.prefix}%`}`;
  const [page, counted] = await Promise.all([
    sql<PublicDecisionRow>`
      SELECT c.id, c.region_code, c.party_kind, c.party_name, c.party_credit_code, c.cause, c.violations,
        c.discretion_version, c.kinds,
        c.fine_yuan, c.decided_on::text AS decided_on, c.published_at, d.number, d.issuer_org
      FROM penalty_cases c
      LEFT JOIN LATERAL (SELECT number, issuer_org FROM issued_documents d WHERE d.subject_region_code = c.region_code
        AND d.subject_type = 'penalty_case' AND d.subject_id = c.id AND d.kind IN ('penalty_decision', 'summary_decision')
        ORDER BY d.issued_at LIMIT 1) d ON true
      WHERE ${filter} ORDER BY c.published_at DESC, c.id LIMIT ${p.pageSize} OFFSET ${(p.page - 1) * p.pageSize}`.execute(
      db,
    ),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM penalty_cases c WHERE ${filter}`.execute(db),
  ]);
  return { rows: page.rows, total: counted.rows[0]?.n ?? 0 };
}

/** The court-transfer list: decided, unpaid after the payment day, with the 催告 sent or due. */
export async function unpaidCases(db: Q, actor: Actor, today: LocalDate): Promise<CaseRow[]> {
  const r = await sql<CaseRow>`
    SELECT ${COLUMNS} FROM penalty_cases c
    WHERE ${scope(actor)} AND c.status IN ('served', 'enforcing', 'court') AND c.paid_on IS NULL AND c.fine_yuan > 0
      AND c.next_due_on < ${today}::date
    ORDER BY c.next_due_on, c.id LIMIT 500`.execute(db);
  return r.rows;
}

/** The latest value of a setting of the province (or the national default), with its revision. */
export async function latestSetting(db: Q, regionCode: string, key: string) {
  return db
    .selectFrom('penalty_settings')
    .select(['value', 'revision'])
    .where('region_code', '=', regionCode)
    .where('key', '=', key)
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertSetting(
  db: Q,
  p: { regionCode: string; key: string; value: unknown; by: { id: string; name: string }; at: Date },
): Promise<number> {
  const prev = await latestSetting(db, p.regionCode, p.key);
  const revision = (prev?.revision ?? 0) + 1;
  await db
    .insertInto('penalty_settings')
    .values({
      region_code: p.regionCode,
      key: p.key,
      revision,
      value: JSON.stringify(p.value),
      set_by: p.by.id,
      set_by_name: p.by.name,
      set_at: p.at,
    })
    .execute();
  return revision;
}

/** The province's discretion table in force on a day (the latest version effective by then). */
export async function discretionTableOn(db: Q, provinceCode: string, on: LocalDate) {
  return db
    .selectFrom('discretion_tables')
    .select(['region_code', 'version', 'title', 'effective_from', 'entries'])
    .where('region_code', '=', provinceCode)
    .where('effective_from', '<=', on)
    .orderBy('effective_from', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function discretionTableVersion(db: Q, provinceCode: string, version: number) {
  return db
    .selectFrom('discretion_tables')
    .select(['region_code', 'version', 'title', 'effective_from', 'entries'])
    .where('region_code', '=', provinceCode)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function insertDiscretionTable(
  db: Q,
  p: {
    regionCode: string;
    title: string;
    effectiveFrom: LocalDate;
    entries: unknown;
    by: { id: string; name: string };
    at: Date;
  },
): Promise<number> {
  const r = await sql<{ v: number }>`
    SELECT coalesce(max(version), 0) + 1 AS v FROM discretion_tables WHERE region_code = ${p.regionCode}`.execute(db);
  const version = r.rows[0]?.v ?? 1;
  await db
    .insertInto('discretion_tables')
    .values({
      region_code: p.regionCode,
      version,
      title: p.title,
      effective_from: p.effectiveFrom,
      entries: JSON.stringify(p.entries),
      created_by: p.by.id,
      created_by_name: p.by.name,
      created_at: p.at,
    })
    .execute();
  return version;
}
