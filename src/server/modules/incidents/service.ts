/**
 * 应急处置 (issue 12 §3): an incident opened from a quick report — automatically for 较大 and above — with its response
 * level and leading bureau, the append-only incident log written by every participating level, the tasks given to
 * rescue resources (已调派 → 在途 → 到场 → 撤离), the invitations of other departments' users, and the 处置情况报告
 * issued when it closes. Rules: domain/incident.ts.
 *
 * Checks, in order: the role (routes: 403), the scope (404: a bureau sees the incidents of its jurisdiction, an
 * invited department user only the incident it is invited to), the input (400), the lead (403 INCIDENT_NOT_LEAD: the
 * level, the invitations and the closing are the leading bureau's or its superiors'), the state (409). Every write runs
 * in one transaction ending with its audit row; its live event is published after commit.
 */
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type {
  CloseInput,
  DispatchInput,
  IncidentListQuery,
  IncidentPage,
  IncidentView,
  InvitableUser,
  InvitationInput,
  LevelChangeInput,
  LogEntryInput,
  NearbyResource,
  NearestForIncidentQuery,
  OpenIncidentInput,
  TaskMoveInput,
} from '../../../contracts/incidents.js';
import { can } from '../../../contracts/policies.js';
import type { Availability, Readiness } from '../../../contracts/rescue-resources.js';
import { COUNTY_SEATS } from '../../../domain/county-seats.js';
import { roundCoord, roundKm } from '../../../domain/geo.js';
import { GRADES, type Grade, gradeRank } from '../../../domain/grade.js';
import {
  canMoveTask,
  describeFigureChanges,
  type Figures,
  figureChanges,
  isDispatchable,
  LOG_KIND_LABELS,
  leadLevelOf,
  levelBelow,
  levelChangeRefusal,
  levelDirection,
  levelForGrade,
  opensAutomatically,
  RESPONSE_LEVEL_LABELS,
  type ResponseLevel,
  TASK_STATE_LABELS,
  type TaskState,
  taskTimeRefusal,
} from '../../../domain/incident.js';
import { ancestorAt } from '../../../domain/region-code.js';
import { CHAIN_LEVELS, type ChainLevel } from '../../../domain/reporting-chain.js';
import { type Actor, checkRegionFilter, coversRegion } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { documentsOf, issueDocument } from '../../documents/numbering.js';
import { buildOfficialDocx } from '../../documents/official-docx.js';
import { AppError, fieldError } from '../../errors.js';
import { IMPORT_SOURCE } from '../accidents/chain-state.js';
import { appendAudit } from '../audit/service.js';
import type { LiveEvent } from '../events/bus.js';
import { regionName, regionNames } from '../regions/lookup.js';
import { busyOf, findNearestResources } from '../rescue-resources/service.js';
import { incidentReportLayout } from './documents.js';
import { presentIncident } from './presenter.js';
import * as repo from './repo.js';

type Trx = Kysely<Database>;

/** What a reader reaches an incident as: a bureau of its jurisdiction, or an invited department user. */
export interface Reach {
  incident: repo.IncidentRow;
  invitation: repo.InvitationRow | null;
}

/** The incident as the actor may see it, or 404 (its existence is not shown). */
async function reach(q: Trx, actor: Actor, id: string, lock = false): Promise<Reach> {
  const incident = await repo.incidentById(q, id, lock);
  if (!incident) throw new AppError('NOT_FOUND');
  if (actor.role === 'department') {
    const invitation = await repo.activeInvitation(q, incident, actor.userId);
    if (!invitation) throw new AppError('NOT_FOUND');
    return { incident, invitation };
  }
  if (!coversRegion(actor, incident.region_code)) throw new AppError('NOT_FOUND');
  return { incident, invitation: null };
}

function assertOpen(i: repo.IncidentRow): void {
  if (i.status !== 'open') throw new AppError('INCIDENT_CLOSED');
}

/** The level, invitations and closing: the leading bureau or one above it. */
function assertLead(actor: Actor, i: repo.IncidentRow): void {
  if (!can(actor.role, 'incident.command')) throw new AppError('FORBIDDEN');
  if (!coversRegion(actor, i.lead_region_code)) throw new AppError('INCIDENT_NOT_LEAD');
}

function assertCommand(actor: Actor): void {
  if (!can(actor.role, 'incident.command') || actor.orgKind !== 'bureau') throw new AppError('FORBIDDEN');
}

