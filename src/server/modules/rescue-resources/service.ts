/**
 * 应急资源 (issue 12 §2): rescue teams, equipment and stockpiles, experts, and rescue agreements (救助协议); the nearest
 * search by straight-line distance; the high-risk enterprises with neither a team nor a valid agreement; statistics.
 *
 * Jurisdiction: a bureau maintains and reads the resources of its region subtree (a resource's region is its owner's);
 * an enterprise reads its own team and equipment and its agreements. Records outside the scope answer 404.
 * Records are never overwritten: every change is a new revision (rescue_resource_revisions,
 * rescue_agreement_revisions), written in the transaction of the change with its audit row; retiring (停用 / 作废)
 * keeps the record readable and takes it out of the lists and the search.
 */
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type {
  AgreementListQuery,
  AgreementPage,
  CreateAgreementInput,
  CreateResourceInput,
  NearestItem,
  NearestQuery,
  NearestResult,
  RescueAgreement,
  RescueResource,
  RescueResourceDetail,
  ResourceKind,
  ResourceListQuery,
  ResourcePage,
  ResourceStats,
  ResourceStatsQuery,
  ResourceStatsRow,
  RetireInput,
  Specialty,
  UncoveredPage,
  UncoveredQuery,
  UpdateAgreementInput,
  UpdateResourceInput,
} from '../../../contracts/rescue-resources.js';
import { SPECIALTIES, TEAM_LEVEL_LABELS, teamLevelsFor } from '../../../contracts/rescue-resources.js';
import { COUNTY_SEATS } from '../../../domain/county-seats.js';
import { boundingBox, type LngLat, roundKm } from '../../../domain/geo.js';
import { isWithin, ownRowLabel, subtreePrefix } from '../../../domain/region-code.js';
import { shanghaiDate } from '../../../domain/time.js';
import { type Actor, checkRegionFilter, coversRegion } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { AppError, fieldError } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { enterpriseInScope } from '../enterprises/service.js';
import { once } from '../idempotency/service.js';
import { commitmentsOf, invitedIncidentIds } from '../incidents/repo.js';
import { regionNames } from '../regions/lookup.js';
import { childrenOf, findRegion } from '../regions/repo.js';
import { presentAgreement, presentResource, presentRevision } from './presenter.js';
import * as repo from './repo.js';

type Trx = Kysely<Database>;

const today = (ctx: AppContext) => shanghaiDate(ctx.now());

async function presentResources(ctx: AppContext, rows: readonly repo.ResourceRow[], q?: Trx) {
  const names = await regionNames(
    ctx.db,
    rows.map((r) => r.region_code),
    q,
  );
  return rows.map((r) => presentResource(r, names.get(r.region_code) ?? r.region_code));
}

async function presentAgreements(ctx: AppContext, rows: readonly repo.AgreementRow[], day: string, q?: Trx) {
  const names = await regionNames(
    ctx.db,
    rows.map((r) => r.region_code),
    q,
  );
  return rows.map((a) => presentAgreement(a, names.get(a.region_code) ?? a.region_code, day));
}

/**
 * The open incidents these resources are committed to, as the actor may see them: a department user (who reaches only
 * the incidents it is invited to) is told a resource is busy, not where — busyIncidentId null outside its invitations.
 */
export async function busyOf(
  q: Trx,
  actor: Actor,
  ids: readonly string[],
): Promise<Map<string, { incidentId: string | null }>> {
  const committed = await commitmentsOf(q, ids);
  if (actor.role !== 'department' || committed.size === 0) return committed;
  const invited = await invitedIncidentIds(
    q,
    actor.userId,
    [...committed.values()].map((c) => c.incidentId),
  );
  return new Map(
    [...committed].map(([id, c]) => [id, { incidentId: invited.has(c.incidentId) ? c.incidentId : null }]),
  );
}

function requireBureau(actor: Actor): void {
  if (actor.orgKind !== 'bureau') throw new AppError('FORBIDDEN');
}

type WriteResult = { status: number; body: unknown };

/**
 * The frame of every write: a bureau's, in one transaction, once per Idempotency-Key (a retry gets the first answer).
 * `request` is what the key is bound to; `status` is 201 for a creation, 200 for a change.
 */
