/** The only place with accident SQL. */
import { type Insertable, type Kysely, type QueryCreator, type RawBuilder, type Selectable, sql } from 'kysely';
import type { ListAccidentsQuery } from '../../../contracts/accidents.js';
import { subtreePrefix } from '../../../domain/region-code.js';
import { HOUR_MS } from '../../../domain/time.js';
import type { Actor } from '../../auth/actor.js';
import type {
  AccidentChainTable,
  AccidentRevisionsTable,
  AccidentsTable,
  AuditLogTable,
  Database,
  DeadlineAlertsTable,
} from '../../db/schema.js';
import { containsPattern } from '../../db/sql.js';
import { answerQuery } from '../idempotency/repo.js';
import type { PendingAnswer } from '../idempotency/service.js';
import type { ChainStateRow, NodeFactsRow } from './chain-state.js';

export type AccidentRow = Selectable<AccidentsTable>;
export type ChainRow = Selectable<AccidentChainTable>;
export type RevisionRow = Selectable<AccidentRevisionsTable>;

type Q = Kysely<Database>;

/** Jurisdiction as SQL: a bureau sees its region subtree, an enterprise its own unit. */
export function inScope(actor: Actor) {
  // An enterprise sees what it filed and what the bureaus filed about its unit (same credit code).
  return actor.orgKind === 'enterprise'
    ? sql<boolean>`(a.enterprise_org_id = ${actor.orgId} OR a.unit_credit_code = ${actor.creditCode ?? ''})`
    : sql<boolean>`a.region_code LIKE ${`${actor.prefix}%`}`;
}