/** Who wrote a log entry: the user, the organisation (or the invited department) and the level it speaks for. */
function author(actor: Actor | null, invitation: repo.InvitationRow | null) {
  if (!actor) return { author_id: null, author_name: '系统', author_org: '安监平台', author_level: 'system' };
  return {
    author_id: actor.userId,
    author_name: actor.displayName,
    author_org: invitation ? invitation.department_name : actor.orgName,
    author_level: invitation ? 'department' : actor.regionLevel,
  };
}

async function publishChange(
  ctx: AppContext,
  actor: Actor | null,
  i: { region_code: string; id: string },
  kind: string,
) {
  const invited = await repo.invitedUserIds(ctx.db.kysely, i);
  const event: LiveEvent = {
    type: 'incident.changed',
    regionCode: i.region_code,
    at: ctx.now().toISOString(),
    ...(actor ? { actorId: actor.userId } : {}),
    data: { id: i.id, kind },
    invitedUserIds: invited,
  };
  ctx.bus.publish(event);
}

function audit(
  trx: Trx,
  actor: Actor | null,
  i: { region_code: string; id: string },
  action: string,
  at: Date,
  after: unknown,
  before?: unknown,
) {
  return appendAudit(trx, actor, {
    action: `incident.${action}`,
    entityType: 'incident',
    entityId: i.id,
    regionCode: i.region_code,
    at,
    after,
    ...(before !== undefined ? { before } : {}),
  });
}

// ————————————————————————————————————————— read

/** What an invited user read: the page, the situation screen, the report, the nearest resources. */
type ViewWhat = 'detail' | 'wall' | 'report' | 'nearest';

export async function getIncident(
  ctx: AppContext,
  actor: Actor,
  id: string,
  what: 'detail' | 'wall' | 'report' = 'detail',
): Promise<IncidentView> {
  const r = await reach(ctx.db.kysely, actor, id);
  if (r.invitation) await recordView(ctx, actor, r, what);
  return presentIncident(ctx, actor, r);
}

/** The incident as a write answers it: the writer's own echo, not a view (the write is audited already). */
async function echo(ctx: AppContext, actor: Actor, id: string): Promise<IncidentView> {
  return presentIncident(ctx, actor, await reach(ctx.db.kysely, actor, id));
}

/** Every read by an invited user, once: a row of incident_views and an audit row, in one transaction. */
async function recordView(ctx: AppContext, actor: Actor, r: Reach, what: ViewWhat) {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await repo.recordView(trx, {
      region_code: r.incident.region_code,
      incident_id: r.incident.id,
      id: uuidv7(),
      user_id: actor.userId,
      user_name: actor.displayName,
      department_name: r.invitation?.department_name ?? actor.orgName,
      what,
      at: now,
    });
    await audit(trx, actor, r.incident, 'view', now, { what, department: r.invitation?.department_name });
  });
}

