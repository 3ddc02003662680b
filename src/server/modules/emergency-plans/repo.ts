/** The only SQL of emergency plans (应急预案): plans, versions, filings and their answers, drills, evaluations, statistics. */
import { type Expression, type Insertable, type Kysely, type SqlBool, sql, type Updateable } from 'kysely';
import type { PlanListQuery } from '../../../contracts/emergency-plans.js';
import type { LocalDate } from '../../../domain/calendar.js';
import { subtreePrefix } from '../../../domain/region-code.js';
import type { Actor } from '../../auth/actor.js';
import type {
  Database,
  EmergencyPlanRevisionsTable,
  EmergencyPlansTable,
  PlanAttachmentsTable,
  PlanDrillsTable,
  PlanEvaluationsTable,
  PlanFilingDecisionsTable,
  PlanFilingsTable,
} from '../../db/schema.js';
import { containsPattern } from '../../db/sql.js';

type Q = Kysely<Database>;

/** A plan as read: dates as ISO date text. */
export interface PlanRow {
  id: string;
  region_code: string;
  owner_kind: 'enterprise' | 'government';
  enterprise_id: string | null;
  owner_name: string;
  credit_code: string | null;
  kind: 'comprehensive' | 'special' | 'onsite';
  title: string;
  revision: number;
  published_on: string;
  first_published_on: string;
  filing_required: boolean;
  review_required: boolean;
  high_risk: boolean;
  evaluation_required: boolean;
  filing_revision: number | null;
  filing_status: string;
  filing_due_on: string | null;
  filing_open: boolean;
  check_due_on: string | null;
  drill_due_on: string | null;
  drill_nominal_on: string | null;
  last_drilled_on: string | null;
  evaluation_due_on: string | null;
  evaluation_nominal_on: string | null;
  last_evaluated_on: string | null;
  clock_gap: boolean;
  /** The current filing version was filed on a submission received after its last day. */
  filing_late: boolean;
  created_by_name: string;
  created_at: Date;
  version: number;
}

const COLUMNS = sql`p.id, p.region_code, p.owner_kind, p.enterprise_id, p.owner_name, p.credit_code, p.kind, p.title,
  p.revision, p.published_on::text AS published_on, p.first_published_on::text AS first_published_on,
  p.filing_required, p.review_required, p.high_risk, p.evaluation_required, p.filing_revision, p.filing_status,
  p.filing_due_on::text AS filing_due_on, p.filing_open, p.check_due_on::text AS check_due_on,
  p.drill_due_on::text AS drill_due_on, p.drill_nominal_on::text AS drill_nominal_on,
  p.last_drilled_on::text AS last_drilled_on, p.evaluation_due_on::text AS evaluation_due_on,
  p.evaluation_nominal_on::text AS evaluation_nominal_on, p.last_evaluated_on::text AS last_evaluated_on,
  p.clock_gap, p.created_by_name, p.created_at, p.version,
  EXISTS (SELECT 1 FROM plan_filings lf WHERE lf.region_code = p.region_code AND lf.plan_id = p.id
    AND lf.revision = p.filing_revision AND lf.status IN ('complete', 'deemed')
    AND lf.received_on > p.filing_due_on) AS filing_late`;

/** What a bureau sees (its region subtree) or an enterprise (its own plans, by credit code). */
function scope(actor: Actor): Expression<SqlBool> {
  return actor.orgKind === 'enterprise'
    ? sql<SqlBool>`p.credit_code = ${actor.creditCode ?? ''}`
    : sql<SqlBool>`p.region_code LIKE ${`${actor.prefix}%`}`;
}

/** The plan in the actor's scope (locked when asked), or undefined (a 404). */
export async function findPlan(db: Q, actor: Actor, id: string, forUpdate = false): Promise<PlanRow | undefined> {
  const r = await sql<PlanRow>`SELECT ${COLUMNS} FROM emergency_plans p
    WHERE p.id = ${id} AND ${scope(actor)} ${forUpdate ? sql`FOR UPDATE` : sql``}`.execute(db);
  return r.rows[0];
}