export async function findInScope(
  db: Q,
  actor: Actor,
  id: string,
  forUpdate = false,
): Promise<AccidentRow | undefined> {
  let q = db.selectFrom('accidents as a').selectAll('a').where('a.id', '=', id).where(inScope(actor));
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function chainOf(db: Q, a: { region_code: string; id: string }): Promise<ChainRow[]> {
  return db
    .selectFrom('accident_chain')
    .selectAll()
    .where('region_code', '=', a.region_code)
    .where('accident_id', '=', a.id)
    .execute();
}

export async function revisionsOf(db: Q, a: { region_code: string; id: string }): Promise<RevisionRow[]> {
  return db
    .selectFrom('accident_revisions')
    .selectAll()
    .where('region_code', '=', a.region_code)
    .where('accident_id', '=', a.id)
    .orderBy('no')
    .execute();
}

/** A report's first rows: the accident, its chain, its first revision and its audit row. */
export interface FilingRows {
  accident: Omit<Insertable<AccidentsTable>, 'report_no'>;
  chain: Insertable<AccidentChainTable>[];
  revision: Insertable<AccidentRevisionsTable>;
  audit: Insertable<AuditLogTable>;
  /** The report's own number (a historical record's), or the county and day whose running number it takes. */
  reportNo: string | { countyCode: string; day: string };
  /** The Idempotency-Key answer to store in the same statement: `body` gets the report number put in. */
  answer?: (PendingAnswer & { body: unknown }) | undefined;
}

const NO_USER = '00000000-0000-0000-0000-000000000000';

/**
 * Writes a new report in one statement and returns its number. The county's running number of the day
 * (县代码-日期-序号) is taken in the same statement from report_counters, and the Idempotency-Key's answer is stored
 * in it too: the counter row (and the month's statistics rollup row, by the accidents trigger) are what filings of
 * one county share, locked from here to commit — so this is the transaction's last statement.
 */
export async function insertFiling(db: Q, f: FilingRows): Promise<string> {
  const counter = typeof f.reportNo === 'string' ? undefined : f.reportNo;
  const reportNo = counter
    ? // lpad would cut a number past 999; the width grows instead.
      sql<string>`(SELECT ${`${counter.countyCode}-${counter.day}-`} || lpad(n.seq::text, greatest(3, length(n.seq::text)), '0') FROM n)`
    : sql<string>`${f.reportNo}`;
  // A historical record with its own number takes none: `n` is then an empty row.
  const withCounter = counter
    ? db.with('n', (q) =>
        q
          .insertInto('report_counters')
          .values({ region_code: counter.countyCode, day: counter.day, seq: 1 })
          .onConflict((oc) => oc.columns(['region_code', 'day']).doUpdateSet({ seq: sql`report_counters.seq + 1` }))
          .returning('seq'),
      )
    : db.with('n', (q) => q.selectNoFrom(sql<number>`NULL::int`.as('seq')));
  const row = await withCounter
    .with('a', (q) =>
      q
        .insertInto('accidents')
        .values({ ...f.accident, report_no: reportNo })
        .returning('report_no'),
    )
    .with('c', (q) => q.insertInto('accident_chain').values(f.chain))
    .with('r', (q) => q.insertInto('accident_revisions').values(f.revision))
    .with('l', (q) => q.insertInto('audit_log').values(f.audit))
    .with('k', (q) =>
      answerQuery(
        // The answer touches no CTE of this statement but `a` (in raw SQL): the base schema's types are enough.
        q as unknown as QueryCreator<Database>,
        f.answer ?? { userId: NO_USER, key: '', status: 0 },
        sql<string>`jsonb_set(${JSON.stringify(f.answer?.body ?? {})}::jsonb, '{reportNo}', to_jsonb((SELECT report_no FROM a)))`,
      ).where(sql<boolean>`${f.answer !== undefined}`),
    )
    .selectFrom('a')
    .select('report_no')
    .executeTakeFirstOrThrow();
  return row.report_no;
}

/**
 * Serialises report creation within one county until commit (an import holds it over a batch of rows), so its
 * natural-key and duplicate checks hold against every other filing there. A single quick report takes the same
 * lock shared, plus its unit's own locks (lockUnitForFiling).
 */
export async function lockCountyForFiling(db: Q, countyCode: string): Promise<void> {
  // A transaction keeps the lock until it ends: taking it again (an import files many rows in one) costs nothing.
  const held = db.isTransaction ? heldCountyLocks(db) : undefined;
  if (held?.has(countyCode)) return;
  await sql`SELECT pg_advisory_xact_lock(${countyLockKey(countyCode)})`.execute(db);
  held?.add(countyCode);
}

function countyLockKey(countyCode: string) {
  return sql`hashtext(${`accident-filing:${countyCode}`})`;
}

/**
 * 杜绝重报 under concurrent filing, without queueing a whole county: two filings can only be duplicates of each
 * other if they share the unit's name or its credit code, so each filing locks those (in one order: no deadlock),
 * and the county only in shared mode (it still waits for an import of that county, which holds it exclusively).
 * Held until commit. One round trip.
 */
export async function lockUnitForFiling(db: Q, p: UnitOfFiling): Promise<void> {
  // An import holds the whole county already.
  if (db.isTransaction && heldCountyLocks(db).has(p.countyCode)) return;
  await sql`SELECT ${unitLocks(p)}`.execute(db);
}

export interface UnitOfFiling {
  countyCode: string;
  unitName: string;
  unitCreditCode: string | null;
}

/** The lock expressions of lockUnitForFiling, for a caller that runs them inside another statement. */
export function unitLocks(p: UnitOfFiling): RawBuilder<unknown> {
  const keys = [`name:${p.unitName}`, ...(p.unitCreditCode ? [`code:${p.unitCreditCode}`] : [])]
    .map((k) => `accident-filing:${p.countyCode}:${k}`)
    .sort();
  const unit = keys.map((k) => sql`pg_advisory_xact_lock(hashtextextended(${k}, 0))`);
  // Evaluated left to right: the county's shared lock first, then the unit's in sorted order.
  return sql`(pg_advisory_xact_lock_shared(${countyLockKey(p.countyCode)}), ${sql.join(unit)})`;
}

const countyLocks = new WeakMap<Q, Set<string>>();

function heldCountyLocks(trx: Q): Set<string> {
  let held = countyLocks.get(trx);
  if (!held) {
    held = new Set();
    countyLocks.set(trx, held);
  }
  return held;
}

/** Which of these accident ids the actor may read. */
export async function visibleIds(db: Q, actor: Actor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('accidents as a')
    .select('a.id')
    .where('a.id', 'in', ids)
    .where(inScope(actor))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** 疑似重复: same county, occurrence within ±2 h, same unit name or credit code. */
export async function findDuplicates(
  db: Q,
  p: { countyCode: string; occurredAt: Date; unitName: string; unitCreditCode?: string | undefined },
): Promise<{ id: string; report_no: string }[]> {
  const window = 2 * HOUR_MS;
  return db
    .selectFrom('accidents')
    .select(['id', 'report_no'])
    .where('region_code', 'like', `${p.countyCode}%`)
    .where('occurred_at', '>=', new Date(p.occurredAt.getTime() - window))
    .where('occurred_at', '<=', new Date(p.occurredAt.getTime() + window))
    .where((eb) =>
      p.unitCreditCode
        ? eb.or([eb('unit_name', '=', p.unitName), eb('unit_credit_code', '=', p.unitCreditCode)])
        : eb('unit_name', '=', p.unitName),
    )
    .orderBy('occurred_at')
    .limit(10)
    .execute();
}

/** Totals above this are reported as "at least" (totalExact: false): exact counting is linear in the matches. */
export const COUNT_CAP = 10_000;
/** Text search stops counting sooner: each counted match costs a heap fetch and a pattern test. */
export const TEXT_COUNT_CAP = 1_000;

type AccidentQuery = ReturnType<typeof filtered>;

function filtered(db: Q, actor: Actor, f: ListAccidentsQuery, now: Date) {
  let q = db.selectFrom('accidents as a').where(inScope(actor));
  if (f.regionCode) q = q.where('a.region_code', 'like', `${subtreePrefix(f.regionCode)}%`);
  if (f.from) q = q.where('a.occurred_at', '>=', new Date(f.from));
  if (f.to) q = q.where('a.occurred_at', '<', new Date(f.to));
  if (f.grade) q = q.where('a.grade', '=', f.grade);
  if (f.accidentType) q = q.where('a.accident_type', '=', f.accidentType);
  if (f.industryCode) q = q.where('a.industry_code', 'like', `${f.industryCode}%`);
  if (f.domain) q = q.where('a.domain', '=', f.domain);
  if (f.status === 'done') q = q.where('a.next_due_at', 'is', null);
  if (f.status === 'pending') q = q.where('a.next_due_at', '>=', now);
  if (f.status === 'overdue') q = q.where('a.next_due_at', '<', now);
  return q;
}

function pageOf(q: AccidentQuery, f: ListAccidentsQuery) {
  return q
    .selectAll('a')
    .orderBy('a.occurred_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
}

async function countUpTo(db: Q, q: AccidentQuery, cap: number): Promise<number> {
  const row = await db
    .selectFrom(
      q
        .select(sql`1`.as('one'))
        .limit(cap + 1)
        .as('m'),
    )
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function listInScope(db: Q, actor: Actor, f: ListAccidentsQuery, now: Date) {
  const base = filtered(db, actor, f, now);
  if (!f.q) {
    const [items, n] = await Promise.all([pageOf(base, f), countUpTo(db, base, COUNT_CAP)]);
    return { items, total: Math.min(n, COUNT_CAP), totalExact: n <= COUNT_CAP };
  }
  const text = sql`(a.unit_name || ' ' || a.address || ' ' || a.report_no)`;
  const matches = sql<boolean>`${text} ILIKE ${containsPattern(f.q)}`;
  // The bigram containment lets the GIN index find the candidate rows; ILIKE keeps the exact meaning.
  const indexed = base.where(sql<boolean>`text_bigrams(${text}) @> text_bigrams(${f.q}) AND ${matches}`);
  const n = await countUpTo(db, indexed, TEXT_COUNT_CAP);
  // A rare term: the index finds every match and few rows are left to sort. A common term: walking the
  // newest-first index and testing each row fills a page after a few rows; text_contains (migration 0002)
  // steers the planner there, as it cannot tell the two cases apart by itself.
  const common = sql<boolean>`text_contains(${text}, ${containsPattern(f.q)})`;
  const items = await pageOf(n > TEXT_COUNT_CAP ? base.where(common) : indexed, f);
  return { items, total: Math.min(n, TEXT_COUNT_CAP), totalExact: n <= TEXT_COUNT_CAP };
}

export async function regionExists(db: Q, code: string): Promise<{ level: string; full_name: string } | undefined> {
  return db.selectFrom('regions').select(['level', 'full_name']).where('code', '=', code).executeTakeFirst();
}

export interface SummaryDayRow {
  date: string;
  reports: number;
  deaths: number;
  serious_injuries: number;
  general: number;
  larger: number;
  major: number;
  especially_major: number;
}

export interface SummaryTotalsRow {
  reports: number;
  deaths: number;
  serious_injuries: number;
  direct_loss_yuan: number;
  overdue: number;
  pending: number;
}

/**
 * Per Asia/Shanghai calendar day from `firstDay` for `days` days (days without reports included), and totals,
 * of the accidents in scope that occurred in [from, to). Statistical figures (stat_*), as they decide the grade.
 * Every aggregate is cast to int/bigint so PGlite and pg both return numbers.
 */
export async function summaryInScope(
  db: Q,
  actor: Actor,
  p: { firstDay: string; days: number; from: Date; to: Date; regionCode?: string | undefined; now: Date },
): Promise<{ days: SummaryDayRow[]; totals: SummaryTotalsRow }> {
  const region = p.regionCode ? sql`AND a.region_code LIKE ${`${subtreePrefix(p.regionCode)}%`}` : sql``;
  // Written-off records (核销) leave every statistic, this overview included.
  const inWindow = sql`${inScope(actor)} AND a.written_off_at IS NULL AND a.occurred_at >= ${p.from} AND a.occurred_at < ${p.to} ${region}`;
  const [days, totals] = await Promise.all([
    sql<SummaryDayRow>`
      WITH d AS (
        SELECT (${p.firstDay}::date + i) AS day FROM generate_series(0, ${p.days - 1}::int) AS i
      ), x AS (
        SELECT (a.occurred_at AT TIME ZONE 'Asia/Shanghai')::date AS day, a.grade,
               a.stat_deaths, a.stat_serious_injuries
        FROM accidents a
        WHERE ${inWindow}
      )
      SELECT to_char(d.day, 'YYYY-MM-DD') AS date,
             count(x.day)::int AS reports,
             coalesce(sum(x.stat_deaths), 0)::int AS deaths,
             coalesce(sum(x.stat_serious_injuries), 0)::int AS serious_injuries,
             count(*) FILTER (WHERE x.grade = 'general')::int AS general,
             count(*) FILTER (WHERE x.grade = 'larger')::int AS larger,
             count(*) FILTER (WHERE x.grade = 'major')::int AS major,
             count(*) FILTER (WHERE x.grade = 'especially_major')::int AS especially_major
      FROM d LEFT JOIN x ON x.day = d.day
      GROUP BY d.day
      ORDER BY d.day`.execute(db),
    sql<SummaryTotalsRow>`
      SELECT count(*)::int AS reports,
             coalesce(sum(a.stat_deaths), 0)::int AS deaths,
             coalesce(sum(a.stat_serious_injuries), 0)::int AS serious_injuries,
             coalesce(sum(a.stat_direct_loss_yuan), 0)::bigint AS direct_loss_yuan,
             count(*) FILTER (WHERE a.next_due_at < ${p.now})::int AS overdue,
             count(*) FILTER (WHERE a.next_due_at >= ${p.now})::int AS pending
      FROM accidents a
      WHERE ${inWindow}`.execute(db),
  ]);
  return { days: days.rows, totals: totals.rows[0] as SummaryTotalsRow };
}

// ————————————————————————————————————————— deadline watcher

/** What the deadline watcher reads of an accident: its deadlines' facts and what an alert shows. */
export type WatchedAccident = Pick<
  AccidentRow,
  'id' | 'region_code' | 'report_no' | 'unit_name' | 'unit_credit_code' | 'enterprise_org_id' | 'target_level'
> &
  NodeFactsRow;

/** Accidents whose earliest unmet deadline falls in (since, until], earliest first. */
export async function accidentsDueBetween(
  db: Q,
  p: { since: Date; until: Date; limit: number },
): Promise<WatchedAccident[]> {
  return db
    .selectFrom('accidents')
    .select([
      'id',
      'region_code',
      'report_no',
      'unit_name',
      'unit_credit_code',
      'enterprise_org_id',
      'target_level',
      'occurred_at',
      'domain',
      'complete_at',
      'day7_report_at',
      'final_at',
      'source',
    ])
    .where('next_due_at', '<=', p.until)
    .where('next_due_at', '>', p.since)
    .orderBy('next_due_at')
    .limit(p.limit)
    .execute();
}

export type WatchedChainRow = ChainStateRow & Pick<ChainRow, 'accident_id'>;

/** The chain entries of several accidents at once. */
export async function chainsOf(
  db: Q,
  accidents: readonly { region_code: string; id: string }[],
): Promise<WatchedChainRow[]> {
  if (accidents.length === 0) return [];
  return db
    .selectFrom('accident_chain')
    .select([
      'accident_id',
      'level',
      'received_at',
      'forwarded_at',
      'due_at',
      'signed_at',
      'skipped',
      'applicable',
      'originated',
    ])
    .where((eb) =>
      eb(
        eb.refTuple('region_code', 'accident_id'),
        'in',
        accidents.map((a) => eb.tuple(a.region_code, a.id)),
      ),
    )
    .execute();
}

export type DeadlineAlertRow = Selectable<DeadlineAlertsTable>;

/**
 * Records the alerts not yet in the ledger, in one statement, and returns those this call recorded — the
 * ones to send. NOT EXISTS skips the alerts already sent (most of them, every tick) without attempting an
 * insert; ON CONFLICT settles a race with another instance recording the same alert.
 */
export async function recordNewAlerts(db: Q, alerts: readonly DeadlineAlertRow[]): Promise<DeadlineAlertRow[]> {
  if (alerts.length === 0) return [];
  const values = sql.join(
    alerts.map(
      (a) =>
        sql`(${a.region_code}, ${a.accident_id}::uuid, ${a.deadline}, ${a.due_at}::timestamptz, ${a.stage}, ${a.sent_at}::timestamptz)`,
    ),
  );
  const { rows } = await sql<DeadlineAlertRow>`
    INSERT INTO deadline_alerts (region_code, accident_id, deadline, due_at, stage, sent_at)
    SELECT v.region_code, v.accident_id, v.deadline, v.due_at, v.stage, v.sent_at
    FROM (VALUES ${values}) AS v (region_code, accident_id, deadline, due_at, stage, sent_at)
    WHERE NOT EXISTS (
      SELECT 1 FROM deadline_alerts d
      WHERE d.region_code = v.region_code AND d.accident_id = v.accident_id AND d.deadline = v.deadline
        AND d.due_at = v.due_at AND d.stage = v.stage
    )
    ON CONFLICT DO NOTHING
    RETURNING region_code, accident_id, deadline, due_at, stage, sent_at`.execute(db);
  return rows;
}

// ————————————————————————————————————————— housekeeping

/** Forgets idempotency keys created before `before`; returns how many. */
export async function purgeIdempotencyKeys(db: Q, before: Date): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