export async function listIncidents(ctx: AppContext, actor: Actor, q: IncidentListQuery): Promise<IncidentPage> {
  if (actor.role !== 'department') checkRegionFilter(actor, q.regionCode);
  const { rows, total } = await repo.listIncidents(ctx.db.kysely, actor, q);
  const accidents = await repo.accidentsByIds(
    ctx.db.kysely,
    rows.map((r) => r.accident_id),
  );
  const names = await regionNames(
    ctx.db,
    rows.map((r) => r.region_code),
  );
  return {
    items: rows.map((r) => {
      const a = accidents.get(r.accident_id);
      return {
        id: r.id,
        regionCode: r.region_code,
        regionName: names.get(r.region_code) ?? r.region_code,
        accidentId: r.accident_id,
        reportNo: a?.report_no ?? '',
        unitName: a?.unit_name ?? '',
        grade: a?.grade ?? 'general',
        status: r.status as 'open' | 'closed',
        level: r.level as ResponseLevel,
        leadOrgName: r.lead_org_name,
        autoOpened: r.auto_opened,
        reportedAt: new Date(r.reported_at).toISOString(),
        openedAt: new Date(r.opened_at).toISOString(),
        closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
        committed: r.committed,
      };
    }),
    total: total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

// ————————————————————————————————————————— open

/** The bureau leading a response of this level: the level's region in the accident's chain, or the next above it. */
async function leadOf(trx: Trx, ctx: AppContext, a: repo.AccidentFacts, level: ResponseLevel) {
  const chain = await repo.chainRegions(trx, a);
  const want = CHAIN_LEVELS.indexOf(leadLevelOf(level));
  const row = CHAIN_LEVELS.slice(want)
    .map((l: ChainLevel) => chain.find((c) => c.level === l && c.applicable))
    .find((c) => c !== undefined);
  const code = row?.level_region_code ?? ancestorAt(a.region_code.slice(0, 6), leadLevelOf(level));
  const name = (await repo.bureauName(trx, code)) ?? `${await regionName(ctx.db, code, trx)}应急管理部门`;
  return { code, name };
}

async function locationOf(trx: Trx, a: repo.AccidentFacts) {
  const registered = a.unit_credit_code ? await repo.enterpriseLocation(trx, a.unit_credit_code) : undefined;
  if (registered) return { ...registered, source: 'enterprise' as const };
  const seat = COUNTY_SEATS[a.region_code.slice(0, 6)];
  if (seat) return { lng: seat.lng, lat: seat.lat, source: 'county_seat' as const };
  return { lng: null, lat: null, source: 'unknown' as const };
}

/** Opens the incident of an accident in the caller's transaction. `actor` null: opened by the platform. */
async function openIn(
  trx: Trx,
  ctx: AppContext,
  actor: Actor | null,
  a: repo.AccidentFacts,
  level: ResponseLevel,
  auto: boolean,
): Promise<string> {
  const now = ctx.now();
  const lead = await leadOf(trx, ctx, a, level);
  const where = await locationOf(trx, a);
  const id = uuidv7();
  await repo.insertIncident(trx, {
    id,
    region_code: a.region_code,
    accident_id: a.id,
    level,
    lead_region_code: lead.code,
    lead_org_name: lead.name,
    status: 'open',
    auto_opened: auto,
    lng: where.lng,
    lat: where.lat,
    location_source: where.source,
    reported_at: a.received_at,
    opened_at: now,
    opened_by: actor?.userId ?? null,
    opened_by_name: actor?.displayName ?? '系统（快报自动启动）',
    updated_at: now,
  });
  const reason = auto ? `快报为${gradeLabel(a.grade)}，自动启动` : '启动应急响应';
  await repo.insertLevel(trx, {
    region_code: a.region_code,
    incident_id: id,
    seq: 1,
    level,
    lead_region_code: lead.code,
    lead_org_name: lead.name,
    reason,
    at: now,
    actor_id: actor?.userId ?? null,
    actor_name: actor?.displayName ?? '系统',
  });
  await repo.appendLog(
    trx,
    { region_code: a.region_code, id },
    {
      kind: 'opened',
      at: now,
      ...author(actor, null),
      text: `启动${RESPONSE_LEVEL_LABELS[level]}，由${lead.name}牵头处置（${reason}）。事故：${a.unit_name}，${a.address}。`,
      data: JSON.stringify({ level, leadRegionCode: lead.code, auto, figures: figuresOf(a) }),
    },
  );
  await audit(trx, actor, { region_code: a.region_code, id }, 'open', now, {
    accidentId: a.id,
    level,
    lead: lead.code,
    auto,
  });
  return id;
}

const GRADE_NAMES: Record<string, string> = {
  general: '一般事故',
  larger: '较大事故',
  major: '重大事故',
  especially_major: '特别重大事故',
};
const gradeLabel = (g: string) => GRADE_NAMES[g] ?? g;

function figuresOf(a: {
  deaths: number;
  missing: number;
  serious_injuries: number;
  minor_injuries: number;
  direct_loss_yuan: number;
}): Figures {
  return {
    deaths: a.deaths,
    missing: a.missing,
    seriousInjuries: a.serious_injuries,
    minorInjuries: a.minor_injuries,
    directLossYuan: Number(a.direct_loss_yuan),
  };
}

/** POST /api/incidents: a bureau of the accident's jurisdiction opens its incident (a quick report of any grade). */
export async function openIncident(ctx: AppContext, actor: Actor, input: OpenIncidentInput): Promise<IncidentView> {
  assertCommand(actor);
  const id = await ctx.db.kysely.transaction().execute(async (trx) => {
    const a = await repo.accidentById(trx, input.accidentId);
    if (!a || !coversRegion(actor, a.region_code)) throw new AppError('NOT_FOUND');
    if (await repo.incidentOfAccident(trx, a)) throw new AppError('INCIDENT_EXISTS');
    return openIn(trx, ctx, actor, a, input.level ?? levelForGrade(a.grade as Grade), false);
  });
  await publishChange(
    ctx,
    actor,
    { region_code: (await repo.incidentById(ctx.db.kysely, id))?.region_code ?? '', id },
    'opened',
  );
  return echo(ctx, actor, id);
}

/**
 * A quick report of 较大 or higher opens its incident (issue 12 §3). Called right after the report's transaction
 * commits, so the filing's serial section (the county's report counter) is not held longer; opening is idempotent
 * (one incident per accident), and a follow-up that raises the grade opens it too (onFollowup).
 */
export async function openOnQuickReport(ctx: AppContext, accidentId: string): Promise<string | null> {
  const opened = await ctx.db.kysely.transaction().execute(async (trx) => {
    const a = await repo.accidentById(trx, accidentId);
    if (!a || !opensAutomatically(a.grade as Grade)) return null;
    if (await repo.incidentOfAccident(trx, a)) return null;
    return { id: await openIn(trx, ctx, null, a, levelForGrade(a.grade as Grade), true), region_code: a.region_code };
  });
  if (!opened) return null;
  await publishChange(ctx, null, opened, 'opened');
  return opened.id;
}

/** How far back the clock looks for a 较大 or higher report whose incident was not opened: longer than any outage. */
const MISSING_INCIDENT_WINDOW_MS = 7 * 24 * 3_600_000;

/**
 * The clock's sweep (`incidents.open-missing`): a 较大 or higher quick report opens its incident right after its filing
 * commits; should that step be lost, the report's incident is opened here, within a minute.
 */
export async function openMissing(ctx: AppContext): Promise<number> {
  const ids = await repo.accidentsAwaitingIncident(ctx.db.kysely, {
    grades: GRADES.filter((g) => opensAutomatically(g)),
    since: new Date(ctx.now().getTime() - MISSING_INCIDENT_WINDOW_MS),
    importSource: IMPORT_SOURCE,
    limit: 100,
  });
  let opened = 0;
  for (const id of ids) if (await openOnQuickReport(ctx, id)) opened++;
  return opened;
}

/**
 * A follow-up report (续报) in its transaction: its new figures go into the incident log; a grade raised to 较大 or
 * higher opens the incident. Returns the incident to announce after commit.
 */
export async function onFollowup(
  trx: Trx,
  ctx: AppContext,
  actor: Actor,
  p: {
    accidentId: string;
    before: {
      grade: string;
      deaths: number;
      missing: number;
      serious_injuries: number;
      minor_injuries: number;
      direct_loss_yuan: number;
    };
    revision: number;
  },
): Promise<{ region_code: string; id: string } | null> {
  const a = await repo.accidentById(trx, p.accidentId);
  if (!a) return null;
  const incident = await repo.incidentOfAccident(trx, a, true);
  if (!incident) {
    if (!opensAutomatically(a.grade as Grade)) return null;
    const id = await openIn(trx, ctx, null, a, levelForGrade(a.grade as Grade), true);
    return { region_code: a.region_code, id };
  }
  const changes = figureChanges(figuresOf(p.before), figuresOf(a));
  const raised = gradeRank(a.grade as Grade) > gradeRank(p.before.grade as Grade);
  if ((changes.length === 0 && !raised) || incident.status !== 'open') return null;
  const now = ctx.now();
  const text = [`续报（第${p.revision}次报告）${changes.length > 0 ? `：${describeFigureChanges(changes)}` : ''}`];
  let grade: Record<string, unknown> = {};
  if (raised) {
    // The level is not raised here: a change of 响应级别 is the leading bureau's decision, with its reason
    // (changeLevel); the log says what the new grade calls for and the view prompts the lead (levelBelowGrade).
    const current = incident.level as ResponseLevel;
    const calledFor = levelForGrade(a.grade as Grade);
    const below = levelBelow(current, calledFor);
    text.push(
      `事故等级由${gradeLabel(p.before.grade)}升为${gradeLabel(a.grade)}，对应${RESPONSE_LEVEL_LABELS[calledFor]}` +
        (below ? `，高于当前的${RESPONSE_LEVEL_LABELS[current]}，请牵头部门研判是否提升响应级别` : ''),
    );
    grade = { gradeFrom: p.before.grade, gradeTo: a.grade, gradeLevel: calledFor, levelBelowGrade: below };
  }
  await repo.appendLog(trx, incident, {
    kind: 'figures',
    at: now,
    ...author(actor, null),
    text: `${text.join('。')}。`,
    data: JSON.stringify({ revision: p.revision, changes, figures: figuresOf(a), ...grade }),
  });
  return incident;
}

/** After the follow-up's commit: tell the incident's readers. */
export async function announce(ctx: AppContext, actor: Actor | null, i: { region_code: string; id: string } | null) {
  if (i) await publishChange(ctx, actor, i, 'figures');
}

// ————————————————————————————————————————— level, log

export async function changeLevel(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: LevelChangeInput,
): Promise<IncidentView> {
  const now = ctx.now();
  const i = await ctx.db.kysely.transaction().execute(async (trx) => {
    const { incident } = await reach(trx, actor, id, true);
    assertLead(actor, incident);
    assertOpen(incident);
    const from = incident.level as ResponseLevel;
    const refusal = levelChangeRefusal(from, input.level, input.reason);
    if (refusal === 'same_level') throw fieldError('level', 'same_level', '新的响应级别与当前级别相同');
    if (refusal) throw fieldError('reason', refusal, '须说明调整理由');
    const a = (await repo.accidentById(trx, incident.accident_id)) as repo.AccidentFacts;
    const lead = await leadOf(trx, ctx, a, input.level);
    const { seq } = { seq: (await repo.levelsOf(trx, incident)).length + 1 };
    await repo.insertLevel(trx, {
      region_code: incident.region_code,
      incident_id: incident.id,
      seq,
      level: input.level,
      lead_region_code: lead.code,
      lead_org_name: lead.name,
      reason: input.reason,
      at: now,
      actor_id: actor.userId,
      actor_name: actor.displayName,
    });
    await repo.updateIncident(
      trx,
      incident,
      { level: input.level, lead_region_code: lead.code, lead_org_name: lead.name },
      now,
    );
    const direction = levelDirection(from, input.level) === 'raise' ? '提升' : '降低';
    await repo.appendLog(trx, incident, {
      kind: 'level',
      at: now,
      ...author(actor, null),
      text: `响应级别由${RESPONSE_LEVEL_LABELS[from]}${direction}为${RESPONSE_LEVEL_LABELS[input.level]}，由${lead.name}牵头。理由：${input.reason}`,
      data: JSON.stringify({ from, to: input.level, lead: lead.code, reason: input.reason }),
    });
    await audit(
      trx,
      actor,
      incident,
      'level',
      now,
      { level: input.level, lead: lead.code, reason: input.reason },
      {
        level: from,
        lead: incident.lead_region_code,
      },
    );
    return incident;
  });
  await publishChange(ctx, actor, i, 'level');
  return echo(ctx, actor, id);
}

export async function addLogEntry(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: LogEntryInput,
): Promise<IncidentView> {
  const now = ctx.now();
  const i = await ctx.db.kysely.transaction().execute(async (trx) => {
    const { incident, invitation } = await reach(trx, actor, id, true);
    if (invitation && invitation.access !== 'comment') throw new AppError('INCIDENT_READ_ONLY');
    assertOpen(incident);
    const seq = await repo.appendLog(trx, incident, {
      kind: input.kind,
      at: now,
      ...author(actor, invitation),
      text: input.text,
      data: JSON.stringify({}),
    });
    await audit(trx, actor, incident, 'log', now, { seq, kind: input.kind, text: input.text });
    return incident;
  });
  await publishChange(ctx, actor, i, 'log');
  return echo(ctx, actor, id);
}

// ————————————————————————————————————————— tasks

export async function nearest(
  ctx: AppContext,
  actor: Actor,
  id: string,
  q: NearestForIncidentQuery,
): Promise<{ items: NearbyResource[]; location: IncidentView['location'] }> {
  const r = await reach(ctx.db.kysely, actor, id);
  const { incident } = r;
  if (r.invitation) await recordView(ctx, actor, r, 'nearest');
  if (incident.lng === null || incident.lat === null) return { items: [], location: null };
  // The resources module's search (indexed bounding boxes, exact haversine order), over every region: a city or
  // provincial team answers a county's incident.
  const rows = await findNearestResources(ctx.db.kysely, {
    lng: incident.lng,
    lat: incident.lat,
    kind: q.kind,
    specialty: q.specialty,
    regionPrefix: '',
    limit: q.limit,
  });
  const busy = await busyOf(
    ctx.db.kysely,
    actor,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => {
      const c = busy.get(r.id);
      return {
        id: r.id,
        kind: r.kind,
        name: r.name,
        regionCode: r.region_code,
        specialties: r.specialties,
        lng: roundCoord(r.lng),
        lat: roundCoord(r.lat),
        distanceKm: roundKm(r.distance_km),
        readiness: r.readiness as Readiness | null,
        availability: r.availability as Availability | null,
        dutyPhone: r.duty_phone,
        contactPhone: r.contact_phone,
        dispatchable: isDispatchable(r),
        busy: !!c,
        busyIncidentId: c?.incidentId ?? null,
        committedHere: c?.incidentId === incident.id,
      };
    }),
    location: {
      lng: roundCoord(incident.lng),
      lat: roundCoord(incident.lat),
      source: incident.location_source as 'enterprise' | 'county_seat',
    },
  };
}

function haversineKm(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

/** 力量调派: a resource not committed elsewhere, by any bureau of the incident's jurisdiction. */
export async function dispatch(ctx: AppContext, actor: Actor, id: string, input: DispatchInput): Promise<IncidentView> {
  assertCommand(actor);
  const now = ctx.now();
  const at = input.at ? new Date(input.at) : now;
  const i = await ctx.db.kysely.transaction().execute(async (trx) => {
    const { incident } = await reach(trx, actor, id, true);
    assertOpen(incident);
    if (at.getTime() > now.getTime()) throw fieldError('at', 'future', '调派时间不能晚于当前时间');
    // The response times run from 接报 (report → first dispatch → first on site): nobody is sent before the report came.
    if (at.getTime() < new Date(incident.reported_at).getTime())
      throw fieldError('at', 'too_early', '调派时间不能早于接报时间');
    const resource = await repo.resourceById(trx, input.resourceId);
    if (!resource || resource.retired_at) throw fieldError('resourceId', 'unknown', '救援力量不存在或已停用');
    await repo.lockResource(trx, resource.id);
    const committed = (await repo.commitmentsOf(trx, [resource.id])).get(resource.id);
    if (committed) {
      const here = committed.incidentId === incident.id;
      const message = here ? '该救援力量已调派到本事件' : '该救援力量正在执行其他事件的处置任务';
      throw new AppError(
        'RESOURCE_COMMITTED',
        [{ path: 'resourceId', code: here ? 'committed_here' : 'committed_elsewhere', message }],
        message,
      );
    }
    if (!isDispatchable(resource)) {
      throw new AppError('RESOURCE_UNAVAILABLE', [
        {
          path: 'resourceId',
          code: 'unavailable',
          message: resource.kind === 'expert' ? '该专家当前不可用，不能调派' : '该救援队伍战备状态为“不可用”，不能调派',
        },
      ]);
    }
    const taskId = uuidv7();
    const distance =
      incident.lng !== null && incident.lat !== null
        ? Math.round(haversineKm({ lng: incident.lng, lat: incident.lat }, resource) * 100) / 100
        : null;
    await repo.insertTask(trx, {
      id: taskId,
      region_code: incident.region_code,
      incident_id: incident.id,
      resource_id: resource.id,
      resource_kind: resource.kind,
      resource_name: resource.name,
      resource_region_code: resource.region_code,
      distance_km: distance,
      assignment: input.assignment,
      state: 'dispatched',
      dispatched_at: at,
      dispatched_by: actor.userId,
      dispatched_by_name: actor.displayName,
      updated_at: now,
    });
    await repo.insertTaskEvent(trx, {
      region_code: incident.region_code,
      task_id: taskId,
      seq: 1,
      state: 'dispatched',
      at,
      recorded_at: now,
      actor_id: actor.userId,
      actor_name: actor.displayName,
      note: input.assignment,
    });
    await syncFirstMoments(trx, incident, now);
    await repo.appendLog(trx, incident, {
      kind: 'task',
      at: now,
      ...author(actor, null),
      text: `调派${resource.name}${distance !== null ? `（距事故点约${distance}公里）` : ''}：${input.assignment}`,
      data: JSON.stringify({ taskId, resourceId: resource.id, state: 'dispatched', at: at.toISOString() }),
    });
    await audit(trx, actor, incident, 'dispatch', now, { taskId, resourceId: resource.id, at: at.toISOString() });
    return incident;
  });
  await publishChange(ctx, actor, i, 'task');
  return echo(ctx, actor, id);
}

async function syncFirstMoments(trx: Trx, incident: repo.IncidentRow, now: Date) {
  const m = await repo.firstMoments(trx, incident);
  await repo.updateIncident(
    trx,
    incident,
    { first_dispatch_at: m.first_dispatch_at, first_on_site_at: m.first_on_site_at },
    now,
  );
}

const STATE_COLUMN: Record<Exclude<TaskState, 'dispatched'>, 'en_route_at' | 'on_site_at' | 'withdrawn_at'> = {
  en_route: 'en_route_at',
  on_site: 'on_site_at',
  withdrawn: 'withdrawn_at',
};

/** A task's next state, with the time it happened: forward only (domain/incident.ts canMoveTask). */
export async function moveTask(
  ctx: AppContext,
  actor: Actor,
  id: string,
  taskId: string,
  input: TaskMoveInput,
): Promise<IncidentView> {
  assertCommand(actor);
  const now = ctx.now();
  const at = input.at ? new Date(input.at) : now;
  const i = await ctx.db.kysely.transaction().execute(async (trx) => {
    const { incident } = await reach(trx, actor, id, true);
    assertOpen(incident);
    const task = await repo.taskById(trx, incident, taskId);
    if (!task) throw new AppError('NOT_FOUND');
    await moveIn(trx, actor, incident, task, input.state, at, now, input.note ?? null);
    await syncFirstMoments(trx, incident, now);
    return incident;
  });
  await publishChange(ctx, actor, i, 'task');
  return echo(ctx, actor, id);
}

async function moveIn(
  trx: Trx,
  actor: Actor,
  incident: repo.IncidentRow,
  task: repo.TaskRow,
  to: Exclude<TaskState, 'dispatched'>,
  at: Date,
  now: Date,
  note: string | null,
) {
  const from = task.state as TaskState;
  if (!canMoveTask(from, to)) {
    throw new AppError('TASK_MOVE_REFUSED', [
      {
        path: 'state',
        code: 'not_allowed',
        message: `不能从“${TASK_STATE_LABELS[from]}”转为“${TASK_STATE_LABELS[to]}”`,
      },
    ]);
  }
  const last = [task.dispatched_at, task.en_route_at, task.on_site_at]
    .filter((d): d is Date => d !== null)
    .map((d) => new Date(d))
    .reduce((a, b) => new Date(Math.max(a.getTime(), b.getTime())));
  const refusal = taskTimeRefusal(at, last, now);
  if (refusal === 'future') throw fieldError('at', 'future', '时间不能晚于当前时间');
  if (refusal) throw fieldError('at', 'before_previous', '时间不能早于该任务上一状态的时间');
  const seq = await repo.updateTask(trx, task, { state: to, [STATE_COLUMN[to]]: at }, now);
  await repo.insertTaskEvent(trx, {
    region_code: task.region_code,
    task_id: task.id,
    seq,
    state: to,
    at,
    recorded_at: now,
    actor_id: actor.userId,
    actor_name: actor.displayName,
    note,
  });
  await repo.appendLog(trx, incident, {
    kind: 'task',
    at: now,
    ...author(actor, null),
    text: `${task.resource_name}：${TASK_STATE_LABELS[to]}${note ? `（${note}）` : ''}`,
    data: JSON.stringify({ taskId: task.id, resourceId: task.resource_id, state: to, at: at.toISOString() }),
  });
  await audit(trx, actor, incident, 'task', now, { taskId: task.id, state: to, at: at.toISOString() }, { state: from });
}

// ————————————————————————————————————————— invitations

/** The 协同部门 users the actor may invite to this incident. */
export async function invitableUsers(ctx: AppContext, actor: Actor, id: string): Promise<{ items: InvitableUser[] }> {
  const { incident } = await reach(ctx.db.kysely, actor, id);
  assertLead(actor, incident);
  const county = incident.region_code.slice(0, 6);
  const ancestors = ['000000', ancestorAt(county, 'province'), ancestorAt(county, 'city'), county];
  const rows = await repo.invitableUsers(ctx.db.kysely, actor, ancestors);
  return {
    items: rows.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      regionCode: u.region_code,
    })),
  };
}

