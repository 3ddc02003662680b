/**
 * The only SQL of rescue resources (应急资源, migration 0031): teams, equipment and experts with their revisions, the
 * agreements (救助协议) with theirs, the nearest search, the uncovered high-risk enterprises and the statistics.
 *
 * The tables are not in db/schema.ts (shared by every module); the statements here are plain SQL, as the migration is.
 */
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { ResourceListQuery } from '../../../contracts/rescue-resources.js';
import { EARTH_RADIUS_KM } from '../../../domain/geo.js';
import { subtreePrefix } from '../../../domain/region-code.js';
import { HIGH_RISK_INDUSTRY_CODES, HIGH_RISK_SECTORS } from '../../../domain/rescue-coverage.js';
import type { Actor } from '../../auth/actor.js';
import type { Database } from '../../db/schema.js';
import { containsPattern } from '../../db/sql.js';

type Q = Kysely<Database>;

// ————————————————————————————————————————— rows

export interface ResourceRow {
  id: string;
  kind: string;
  region_code: string;
  name: string;
  specialties: string[];
  lng: number;
  lat: number;
  address: string;
  enterprise_id: string | null;
  enterprise_name: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  level: string | null;
  members: number | null;
  duty_phone: string | null;
  readiness: string | null;
  category: string | null;
  equipment_type: string | null;
  quantity: number | null;
  unit: string | null;
  owner_name: string | null;
  maintained_on: string | null;
  next_maintenance_on: string | null;
  organization: string | null;
  title: string | null;
  availability: string | null;
  note: string | null;
  retired_at: Date | null;
  retire_reason: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  version: number;
}

/** What a create or an update writes (the record's own columns). */
export type ResourceValues = Omit<
  ResourceRow,
  'enterprise_name' | 'retired_at' | 'retire_reason' | 'created_by' | 'created_at' | 'updated_at' | 'version'
>;

const RESOURCE_COLUMNS = sql`r.id, r.kind, r.region_code, r.name, r.specialties, r.lng, r.lat, r.address,
  r.enterprise_id, e.name AS enterprise_name, r.contact_name, r.contact_phone, r.level, r.members, r.duty_phone,
  r.readiness, r.category, r.equipment_type, r.quantity::float8 AS quantity, r.unit, r.owner_name,
  r.maintained_on::text AS maintained_on, r.next_maintenance_on::text AS next_maintenance_on, r.organization, r.title,
  r.availability, r.note, r.retired_at, r.retire_reason, r.created_by, r.created_at, r.updated_at, r.version`;

const FROM_RESOURCES = sql`rescue_resources r LEFT JOIN enterprises e ON e.region_code = r.region_code AND e.id = r.enterprise_id`;

/** What an actor sees: a bureau its region subtree; an enterprise its own resources. */
export function resourceScope(actor: Actor): Expression<SqlBool> {
  return actor.orgKind === 'enterprise'
    ? sql<SqlBool>`r.enterprise_id IS NOT NULL AND e.credit_code = ${actor.creditCode ?? ''}`
    : sql<SqlBool>`r.region_code LIKE ${`${actor.prefix}%`}`;
}

export async function findResource(db: Q, actor: Actor, id: string, forUpdate = false) {
  const lock = forUpdate ? sql`FOR UPDATE OF r` : sql``;
  const { rows } = await sql<ResourceRow>`SELECT ${RESOURCE_COLUMNS} FROM ${FROM_RESOURCES}
    WHERE r.id = ${id} AND ${resourceScope(actor)} ${lock}`.execute(db);
  return rows[0];
}

/** Resources by id, whatever the region (for the incidents module, which checks its own scope). */
export async function resourcesByIds(db: Q, ids: readonly string[]): Promise<ResourceRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<ResourceRow>`SELECT ${RESOURCE_COLUMNS} FROM ${FROM_RESOURCES}
    WHERE r.id = ANY(${[...ids]}::uuid[])`.execute(db);
  return rows;
}