async function writeOnce(
  ctx: AppContext,
  actor: Actor,
  idempotencyKey: string | undefined,
  request: unknown,
  status: 200 | 201,
  write: (trx: Trx, now: Date) => Promise<unknown>,
): Promise<WriteResult> {
  requireBureau(actor);
  const now = ctx.now();
  const done = await ctx.db.kysely
    .transaction()
    .execute((trx) =>
      once(trx, { actor, key: idempotencyKey, regionCode: actor.regionCode, input: request, now, status }, () =>
        write(trx, now),
      ),
    );
  return { status: done.status, body: done.body };
}

// ————————————————————————————————————————— resources: writes

/**
 * The region a resource belongs to: its enterprise's (an enterprise team or equipment), or the one given, or the
 * actor's own — always inside the actor's subtree and a region of the register.
 */
async function ownerOf(
  trx: Trx,
  actor: Actor,
  input: CreateResourceInput | UpdateResourceInput,
): Promise<{ regionCode: string; enterpriseId: string | null }> {
  if (input.enterpriseId) {
    const e = await enterpriseInScope(trx, actor, input.enterpriseId);
    if (input.regionCode && input.regionCode !== e.region_code) {
      throw fieldError('regionCode', 'enterprise_region', '企业的资源登记在企业所在地区');
    }
    return { regionCode: e.region_code, enterpriseId: e.id };
  }
  const regionCode = input.regionCode ?? actor.regionCode;
  if (!coversRegion(actor, regionCode)) {
    throw new AppError('OUTSIDE_JURISDICTION', [
      { path: 'regionCode', code: 'outside', message: '超出本单位管辖范围' },
    ]);
  }
  if (!(await findRegion(trx, regionCode))) throw fieldError('regionCode', 'unknown_region', '行政区划代码不存在');
  return { regionCode, enterpriseId: null };
}

/**
 * What the form's schema cannot know: a team's level is the registering bureau's own or below (分级负责: a county
 * does not register a national team); a maintenance date is not in the future.
 */
function checkResourceInput(
  actor: Actor,
  input: CreateResourceInput | UpdateResourceInput,
  day: string,
  before?: repo.ResourceRow,
): void {
  const changed = (value: unknown, was: unknown) => before === undefined || value !== was;
  if (
    input.kind === 'team' &&
    changed(input.level, before?.level) &&
    !teamLevelsFor(actor.regionLevel).includes(input.level)
  ) {
    throw new AppError('OUTSIDE_JURISDICTION', [
      {
        path: 'level',
        code: 'level_above_bureau',
        message: `本单位不能登记${TEAM_LEVEL_LABELS[input.level]}救援队伍（只能登记本级及以下的队伍）`,
      },
    ]);
  }
  if (
    input.kind === 'equipment' &&
    input.maintainedOn &&
    changed(input.maintainedOn, before?.maintained_on) &&
    input.maintainedOn > day
  ) {
    throw fieldError('maintainedOn', 'future', '上次维护日期不能晚于今天');
  }
}

/** An agreement's signing date is not in the future (its order against validFrom is the schema's). */
function checkAgreementInput(input: CreateAgreementInput | UpdateAgreementInput, day: string): void {
  if (input.signedOn && input.signedOn > day) throw fieldError('signedOn', 'future', '签订日期不能晚于今天');
}

function valuesOf(
  id: string,
  input: CreateResourceInput | UpdateResourceInput,
  owner: { regionCode: string; enterpriseId: string | null },
): repo.ResourceValues {
  const base: repo.ResourceValues = {
    id,
    kind: input.kind,
    region_code: owner.regionCode,
    name: input.name,
    specialties: [...input.specialties],
    lng: input.lng,
    lat: input.lat,
    address: input.address,
    enterprise_id: owner.enterpriseId,
    contact_name: input.contactName ?? null,
    contact_phone: input.contactPhone ?? null,
    note: input.note ?? null,
    level: null,
    members: null,
    duty_phone: null,
    readiness: null,
    category: null,
    equipment_type: null,
    quantity: null,
    unit: null,
    owner_name: null,
    maintained_on: null,
    next_maintenance_on: null,
    organization: null,
    title: null,
    availability: null,
  };
  switch (input.kind) {
    case 'team':
      return {
        ...base,
        level: input.level,
        members: input.members,
        duty_phone: input.dutyPhone,
        readiness: input.readiness,
      };
    case 'equipment':
      return {
        ...base,
        category: input.category,
        equipment_type: input.equipmentType,
        quantity: input.quantity,
        unit: input.unit,
        owner_name: input.ownerName,
        maintained_on: input.maintainedOn ?? null,
        next_maintenance_on: input.nextMaintenanceOn ?? null,
      };
    case 'expert':
      return {
        ...base,
        organization: input.organization ?? null,
        title: input.title ?? null,
        availability: input.availability,
      };
  }
}

