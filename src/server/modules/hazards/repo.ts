/** The only place with major-hazard register SQL (hazard_units, evaluations, censuses; migration 0011). */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { subtreePrefix } from '../../../domain/region-code.js';
import type { Actor } from '../../auth/actor.js';
import type { Database } from '../../db/schema.js';
import { containsPattern, type Paging } from '../../db/sql.js';
import { enterpriseScope } from '../enterprises/repo.js';

type Q = Kysely<Database>;

export interface UnitRow {
  id: string;
  region_code: string;
  enterprise_id: string;
  enterprise_name: string;
  credit_code: string;
  longitude: number | null;
  latitude: number | null;
  kind: string;
  name: string;
  substances: unknown;
  exposed_people: number;
  items: unknown;
  s: number;
  r: number;
  alpha: number;
  is_major: boolean;
  grade: number | null;
  principal_name: string | null;
  principal_phone: string | null;
  technical_name: string | null;
  technical_phone: string | null;
  operation_name: string | null;
  operation_phone: string | null;
  filing_status: string;
  filing_no: string | null;
  filed_at: string | null;
  retired_at: Date | null;
  version: number;
  updated_at: Date;
}

const UNIT_COLUMNS = sql`h.id, h.region_code, h.enterprise_id, e.name AS enterprise_name, e.credit_code,
  e.longitude::float8 AS longitude, e.latitude::float8 AS latitude, h.kind, h.name, h.substances, h.exposed_people,
  h.items, h.s::float8 AS s, h.r::float8 AS r, h.alpha::float8 AS alpha, h.is_major, h.grade,
  h.principal_name, h.principal_phone, h.technical_name, h.technical_phone, h.operation_name, h.operation_phone,
  h.filing_status, h.filing_no, h.filed_at::text AS filed_at, h.retired_at, h.version, h.updated_at`;

const FROM_UNITS = sql`hazard_units h JOIN enterprises e ON e.region_code = h.region_code AND e.id = h.enterprise_id`;

export async function findUnit(db: Q, actor: Actor, id: string, forUpdate = false): Promise<UnitRow | undefined> {
  const lock = forUpdate ? sql`FOR UPDATE OF h` : sql``;
  const { rows } = await sql<UnitRow>`SELECT ${UNIT_COLUMNS} FROM ${FROM_UNITS}
    WHERE h.id = ${id} AND ${enterpriseScope(actor)} ${lock}`.execute(db);
  return rows[0];
}

export async function unitsOf(db: Q, e: { region_code: string; id: string }): Promise<UnitRow[]> {
  const { rows } = await sql<UnitRow>`SELECT ${UNIT_COLUMNS} FROM ${FROM_UNITS}
    WHERE h.region_code = ${e.region_code} AND h.enterprise_id = ${e.id}
    ORDER BY h.retired_at NULLS FIRST, h.grade NULLS LAST, h.name, h.id`.execute(db);
  return rows;
}

export interface UnitValues {
  kind: string;
  name: string;
  substances: string;
  exposed_people: number;
  items: string;
  s: number;
  r: number;
  alpha: number;
  is_major: boolean;
  grade: number | null;
  principal_name: string | null;
  principal_phone: string | null;
  technical_name: string | null;
  technical_phone: string | null;
  operation_name: string | null;
  operation_phone: string | null;
  filing_status: string;
  filing_no: string | null;
  filed_at: string | null;
}

