/**
 * The only SQL of supervision (分类分级, plans, 双随机 draws): class tables, the facts an enterprise is classed by, the
 * certified roster, plans with their items and the inspections that carry them out, draws and their publication.
 */
import { type Expression, type Insertable, type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import type { LocalDate } from '../../../domain/calendar.js';
import type {
  Database,
  InspectionsTable,
  SupervisionClassRulesTable,
  SupervisionDrawPublicationsTable,
  SupervisionDrawsTable,
  SupervisionPlanItemsTable,
  SupervisionPlansTable,
} from '../../db/schema.js';

type Q = Kysely<Database>;

/** Serialises writers of one key until commit (a rule revision, a bureau's plan of a year). */
export async function lockKey(db: Q, key: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`.execute(db);
}

// ————————————————————————————————————————— class tables

export interface RulesRow {
  region_code: string;
  revision: number;
  class_table: unknown;
  note: string | null;
  created_at: Date;
  created_by_name: string;
}

/** The latest revision of each of `regionCodes` that has one. */
export async function latestRules(db: Q, regionCodes: readonly string[]): Promise<RulesRow[]> {
  if (regionCodes.length === 0) return [];
  const r = await sql<RulesRow>`SELECT DISTINCT ON (region_code) region_code, revision, class_table, note, created_at,
      created_by_name
    FROM supervision_class_rules WHERE region_code IN (${sql.join(regionCodes)})
    ORDER BY region_code, revision DESC`.execute(db);
  return r.rows;
}

export async function insertRules(db: Q, row: Insertable<SupervisionClassRulesTable>): Promise<void> {
  await db.insertInto('supervision_class_rules').values(row).execute();
}

// ————————————————————————————————————————— the facts of enterprises

export interface FactsRow {
  id: string;
  region_code: string;
  name: string;
  industry_code: string;
  sectors: string[];
  top_grade: number | null;
  accidents: number;
  deaths: number;
  failed_licences: { type: string; state: string }[];
  open_major: number;
  /** [{userId, name, cert}] of its latest inspection, or null. */
  last_team: { userId: string }[] | null;
}

/**
 * Each enterprise's facts on `today`: the highest grade of its major hazard units in use; its accidents (not
 * written off) since `since` — by credit code, or by name in its county when the report has no credit code, as the
 * registry matches them; its licence types with no valid licence, each with the state of its latest licence; its
 * open 重大 dangers; and the team of its latest inspection.
 */
export async function enterpriseFacts(
  db: Q,
  f: { prefix: string; ids?: readonly string[]; regionPrefix?: string; since: Date; today: LocalDate },
): Promise<FactsRow[]> {
  const where: Expression<SqlBool>[] = [sql<SqlBool>`e.region_code LIKE ${`${f.prefix}%`}`];
  if (f.regionPrefix !== undefined) where.push(sql<SqlBool>`e.region_code LIKE ${`${f.regionPrefix}%`}`);
  if (f.ids) {
    if (f.ids.length === 0) return [];
    where.push(sql<SqlBool>`e.id IN (${sql.join(f.ids.map((id) => sql`${id}::uuid`))})`);
  } else {
    where.push(sql<SqlBool>`e.status = 'operating'`);
  }
  const r = await sql<FactsRow>`
    SELECT e.id, e.region_code, e.name, e.industry_code, e.sectors,
      (SELECT min(h.grade)::int FROM hazard_units h
        WHERE h.region_code = e.region_code AND h.enterprise_id = e.id AND h.is_major AND h.retired_at IS NULL) AS top_grade,
      acc.n AS accidents, acc.deaths,
      (SELECT coalesce(json_agg(json_build_object('type', l.type,
          'state', CASE WHEN l.status <> 'valid' THEN l.status ELSE 'expired' END) ORDER BY l.type), '[]'::json)
        FROM licences l
        WHERE l.region_code = e.region_code AND l.enterprise_id = e.id
          AND (l.status <> 'valid' OR l.valid_to < ${f.today}::date)
          AND l.valid_from = (SELECT max(m.valid_from) FROM licences m
            WHERE m.region_code = l.region_code AND m.enterprise_id = l.enterprise_id AND m.type = l.type)
          AND NOT EXISTS (SELECT 1 FROM licences v
            WHERE v.region_code = l.region_code AND v.enterprise_id = l.enterprise_id AND v.type = l.type
              AND v.status = 'valid' AND v.valid_to >= ${f.today}::date)) AS failed_licences,
      (SELECT count(*)::int FROM hidden_dangers d
        WHERE d.region_code = e.region_code AND d.enterprise_id = e.id AND d.level = 'major'
          AND d.closed_at IS NULL) AS open_major,
      (SELECT i.team FROM inspections i WHERE i.region_code = e.region_code AND i.enterprise_id = e.id
        ORDER BY i.inspected_on DESC, i.recorded_at DESC LIMIT 1) AS last_team
    FROM enterprises e
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS n, coalesce(sum(x.deaths), 0)::int AS deaths FROM (
        SELECT a.deaths FROM accidents a
          WHERE a.unit_credit_code = e.credit_code AND a.occurred_at >= ${f.since} AND a.written_off_at IS NULL
        UNION ALL
        SELECT a.deaths FROM accidents a
          WHERE a.unit_credit_code IS NULL AND a.region_code LIKE left(e.region_code, 6) || '%'
            AND a.unit_name = e.name AND a.occurred_at >= ${f.since} AND a.written_off_at IS NULL
      ) x
    ) acc ON true
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY e.id`.execute(db);
  return r.rows;
}

/** A certified officer of the bureau (users/repo.ts certifiedOfficers). */
export interface RosterRow {
  id: string;
  name: string;
  cert: string;
}

// ————————————————————————————————————————— draws

export interface DrawRow {
  id: string;
  region_code: string;
  bureau_name: string;
  subject: string;
  plan_id: string | null;
  planned_on: string | null;
  algorithm: string;
  seed: string;
  inputs: unknown;
  result: unknown;
  result_hash: string;
  drawn_on: string;
  created_by_name: string;
  created_at: Date;
  published_on: string | null;
  published_by_name: string | null;
}

const DRAW_COLUMNS = sql`d.id, d.region_code, d.bureau_name, d.subject, d.plan_id, d.planned_on::text AS planned_on,
  d.algorithm, d.seed, d.inputs, d.result, d.result_hash, d.drawn_on::text AS drawn_on, d.created_by_name, d.created_at,
  p.published_on::text AS published_on, p.published_by_name`;
const DRAW_FROM = sql`supervision_draws d
  LEFT JOIN supervision_draw_publications p ON p.region_code = d.region_code AND p.draw_id = d.id`;

export async function insertDraw(db: Q, row: Insertable<SupervisionDrawsTable>): Promise<void> {
  await db.insertInto('supervision_draws').values(row).execute();
}

/** A draw of the jurisdiction (prefix), or undefined (a 404). */
export async function findDraw(db: Q, prefix: string, id: string): Promise<DrawRow | undefined> {
  const r = await sql<DrawRow>`SELECT ${DRAW_COLUMNS} FROM ${DRAW_FROM}
    WHERE d.id = ${id} AND d.region_code LIKE ${`${prefix}%`}`.execute(db);
  return r.rows[0];
}

export async function insertPublication(db: Q, row: Insertable<SupervisionDrawPublicationsTable>): Promise<void> {
  await db.insertInto('supervision_draw_publications').values(row).execute();
}

export type DrawListRow = Omit<DrawRow, 'algorithm' | 'seed' | 'inputs' | 'result' | 'result_hash'> & {
  enterprises: number;
};

/** The draws of a region subtree (of a year, published or not), newest first, paged; their inputs are not read. */
export async function listDraws(
  db: Q,
  f: {
    regionPrefix: string;
    year?: number | undefined;
    published?: boolean | undefined;
    page: number;
    pageSize: number;
  },
): Promise<{ items: DrawListRow[]; total: number }> {
  const cond = sql.join(
    [
      sql`d.region_code LIKE ${`${f.regionPrefix}%`}`,
      ...(f.year === undefined
        ? []
        : [sql`d.drawn_on BETWEEN ${`${f.year}-01-01`}::date AND ${`${f.year}-12-31`}::date`]),
      ...(f.published === undefined ? [] : [f.published ? sql`p.draw_id IS NOT NULL` : sql`p.draw_id IS NULL`]),
    ],
    sql` AND `,
  );
  const [rows, count] = await Promise.all([
    sql<DrawListRow>`SELECT d.id, d.region_code, d.bureau_name, d.subject, d.plan_id, d.planned_on::text AS planned_on,
        d.drawn_on::text AS drawn_on, d.created_by_name, d.created_at, p.published_on::text AS published_on,
        p.published_by_name, jsonb_array_length(d.result) AS enterprises
      FROM ${DRAW_FROM} WHERE ${cond}
      ORDER BY d.drawn_on DESC, d.id DESC LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`.execute(db),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM ${DRAW_FROM} WHERE ${cond}`.execute(db),
  ]);
  return { items: rows.rows, total: count.rows[0]?.n ?? 0 };
}