/**
 * Writes the revision of a change and its audit row, in the transaction of the change: the end of every write of a
 * resource or an agreement. `row` is the record as written (its region and its new version).
 */
async function recordRevision<T>(
  trx: Trx,
  actor: Actor,
  entityType: 'rescue_resource' | 'rescue_agreement',
  insertRevision: typeof repo.insertResourceRevision,
  c: {
    id: string;
    row: { region_code: string; version: number };
    change: string;
    before: T | null;
    after: T;
    at: Date;
  },
): Promise<T> {
  const { id, row, change, at, after } = c;
  await insertRevision(trx, { regionCode: row.region_code, id, version: row.version, change, at, actor, data: after });
  await appendAudit(trx, actor, {
    action: `${entityType}.${change}`,
    entityType,
    entityId: id,
    regionCode: row.region_code,
    at,
    before: c.before ?? undefined,
    after,
  });
  return after;
}

/** Reads the row back, writes its revision and its audit row: the end of every write of a resource. */
async function recordResource(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  id: string,
  change: 'create' | 'update' | 'retire' | 'import',
  before: RescueResource | null,
  at: Date,
): Promise<RescueResource> {
  const row = (await repo.resourcesByIds(trx, [id]))[0] as repo.ResourceRow;
  const [view] = await presentResources(ctx, [row], trx);
  const after = view as RescueResource;
  return recordRevision(trx, actor, 'rescue_resource', repo.insertResourceRevision, {
    id,
    row,
    change,
    before,
    after,
    at,
  });
}

/** Creates a resource in the transaction `trx` (the form, and each row of an import). */
export async function insertResourceIn(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  input: CreateResourceInput,
  now: Date,
  change: 'create' | 'import' = 'create',
): Promise<RescueResource> {
  checkResourceInput(actor, input, shanghaiDate(now));
  const owner = await ownerOf(trx, actor, input);
  const id = uuidv7();
  await repo.insertResource(trx, valuesOf(id, input, owner), actor.userId, now);
  return recordResource(ctx, trx, actor, id, change, null, now);
}

export async function createResource(
  ctx: AppContext,
  actor: Actor,
  input: CreateResourceInput,
  idempotencyKey?: string,
): Promise<WriteResult> {
  return writeOnce(ctx, actor, idempotencyKey, input, 201, (trx, now) => insertResourceIn(ctx, trx, actor, input, now));
}

async function resourceInScope(trx: Trx, actor: Actor, id: string, forUpdate = false) {
  const r = await repo.findResource(trx, actor, id, forUpdate);
  if (!r) throw new AppError('NOT_FOUND');
  return r;
}

/** The resource to change, locked: in scope (404), active, of the kind given (if one is), at the version read. */
async function resourceToChange(trx: Trx, actor: Actor, id: string, version: number, kind?: ResourceKind) {
  const current = await resourceInScope(trx, actor, id, true);
  if (current.retired_at) throw new AppError('RESCUE_RESOURCE_RETIRED');
  if (kind !== undefined && current.kind !== kind) throw fieldError('kind', 'kind_changed', '资源类别不能修改');
  if (current.version !== version) throw new AppError('VERSION_CONFLICT');
  return current;
}

/** Writes a change of `current` (false: it changed meanwhile → 409) and records it with the record as it stood. */
async function changeResource(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  current: repo.ResourceRow,
  change: 'update' | 'retire',
  now: Date,
  write: () => Promise<boolean>,
): Promise<RescueResource> {
  const [before] = await presentResources(ctx, [current], trx);
  if (!(await write())) throw new AppError('VERSION_CONFLICT');
  return recordResource(ctx, trx, actor, current.id, change, before ?? null, now);
}

export async function updateResource(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateResourceInput,
  idempotencyKey?: string,
): Promise<WriteResult> {
  return writeOnce(ctx, actor, idempotencyKey, { id, input }, 200, async (trx, now) => {
    const current = await resourceToChange(trx, actor, id, input.version, input.kind);
    checkResourceInput(actor, input, shanghaiDate(now), current);
    return changeResource(ctx, trx, actor, current, 'update', now, async () => {
      const owner = await ownerOf(trx, actor, input);
      return repo.updateResource(trx, valuesOf(id, input, owner), input.version, now);
    });
  });
}

