/** The only SQL of incident command (应急处置): incidents, their levels, log, tasks, invitations and views. */
import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { IncidentListQuery } from '../../../contracts/incidents.js';
import { subtreePrefix } from '../../../domain/region-code.js';
import type { Actor } from '../../auth/actor.js';
import type {
  Database,
  IncidentInvitationsTable,
  IncidentLevelsTable,
  IncidentLogTable,
  IncidentsTable,
  IncidentTaskEventsTable,
  IncidentTasksTable,
} from '../../db/schema.js';

type Q = Kysely<Database>;
export type IncidentRow = Selectable<IncidentsTable>;
export type TaskRow = Selectable<IncidentTasksTable>;
export type TaskEventRow = Selectable<IncidentTaskEventsTable>;
export type LogRow = Selectable<IncidentLogTable>;
export type LevelRow = Selectable<IncidentLevelsTable>;
export type InvitationRow = Selectable<IncidentInvitationsTable>;

/** The accident an incident is opened for, with what the incident shows of it. */
export interface AccidentFacts {
  id: string;
  region_code: string;
  report_no: string;
  unit_name: string;
  unit_credit_code: string | null;
  address: string;
  occurred_at: Date;
  received_at: Date;
  grade: string;
  accident_type: string;
  deaths: number;
  missing: number;
  serious_injuries: number;
  minor_injuries: number;
  direct_loss_yuan: number;
  revision_count: number;
  updated_at: Date;
}

const ACCIDENT_COLUMNS = [
  'a.id',
  'a.region_code',
  'a.report_no',
  'a.unit_name',
  'a.unit_credit_code',
  'a.address',
  'a.occurred_at',
  'a.received_at',
  'a.grade',
  'a.accident_type',
  'a.deaths',
  'a.missing',
  'a.serious_injuries',
  'a.minor_injuries',
  'a.direct_loss_yuan',
  'a.revision_count',
  'a.updated_at',
] as const;

export async function accidentById(q: Q, id: string): Promise<AccidentFacts | undefined> {
  const row = await q.selectFrom('accidents as a').select(ACCIDENT_COLUMNS).where('a.id', '=', id).executeTakeFirst();
  return row ? { ...row, direct_loss_yuan: Number(row.direct_loss_yuan) } : undefined;
}

export async function accidentsByIds(q: Q, ids: readonly string[]): Promise<Map<string, AccidentFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await q.selectFrom('accidents as a').select(ACCIDENT_COLUMNS).where('a.id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { ...r, direct_loss_yuan: Number(r.direct_loss_yuan) }]));
}

/**
 * Quick reports (not imported history) of these grades that occurred since `since` and have no incident yet: one whose
 * opening after its filing's commit was lost (a crash, a failed connection) is opened by the clock.
 */
export async function accidentsAwaitingIncident(
  q: Q,
  p: { grades: readonly string[]; since: Date; importSource: string; limit: number },
): Promise<string[]> {
  const rows = await q
    .selectFrom('accidents as a')
    .select('a.id')
    .where('a.occurred_at', '>=', p.since)
    .where('a.grade', 'in', p.grades)
    .where('a.source', '<>', p.importSource)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('incidents as i')
            .select(sql`1`.as('one'))
            .whereRef('i.region_code', '=', 'a.region_code')
            .whereRef('i.accident_id', '=', 'a.id'),
        ),
      ),
    )
    .orderBy('a.occurred_at')
    .limit(p.limit)
    .execute();
  return rows.map((r) => r.id);
}

/** The level's region of the accident's reporting chain, applicable there (a 直辖市 district has no city). */
export async function chainRegions(
  q: Q,
  accident: { region_code: string; id: string },
): Promise<{ level: string; level_region_code: string; applicable: boolean }[]> {
  return q
    .selectFrom('accident_chain')
    .select(['level', 'level_region_code', 'applicable'])
    .where('region_code', '=', accident.region_code)
    .where('accident_id', '=', accident.id)
    .execute();
}

export async function bureauName(q: Q, regionCode: string): Promise<string | undefined> {
  const row = await q
    .selectFrom('organizations')
    .select('name')
    .where('region_code', '=', regionCode)
    .where('kind', '=', 'bureau')
    .executeTakeFirst();
  return row?.name;
}

/** The unit's registered location, by its credit code. */
export async function enterpriseLocation(q: Q, creditCode: string): Promise<{ lng: number; lat: number } | undefined> {
  const row = await q
    .selectFrom('enterprises')
    .select(['longitude', 'latitude'])
    .where('credit_code', '=', creditCode)
    .executeTakeFirst();
  if (!row || row.longitude === null || row.latitude === null) return undefined;
  return { lng: Number(row.longitude), lat: Number(row.latitude) };
}

// ————————————————————————————————————————— incidents