/** A plan by id alone: the clocks' handlers, which act for no user. */
export async function planById(db: Q, id: string): Promise<PlanRow | undefined> {
  const r = await sql<PlanRow>`SELECT ${COLUMNS} FROM emergency_plans p WHERE p.id = ${id}`.execute(db);
  return r.rows[0];
}

export interface Owner {
  region_code: string;
  owner_kind: 'enterprise' | 'government';
  enterprise_id: string | null;
}

function ownerWhere(o: Owner): Expression<SqlBool> {
  return o.owner_kind === 'enterprise'
    ? sql<SqlBool>`p.region_code = ${o.region_code} AND p.enterprise_id = ${o.enterprise_id}`
    : sql<SqlBool>`p.region_code = ${o.region_code} AND p.owner_kind = 'government'`;
}

/** Every plan of an owner (an enterprise, or a government's region), locked: their drill duties are the owner's. */
export async function ownerPlans(db: Q, o: Owner, forUpdate = false): Promise<PlanRow[]> {
  const r = await sql<PlanRow>`SELECT ${COLUMNS} FROM emergency_plans p WHERE ${ownerWhere(o)}
    ORDER BY p.id ${forUpdate ? sql`FOR UPDATE` : sql``}`.execute(db);
  return r.rows;
}

/** The drills of an owner's plans (kind and day): the duties of 第三十三条 are the owner's, not each plan's. */
export async function ownerDrills(
  db: Q,
  o: Owner,
): Promise<{ plan_id: string; plan_kind: string; drilled_on: string; reported_on: string | null }[]> {
  const r = await sql<{ plan_id: string; plan_kind: string; drilled_on: string; reported_on: string | null }>`
    SELECT d.plan_id, d.plan_kind, d.drilled_on::text AS drilled_on, d.reported_on::text AS reported_on
    FROM plan_drills d JOIN emergency_plans p ON p.region_code = d.region_code AND p.id = d.plan_id
    WHERE ${ownerWhere(o)}`.execute(db);
  return r.rows;
}

/** The versions of all the owner's plans, in one query (what each must file: service.ts filingRevisions). */
export async function ownerRevisions(
  db: Q,
  o: Owner,
): Promise<{ plan_id: string; revision: number; published_on: string; requires_filing: boolean }[]> {
  const r = await sql<{ plan_id: string; revision: number; published_on: string; requires_filing: boolean }>`
    SELECT v.plan_id, v.revision, v.published_on::text AS published_on, v.requires_filing
    FROM emergency_plan_revisions v JOIN emergency_plans p ON p.region_code = v.region_code AND p.id = v.plan_id
    WHERE ${ownerWhere(o)} ORDER BY v.plan_id, v.revision`.execute(db);
  return r.rows;
}

/** The latest evaluation day of each of the owner's plans. */
export async function ownerEvaluations(db: Q, o: Owner): Promise<Map<string, string>> {
  const r = await sql<{ plan_id: string; on: string }>`
    SELECT v.plan_id, max(v.evaluated_on)::text AS on
    FROM plan_evaluations v JOIN emergency_plans p ON p.region_code = v.region_code AND p.id = v.plan_id
    WHERE ${ownerWhere(o)} GROUP BY v.plan_id`.execute(db);
  return new Map(r.rows.map((x) => [x.plan_id, x.on]));
}

/** The registry's facts of an enterprise (第二十一条, 第二十六条 classes are read from them). */
export async function registryFacts(
  db: Q,
  e: { region_code: string; id: string },
): Promise<{ sectors: string[]; industry_code: string; scale: string | null; major_hazard_count: number }> {
  return db
    .selectFrom('enterprises')
    .select(['sectors', 'industry_code', 'scale', 'major_hazard_count'])
    .where('region_code', '=', e.region_code)
    .where('id', '=', e.id)
    .executeTakeFirstOrThrow();
}

export async function insertPlan(db: Q, row: Insertable<EmergencyPlansTable>): Promise<void> {
  await db.insertInto('emergency_plans').values(row).execute();
}