export async function retireResource(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: RetireInput,
  idempotencyKey?: string,
): Promise<WriteResult> {
  return writeOnce(ctx, actor, idempotencyKey, { id, input }, 200, async (trx, now) => {
    const current = await resourceToChange(trx, actor, id, input.version);
    return changeResource(ctx, trx, actor, current, 'retire', now, () =>
      repo.retireResource(trx, id, input.version, input.reason, now),
    );
  });
}

// ————————————————————————————————————————— resources: reads

export async function getResource(ctx: AppContext, actor: Actor, id: string): Promise<RescueResourceDetail> {
  const r = await repo.findResource(ctx.db.kysely, actor, id);
  if (!r) throw new AppError('NOT_FOUND');
  const [view] = await presentResources(ctx, [r]);
  const busy = (await busyOf(ctx.db.kysely, actor, [r.id])).get(r.id);
  const revisions = await repo.resourceRevisions(ctx.db.kysely, id);
  const day = today(ctx);
  const agreements =
    r.kind === 'team'
      ? await presentAgreements(
          ctx,
          (await repo.listAgreements(ctx.db.kysely, actor, { teamId: id, page: 1, pageSize: 200 }, day)).items,
          day,
        )
      : [];
  return {
    ...(view as RescueResource),
    busy: busy !== undefined,
    busyIncidentId: busy?.incidentId ?? null,
    revisions: revisions.map(presentRevision),
    agreements,
  };
}

export async function listResources(ctx: AppContext, actor: Actor, q: ResourceListQuery): Promise<ResourcePage> {
  checkRegionFilter(actor, q.regionCode);
  const { items, total } = await repo.listResources(ctx.db.kysely, actor, q);
  return { items: await presentResources(ctx, items), total, page: q.page, pageSize: q.pageSize };
}

// ————————————————————————————————————————— the nearest search

/**
 * The first circle searched, in km: small, because a town's dense cluster (a city's depots, a chemical park) would
 * otherwise put thousands of rows in the first box; where the circle is empty it widens fourfold at little cost.
 */
const FIRST_RADIUS_KM = 5;
/** Past this the box spans the whole country: the last round searches without a circle. */
const LAST_RADIUS_KM = 3000;
/** The last round searches the whole scope without a box (an index range on the kind alone): at most this many. */
const MAX_ROUNDS = 8;

export interface NearestOptions {
  lng: number;
  lat: number;
  kind?: ResourceKind | undefined;
  specialty?: Specialty | undefined;
  /** Region codes of the resources start with this ('' for the nation): the caller's region subtree. */
  regionPrefix: string;
  limit: number;
}

/**
 * The `limit` active resources nearest to a point by straight-line (haversine) distance, nearest first, within a
 * region subtree — for this module's search and for the incidents module (the situation screen, dispatch).
 *
 * Without a spatial extension (PGlite runs the same SQL): a box around the circle is an index range on
 * (kind, lat, lng); the rows inside are ordered by their exact distance and only those within the circle count. When
 * the circle holds fewer than `limit`, it widens — by the density seen so far, at least twice — until it does or the
 * box spans the country; a point further than the circle's radius can never be nearer than one inside it, so the
 * order is exact.
 */
export async function findNearestResources(
  db: Kysely<Database>,
  o: NearestOptions,
): Promise<(repo.ResourceRow & { distance_km: number })[]> {
  const filter: repo.NearestFilter = {
    lng: o.lng,
    lat: o.lat,
    kind: o.kind,
    specialty: o.specialty,
    prefix: o.regionPrefix,
    limit: o.limit,
  };
  let radius = FIRST_RADIUS_KM;
  let previous = -1;
  for (let round = 1; ; round++) {
    const last = radius >= LAST_RADIUS_KM || round === MAX_ROUNDS;
    const box = last ? { minLat: -90, maxLat: 90, minLng: -180, maxLng: 180 } : boundingBox(o, radius);
    const rows = await repo.nearestWithin(db, filter, box, last ? null : radius);
    if (rows.length >= o.limit || last) return rows;
    // Found k in an area of r²: the limit needs about r·√(limit/k) — a little more, and at least half as much again.
    // Nothing yet: 2.5 times (a box four times too large would cost more than a round). Nothing new since the last
    // round: the scope's resources are all found, or lie far away — jump.
    const grow =
      rows.length === 0 ? 2.5 : rows.length === previous ? 8 : Math.max(1.5, Math.sqrt(o.limit / rows.length) * 1.25);
    previous = rows.length;
    radius = Math.min(LAST_RADIUS_KM, radius * grow);
  }
}