/** The published draws (of a region subtree), newest publication first, paged. */
export async function listPublished(
  db: Q,
  f: { regionPrefix: string; page: number; pageSize: number },
): Promise<{ items: DrawRow[]; total: number }> {
  const cond = sql`p.draw_id IS NOT NULL AND d.region_code LIKE ${`${f.regionPrefix}%`}`;
  const [rows, count] = await Promise.all([
    sql<DrawRow>`SELECT ${DRAW_COLUMNS} FROM ${DRAW_FROM} WHERE ${cond}
      ORDER BY p.published_at DESC, d.id DESC LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`.execute(db),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM ${DRAW_FROM} WHERE ${cond}`.execute(db),
  ]);
  return { items: rows.rows, total: count.rows[0]?.n ?? 0 };
}

/** A published draw by id, whoever asks; undefined when there is none or it is not public. */
export async function findPublished(db: Q, id: string): Promise<DrawRow | undefined> {
  const r = await sql<DrawRow>`SELECT ${DRAW_COLUMNS} FROM ${DRAW_FROM}
    WHERE d.id = ${id} AND p.draw_id IS NOT NULL`.execute(db);
  return r.rows[0];
}

// ————————————————————————————————————————— plans

/** A plan as read (who created it is in the audit log and not needed to present it). */
export type PlanRow = Omit<Selectable<SupervisionPlansTable>, 'created_by'>;

const PLAN_COLUMNS = sql`id, region_code, year, bureau_name, rules_region_code, rules_revision, first_month, team_size,
  seed, random_draw_id, item_count, created_by_name, created_at`;

export async function insertPlan(db: Q, row: Insertable<SupervisionPlansTable>): Promise<void> {
  await db.insertInto('supervision_plans').values(row).execute();
}

export async function insertItems(db: Q, rows: Insertable<SupervisionPlanItemsTable>[]): Promise<void> {
  // Chunks keep each statement well under the protocol's 65,535 parameters.
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('supervision_plan_items')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export async function planOf(db: Q, regionCode: string, year: number): Promise<PlanRow | undefined> {
  const r = await sql<PlanRow>`SELECT ${PLAN_COLUMNS} FROM supervision_plans
    WHERE region_code = ${regionCode} AND year = ${year}`.execute(db);
  return r.rows[0];
}

export async function findPlan(db: Q, prefix: string, id: string): Promise<PlanRow | undefined> {
  const r = await sql<PlanRow>`SELECT ${PLAN_COLUMNS} FROM supervision_plans
    WHERE id = ${id} AND region_code LIKE ${`${prefix}%`}`.execute(db);
  return r.rows[0];
}

/** The plans of bureaus in a region subtree, optionally of one year, by year and region. */
export async function listPlans(db: Q, f: { regionPrefix: string; year?: number }): Promise<PlanRow[]> {
  const r = await sql<PlanRow>`SELECT ${PLAN_COLUMNS} FROM supervision_plans
    WHERE region_code LIKE ${`${f.regionPrefix}%`} ${f.year === undefined ? sql`` : sql`AND year = ${f.year}`}
    ORDER BY year DESC, region_code, id`.execute(db);
  return r.rows;
}

export type ItemRow = Omit<Selectable<SupervisionPlanItemsTable>, 'region_code' | 'plan_id'>;

export async function itemsOf(db: Q, plan: { region_code: string; id: string }): Promise<ItemRow[]> {
  const r =
    await sql<ItemRow>`SELECT id, enterprise_id, enterprise_region_code, enterprise_name, class, reasons, source,
      month, team, conflict_waived
    FROM supervision_plan_items WHERE region_code = ${plan.region_code} AND plan_id = ${plan.id}
    ORDER BY month, enterprise_name, id`.execute(db);
  return r.rows;
}

/** An inspection as it counts for a plan: whether it was the plan's own bureau's. */
export type CountedInspection = Pick<
  Selectable<InspectionsTable>,
  'id' | 'enterprise_id' | 'plan_item_id' | 'inspected_on'
> & {
  by_bureau: boolean;
};

/**
 * The inspections that may count for a plan: those linked to one of its items, and those of its enterprises by its
 * bureau in its year.
 */
export async function inspectionsFor(db: Q, plan: PlanRow, prefix: string): Promise<CountedInspection[]> {
  const items = sql`SELECT id FROM supervision_plan_items WHERE region_code = ${plan.region_code} AND plan_id = ${plan.id}`;
  const enterprises = sql`SELECT enterprise_id FROM supervision_plan_items
    WHERE region_code = ${plan.region_code} AND plan_id = ${plan.id}`;
  const r = await sql<CountedInspection>`
    SELECT i.id, i.enterprise_id, i.plan_item_id, i.inspected_on::text AS inspected_on,
      (i.bureau_region_code = ${plan.region_code}) AS by_bureau
    FROM inspections i
    WHERE i.plan_item_id IN (${items})
      OR (i.region_code LIKE ${`${prefix}%`} AND i.bureau_region_code = ${plan.region_code}
        AND i.inspected_on BETWEEN ${`${plan.year}-01-01`}::date AND ${`${plan.year}-12-31`}::date
        AND i.enterprise_id IN (${enterprises}))`.execute(db);
  return r.rows;
}