export async function updatePlan(
  db: Q,
  p: { region_code: string; id: string },
  set: Updateable<EmergencyPlansTable>,
): Promise<void> {
  await db
    .updateTable('emergency_plans')
    .set(set)
    .where('region_code', '=', p.region_code)
    .where('id', '=', p.id)
    .execute();
}

export async function insertRevision(db: Q, row: Insertable<EmergencyPlanRevisionsTable>): Promise<void> {
  await db.insertInto('emergency_plan_revisions').values(row).execute();
}

export interface RevisionRow {
  revision: number;
  kind: string;
  title: string;
  risks: string[];
  published_on: string;
  signer: string;
  review_kind: string;
  reviewed_on: string | null;
  review_summary: string | null;
  trigger: string | null;
  trigger_note: string | null;
  changes: string[];
  requires_filing: boolean;
  source_drill_id: string | null;
  recorded_by_name: string;
  recorded_at: Date;
}

export async function revisionsOf(db: Q, p: { region_code: string; id: string }): Promise<RevisionRow[]> {
  const r = await sql<RevisionRow>`SELECT revision, kind, title, risks, published_on::text AS published_on, signer,
      review_kind, reviewed_on::text AS reviewed_on, review_summary, trigger, trigger_note, changes, requires_filing,
      source_drill_id, recorded_by_name, recorded_at
    FROM emergency_plan_revisions WHERE region_code = ${p.region_code} AND plan_id = ${p.id}
    ORDER BY revision`.execute(db);
  return r.rows;
}

export interface FilingRow {
  id: string;
  region_code: string;
  plan_id: string;
  revision: number;
  received_on: string;
  check_due_on: string;
  bureau_region_code: string;
  materials: string[];
  note: string | null;
  status: 'submitted' | 'complete' | 'incomplete' | 'deemed';
  submitted_by_name: string;
  submitted_at: Date;
  outcome: 'complete' | 'incomplete' | 'deemed' | null;
  missing: string[] | null;
  decision_note: string | null;
  number: string | null;
  document_id: string | null;
  decided_on: string | null;
  decided_at: Date | null;
  decided_by_name: string | null;
  decided_org: string | null;
}

const FILING_COLUMNS = sql`f.id, f.region_code, f.plan_id, f.revision, f.received_on::text AS received_on,
  f.check_due_on::text AS check_due_on, f.bureau_region_code, f.materials, f.note, f.status, f.submitted_by_name, f.submitted_at,
  x.outcome, x.missing, x.note AS decision_note, x.number, x.document_id, x.decided_on::text AS decided_on,
  x.decided_at, x.decided_by_name, x.decided_org`;
const FILING_FROM = sql`plan_filings f
  LEFT JOIN plan_filing_decisions x ON x.region_code = f.region_code AND x.filing_id = f.id`;

export async function filingsOf(db: Q, p: { region_code: string; id: string }): Promise<FilingRow[]> {
  const r = await sql<FilingRow>`SELECT ${FILING_COLUMNS} FROM ${FILING_FROM}
    WHERE f.region_code = ${p.region_code} AND f.plan_id = ${p.id} ORDER BY f.submitted_at, f.id`.execute(db);
  return r.rows;
}

/** The filings of an owner's plans (each plan's filing state is recomputed from them). */
export async function ownerFilings(db: Q, o: Owner): Promise<FilingRow[]> {
  const r = await sql<FilingRow>`SELECT ${FILING_COLUMNS} FROM ${FILING_FROM}
    JOIN emergency_plans p ON p.region_code = f.region_code AND p.id = f.plan_id
    WHERE ${ownerWhere(o)} ORDER BY f.submitted_at, f.id`.execute(db);
  return r.rows;
}

/** A filing whose plan is in the actor's scope (locked when asked), with its plan's id. */
export async function findFiling(db: Q, actor: Actor, id: string, forUpdate = false): Promise<FilingRow | undefined> {
  const r = await sql<FilingRow>`SELECT ${FILING_COLUMNS} FROM ${FILING_FROM}
    JOIN emergency_plans p ON p.region_code = f.region_code AND p.id = f.plan_id
    WHERE f.id = ${id} AND ${scope(actor)} ${forUpdate ? sql`FOR UPDATE OF f` : sql``}`.execute(db);
  return r.rows[0];
}