export async function insertIncident(q: Q, row: Insertable<IncidentsTable>): Promise<void> {
  await q.insertInto('incidents').values(row).execute();
}

export async function incidentOfAccident(q: Q, accident: { region_code: string; id: string }, lock = false) {
  let query = q
    .selectFrom('incidents')
    .selectAll()
    .where('region_code', '=', accident.region_code)
    .where('accident_id', '=', accident.id);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** By id, for anyone: the service decides whether the actor may see it. */
export async function incidentById(q: Q, id: string, lock = false): Promise<IncidentRow | undefined> {
  let query = q.selectFrom('incidents').selectAll().where('id', '=', id);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function updateIncident(
  q: Q,
  i: IncidentRow,
  set: Omit<Updateable<IncidentsTable>, 'id' | 'region_code' | 'version' | 'log_count'>,
  now: Date,
): Promise<void> {
  await q
    .updateTable('incidents')
    .set({ ...set, updated_at: now, version: sql`version + 1` })
    .where('region_code', '=', i.region_code)
    .where('id', '=', i.id)
    .execute();
}

/** The active invitation of a user to an incident. */
export async function activeInvitation(q: Q, incident: IncidentRow, userId: string) {
  return q
    .selectFrom('incident_invitations')
    .selectAll()
    .where('region_code', '=', incident.region_code)
    .where('incident_id', '=', incident.id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('invited_at', 'desc')
    .executeTakeFirst();
}

export async function listIncidents(
  q: Q,
  actor: Actor,
  query: IncidentListQuery,
): Promise<{ rows: (IncidentRow & { committed: number })[]; total: number }> {
  let base = q.selectFrom('incidents as i');
  if (actor.role === 'department') {
    base = base.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('incident_invitations as v')
          .select(sql`1`.as('one'))
          .whereRef('v.region_code', '=', 'i.region_code')
          .whereRef('v.incident_id', '=', 'i.id')
          .where('v.user_id', '=', actor.userId)
          .where('v.revoked_at', 'is', null),
      ),
    );
  } else {
    base = base.where('i.region_code', 'like', `${actor.prefix}%`);
  }
  if (query.regionCode) base = base.where('i.region_code', 'like', `${subtreePrefix(query.regionCode)}%`);
  if (query.status) base = base.where('i.status', '=', query.status);
  if (query.level) base = base.where('i.level', '=', query.level);
  if (query.from)
    base = base.where('i.opened_at', '>=', sql<Date>`(${query.from}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
  if (query.to)
    base = base.where('i.opened_at', '<', sql<Date>`((${query.to}::date + 1)::timestamp) AT TIME ZONE 'Asia/Shanghai'`);
  const total = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll('i')
    .select(
      sql<number>`(SELECT count(*)::int FROM incident_tasks t WHERE t.region_code = i.region_code
        AND t.incident_id = i.id AND t.state <> 'withdrawn')`.as('committed'),
    )
    .orderBy(sql`i.status = 'open'`, 'desc')
    .orderBy('i.opened_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: total.n };
}

// ————————————————————————————————————————— levels and log

export async function insertLevel(q: Q, row: Insertable<IncidentLevelsTable>): Promise<void> {
  await q.insertInto('incident_levels').values(row).execute();
}

export async function levelsOf(q: Q, i: IncidentRow): Promise<LevelRow[]> {
  return q
    .selectFrom('incident_levels')
    .selectAll()
    .where('region_code', '=', i.region_code)
    .where('incident_id', '=', i.id)
    .orderBy('seq')
    .execute();
}

/** Appends a log entry, numbered after the incident's last (the incident row is locked by the caller). */
export async function appendLog(
  q: Q,
  i: { region_code: string; id: string },
  entry: Omit<Insertable<IncidentLogTable>, 'region_code' | 'incident_id' | 'seq'>,
): Promise<number> {
  const { seq } = await q
    .updateTable('incidents')
    .set({ log_count: sql`log_count + 1` })
    .where('region_code', '=', i.region_code)
    .where('id', '=', i.id)
    .returning('log_count as seq')
    .executeTakeFirstOrThrow();
  await q
    .insertInto('incident_log')
    .values({ ...entry, region_code: i.region_code, incident_id: i.id, seq })
    .execute();
  return seq;
}

export async function logOf(q: Q, i: IncidentRow): Promise<LogRow[]> {
  return q
    .selectFrom('incident_log')
    .selectAll()
    .where('region_code', '=', i.region_code)
    .where('incident_id', '=', i.id)
    .orderBy('seq')
    .execute();
}

// ————————————————————————————————————————— tasks

export async function insertTask(q: Q, row: Insertable<IncidentTasksTable>): Promise<void> {
  await q.insertInto('incident_tasks').values(row).execute();
}

export async function insertTaskEvent(q: Q, row: Insertable<IncidentTaskEventsTable>): Promise<void> {
  await q.insertInto('incident_task_events').values(row).execute();
}

export async function taskById(q: Q, i: IncidentRow, taskId: string): Promise<TaskRow | undefined> {
  return q
    .selectFrom('incident_tasks')
    .selectAll()
    .where('region_code', '=', i.region_code)
    .where('incident_id', '=', i.id)
    .where('id', '=', taskId)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateTask(
  q: Q,
  t: TaskRow,
  set: Pick<Updateable<IncidentTasksTable>, 'state' | 'en_route_at' | 'on_site_at' | 'withdrawn_at'>,
  now: Date,
): Promise<number> {
  const { seq } = await q
    .updateTable('incident_tasks')
    .set({ ...set, updated_at: now, event_count: sql`event_count + 1` })
    .where('region_code', '=', t.region_code)
    .where('id', '=', t.id)
    .returning('event_count as seq')
    .executeTakeFirstOrThrow();
  return seq;
}

export async function tasksOf(q: Q, i: IncidentRow): Promise<TaskRow[]> {
  return q
    .selectFrom('incident_tasks')
    .selectAll()
    .where('region_code', '=', i.region_code)
    .where('incident_id', '=', i.id)
    .orderBy('dispatched_at')
    .orderBy('id')
    .execute();
}

export async function taskEventsOf(q: Q, i: IncidentRow): Promise<TaskEventRow[]> {
  return q
    .selectFrom('incident_task_events as e')
    .innerJoin('incident_tasks as t', (j) =>
      j.onRef('t.region_code', '=', 'e.region_code').onRef('t.id', '=', 'e.task_id'),
    )
    .selectAll('e')
    .where('t.region_code', '=', i.region_code)
    .where('t.incident_id', '=', i.id)
    .orderBy('e.task_id')
    .orderBy('e.seq')
    .execute();
}

/**
 * Serialises the dispatches of one resource (a transaction advisory lock on its id), so that two incidents cannot
 * both commit it: the busy check that follows sees every commit made before.
 */
export async function lockResource(q: Q, resourceId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`incident-resource:${resourceId}`}, 0))`.execute(q);
}

/** The open incidents a resource is committed to (tasks not withdrawn). */
export async function commitmentsOf(
  q: Q,
  resourceIds: readonly string[],
): Promise<Map<string, { incidentId: string; taskId: string }>> {
  if (resourceIds.length === 0) return new Map();
  const rows = await q
    .selectFrom('incident_tasks')
    .select(['resource_id', 'incident_id', 'id'])
    .where('resource_id', 'in', resourceIds)
    .where('state', '<>', 'withdrawn')
    .execute();
  return new Map(rows.map((r) => [r.resource_id, { incidentId: r.incident_id, taskId: r.id }]));
}

/** Of these incidents, those the user holds an active invitation to (a department user's reach). */
export async function invitedIncidentIds(q: Q, userId: string, incidentIds: readonly string[]): Promise<Set<string>> {
  if (incidentIds.length === 0) return new Set();
  const rows = await q
    .selectFrom('incident_invitations')
    .select('incident_id')
    .where('user_id', '=', userId)
    .where('incident_id', 'in', incidentIds)
    .where('revoked_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.incident_id));
}

/** The first dispatch and the first arrival on site of an incident's tasks. */
export async function firstMoments(
  q: Q,
  i: IncidentRow,
): Promise<{ first_dispatch_at: Date | null; first_on_site_at: Date | null }> {
  return q
    .selectFrom('incident_tasks')
    .select([
      sql<Date | null>`min(dispatched_at)`.as('first_dispatch_at'),
      sql<Date | null>`min(on_site_at)`.as('first_on_site_at'),
    ])
    .where('region_code', '=', i.region_code)
    .where('incident_id', '=', i.id)
    .executeTakeFirstOrThrow();
}

// ————————————————————————————————————————— rescue resources (migration 0031)

export interface ResourceRow {
  id: string;
  kind: string;
  region_code: string;
  name: string;
  specialties: string[];
  lng: number;
  lat: number;
  readiness: string | null;
  availability: string | null;
  retired_at: Date | null;
}

/**
 * rescue_resources is the resources module's table (0031): the resource a task names, read in the dispatch's
 * transaction. (The nearest search is the resources module's findNearestResources.)
 */
export async function resourceById(q: Q, id: string): Promise<ResourceRow | undefined> {
  const { rows } = await sql<ResourceRow>`
    SELECT id, kind, region_code, name, specialties, lng, lat, readiness, availability, retired_at
    FROM rescue_resources WHERE id = ${id}`.execute(q);
  return rows[0];
}

// ————————————————————————————————————————— invitations and views

export async function insertInvitation(q: Q, row: Insertable<IncidentInvitationsTable>): Promise<void> {
  await q.insertInto('incident_invitations').values(row).execute();
}

export async function invitationById(q: Q, i: IncidentRow, id: string): Promise<InvitationRow | undefined> {
  return q
    .selectFrom('incident_invitations')
    .selectAll()
    .where('region_code', '=', i.region_code)
    .where('incident_id', '=', i.id)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function revokeInvitation(q: Q, inv: InvitationRow, by: Actor, now: Date): Promise<void> {
  await q
    .updateTable('incident_invitations')
    .set({ revoked_at: now, revoked_by: by.userId, revoked_by_name: by.displayName })
    .where('region_code', '=', inv.region_code)
    .where('id', '=', inv.id)
    .execute();
}

export async function invitationsOf(q: Q, i: IncidentRow) {
  return q
    .selectFrom('incident_invitations as v')
    .innerJoin('users as u', 'u.id', 'v.user_id')
    .selectAll('v')
    .select(['u.display_name as user_name', 'u.username'])
    .where('v.region_code', '=', i.region_code)
    .where('v.incident_id', '=', i.id)
    .orderBy('v.invited_at')
    .execute();
}

/** The users invited now (for the live events they may hear). */
export async function invitedUserIds(q: Q, i: { region_code: string; id: string }): Promise<string[]> {
  const rows = await q
    .selectFrom('incident_invitations')
    .select('user_id')
    .where('region_code', '=', i.region_code)
    .where('incident_id', '=', i.id)
    .where('revoked_at', 'is', null)
    .execute();
  return rows.map((r) => r.user_id);
}

export async function departmentUser(q: Q, userId: string) {
  return q
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'region_code', 'role', 'disabled'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

/** 协同部门 accounts a bureau may invite: those of its jurisdiction and of the levels above the incident's place. */
export async function invitableUsers(q: Q, actor: Actor, ancestors: readonly string[]) {
  return q
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'region_code'])
    .where('role', '=', 'department')
    .where('disabled', '=', false)
    .where((eb) =>
      eb.or([
        eb('region_code', 'like', `${actor.prefix}%`),
        ...(ancestors.length ? [eb('region_code', 'in', ancestors)] : []),
      ]),
    )
    .orderBy('region_code')
    .orderBy('username')
    .limit(200)
    .execute();
}

export async function recordView(
  q: Q,
  row: {
    region_code: string;
    incident_id: string;
    id: string;
    user_id: string;
    user_name: string;
    department_name: string;
    what: string;
    at: Date;
  },
): Promise<void> {
  await q.insertInto('incident_views').values(row).execute();
}

export async function viewsOf(q: Q, i: IncidentRow) {
  return q
    .selectFrom('incident_views')
    .select(['user_name', 'department_name', 'what', 'at'])
    .where('region_code', '=', i.region_code)
    .where('incident_id', '=', i.id)
    .orderBy('at', 'desc')
    .limit(100)
    .execute();
}

// ————————————————————————————————————————— statistics

export interface StatsRow {
  key: string;
  level: string;
  incidents: number;
  open: number;
  dispatched: number;
  on_site: number;
  avg_rd: number | null;
  med_rd: number | null;
  avg_ds: number | null;
  avg_ro: number | null;
  med_ro: number | null;
}

/**
 * Incidents by level and by the child region (`keyLength` characters of the code), reported in [from, to) — the
 * response times in whole minutes, averaged and their median, in SQL.
 */
export async function incidentStats(
  q: Q,
  p: { prefix: string; keyLength: number | null; from: Date; to: Date },
): Promise<StatsRow[]> {
  const key = p.keyLength === null ? sql`''` : sql`substr(region_code, 1, ${p.keyLength})`;
  const rd = sql`floor(extract(epoch FROM first_dispatch_at - reported_at) / 60)`;
  const ds = sql`floor(extract(epoch FROM first_on_site_at - first_dispatch_at) / 60)`;
  const ro = sql`floor(extract(epoch FROM first_on_site_at - reported_at) / 60)`;
  const { rows } = await sql<StatsRow>`
    SELECT ${key} AS key, level,
      count(*)::int AS incidents,
      count(*) FILTER (WHERE status = 'open')::int AS open,
      count(first_dispatch_at)::int AS dispatched,
      count(first_on_site_at)::int AS on_site,
      round(avg(${rd}), 1)::float8 AS avg_rd,
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY ${rd}))::float8 AS med_rd,
      round(avg(${ds}), 1)::float8 AS avg_ds,
      round(avg(${ro}), 1)::float8 AS avg_ro,
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY ${ro}))::float8 AS med_ro
    FROM incidents
    WHERE region_code LIKE ${`${p.prefix}%`} AND reported_at >= ${p.from} AND reported_at < ${p.to}
    GROUP BY 1, 2
    ORDER BY 1, 2`.execute(q);
  return rows;
}