export async function invite(ctx: AppContext, actor: Actor, id: string, input: InvitationInput): Promise<IncidentView> {
  const now = ctx.now();
  const i = await ctx.db.kysely.transaction().execute(async (trx) => {
    const { incident } = await reach(trx, actor, id, true);
    assertLead(actor, incident);
    assertOpen(incident);
    const user = await repo.departmentUser(trx, input.userId);
    const county = incident.region_code.slice(0, 6);
    const near =
      user &&
      (user.region_code.startsWith(actor.prefix) ||
        ['000000', ancestorAt(county, 'province'), ancestorAt(county, 'city'), county].includes(user.region_code));
    if (!(user && near) || user.role !== 'department' || user.disabled) {
      throw fieldError('userId', 'not_department_user', '须为本辖区（或事发地上级）的协同部门用户');
    }
    const existing = await repo.activeInvitation(trx, incident, user.id);
    if (existing) await repo.revokeInvitation(trx, existing, actor, now);
    const invitationId = uuidv7();
    await repo.insertInvitation(trx, {
      id: invitationId,
      region_code: incident.region_code,
      incident_id: incident.id,
      user_id: user.id,
      department: input.department,
      department_name: input.departmentName,
      access: input.access,
      invited_at: now,
      invited_by: actor.userId,
      invited_by_name: actor.displayName,
    });
    await repo.appendLog(trx, incident, {
      kind: 'invitation',
      at: now,
      ...author(actor, null),
      text: `邀请${input.departmentName}（${user.display_name}）参与处置，权限：${input.access === 'comment' ? '查看并填写日志' : '仅查看'}`,
      data: JSON.stringify({ invitationId, userId: user.id, access: input.access, replaces: existing?.id ?? null }),
    });
    await audit(trx, actor, incident, 'invite', now, {
      invitationId,
      userId: user.id,
      department: input.department,
      departmentName: input.departmentName,
      access: input.access,
    });
    return incident;
  });
  await publishChange(ctx, actor, i, 'invitation');
  return echo(ctx, actor, id);
}