export async function filingById(db: Q, id: string, forUpdate = false): Promise<FilingRow | undefined> {
  const r = await sql<FilingRow>`SELECT ${FILING_COLUMNS} FROM ${FILING_FROM}
    WHERE f.id = ${id} ${forUpdate ? sql`FOR UPDATE OF f` : sql``}`.execute(db);
  return r.rows[0];
}

export async function insertFiling(db: Q, row: Insertable<PlanFilingsTable>): Promise<void> {
  await db.insertInto('plan_filings').values(row).execute();
}

/** The answer to a submission: the decision row (append-only) and the filing's status, set once from 'submitted'. */
export async function decideFiling(db: Q, row: Insertable<PlanFilingDecisionsTable>): Promise<boolean> {
  const changed = await db
    .updateTable('plan_filings')
    .set({ status: row.outcome })
    .where('region_code', '=', row.region_code)
    .where('id', '=', row.filing_id)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  if (Number(changed.numUpdatedRows) !== 1) return false;
  await db.insertInto('plan_filing_decisions').values(row).execute();
  return true;
}

export async function insertDrill(db: Q, row: Insertable<PlanDrillsTable>): Promise<void> {
  await db.insertInto('plan_drills').values(row).execute();
}

export interface DrillRow {
  id: string;
  plan_kind: string;
  drilled_on: string;
  form: string;
  participants: number;
  participant_units: string | null;
  scenario: string;
  evaluated_on: string | null;
  evaluation_summary: string | null;
  problems: { description: string; revisionNeeded: boolean }[];
  reported_on: string | null;
  recorded_by_name: string;
  recorded_at: Date;
}

export async function drillsOf(db: Q, p: { region_code: string; id: string }): Promise<DrillRow[]> {
  const r = await sql<DrillRow>`SELECT id, plan_kind, drilled_on::text AS drilled_on, form, participants,
      participant_units, scenario, evaluated_on::text AS evaluated_on, evaluation_summary, problems,
      reported_on::text AS reported_on, recorded_by_name, recorded_at
    FROM plan_drills WHERE region_code = ${p.region_code} AND plan_id = ${p.id}
    ORDER BY drilled_on DESC, id DESC`.execute(db);
  return r.rows;
}

export async function insertEvaluation(db: Q, row: Insertable<PlanEvaluationsTable>): Promise<void> {
  await db.insertInto('plan_evaluations').values(row).execute();
}

export interface EvaluationRow {
  id: string;
  revision: number;
  evaluated_on: string;
  conclusion: string;
  revision_needed: boolean;
  recorded_by_name: string;
  recorded_at: Date;
}

export async function evaluationsOf(db: Q, p: { region_code: string; id: string }): Promise<EvaluationRow[]> {
  const r = await sql<EvaluationRow>`SELECT id, revision, evaluated_on::text AS evaluated_on, conclusion,
      revision_needed, recorded_by_name, recorded_at
    FROM plan_evaluations WHERE region_code = ${p.region_code} AND plan_id = ${p.id}
    ORDER BY evaluated_on DESC, id DESC`.execute(db);
  return r.rows;
}

export async function insertAttachment(db: Q, row: Insertable<PlanAttachmentsTable>): Promise<void> {
  await db.insertInto('plan_attachments').values(row).execute();
}

export interface AttachmentRow {
  id: string;
  revision: number;
  kind: string;
  sha256: string;
  file_name: string;
  content_type: string;
  size: number;
  uploaded_by_name: string;
  uploaded_at: Date;
}

export async function attachmentsOf(db: Q, p: { region_code: string; id: string }): Promise<AttachmentRow[]> {
  return db
    .selectFrom('plan_attachments')
    .select([
      'id',
      'revision',
      'kind',
      'sha256',
      'file_name',
      'content_type',
      'size',
      'uploaded_by_name',
      'uploaded_at',
    ])
    .where('region_code', '=', p.region_code)
    .where('plan_id', '=', p.id)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
}

// ————————————————————————————————————————— lists