/** findNearestResources, presented (with distanceKm rounded to 10 m). */
export async function nearestResources(ctx: AppContext, o: NearestOptions, q?: Trx): Promise<NearestItem[]> {
  const rows = await findNearestResources(q ?? ctx.db.kysely, o);
  const [views, committed] = await Promise.all([
    presentResources(ctx, rows, q),
    commitmentsOf(
      q ?? ctx.db.kysely,
      rows.map((r) => r.id),
    ),
  ]);
  return views.map((v, i) => {
    const c = committed.get(v.id);
    return {
      ...v,
      distanceKm: roundKm((rows[i] as { distance_km: number }).distance_km),
      busy: c !== undefined,
      busyIncidentId: c?.incidentId ?? null,
    };
  });
}

/**
 * Where an accident happened: its unit's registered coordinates, else its county's seat (domain/county-seats.ts),
 * else the centre of what the register knows in its county. 404 outside the actor's scope.
 */
export async function accidentOrigin(
  ctx: AppContext,
  actor: Actor,
  accidentId: string,
  q?: Trx,
): Promise<NearestResult['origin']> {
  const db = q ?? ctx.db.kysely;
  // A bureau's accidents are its subtree's; no enterprise reaches this search.
  const a = actor.orgKind === 'bureau' ? await repo.accidentPlace(db, actor.prefix, accidentId) : undefined;
  if (!a) throw new AppError('NOT_FOUND');
  const label = `${a.unit_name}（${a.address}）`;
  if (a.lng !== null && a.lat !== null) return { lng: a.lng, lat: a.lat, source: 'enterprise', label };
  const county = a.region_code.slice(0, 6);
  const seat = COUNTY_SEATS[county];
  if (seat) return { lng: seat.lng, lat: seat.lat, source: 'county_seat', label };
  const centre = await repo.regionCentre(db, county);
  if (centre) return { ...centre, source: 'region', label };
  throw fieldError('accidentId', 'no_location', '事故地点没有坐标，所在县也无可用的位置，请按坐标查询');
}

export async function nearest(ctx: AppContext, actor: Actor, q: NearestQuery): Promise<NearestResult> {
  requireBureau(actor);
  checkRegionFilter(actor, q.regionCode);
  const origin: NearestResult['origin'] = q.accidentId
    ? await accidentOrigin(ctx, actor, q.accidentId)
    : { lng: q.lng as number, lat: q.lat as number, source: 'point', label: null };
  const items = await nearestResources(ctx, {
    lng: origin.lng,
    lat: origin.lat,
    kind: q.kind,
    specialty: q.specialty,
    regionPrefix: q.regionCode ? subtreePrefix(q.regionCode) : actor.prefix,
    limit: q.limit,
  });
  return { origin, items };
}

/** The origin as a point (for the incidents module and the web). */
export function originPoint(o: NearestResult['origin']): LngLat {
  return { lng: o.lng, lat: o.lat };
}

// ————————————————————————————————————————— agreements

/** The team of an agreement: an active team in the actor's subtree or at a level above it (a city or provincial team). */
async function teamFor(trx: Trx, actor: Actor, teamId: string): Promise<repo.ResourceRow> {
  const [team] = await repo.resourcesByIds(trx, [teamId]);
  const reachable = team && (team.region_code.startsWith(actor.prefix) || isWithin(actor.regionCode, team.region_code));
  if (!team || !reachable) throw fieldError('teamId', 'unknown_team', '救援队伍不存在或不在可选范围内');
  if (team.kind !== 'team') throw fieldError('teamId', 'not_a_team', '须为救援队伍');
  if (team.retired_at) throw fieldError('teamId', 'team_retired', '该救援队伍已停用');
  return team;
}