export async function revoke(ctx: AppContext, actor: Actor, id: string, invitationId: string): Promise<IncidentView> {
  const now = ctx.now();
  const i = await ctx.db.kysely.transaction().execute(async (trx) => {
    const { incident } = await reach(trx, actor, id, true);
    assertLead(actor, incident);
    const inv = await repo.invitationById(trx, incident, invitationId);
    if (!inv) throw new AppError('NOT_FOUND');
    if (inv.revoked_at) return incident;
    await repo.revokeInvitation(trx, inv, actor, now);
    await repo.appendLog(trx, incident, {
      kind: 'invitation',
      at: now,
      ...author(actor, null),
      text: `结束${inv.department_name}的协同权限`,
      data: JSON.stringify({ invitationId: inv.id, revoked: true }),
    });
    await audit(trx, actor, incident, 'revoke', now, { invitationId: inv.id }, { access: inv.access });
    return incident;
  });
  await publishChange(ctx, actor, i, 'invitation');
  return echo(ctx, actor, id);
}

// ————————————————————————————————————————— close

/**
 * 响应终止: the remaining tasks are withdrawn, the figures of the latest report are kept in the closing entry, and the
 * 处置情况报告 is issued (numbered, documents/numbering.ts) — its .docx renders that record (documents.ts).
 */