export async function insertUnit(
  db: Q,
  key: { id: string; regionCode: string; enterpriseId: string },
  v: UnitValues,
  at: Date,
): Promise<void> {
  await db
    .insertInto('hazard_units')
    .values({
      id: key.id,
      region_code: key.regionCode,
      enterprise_id: key.enterpriseId,
      ...v,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

export async function updateUnit(
  db: Q,
  key: { id: string; regionCode: string },
  changes: Partial<UnitValues> & { retired_at?: Date },
  at: Date,
): Promise<void> {
  await db
    .updateTable('hazard_units')
    .set({ ...changes, updated_at: at, version: sql`version + 1` })
    .where('region_code', '=', key.regionCode)
    .where('id', '=', key.id)
    .execute();
}

export interface EvaluationValues {
  substances: string;
  exposed_people: number;
  items: string;
  s: number;
  r: number;
  alpha: number;
  is_major: boolean;
  grade: number | null;
}

/** Appends the unit's next evaluation (seq 1, 2, …); the unit row is locked by the caller. */
export async function appendEvaluation(
  db: Q,
  key: { unitId: string; regionCode: string },
  v: EvaluationValues,
  by: { userId: string; name: string; at: Date },
): Promise<void> {
  await sql`
    INSERT INTO hazard_unit_evaluations
      (region_code, unit_id, seq, at, by_user, by_name, substances, exposed_people, items, s, r, alpha, is_major, grade)
    SELECT ${key.regionCode}, ${key.unitId}, coalesce(max(seq), 0) + 1, ${by.at}, ${by.userId}, ${by.name},
           ${v.substances}::jsonb, ${v.exposed_people}, ${v.items}::jsonb, ${v.s}, ${v.r}, ${v.alpha}, ${v.is_major},
           ${v.grade}
    FROM hazard_unit_evaluations WHERE unit_id = ${key.unitId}`.execute(db);
}

export interface EvaluationRow {
  seq: number;
  at: Date;
  by_name: string;
  s: number;
  r: number;
  alpha: number;
  is_major: boolean;
  grade: number | null;
  exposed_people: number;
  substances: unknown;
}

export async function evaluationsOf(db: Q, u: { region_code: string; id: string }): Promise<EvaluationRow[]> {
  const { rows } = await sql<EvaluationRow>`
    SELECT seq, at, by_name, s::float8 AS s, r::float8 AS r, alpha::float8 AS alpha, is_major, grade, exposed_people,
           substances
    FROM hazard_unit_evaluations WHERE unit_id = ${u.id}
    ORDER BY seq DESC`.execute(db);
  return rows;
}

/** Keeps the enterprise's major-hazard summary (count, highest grade) equal to its current units. */
export async function refreshEnterpriseHazards(db: Q, e: { regionCode: string; id: string }): Promise<void> {
  await sql`
    UPDATE enterprises SET
      major_hazard_count = u.n,
      top_hazard_grade = u.top
    FROM (
      SELECT count(*)::int AS n, min(grade) AS top FROM hazard_units
      WHERE region_code = ${e.regionCode} AND enterprise_id = ${e.id} AND is_major AND retired_at IS NULL
    ) u
    WHERE enterprises.region_code = ${e.regionCode} AND enterprises.id = ${e.id}`.execute(db);
}

// ————————————————————————————————————————— lists

export interface UnitFilter {
  regionCode?: string | undefined;
  grade?: number | undefined;
  filingStatus?: string | undefined;
  q?: string | undefined;
  all?: boolean | undefined;
}

/** Totals above this are reported as "at least" (totalExact: false), as in the accident list. */
export const UNIT_COUNT_CAP = 10_000;
/** Text search stops counting sooner (the web shows "500+"): each counted match costs a join and a pattern test. */
export const UNIT_TEXT_COUNT_CAP = 500;

type TextPlan = 'none' | 'indexed' | 'common';

/**
 * The filter, with the scope on the unit's own region for a bureau (so counting needs no join) and on the
 * enterprise's credit code for an enterprise. `text`: how a name search is written — `indexed` lets the bigram
 * GIN index on enterprises find the candidates (rare terms), `common` uses the opaque text_contains (migration
 * 0002) so the planner walks the ordered unit index and tests each row (common terms fill a page at once).
 */
function unitWhere(actor: Actor, f: UnitFilter, text: TextPlan): RawBuilder<unknown> {
  const parts = [sql`h.retired_at IS NULL`];
  if (!f.all) parts.push(sql`h.is_major`);
  if (actor.orgKind === 'enterprise') parts.push(sql`${enterpriseScope(actor)}`);
  const prefix = f.regionCode ? subtreePrefix(f.regionCode) : actor.orgKind === 'bureau' ? actor.prefix : '';
  if (prefix) parts.push(sql`h.region_code LIKE ${`${prefix}%`}`);
  if (f.grade) parts.push(sql`h.grade = ${f.grade}`);
  if (f.filingStatus) parts.push(sql`h.filing_status = ${f.filingStatus}`);
  const q = f.q?.trim();
  if (q && text === 'indexed') {
    parts.push(sql`text_bigrams(e.name || ' ' || e.address) @> text_bigrams(${q})
      AND (e.name || ' ' || e.address) ILIKE ${containsPattern(q)}`);
  }
  if (q && text === 'common') parts.push(sql`text_contains(e.name || ' ' || e.address, ${containsPattern(q)})`);
  return sql.join(parts, sql` AND `);
}

async function countUpTo(db: Q, from: RawBuilder<unknown>, where: RawBuilder<unknown>, cap: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from} WHERE ${where} LIMIT ${cap + 1}) m`.execute(db);
  return rows[0]?.n ?? 0;
}

/**
 * 重大危险源 of a jurisdiction (or every unit with `all`), highest grade first, then the most recently changed, with
 * a capped count. Served by the partial indexes of migration 0011 on (grade, updated_at) and (updated_at).
 */
export async function listUnits(db: Q, actor: Actor, f: UnitFilter, p: Paging) {
  const order = f.all ? sql`h.updated_at DESC, h.id` : sql`h.grade, h.updated_at DESC, h.id`;
  const page = (where: RawBuilder<unknown>) =>
    sql<UnitRow>`SELECT ${UNIT_COLUMNS} FROM ${FROM_UNITS} WHERE ${where} ORDER BY ${order}
      LIMIT ${p.pageSize} OFFSET ${(p.page - 1) * p.pageSize}`.execute(db);
  if (!f.q?.trim()) {
    // A bureau's count needs no join: the scope is on the unit's region (enterprises: the join names the unit).
    const from = actor.orgKind === 'enterprise' ? FROM_UNITS : sql`hazard_units h`;
    const where = unitWhere(actor, f, 'none');
    const [rows, n] = await Promise.all([page(where), countUpTo(db, from, where, UNIT_COUNT_CAP)]);
    return { items: rows.rows, total: Math.min(n, UNIT_COUNT_CAP), totalExact: n <= UNIT_COUNT_CAP };
  }
  // How common is the term? Count the matching enterprises (bigram index, capped): a rare term is joined from them,
  // a common one is tested while walking the units in the list's order.
  const q = f.q.trim();
  const prefix = f.regionCode ? subtreePrefix(f.regionCode) : actor.orgKind === 'bureau' ? actor.prefix : '';
  const named = await countUpTo(
    db,
    sql`enterprises e`,
    sql`${enterpriseScope(actor)} AND e.region_code LIKE ${`${prefix}%`}
        AND text_bigrams(e.name || ' ' || e.address) @> text_bigrams(${q})
        AND (e.name || ' ' || e.address) ILIKE ${containsPattern(q)}`,
    UNIT_TEXT_COUNT_CAP,
  );
  const where = unitWhere(actor, f, named > UNIT_TEXT_COUNT_CAP ? 'common' : 'indexed');
  const [rows, n] = await Promise.all([page(where), countUpTo(db, FROM_UNITS, where, UNIT_TEXT_COUNT_CAP)]);
  return { items: rows.rows, total: Math.min(n, UNIT_TEXT_COUNT_CAP), totalExact: n <= UNIT_TEXT_COUNT_CAP };
}

export interface SummaryRow {
  /** null on the total row. */
  key: string | null;
  total: number;
  g1: number;
  g2: number;
  g3: number;
  g4: number;
  unfiled: number;
}

/** Current 重大危险源 per child region (by code prefix; the rest under `self`) and in all (is_total), by grade. */
export async function summaryByChild(
  db: Q,
  actor: Actor,
  region: { prefix: string; self: string; children: readonly { code: string; prefix: string }[] },
): Promise<(SummaryRow & { is_total: boolean })[]> {
  const children = region.children.length
    ? sql`coalesce((SELECT ch.code FROM (VALUES ${sql.join(
        region.children.map((c) => sql`(${c.code}::text, ${c.prefix}::text)`),
      )}) AS ch (code, prefix) WHERE starts_with(g.region_code, ch.prefix)), ${region.self}::text)`
    : sql`${region.self}::text`;
  const { rows } = await sql<SummaryRow & { is_total: boolean }>`
    WITH g AS (
      SELECT h.region_code, count(*)::int AS total,
        count(*) FILTER (WHERE h.grade = 1)::int AS g1, count(*) FILTER (WHERE h.grade = 2)::int AS g2,
        count(*) FILTER (WHERE h.grade = 3)::int AS g3, count(*) FILTER (WHERE h.grade = 4)::int AS g4,
        count(*) FILTER (WHERE h.filing_status = 'unfiled')::int AS unfiled
      FROM ${FROM_UNITS}
      WHERE ${enterpriseScope(actor)} AND h.is_major AND h.retired_at IS NULL AND h.region_code LIKE ${`${region.prefix}%`}
      GROUP BY h.region_code
    ), m AS (SELECT ${children} AS key, g.* FROM g)
    SELECT m.key, GROUPING(m.key) = 1 AS is_total, sum(total)::int AS total, sum(g1)::int AS g1, sum(g2)::int AS g2,
           sum(g3)::int AS g3, sum(g4)::int AS g4, sum(unfiled)::int AS unfiled
    FROM m GROUP BY GROUPING SETS ((m.key), ()) ORDER BY is_total, m.key`.execute(db);
  return rows;
}

export interface PointRow {
  id: string;
  name: string;
  region_code: string;
  longitude: number;
  latitude: number;
  top_hazard_grade: number | null;
  major_hazard_count: number;
  sectors: string[];
}

/** Enterprises with coordinates in a region, major hazards first (bounded: a map shows a few thousand). */
export async function mapPoints(
  db: Q,
  actor: Actor,
  f: { regionCode?: string | undefined; majorHazard?: boolean | undefined },
  limit: number,
): Promise<PointRow[]> {
  const region = f.regionCode ? sql`AND e.region_code LIKE ${`${subtreePrefix(f.regionCode)}%`}` : sql``;
  const major = f.majorHazard ? sql`AND e.major_hazard_count > 0` : sql``;
  const { rows } = await sql<PointRow>`
    SELECT e.id, e.name, e.region_code, e.longitude::float8 AS longitude, e.latitude::float8 AS latitude,
           e.top_hazard_grade, e.major_hazard_count, e.sectors
    FROM enterprises e
    WHERE ${enterpriseScope(actor)} ${region} ${major} AND e.longitude IS NOT NULL AND e.latitude IS NOT NULL
      AND e.status <> 'closed'
    ORDER BY e.top_hazard_grade NULLS LAST, e.id
    LIMIT ${limit}`.execute(db);
  return rows;
}

// ————————————————————————————————————————— census

export interface CensusRow {
  id: string;
  region_code: string;
  name: string;
  starts_on: string;
  ends_on: string;
  sectors: string[];
  created_at: Date;
}

const CENSUS_COLUMNS = sql`c.id, c.region_code, c.name, c.starts_on::text AS starts_on, c.ends_on::text AS ends_on,
  c.sectors, c.created_at`;

export async function insertCensus(db: Q, row: Omit<CensusRow, 'created_at'> & { created_by: string; at: Date }) {
  await db
    .insertInto('hazard_censuses')
    .values({
      id: row.id,
      region_code: row.region_code,
      region_prefix: subtreePrefix(row.region_code),
      name: row.name,
      starts_on: row.starts_on,
      ends_on: row.ends_on,
      sectors: row.sectors,
      created_by: row.created_by,
      created_at: row.at,
    })
    .execute();
}

/**
 * A census an actor may see: a bureau sees campaigns of its own region, its ancestors (it takes part in them) and
 * its subtree; an enterprise sees the campaigns covering its region.
 */
function censusVisible(actor: Actor, regionCode: string) {
  const covers = sql`starts_with(${regionCode}::text, c.region_prefix)`;
  return actor.orgKind === 'enterprise' ? covers : sql`(${covers} OR c.region_code LIKE ${`${actor.prefix}%`})`;
}

export async function findCensus(db: Q, actor: Actor, id: string): Promise<CensusRow | undefined> {
  const { rows } = await sql<CensusRow>`SELECT ${CENSUS_COLUMNS} FROM hazard_censuses c
    WHERE c.id = ${id} AND ${censusVisible(actor, actor.regionCode)}`.execute(db);
  return rows[0];
}

export async function listCensuses(db: Q, actor: Actor): Promise<CensusRow[]> {
  const { rows } = await sql<CensusRow>`SELECT ${CENSUS_COLUMNS} FROM hazard_censuses c
    WHERE ${censusVisible(actor, actor.regionCode)} ORDER BY c.starts_on DESC, c.id LIMIT 200`.execute(db);
  return rows;
}

export interface ProgressRow {
  /** null on the total row. */
  key: string | null;
  enterprises: number;
  returned: number;
  units: number;
  major_units: number;
}

/**
 * Per child region (and the whole, key null): enterprises asked (operating, in the sectors), those that returned,
 * and the units they declared, in one statement.
 */
export async function censusProgress(
  db: Q,
  census: CensusRow,
  region: { prefix: string; self: string; children: readonly { code: string; prefix: string }[] },
): Promise<(ProgressRow & { is_total: boolean })[]> {
  const sectors = census.sectors.length ? sql`AND e.sectors && ${census.sectors}::text[]` : sql``;
  const child = region.children.length
    ? sql`coalesce((SELECT ch.code FROM (VALUES ${sql.join(
        region.children.map((c) => sql`(${c.code}::text, ${c.prefix}::text)`),
      )}) AS ch (code, prefix) WHERE starts_with(g.region_code, ch.prefix)), ${region.self}::text)`
    : sql`${region.self}::text`;
  const { rows } = await sql<ProgressRow & { is_total: boolean }>`
    WITH g AS (
      SELECT e.region_code, count(*)::int AS enterprises, count(r.enterprise_id)::int AS returned,
             coalesce(sum(r.units), 0)::int AS units, coalesce(sum(r.major_units), 0)::int AS major_units
      FROM enterprises e
      LEFT JOIN hazard_census_returns r
        ON r.census_id = ${census.id} AND r.region_code = e.region_code AND r.enterprise_id = e.id
      WHERE e.region_code LIKE ${`${region.prefix}%`} AND e.status = 'operating' ${sectors}
      GROUP BY e.region_code
    ), m AS (SELECT ${child} AS key, g.* FROM g)
    SELECT m.key, GROUPING(m.key) = 1 AS is_total, sum(enterprises)::int AS enterprises, sum(returned)::int AS returned,
           sum(units)::int AS units, sum(major_units)::int AS major_units
    FROM m GROUP BY GROUPING SETS ((m.key), ()) ORDER BY is_total, m.key`.execute(db);
  return rows;
}

/** The enterprise's return for a census: its current units now (a later return replaces the earlier). */
export async function upsertReturn(
  db: Q,
  key: { censusId: string; regionCode: string; enterpriseId: string },
  by: { userId: string; at: Date },
): Promise<{ units: number; major_units: number }> {
  const { rows } = await sql<{ units: number; major_units: number }>`
    INSERT INTO hazard_census_returns (region_code, census_id, enterprise_id, units, major_units, submitted_by, submitted_at)
    SELECT ${key.regionCode}, ${key.censusId}, ${key.enterpriseId}, count(*)::int,
           (count(*) FILTER (WHERE is_major))::int, ${by.userId}, ${by.at}
    FROM hazard_units WHERE region_code = ${key.regionCode} AND enterprise_id = ${key.enterpriseId} AND retired_at IS NULL
    ON CONFLICT (region_code, census_id, enterprise_id) DO UPDATE
      SET units = EXCLUDED.units, major_units = EXCLUDED.major_units, submitted_by = EXCLUDED.submitted_by,
          submitted_at = EXCLUDED.submitted_at
    RETURNING units, major_units`.execute(db);
  return rows[0] ?? { units: 0, major_units: 0 };
}