async function recordAgreement(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  id: string,
  change: 'create' | 'update' | 'retire',
  before: RescueAgreement | null,
  at: Date,
): Promise<RescueAgreement> {
  const row = (await repo.findAgreement(trx, actor, id)) as repo.AgreementRow;
  const [after] = (await presentAgreements(ctx, [row], today(ctx), trx)) as [RescueAgreement];
  return recordRevision(trx, actor, 'rescue_agreement', repo.insertAgreementRevision, {
    id,
    row,
    change,
    before,
    after,
    at,
  });
}

/** The row of an agreement of the enterprise `owner`, as the form gives it. */
function agreementValues(
  id: string,
  owner: { region_code: string; enterprise_id: string },
  input: CreateAgreementInput | UpdateAgreementInput,
): repo.AgreementValues {
  return {
    id,
    region_code: owner.region_code,
    enterprise_id: owner.enterprise_id,
    team_id: input.teamId,
    number: input.number ?? null,
    signed_on: input.signedOn ?? null,
    valid_from: input.validFrom,
    valid_to: input.validTo,
    scope: input.scope ?? null,
    note: input.note ?? null,
  };
}

export async function createAgreement(
  ctx: AppContext,
  actor: Actor,
  input: CreateAgreementInput,
  idempotencyKey?: string,
): Promise<WriteResult> {
  return writeOnce(ctx, actor, idempotencyKey, input, 201, async (trx, now) => {
    checkAgreementInput(input, shanghaiDate(now));
    const e = await enterpriseInScope(trx, actor, input.enterpriseId);
    await teamFor(trx, actor, input.teamId);
    const id = uuidv7();
    const owner = { region_code: e.region_code, enterprise_id: e.id };
    await repo.insertAgreement(trx, agreementValues(id, owner, input), actor.userId, now);
    return recordAgreement(ctx, trx, actor, id, 'create', null, now);
  });
}

/**
 * The agreement to change, locked, at the version read. A bureau changes the agreements of its own subtree's
 * enterprises (a team's region alone lets it read them).
 */
async function agreementToChange(trx: Trx, actor: Actor, id: string, version: number) {
  const a = await repo.findAgreement(trx, actor, id, true);
  if (!a) throw new AppError('NOT_FOUND');
  if (!coversRegion(actor, a.region_code)) throw new AppError('OUTSIDE_JURISDICTION');
  if (a.retired_at) throw new AppError('RESCUE_AGREEMENT_RETIRED');
  if (a.version !== version) throw new AppError('VERSION_CONFLICT');
  return a;
}

/** Writes a change of `current` (false: it changed meanwhile → 409) and records it with the agreement as it stood. */
async function changeAgreement(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  current: repo.AgreementRow,
  change: 'update' | 'retire',
  now: Date,
  write: () => Promise<boolean>,
): Promise<RescueAgreement> {
  const [before] = await presentAgreements(ctx, [current], today(ctx), trx);
  if (!(await write())) throw new AppError('VERSION_CONFLICT');
  return recordAgreement(ctx, trx, actor, current.id, change, before ?? null, now);
}

export async function updateAgreement(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateAgreementInput,
  idempotencyKey?: string,
): Promise<WriteResult> {
  return writeOnce(ctx, actor, idempotencyKey, { id, input }, 200, async (trx, now) => {
    const a = await agreementToChange(trx, actor, id, input.version);
    if (input.signedOn !== a.signed_on) checkAgreementInput(input, shanghaiDate(now));
    if (input.teamId !== a.team_id) await teamFor(trx, actor, input.teamId);
    return changeAgreement(ctx, trx, actor, a, 'update', now, () =>
      repo.updateAgreement(trx, agreementValues(id, a, input), input.version, now),
    );
  });
}

export async function retireAgreement(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: RetireInput,
  idempotencyKey?: string,
): Promise<WriteResult> {
  return writeOnce(ctx, actor, idempotencyKey, { id, input }, 200, async (trx, now) => {
    const a = await agreementToChange(trx, actor, id, input.version);
    return changeAgreement(ctx, trx, actor, a, 'retire', now, () =>
      repo.retireAgreement(trx, a, input.version, input.reason, now),
    );
  });
}