const insertable = (v: ResourceValues) => ({
  id: v.id,
  kind: v.kind,
  region_code: v.region_code,
  name: v.name,
  specialties: sql`${v.specialties}::text[]`,
  lng: v.lng,
  lat: v.lat,
  address: v.address,
  enterprise_id: v.enterprise_id,
  contact_name: v.contact_name,
  contact_phone: v.contact_phone,
  level: v.level,
  members: v.members,
  duty_phone: v.duty_phone,
  readiness: v.readiness,
  category: v.category,
  equipment_type: v.equipment_type,
  quantity: v.quantity,
  unit: v.unit,
  owner_name: v.owner_name,
  maintained_on: v.maintained_on,
  next_maintenance_on: v.next_maintenance_on,
  organization: v.organization,
  title: v.title,
  availability: v.availability,
  note: v.note,
});

export async function insertResource(db: Q, v: ResourceValues, actorId: string, now: Date): Promise<void> {
  const cols = insertable(v);
  const names = Object.keys(cols);
  await sql`INSERT INTO rescue_resources (${sql.raw(names.join(', '))}, created_by, created_at, updated_at, version)
    VALUES (${sql.join(Object.values(cols).map((c) => sql`${c}`))}, ${actorId}, ${now}, ${now}, 1)`.execute(db);
}

/** Writes the new state when the row is still at `version`; false when someone changed it meanwhile. */
export async function updateResource(db: Q, v: ResourceValues, version: number, now: Date): Promise<boolean> {
  const cols = insertable(v);
  const sets = Object.entries(cols)
    .filter(([k]) => k !== 'id' && k !== 'kind')
    .map(([k, c]) => sql`${sql.ref(k)} = ${c}`);
  const r = await sql`UPDATE rescue_resources SET ${sql.join(sets)}, updated_at = ${now}, version = version + 1
    WHERE id = ${v.id} AND version = ${version} AND retired_at IS NULL RETURNING id`.execute(db);
  return r.rows.length === 1;
}

export async function retireResource(db: Q, id: string, version: number, reason: string, now: Date) {
  const r = await sql`UPDATE rescue_resources SET retired_at = ${now}, retire_reason = ${reason},
      updated_at = ${now}, version = version + 1
    WHERE id = ${id} AND version = ${version} AND retired_at IS NULL RETURNING id`.execute(db);
  return r.rows.length === 1;
}

export async function insertResourceRevision(
  db: Q,
  r: { regionCode: string; id: string; version: number; change: string; at: Date; actor: Actor | null; data: unknown },
): Promise<void> {
  await sql`INSERT INTO rescue_resource_revisions (region_code, resource_id, version, change, at, actor_id, actor_name, data)
    VALUES (${r.regionCode}, ${r.id}, ${r.version}, ${r.change}, ${r.at}, ${r.actor?.userId ?? null},
      ${r.actor?.displayName ?? '系统'}, ${JSON.stringify(r.data)}::jsonb)`.execute(db);
}

export interface RevisionRow {
  version: number;
  change: string;
  at: Date;
  actor_name: string;
  data: unknown;
}

export async function resourceRevisions(db: Q, id: string): Promise<RevisionRow[]> {
  const { rows } = await sql<RevisionRow>`SELECT version, change, at, actor_name, data FROM rescue_resource_revisions
    WHERE resource_id = ${id} ORDER BY version DESC`.execute(db);
  return rows;
}

