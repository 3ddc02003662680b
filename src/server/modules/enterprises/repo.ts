/** The only place with enterprise and licence SQL (migration 0011). */
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import { LICENCE_SECTOR, LICENSED_SECTORS } from '../../../domain/enterprise.js';
import { subtreePrefix } from '../../../domain/region-code.js';
import type { Actor } from '../../auth/actor.js';
import type { Database } from '../../db/schema.js';
import { containsPattern, type Paging } from '../../db/sql.js';
import type { AuditRow } from '../audit/repo.js';

type Q = Kysely<Database>;

export interface EnterpriseRow {
  id: string;
  region_code: string;
  credit_code: string;
  name: string;
  address: string;
  longitude: number | null;
  latitude: number | null;
  industry_code: string;
  sectors: string[];
  scale: string | null;
  legal_representative: string | null;
  principal_name: string | null;
  principal_phone: string | null;
  safety_manager_name: string | null;
  safety_manager_phone: string | null;
  employees: number | null;
  status: string;
  major_hazard_count: number;
  top_hazard_grade: number | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface LicenceRow {
  id: string;
  region_code: string;
  enterprise_id: string;
  type: string;
  number: string;
  scope: string | null;
  issuer: string;
  valid_from: string;
  valid_to: string;
  status: string;
  version: number;
}

/** What a bureau sees (its region subtree) or an enterprise (its own record, by credit code). */
export function enterpriseScope(actor: Actor): Expression<SqlBool> {
  return actor.orgKind === 'enterprise'
    ? sql<SqlBool>`e.credit_code = ${actor.creditCode ?? ''}`
    : sql<SqlBool>`e.region_code LIKE ${`${actor.prefix}%`}`;
}

const ENTERPRISE_COLUMNS = sql`e.id, e.region_code, e.credit_code, e.name, e.address,
  e.longitude::float8 AS longitude, e.latitude::float8 AS latitude, e.industry_code, e.sectors, e.scale,
  e.legal_representative, e.principal_name, e.principal_phone, e.safety_manager_name, e.safety_manager_phone,
  e.employees, e.status, e.major_hazard_count, e.top_hazard_grade, e.version, e.created_at, e.updated_at`;

const LICENCE_COLUMNS = sql`l.id, l.region_code, l.enterprise_id, l.type, l.number, l.scope, l.issuer,
  l.valid_from::text AS valid_from, l.valid_to::text AS valid_to, l.status, l.version`;

export interface EnterpriseFilter {
  q?: string | undefined;
  regionCode?: string | undefined;
  sector?: string | undefined;
  status?: string | undefined;
  industry?: string | undefined;
  majorHazard?: boolean | undefined;
}

/** A credit code (or its beginning) is searched as a prefix; anything else as text in the name or address. */
const CREDIT_CODE_PREFIX = /^[0-9A-HJ-NPQRTUWXY]{6,18}$/;

function termSql(term: string) {
  const code = term.toUpperCase();
  return CREDIT_CODE_PREFIX.test(code)
    ? sql`(e.credit_code LIKE ${`${code}%`} OR e.name ILIKE ${containsPattern(term)})`
    : sql`text_bigrams(e.name || ' ' || e.address) @> text_bigrams(${term})
          AND (e.name || ' ' || e.address) ILIKE ${containsPattern(term)}`;
}

function filterSql(actor: Actor, f: EnterpriseFilter) {
  const parts = [sql`${enterpriseScope(actor)}`];
  if (f.regionCode) parts.push(sql`e.region_code LIKE ${`${subtreePrefix(f.regionCode)}%`}`);
  if (f.sector) parts.push(sql`e.sectors @> ARRAY[${f.sector}]::text[]`);
  if (f.status) parts.push(sql`e.status = ${f.status}`);
  if (f.industry) parts.push(sql`e.industry_code LIKE ${`${f.industry}%`}`);
  if (f.majorHazard !== undefined)
    parts.push(f.majorHazard ? sql`e.major_hazard_count > 0` : sql`e.major_hazard_count = 0`);
  // Several words (鑫泰 化工) must all match; a word shaped like a credit code is also its beginning (any case).
  for (const term of f.q?.trim().split(/\s+/).filter(Boolean) ?? []) parts.push(termSql(term));
  return sql.join(parts, sql` AND `);
}

export async function listEnterprises(
  db: Q,
  actor: Actor,
  f: EnterpriseFilter,
  p: Paging,
): Promise<{ items: EnterpriseRow[]; total: number }> {
  const where = filterSql(actor, f);
  const [rows, counted] = await Promise.all([
    sql<EnterpriseRow>`SELECT ${ENTERPRISE_COLUMNS} FROM enterprises e WHERE ${where}
      ORDER BY e.name, e.id LIMIT ${p.pageSize} OFFSET ${(p.page - 1) * p.pageSize}`.execute(db),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM enterprises e WHERE ${where}`.execute(db),
  ]);
  return { items: rows.rows, total: counted.rows[0]?.n ?? 0 };
}

/** Every row of a filtered list, for export (bounded by the caller). */
export async function allEnterprises(
  db: Q,
  actor: Actor,
  f: EnterpriseFilter,
  limit: number,
): Promise<EnterpriseRow[]> {
  const rows = await sql<EnterpriseRow>`SELECT ${ENTERPRISE_COLUMNS} FROM enterprises e
    WHERE ${filterSql(actor, f)} ORDER BY e.region_code, e.name, e.id LIMIT ${limit}`.execute(db);
  return rows.rows;
}

export async function findEnterprise(
  db: Q,
  actor: Actor,
  id: string,
  forUpdate = false,
): Promise<EnterpriseRow | undefined> {
  const lock = forUpdate ? sql`FOR UPDATE` : sql``;
  const rows = await sql<EnterpriseRow>`SELECT ${ENTERPRISE_COLUMNS} FROM enterprises e
    WHERE e.id = ${id} AND ${enterpriseScope(actor)} ${lock}`.execute(db);
  return rows.rows[0];
}

export async function findByCreditCode(
  db: Q,
  creditCode: string,
): Promise<{ id: string; region_code: string } | undefined> {
  return db
    .selectFrom('enterprises')
    .select(['id', 'region_code'])
    .where('credit_code', '=', creditCode)
    .executeTakeFirst();
}

export type EnterpriseValues = Omit<
  EnterpriseRow,
  'id' | 'major_hazard_count' | 'top_hazard_grade' | 'version' | 'created_at' | 'updated_at'
>;

export async function insertEnterprise(db: Q, id: string, v: EnterpriseValues, at: Date): Promise<boolean> {
  const inserted = await db
    .insertInto('enterprises')
    .values({ id, ...v, created_at: at, updated_at: at })
    .onConflict((oc) => oc.column('credit_code').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function updateEnterprise(
  db: Q,
  key: { regionCode: string; id: string },
  changes: Partial<EnterpriseValues>,
  at: Date,
): Promise<void> {
  await db
    .updateTable('enterprises')
    .set({ ...changes, updated_at: at, version: sql`version + 1` })
    .where('region_code', '=', key.regionCode)
    .where('id', '=', key.id)
    .execute();
}

// ————————————————————————————————————————— licences

export async function licencesOf(db: Q, e: { region_code: string; id: string }): Promise<LicenceRow[]> {
  const rows = await sql<LicenceRow>`SELECT ${LICENCE_COLUMNS} FROM licences l
    WHERE l.region_code = ${e.region_code} AND l.enterprise_id = ${e.id}
    ORDER BY l.valid_to DESC, l.id`.execute(db);
  return rows.rows;
}

/** A licence with its enterprise, when the enterprise is in scope. */
export async function findLicence(
  db: Q,
  actor: Actor,
  id: string,
  forUpdate = false,
): Promise<(LicenceRow & { enterprise_name: string; credit_code: string }) | undefined> {
  const lock = forUpdate ? sql`FOR UPDATE OF l` : sql``;
  const rows = await sql<LicenceRow & { enterprise_name: string; credit_code: string }>`
    SELECT ${LICENCE_COLUMNS}, e.name AS enterprise_name, e.credit_code
    FROM licences l JOIN enterprises e ON e.region_code = l.region_code AND e.id = l.enterprise_id
    WHERE l.id = ${id} AND ${enterpriseScope(actor)} ${lock}`.execute(db);
  return rows.rows[0];
}

export type LicenceValues = Omit<LicenceRow, 'id' | 'version'>;

export async function insertLicence(db: Q, id: string, v: LicenceValues, at: Date): Promise<boolean> {
  const inserted = await db
    .insertInto('licences')
    .values({ id, ...v, created_at: at, updated_at: at })
    .onConflict((oc) => oc.columns(['type', 'number']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Returns false when another licence already has this type and number. */
export async function updateLicence(
  db: Q,
  key: { regionCode: string; id: string },
  changes: Partial<LicenceValues>,
  at: Date,
): Promise<boolean> {
  if (changes.number !== undefined) {
    const clash = await db
      .selectFrom('licences as other')
      .innerJoin('licences as me', 'me.type', 'other.type')
      .select('other.id')
      .where('me.id', '=', key.id)
      .where('other.number', '=', changes.number)
      .where('other.id', '<>', key.id)
      .executeTakeFirst();
    if (clash) return false;
  }
  await db
    .updateTable('licences')
    .set({ ...changes, updated_at: at, version: sql`version + 1` })
    .where('region_code', '=', key.regionCode)
    .where('id', '=', key.id)
    .execute();
  return true;
}

/** (licence type, sector) pairs as a VALUES list, so the sector rules stay in one place (domain/enterprise.ts). */
function licenceSectorValues() {
  return sql.join(
    Object.entries(LICENCE_SECTOR).map(([type, sector]) => sql`(${type}, ${sector})`),
    sql`, `,
  );
}

export type AlertRow = LicenceRow & { enterprise_name: string; credit_code: string; stage: string };

/**
 * Licences of operating (or suspended) enterprises in scope that are within 90 days of expiry or past it, unless a
 * later valid licence of the same type has replaced them (换证). Stage: d90 | d30 | expired on `today`.
 */
export async function licenceAlerts(
  db: Q,
  actor: Actor,
  f: { regionCode?: string | undefined; stage?: string | undefined; today: string },
  p: Paging,
): Promise<{ items: AlertRow[]; total: number; counts: Record<string, number> }> {
  const region = f.regionCode ? sql`AND e.region_code LIKE ${`${subtreePrefix(f.regionCode)}%`}` : sql``;
  const base = sql`
    SELECT ${LICENCE_COLUMNS}, e.name AS enterprise_name, e.credit_code,
      CASE WHEN l.valid_to < ${f.today}::date THEN 'expired'
           WHEN l.valid_to <= ${f.today}::date + 30 THEN 'd30' ELSE 'd90' END AS stage
    FROM licences l JOIN enterprises e ON e.region_code = l.region_code AND e.id = l.enterprise_id
    WHERE ${enterpriseScope(actor)} ${region} AND e.status <> 'closed'
      AND l.status = 'valid' AND l.valid_to <= ${f.today}::date + 90
      AND NOT EXISTS (
        SELECT 1 FROM licences n
        WHERE n.region_code = l.region_code AND n.enterprise_id = l.enterprise_id AND n.type = l.type
          AND n.status = 'valid' AND n.valid_to > l.valid_to AND n.valid_to >= ${f.today}::date)`;
  const stage = f.stage ? sql`WHERE stage = ${f.stage}` : sql``;
  const [rows, counts] = await Promise.all([
    sql<AlertRow>`SELECT * FROM (${base}) a ${stage} ORDER BY a.valid_to, a.id
      LIMIT ${p.pageSize} OFFSET ${(p.page - 1) * p.pageSize}`.execute(db),
    sql<{ stage: string; n: number }>`SELECT stage, count(*)::int AS n FROM (${base}) a GROUP BY stage`.execute(db),
  ]);
  const byStage = { d90: 0, d30: 0, expired: 0 };
  for (const r of counts.rows) byStage[r.stage as keyof typeof byStage] = r.n;
  const total = f.stage ? byStage[f.stage as keyof typeof byStage] : byStage.d90 + byStage.d30 + byStage.expired;
  return { items: rows.rows, total, counts: byStage };
}

export type UnlicensedRow = EnterpriseRow & { missing: string[] };

/**
 * Operating enterprises in scope that work in a licensed sector (危险化学品, 非煤矿山, 烟花爆竹) without a licence of
 * that sector valid on `today` (domain/enterprise.ts missingLicences, in SQL).
 */
export async function unlicensedEnterprises(
  db: Q,
  actor: Actor,
  f: { regionCode?: string | undefined; sector?: string | undefined; today: string },
  p: Paging,
): Promise<{ items: UnlicensedRow[]; total: number }> {
  const region = f.regionCode ? sql`AND e.region_code LIKE ${`${subtreePrefix(f.regionCode)}%`}` : sql``;
  const sectors = f.sector ? [f.sector] : [...LICENSED_SECTORS];
  const base = sql`
    SELECT ${ENTERPRISE_COLUMNS}, ARRAY(
      SELECT s FROM unnest(e.sectors) AS s
      WHERE s = ANY(${sectors}::text[]) AND NOT EXISTS (
        SELECT 1 FROM licences l JOIN (VALUES ${licenceSectorValues()}) AS m(type, sector) ON m.type = l.type
        WHERE l.region_code = e.region_code AND l.enterprise_id = e.id AND m.sector = s
          AND l.status = 'valid' AND l.valid_to >= ${f.today}::date)
      ORDER BY s) AS missing
    FROM enterprises e
    WHERE ${enterpriseScope(actor)} ${region} AND e.status = 'operating' AND e.sectors && ${sectors}::text[]`;
  const [rows, counted] = await Promise.all([
    sql<UnlicensedRow>`SELECT * FROM (${base}) u WHERE cardinality(u.missing) > 0 ORDER BY u.region_code, u.name, u.id
      LIMIT ${p.pageSize} OFFSET ${(p.page - 1) * p.pageSize}`.execute(db),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM (${base}) u WHERE cardinality(u.missing) > 0`.execute(db),
  ]);
  return { items: rows.rows, total: counted.rows[0]?.n ?? 0 };
}

/**
 * The audit rows of an enterprise and of its licences and hazard units, newest first — in whichever region's chain
 * they were written (an enterprise that moved keeps its history).
 */
export async function historyOf(db: Q, e: { region_code: string; id: string }, limit = 500): Promise<AuditRow[]> {
  const rows = await sql<AuditRow>`
    SELECT * FROM audit_log
    WHERE (entity_type = 'enterprise' AND entity_id = ${e.id})
       OR (entity_type = 'licence' AND entity_id IN (
             SELECT id::text FROM licences WHERE region_code = ${e.region_code} AND enterprise_id = ${e.id}))
       OR (entity_type = 'hazard_unit' AND entity_id IN (
             SELECT id::text FROM hazard_units WHERE region_code = ${e.region_code} AND enterprise_id = ${e.id}))
    ORDER BY at DESC, seq DESC
    LIMIT ${limit}`.execute(db);
  return rows.rows;
}