function overdueSql(kind: string, today: LocalDate): Expression<SqlBool> {
  const filing = sql<SqlBool>`(p.filing_open AND p.filing_due_on < ${today})`;
  const check = sql<SqlBool>`(p.check_due_on < ${today})`;
  const drill = sql<SqlBool>`(p.drill_due_on < ${today})`;
  const evaluation = sql<SqlBool>`(p.evaluation_due_on < ${today})`;
  switch (kind) {
    case 'filing':
      return filing;
    case 'check':
      return check;
    case 'drill':
      return drill;
    case 'evaluation':
      return evaluation;
    default:
      return sql<SqlBool>`(${filing} OR ${check} OR ${drill} OR ${evaluation})`;
  }
}

/** The due day an overdue list is ordered by: that kind's own (the longest overdue first); for any, the earliest. */
function overdueDay(kind: string): Expression<string> {
  const filing = sql<string>`CASE WHEN p.filing_open THEN p.filing_due_on END`;
  switch (kind) {
    case 'filing':
      return filing;
    case 'check':
      return sql<string>`p.check_due_on`;
    case 'drill':
      return sql<string>`p.drill_due_on`;
    case 'evaluation':
      return sql<string>`p.evaluation_due_on`;
    default:
      return sql<string>`LEAST(${filing}, p.check_due_on, p.drill_due_on, p.evaluation_due_on)`;
  }
}