function listWhere(actor: Actor, q: Partial<ResourceListQuery>): Expression<SqlBool> {
  const parts = [sql`${resourceScope(actor)}`];
  if (q.retired !== 'true') parts.push(sql`r.retired_at IS NULL`);
  if (q.kind) parts.push(sql`r.kind = ${q.kind}`);
  if (q.specialty) parts.push(sql`r.specialties @> ARRAY[${q.specialty}]::text[]`);
  if (q.regionCode) parts.push(sql`r.region_code LIKE ${`${subtreePrefix(q.regionCode)}%`}`);
  if (q.level) parts.push(sql`r.level = ${q.level}`);
  if (q.q) {
    const pattern = containsPattern(q.q);
    // One character has no bigram: the ILIKE alone decides; otherwise the bigram index finds the candidates.
    parts.push(
      [...q.q].length < 2
        ? sql`(r.name || ' ' || r.address) ILIKE ${pattern}`
        : sql`text_bigrams(r.name || ' ' || r.address) @> text_bigrams(${q.q})
          AND (r.name || ' ' || r.address) ILIKE ${pattern}`,
    );
  }
  return sql<SqlBool>`${sql.join(parts, sql` AND `)}`;
}

export async function listResources(
  db: Q,
  actor: Actor,
  q: Partial<ResourceListQuery> & { page: number; pageSize: number },
): Promise<{ items: ResourceRow[]; total: number }> {
  const where = listWhere(actor, q);
  const [items, total] = await Promise.all([
    sql<ResourceRow>`SELECT ${RESOURCE_COLUMNS} FROM ${FROM_RESOURCES} WHERE ${where}
      ORDER BY r.kind, r.region_code, r.name, r.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`.execute(db),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM ${FROM_RESOURCES} WHERE ${where}`.execute(db),
  ]);
  return { items: items.rows, total: total.rows[0]?.n ?? 0 };
}

/** An active resource of this kind and name in this region (the import's duplicate test). */
export async function resourcesByName(
  db: Q,
  keys: readonly { kind: string; regionCode: string; name: string }[],
): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const { rows } = await sql<{ kind: string; region_code: string; name: string; id: string }>`
    SELECT r.kind, r.region_code, r.name, r.id FROM rescue_resources r
    JOIN (SELECT * FROM unnest(${keys.map((k) => k.kind)}::text[], ${keys.map((k) => k.regionCode)}::text[],
      ${keys.map((k) => k.name)}::text[]) AS k (kind, region_code, name)) k
      ON k.kind = r.kind AND k.region_code = r.region_code AND k.name = r.name
    WHERE r.retired_at IS NULL`.execute(db);
  return new Map(rows.map((r) => [nameKey(r.kind, r.region_code, r.name), r.id]));
}

export const nameKey = (kind: string, regionCode: string, name: string) => `${kind}|${regionCode}|${name}`;

// ————————————————————————————————————————— the nearest search

export interface NearestFilter {
  lng: number;
  lat: number;
  kind?: string | undefined;
  specialty?: string | undefined;
  /** Region codes start with this (the actor's subtree, or a region of it). */
  prefix: string;
  limit: number;
}

export interface Box {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

/** The haversine distance in km from (lng, lat) to the row r, as domain/geo.ts haversineKm computes it. */
function haversineSql(lng: number, lat: number) {
  return sql<number>`(2 * ${EARTH_RADIUS_KM}::float8 * asin(least(1::float8, sqrt(
    power(sin(radians(r.lat - ${lat}::float8) / 2), 2)
    + cos(radians(${lat}::float8)) * cos(radians(r.lat)) * power(sin(radians(r.lng - ${lng}::float8) / 2), 2)))))`;
}

/**
 * The `limit` nearest active resources inside the circle of `radiusKm` (the box holds it), nearest first (ties by
 * id). Fewer rows than `limit` means the circle holds no more: the caller widens it.
 */
export async function nearestWithin(
  db: Q,
  f: NearestFilter,
  box: Box,
  radiusKm: number | null,
): Promise<(ResourceRow & { distance_km: number })[]> {
  const parts = [
    sql`r.retired_at IS NULL`,
    sql`r.lat BETWEEN ${box.minLat}::float8 AND ${box.maxLat}::float8`,
    sql`r.lng BETWEEN ${box.minLng}::float8 AND ${box.maxLng}::float8`,
  ];
  if (f.kind) parts.unshift(sql`r.kind = ${f.kind}`);
  if (f.prefix) parts.push(sql`r.region_code LIKE ${`${f.prefix}%`}`);
  if (f.specialty) parts.push(sql`r.specialties @> ARRAY[${f.specialty}]::text[]`);
  const within = radiusKm === null ? sql`true` : sql`b.distance_km <= ${radiusKm}::float8`;
  // The box, its distances and the order from the index alone (innermost); only the `limit` nearest are then read
  // in full. (With the join inside the ordered set, the planner hashed the whole table for a wide box.)
  const { rows } = await sql<ResourceRow & { distance_km: number }>`
    SELECT ${RESOURCE_COLUMNS}, n.distance_km FROM (
      SELECT b.id, b.distance_km FROM (
        SELECT r.id, ${haversineSql(f.lng, f.lat)} AS distance_km FROM rescue_resources r
        WHERE ${sql.join(parts, sql` AND `)}
      ) b
      WHERE ${within}
      ORDER BY b.distance_km, b.id LIMIT ${f.limit}
    ) n JOIN rescue_resources r ON r.id = n.id
    LEFT JOIN enterprises e ON e.region_code = r.region_code AND e.id = r.enterprise_id
    ORDER BY n.distance_km, n.id`.execute(db);
  return rows;
}

/** Where an accident happened, as far as the records say: its unit's coordinates from the registry, if any. */
export async function accidentPlace(
  db: Q,
  prefix: string,
  id: string,
): Promise<
  { region_code: string; unit_name: string; address: string; lng: number | null; lat: number | null } | undefined
> {
  const { rows } = await sql<{
    region_code: string;
    unit_name: string;
    address: string;
    lng: number | null;
    lat: number | null;
  }>`SELECT a.region_code, a.unit_name, a.address, e.longitude::float8 AS lng, e.latitude::float8 AS lat
    FROM accidents a LEFT JOIN enterprises e ON e.credit_code = a.unit_credit_code
    WHERE a.id = ${id} AND a.region_code LIKE ${`${prefix}%`}`.execute(db);
  return rows[0];
}

/** The centre of the active resources and registered enterprises of a region (a place without a known seat). */
export async function regionCentre(db: Q, regionCode: string): Promise<{ lng: number; lat: number } | undefined> {
  const { rows } = await sql<{ lng: number | null; lat: number | null }>`
    SELECT avg(lng)::float8 AS lng, avg(lat)::float8 AS lat FROM (
      SELECT e.longitude::float8 AS lng, e.latitude::float8 AS lat FROM enterprises e
      WHERE e.region_code LIKE ${`${regionCode}%`} AND e.longitude IS NOT NULL AND e.latitude IS NOT NULL
      UNION ALL
      SELECT r.lng, r.lat FROM rescue_resources r WHERE r.region_code LIKE ${`${regionCode}%`} AND r.retired_at IS NULL
    ) p`.execute(db);
  const r = rows[0];
  return r && r.lng !== null && r.lat !== null ? { lng: r.lng, lat: r.lat } : undefined;
}

// ————————————————————————————————————————— agreements

export interface AgreementRow {
  id: string;
  region_code: string;
  enterprise_id: string;
  enterprise_name: string;
  credit_code: string;
  team_id: string;
  team_name: string;
  team_level: string | null;
  number: string | null;
  signed_on: string | null;
  valid_from: string;
  valid_to: string;
  scope: string | null;
  note: string | null;
  retired_at: Date | null;
  retire_reason: string | null;
  version: number;
  updated_at: Date;
}

const AGREEMENT_COLUMNS = sql`a.id, a.region_code, a.enterprise_id, e.name AS enterprise_name, e.credit_code,
  a.team_id, t.name AS team_name, t.level AS team_level, a.number, a.signed_on::text AS signed_on,
  a.valid_from::text AS valid_from, a.valid_to::text AS valid_to, a.scope, a.note, a.retired_at, a.retire_reason,
  a.version, a.updated_at`;

const FROM_AGREEMENTS = sql`rescue_agreements a
  JOIN enterprises e ON e.region_code = a.region_code AND e.id = a.enterprise_id
  JOIN rescue_resources t ON t.id = a.team_id`;

/** A bureau sees the agreements of its subtree's enterprises and of its subtree's teams; an enterprise its own. */
export function agreementScope(actor: Actor): Expression<SqlBool> {
  if (actor.orgKind === 'enterprise') return sql<SqlBool>`e.credit_code = ${actor.creditCode ?? ''}`;
  const p = `${actor.prefix}%`;
  return sql<SqlBool>`(a.region_code LIKE ${p} OR t.region_code LIKE ${p})`;
}

export async function findAgreement(db: Q, actor: Actor, id: string, forUpdate = false) {
  const lock = forUpdate ? sql`FOR UPDATE OF a` : sql``;
  const { rows } = await sql<AgreementRow>`SELECT ${AGREEMENT_COLUMNS} FROM ${FROM_AGREEMENTS}
    WHERE a.id = ${id} AND ${agreementScope(actor)} ${lock}`.execute(db);
  return rows[0];
}

export interface AgreementValues {
  id: string;
  region_code: string;
  enterprise_id: string;
  team_id: string;
  number: string | null;
  signed_on: string | null;
  valid_from: string;
  valid_to: string;
  scope: string | null;
  note: string | null;
}

export async function insertAgreement(db: Q, v: AgreementValues, actorId: string, now: Date): Promise<void> {
  await sql`INSERT INTO rescue_agreements (id, region_code, enterprise_id, team_id, number, signed_on, valid_from,
      valid_to, scope, note, created_by, created_at, updated_at, version)
    VALUES (${v.id}, ${v.region_code}, ${v.enterprise_id}, ${v.team_id}, ${v.number}, ${v.signed_on}, ${v.valid_from},
      ${v.valid_to}, ${v.scope}, ${v.note}, ${actorId}, ${now}, ${now}, 1)`.execute(db);
}

export async function updateAgreement(db: Q, v: AgreementValues, version: number, now: Date): Promise<boolean> {
  const r = await sql`UPDATE rescue_agreements SET team_id = ${v.team_id}, number = ${v.number},
      signed_on = ${v.signed_on}, valid_from = ${v.valid_from}, valid_to = ${v.valid_to}, scope = ${v.scope},
      note = ${v.note}, updated_at = ${now}, version = version + 1
    WHERE region_code = ${v.region_code} AND id = ${v.id} AND version = ${version} AND retired_at IS NULL RETURNING id`.execute(
    db,
  );
  return r.rows.length === 1;
}

export async function retireAgreement(
  db: Q,
  a: { region_code: string; id: string },
  version: number,
  reason: string,
  now: Date,
) {
  const r = await sql`UPDATE rescue_agreements SET retired_at = ${now}, retire_reason = ${reason}, updated_at = ${now},
      version = version + 1
    WHERE region_code = ${a.region_code} AND id = ${a.id} AND version = ${version} AND retired_at IS NULL RETURNING id`.execute(
    db,
  );
  return r.rows.length === 1;
}

export async function insertAgreementRevision(
  db: Q,
  r: { regionCode: string; id: string; version: number; change: string; at: Date; actor: Actor | null; data: unknown },
): Promise<void> {
  await sql`INSERT INTO rescue_agreement_revisions (region_code, agreement_id, version, change, at, actor_id,
      actor_name, data)
    VALUES (${r.regionCode}, ${r.id}, ${r.version}, ${r.change}, ${r.at}, ${r.actor?.userId ?? null},
      ${r.actor?.displayName ?? '系统'}, ${JSON.stringify(r.data)}::jsonb)`.execute(db);
}

export async function agreementRevisions(db: Q, id: string): Promise<RevisionRow[]> {
  const { rows } = await sql<RevisionRow>`SELECT version, change, at, actor_name, data FROM rescue_agreement_revisions
    WHERE agreement_id = ${id} ORDER BY version DESC`.execute(db);
  return rows;
}

/** The state of an agreement on `day` in SQL, as domain/rescue-coverage.ts agreementState says. */
function stateSql(day: string) {
  return sql<string>`CASE WHEN a.retired_at IS NOT NULL THEN 'retired'
    WHEN ${day}::date < a.valid_from THEN 'pending' WHEN ${day}::date > a.valid_to THEN 'expired' ELSE 'valid' END`;
}

export async function listAgreements(
  db: Q,
  actor: Actor,
  q: {
    regionCode?: string | undefined;
    enterpriseId?: string | undefined;
    teamId?: string | undefined;
    state?: string | undefined;
    page: number;
    pageSize: number;
  },
  day: string,
): Promise<{ items: AgreementRow[]; total: number }> {
  const parts = [sql`${agreementScope(actor)}`];
  if (q.regionCode) {
    const p = `${subtreePrefix(q.regionCode)}%`;
    parts.push(sql`(a.region_code LIKE ${p} OR t.region_code LIKE ${p})`);
  }
  if (q.enterpriseId) parts.push(sql`a.enterprise_id = ${q.enterpriseId}`);
  if (q.teamId) parts.push(sql`a.team_id = ${q.teamId}`);
  if (q.state) parts.push(sql`${stateSql(day)} = ${q.state}`);
  const where = sql.join(parts, sql` AND `);
  const [items, total] = await Promise.all([
    sql<AgreementRow>`SELECT ${AGREEMENT_COLUMNS} FROM ${FROM_AGREEMENTS} WHERE ${where}
      ORDER BY a.valid_to DESC, a.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`.execute(db),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM ${FROM_AGREEMENTS} WHERE ${where}`.execute(db),
  ]);
  return { items: items.rows, total: total.rows[0]?.n ?? 0 };
}