export async function close(ctx: AppContext, actor: Actor, id: string, input: CloseInput): Promise<IncidentView> {
  const now = ctx.now();
  const i = await ctx.db.kysely.transaction().execute(async (trx) => {
    const { incident } = await reach(trx, actor, id, true);
    assertLead(actor, incident);
    assertOpen(incident);
    for (const task of await repo.tasksOf(trx, incident)) {
      if (task.state === 'withdrawn') continue;
      const locked = (await repo.taskById(trx, incident, task.id)) as repo.TaskRow;
      await moveIn(trx, actor, incident, locked, 'withdrawn', now, now, '响应终止，撤离');
    }
    await syncFirstMoments(trx, incident, now);
    const a = (await repo.accidentById(trx, incident.accident_id)) as repo.AccidentFacts;
    const doc = await issueDocument(trx, actor, {
      kind: 'incident_report',
      subjectType: 'incident',
      subjectId: incident.id,
      subjectRegionCode: incident.region_code,
      at: now,
    });
    await repo.appendLog(trx, incident, {
      kind: 'closed',
      at: now,
      ...author(actor, null),
      text: `终止${RESPONSE_LEVEL_LABELS[incident.level as ResponseLevel]}。${input.summary}`,
      data: JSON.stringify({ summary: input.summary, figures: figuresOf(a), documentId: doc.id, number: doc.number }),
    });
    await repo.updateIncident(
      trx,
      incident,
      {
        status: 'closed',
        closed_at: now,
        closed_by: actor.userId,
        closed_by_name: actor.displayName,
        close_summary: input.summary,
        report_document_id: doc.id,
      },
      now,
    );
    await audit(
      trx,
      actor,
      incident,
      'close',
      now,
      { summary: input.summary, document: doc.number },
      { status: 'open' },
    );
    return incident;
  });
  await publishChange(ctx, actor, i, 'closed');
  return echo(ctx, actor, id);
}