export async function listPlans(
  db: Q,
  actor: Actor,
  q: PlanListQuery,
  today: LocalDate,
): Promise<{ rows: PlanRow[]; total: number }> {
  const parts: Expression<SqlBool>[] = [scope(actor)];
  if (q.regionCode) parts.push(sql<SqlBool>`p.region_code LIKE ${`${subtreePrefix(q.regionCode)}%`}`);
  if (q.enterpriseId) parts.push(sql<SqlBool>`p.enterprise_id = ${q.enterpriseId}`);
  // The stored status never says overdue: a pending filing past its last day is.
  if (q.status === 'overdue') parts.push(sql<SqlBool>`p.filing_status = 'pending' AND p.filing_due_on < ${today}`);
  else if (q.status === 'pending')
    parts.push(sql<SqlBool>`p.filing_status = 'pending' AND (p.filing_due_on IS NULL OR p.filing_due_on >= ${today})`);
  else if (q.status) parts.push(sql<SqlBool>`p.filing_status = ${q.status}`);
  if (q.kind) parts.push(sql<SqlBool>`p.kind = ${q.kind}`);
  if (q.ownerKind) parts.push(sql<SqlBool>`p.owner_kind = ${q.ownerKind}`);
  if (q.overdue) parts.push(overdueSql(q.overdue, today));
  for (const term of q.q?.trim().split(/\s+/).filter(Boolean) ?? []) {
    const pattern = containsPattern(term);
    parts.push(sql<SqlBool>`(p.title LIKE ${pattern} OR p.owner_name LIKE ${pattern})`);
  }
  const where = sql.join(parts, sql` AND `);
  // Overdue lists: the longest overdue first; the register: newest first.
  const order = q.overdue ? sql`${overdueDay(q.overdue)}, p.id` : sql`p.created_at DESC, p.id DESC`;
  const [rows, counted] = await Promise.all([
    sql<PlanRow>`SELECT ${COLUMNS} FROM emergency_plans p WHERE ${where}
      ORDER BY ${order} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`.execute(db),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM emergency_plans p WHERE ${where}`.execute(db),
  ]);
  return { rows: rows.rows, total: counted.rows[0]?.n ?? 0 };
}

/** Plans whose clocks reached a year without an official calendar. */
export async function plansWithClockGap(db: Q, limit: number): Promise<PlanRow[]> {
  const r = await sql<PlanRow>`SELECT ${COLUMNS} FROM emergency_plans p WHERE p.clock_gap LIMIT ${limit}`.execute(db);
  return r.rows;
}

// ————————————————————————————————————————— statistics

export interface StatsRaw {
  key: string;
  plans: number;
  filing_due: number;
  filed: number;
  filed_on_time: number;
  filing_overdue: number;
  decided_complete: number;
  decided_incomplete: number;
  deemed: number;
  drills: number;
  drills_evaluated: number;
  drill_overdue: number;
  evaluation_overdue: number;
}

/**
 * The figures of a region's children over a period, in one statement:
 * - filing duties: versions that must be filed (requires_filing) whose 20th working day falls in the period — the last
 *   day is computed on the platform's calendar when the version is written and kept on the plan for its current
 *   filing version (filing_due_on), so a duty is counted by the plan's current filing version;
 * - filed: those with a complete or deemed answer; on time: submitted (received) on or before the last day of a
 *   submission that was not refused as incomplete; overdue: not filed and the last day passed (before today);
 * - answers, drills and drills with a 评估报告 by their day in the period;
 * - drills and evaluations overdue today (a snapshot).
 */
export async function stats(
  db: Q,
  p: { prefix: string; keyLength: number; from: LocalDate; to: LocalDate; today: LocalDate },
): Promise<StatsRaw[]> {
  const like = `${p.prefix}%`;
  const k = p.keyLength;
  const r = await sql<StatsRaw>`
    WITH duty AS (
      SELECT p.region_code, p.id, p.filing_due_on, p.filing_status,
        EXISTS (SELECT 1 FROM plan_filings f WHERE f.region_code = p.region_code AND f.plan_id = p.id
          AND f.revision = p.filing_revision AND f.status IN ('complete', 'deemed', 'submitted')
          AND f.received_on <= p.filing_due_on) AS on_time
      FROM emergency_plans p
      WHERE p.region_code LIKE ${like} AND p.filing_revision IS NOT NULL AND p.filing_required
        AND p.filing_due_on BETWEEN ${p.from} AND ${p.to}
    ), rows AS (
      SELECT substr(p.region_code, 1, ${k}) AS key, 1 AS plans, 0 AS filing_due, 0 AS filed, 0 AS filed_on_time,
        0 AS filing_overdue, 0 AS decided_complete, 0 AS decided_incomplete, 0 AS deemed, 0 AS drills,
        0 AS drills_evaluated, (p.drill_due_on < ${p.today})::int AS drill_overdue,
        (p.evaluation_due_on < ${p.today})::int AS evaluation_overdue
      FROM emergency_plans p WHERE p.region_code LIKE ${like}
      UNION ALL
      SELECT substr(d.region_code, 1, ${k}), 0, 1, (d.filing_status IN ('filed', 'deemed'))::int,
        (d.filing_status IN ('filed', 'deemed') AND d.on_time)::int,
        (d.filing_status NOT IN ('filed', 'deemed', 'submitted') AND d.filing_due_on < ${p.today})::int,
        0, 0, 0, 0, 0, 0, 0
      FROM duty d
      UNION ALL
      SELECT substr(x.region_code, 1, ${k}), 0, 0, 0, 0, 0, (x.outcome = 'complete')::int,
        (x.outcome = 'incomplete')::int, (x.outcome = 'deemed')::int, 0, 0, 0, 0
      FROM plan_filing_decisions x
      WHERE x.region_code LIKE ${like} AND x.decided_on BETWEEN ${p.from} AND ${p.to}
      UNION ALL
      SELECT substr(d.region_code, 1, ${k}), 0, 0, 0, 0, 0, 0, 0, 0, 1, (d.evaluated_on IS NOT NULL)::int, 0, 0
      FROM plan_drills d
      WHERE d.region_code LIKE ${like} AND d.drilled_on BETWEEN ${p.from} AND ${p.to}
    )
    SELECT key, sum(plans)::int AS plans, sum(filing_due)::int AS filing_due, sum(filed)::int AS filed,
      sum(filed_on_time)::int AS filed_on_time, sum(filing_overdue)::int AS filing_overdue,
      sum(decided_complete)::int AS decided_complete, sum(decided_incomplete)::int AS decided_incomplete,
      sum(deemed)::int AS deemed, sum(drills)::int AS drills, sum(drills_evaluated)::int AS drills_evaluated,
      sum(drill_overdue)::int AS drill_overdue, sum(evaluation_overdue)::int AS evaluation_overdue
    FROM rows GROUP BY key ORDER BY key`.execute(db);
  return r.rows;
}