// ————————————————————————————————————————— coverage (应急条例 第十条)

/** An operating enterprise of the 第十条 classes (domain/rescue-coverage.ts isHighRisk), in SQL. */
const HIGH_RISK = sql<SqlBool>`e.status = 'operating' AND (e.sectors && ${[...HIGH_RISK_SECTORS]}::text[]
  OR left(e.industry_code, 3) = ANY(${[...HIGH_RISK_INDUSTRY_CODES]}::text[]))`;

const OWN_TEAM = sql<SqlBool>`EXISTS (SELECT 1 FROM rescue_resources t
  WHERE t.region_code = e.region_code AND t.enterprise_id = e.id AND t.kind = 'team' AND t.retired_at IS NULL)`;

const validAgreement = (day: string) => sql<SqlBool>`EXISTS (SELECT 1 FROM rescue_agreements a
  WHERE a.region_code = e.region_code AND a.enterprise_id = e.id AND a.retired_at IS NULL
    AND a.valid_from <= ${day}::date AND a.valid_to >= ${day}::date)`;

export interface UncoveredRow {
  id: string;
  name: string;
  credit_code: string;
  region_code: string;
  industry_code: string;
  sectors: string[];
  scale: string | null;
  address: string;
  last_agreement_to: string | null;
}

export async function listUncovered(
  db: Q,
  prefix: string,
  day: string,
  p: { page: number; pageSize: number },
): Promise<{ items: UncoveredRow[]; total: number }> {
  const where = sql`e.region_code LIKE ${`${prefix}%`} AND ${HIGH_RISK} AND NOT ${OWN_TEAM}
    AND NOT ${validAgreement(day)}`;
  const [items, total] = await Promise.all([
    sql<UncoveredRow>`SELECT e.id, e.name, e.credit_code, e.region_code, e.industry_code, e.sectors, e.scale,
        e.address, (SELECT max(a.valid_to)::text FROM rescue_agreements a WHERE a.region_code = e.region_code
          AND a.enterprise_id = e.id AND a.retired_at IS NULL AND a.valid_to < ${day}::date) AS last_agreement_to
      FROM enterprises e WHERE ${where}
      ORDER BY e.region_code, e.name, e.id LIMIT ${p.pageSize} OFFSET ${(p.page - 1) * p.pageSize}`.execute(db),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM enterprises e WHERE ${where}`.execute(db),
  ]);
  return { items: items.rows, total: total.rows[0]?.n ?? 0 };
}

// ————————————————————————————————————————— statistics

export interface RegionSplit {
  prefix: string;
  self: string;
  children: readonly { code: string; prefix: string }[];
}

/** The child region a row's region_code falls in (the region's own code for its own records). */
function childKey(split: RegionSplit, column: ReturnType<typeof sql.ref>) {
  return split.children.length
    ? sql<string>`coalesce((SELECT ch.code FROM (VALUES ${sql.join(
        split.children.map((c) => sql`(${c.code}::text, ${c.prefix}::text)`),
      )}) AS ch (code, prefix) WHERE starts_with(${column}, ch.prefix)), ${split.self}::text)`
    : sql<string>`${split.self}::text`;
}

export interface CoverageStatsRow {
  key: string | null;
  high_risk: number;
  own_team: number;
  agreement: number;
  uncovered: number;
}

export async function coverageStats(db: Q, split: RegionSplit, day: string): Promise<CoverageStatsRow[]> {
  const { rows } = await sql<CoverageStatsRow>`
    WITH c AS (
      SELECT e.region_code, ${OWN_TEAM} AS own, ${validAgreement(day)} AS agreed
      FROM enterprises e WHERE e.region_code LIKE ${`${split.prefix}%`} AND ${HIGH_RISK}
    ), m AS (SELECT ${childKey(split, sql.ref('c.region_code'))} AS key, c.own, c.agreed FROM c)
    SELECT CASE WHEN GROUPING(m.key) = 1 THEN NULL ELSE m.key END AS key, count(*)::int AS high_risk,
      count(*) FILTER (WHERE m.own)::int AS own_team, count(*) FILTER (WHERE m.agreed)::int AS agreement,
      count(*) FILTER (WHERE NOT m.own AND NOT m.agreed)::int AS uncovered
    FROM m GROUP BY GROUPING SETS ((m.key), ())`.execute(db);
  return rows;
}

export interface ResourceStatsSqlRow {
  key: string | null;
  kind: string;
  specialty: string | null;
  n: number;
  members: number;
}

/** Active resources by child region and kind (specialty null), and by child region, kind and specialty. */
export async function resourceStats(db: Q, split: RegionSplit): Promise<ResourceStatsSqlRow[]> {
  const { rows } = await sql<ResourceStatsSqlRow>`
    WITH m AS (
      SELECT ${childKey(split, sql.ref('r.region_code'))} AS key, r.kind, r.specialties, coalesce(r.members, 0) AS members
      FROM rescue_resources r WHERE r.retired_at IS NULL AND r.region_code LIKE ${`${split.prefix}%`}
    )
    SELECT CASE WHEN GROUPING(m.key) = 1 THEN NULL ELSE m.key END AS key, m.kind, NULL::text AS specialty,
      count(*)::int AS n, sum(m.members)::int AS members
    FROM m GROUP BY GROUPING SETS ((m.key, m.kind), (m.kind))
    UNION ALL
    SELECT CASE WHEN GROUPING(m.key) = 1 THEN NULL ELSE m.key END AS key, m.kind, s.specialty,
      count(*)::int AS n, 0 AS members
    FROM m, unnest(m.specialties) AS s (specialty)
    GROUP BY GROUPING SETS ((m.key, m.kind, s.specialty), (m.kind, s.specialty))`.execute(db);
  return rows;
}