/** For the report and the presenter: the incident's full record. */
export async function recordOf(q: Trx, incident: repo.IncidentRow) {
  const levels = await repo.levelsOf(q, incident);
  const log = await repo.logOf(q, incident);
  const tasks = await repo.tasksOf(q, incident);
  const events = await repo.taskEventsOf(q, incident);
  return { levels, log, tasks, events };
}

/** The 处置情况报告 of a closed incident (.docx); an invited user's download is a view, audited. */
export async function reportDocx(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<{ fileName: string; data: Buffer }> {
  const r = await reach(ctx.db.kysely, actor, id);
  if (!r.incident.report_document_id) throw new AppError('NOT_FOUND');
  const docs = await documentsOf(ctx.db, {
    subjectType: 'incident',
    subjectId: r.incident.id,
    subjectRegionCode: r.incident.region_code,
  });
  const doc = docs.find((d) => d.id === r.incident.report_document_id);
  if (!doc) throw new AppError('NOT_FOUND');
  if (r.invitation) await recordView(ctx, actor, r, 'report');
  const view = await presentIncident(ctx, actor, r);
  const data = await buildOfficialDocx({ ...incidentReportLayout(view, doc), description: doc.number });
  return { fileName: `应急处置情况报告-${view.accident.unitName}.docx`, data };
}

export { LOG_KIND_LABELS, reach };