export async function getAgreement(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<RescueAgreement & { revisions: ReturnType<typeof presentRevision>[] }> {
  const a = await repo.findAgreement(ctx.db.kysely, actor, id);
  if (!a) throw new AppError('NOT_FOUND');
  const [view] = (await presentAgreements(ctx, [a], today(ctx))) as [RescueAgreement];
  const revisions = await repo.agreementRevisions(ctx.db.kysely, id);
  return { ...view, revisions: revisions.map(presentRevision) };
}

export async function listAgreements(ctx: AppContext, actor: Actor, q: AgreementListQuery): Promise<AgreementPage> {
  checkRegionFilter(actor, q.regionCode);
  const day = q.on ?? today(ctx);
  const { items, total } = await repo.listAgreements(ctx.db.kysely, actor, q, day);
  return { items: await presentAgreements(ctx, items, day), total, page: q.page, pageSize: q.pageSize };
}

// ————————————————————————————————————————— coverage and statistics

export async function listUncovered(ctx: AppContext, actor: Actor, q: UncoveredQuery): Promise<UncoveredPage> {
  requireBureau(actor);
  checkRegionFilter(actor, q.regionCode);
  const day = q.on ?? today(ctx);
  const prefix = q.regionCode ? subtreePrefix(q.regionCode) : actor.prefix;
  const { items, total } = await repo.listUncovered(ctx.db.kysely, prefix, day, q);
  const names = await regionNames(
    ctx.db,
    items.map((e) => e.region_code),
  );
  return {
    on: day,
    items: items.map((e) => ({
      id: e.id,
      name: e.name,
      creditCode: e.credit_code,
      regionCode: e.region_code,
      regionName: names.get(e.region_code) ?? e.region_code,
      industryCode: e.industry_code,
      sectors: e.sectors,
      scale: e.scale,
      address: e.address,
      lastAgreementTo: e.last_agreement_to,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

function emptyRow(regionCode: string, regionName: string): ResourceStatsRow {
  return {
    regionCode,
    regionName,
    highRisk: 0,
    ownTeam: 0,
    agreement: 0,
    uncovered: 0,
    teams: 0,
    teamMembers: 0,
    equipment: 0,
    experts: 0,
    bySpecialty: Object.fromEntries(SPECIALTIES.map((s) => [s, { teams: 0, equipment: 0, experts: 0 }])) as Record<
      Specialty,
      { teams: number; equipment: number; experts: number }
    >,
  };
}

const KIND_FIELD = { team: 'teams', equipment: 'equipment', expert: 'experts' } as const;

/**
 * By child region of `regionCode` (default the actor's): the 第十条 enterprises and their coverage on `on`, and the
 * active resources by kind and specialty (as they stand now). Aggregated in SQL.
 */
export async function statistics(ctx: AppContext, actor: Actor, q: ResourceStatsQuery): Promise<ResourceStats> {
  requireBureau(actor);
  const code = q.regionCode ?? actor.regionCode;
  checkRegionFilter(actor, code);
  const region = await findRegion(ctx.db.kysely, code);
  if (!region) throw new AppError('NOT_FOUND');
  const children = await childrenOf(ctx.db.kysely, code);
  const split = {
    prefix: subtreePrefix(code),
    self: code,
    children: children.map((c) => ({ code: c.code, prefix: subtreePrefix(c.code) })),
  };
  const day = q.on ?? today(ctx);
  const [coverage, resources] = await Promise.all([
    repo.coverageStats(ctx.db.kysely, split, day),
    repo.resourceStats(ctx.db.kysely, split),
  ]);
  const rows = new Map<string, ResourceStatsRow>(children.map((c) => [c.code, emptyRow(c.code, c.name)]));
  const total = emptyRow(code, region.name);
  const rowOf = (key: string | null) => {
    if (key === null) return total;
    let row = rows.get(key);
    if (!row) {
      row = emptyRow(key, ownRowLabel(region));
      rows.set(key, row);
    }
    return row;
  };
  for (const c of coverage) {
    const row = rowOf(c.key);
    row.highRisk = c.high_risk;
    row.ownTeam = c.own_team;
    row.agreement = c.agreement;
    row.uncovered = c.uncovered;
  }
  for (const r of resources) {
    const row = rowOf(r.key);
    const field = KIND_FIELD[r.kind as ResourceKind];
    if (r.specialty === null) {
      row[field] = r.n;
      if (r.kind === 'team') row.teamMembers = r.members;
    } else {
      row.bySpecialty[r.specialty as Specialty][field] = r.n;
    }
  }
  const list = [...rows.values()];
  return { regionCode: code, on: day, rows: list, total };
}
