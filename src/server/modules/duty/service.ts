/**
 * Duty and dispatch (值班): the roster (排班), who is on duty now, shift handovers (交接班) and the duty log of
 * incoming calls, faxes and messages (值班记录). A bureau reads and writes its own organisation's records and
 * reads the rosters of the bureaus in its jurisdiction. Every write is one transaction ending with the audit row.
 */
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type {
  DutyHandover,
  DutyLogEntry,
  DutyLogInput,
  DutyLogQuery,
  DutyNowQuery,
  DutyNowRow,
  DutyShift,
  DutyStaff,
  HandoverInput,
  HandoversQuery,
  Page,
  ReportingContact,
  ShiftInput,
  ShiftsQuery,
} from '../../../contracts/duty.js';
import { ancestorAt, subtreePrefix } from '../../../domain/region-code.js';
import { DAY_MS, startOfShanghaiDay } from '../../../domain/time.js';
import { type Actor, coversRegion } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { AppError, fieldError } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { lookupRegion } from '../regions/lookup.js';
import { presentHandover, presentLog, presentOnDuty, presentShift, presentStaff } from './presenter.js';
import * as repo from './repo.js';

type Trx = Kysely<Database>;

const DEFAULT_ROSTER_DAYS = 7;

/** Optional free text: an empty string is "not given". */
const orNull = (s: string | undefined): string | null => (s ? s : null);

/** Duty records belong to bureaus; enterprise roles never hold duty permissions, this is the second lock. */
function assertBureau(actor: Actor): void {
  if (actor.orgKind !== 'bureau') throw new AppError('FORBIDDEN');
}

/** 00:00 Asia/Shanghai of the day `at` falls on. */
/** The roster window: given bounds, else today 00:00 (Asia/Shanghai) and seven days on. */
export function rosterWindow(q: { from?: string | undefined; to?: string | undefined }, now: Date) {
  const span = DEFAULT_ROSTER_DAYS * DAY_MS;
  const to = q.to ? new Date(q.to) : undefined;
  const from = q.from ? new Date(q.from) : to ? new Date(to.getTime() - span) : startOfShanghaiDay(now);
  return { from, to: to ?? new Date(from.getTime() + span) };
}

/** The actor's own bureau, or a bureau in its jurisdiction (404 outside it: no leak of existence). */
async function rosterBureau(ctx: AppContext, actor: Actor, regionCode: string | undefined): Promise<{ id: string }> {
  if (!regionCode || regionCode === actor.regionCode) return { id: actor.orgId };
  if (!coversRegion(actor, regionCode)) throw new AppError('NOT_FOUND');
  const bureau = await repo.bureauOfRegion(ctx.db.kysely, regionCode);
  if (!bureau) throw new AppError('NOT_FOUND');
  return bureau;
}

// ————————————————————————————————————————— roster

/** The people of the actor's own bureau who may be put on a shift (shiftColumns accepts exactly these). */
export async function listStaff(ctx: AppContext, actor: Actor): Promise<{ items: DutyStaff[] }> {
  assertBureau(actor);
  const rows = await repo.staffOf(ctx.db.kysely, actor.orgId);
  return { items: rows.map(presentStaff) };
}

export async function listShifts(ctx: AppContext, actor: Actor, q: ShiftsQuery): Promise<{ items: DutyShift[] }> {
  assertBureau(actor);
  const bureau = await rosterBureau(ctx, actor, q.regionCode);
  const now = ctx.now();
  const { from, to } = rosterWindow(q, now);
  const rows = await repo.shiftsOverlapping(ctx.db.kysely, bureau.id, from, to);
  return { items: rows.map((s) => presentShift(s, now)) };
}

/** The stored columns of a shift; officers must be enabled users of the actor's own organisation. */
async function shiftColumns(trx: Trx, actor: Actor, input: ShiftInput) {
  const given = input.officerIds ?? [];
  const officerIds = [...new Set(given)];
  const found = new Map((await repo.orgUsers(trx, actor.orgId, officerIds)).map((u) => [u.id, u.display_name]));
  const missing = given.findIndex((id) => !found.has(id));
  if (missing >= 0) throw fieldError(`officerIds.${missing}`, 'not_in_org', '值班人员须为本单位的在用账号');
  return {
    starts_at: new Date(input.startsAt),
    ends_at: new Date(input.endsAt),
    leader_name: orNull(input.leaderName),
    officer_ids: officerIds,
    officer_names: officerIds.map((id) => found.get(id) as string),
    phone: orNull(input.phone),
  };
}

export async function createShift(ctx: AppContext, actor: Actor, input: ShiftInput): Promise<DutyShift> {
  assertBureau(actor);
  const now = ctx.now();
  const id = uuidv7();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const columns = await shiftColumns(trx, actor, input);
    await repo.insertShift(trx, {
      id,
      region_code: actor.regionCode,
      org_id: actor.orgId,
      ...columns,
      created_by: actor.userId,
      created_at: now,
    });
    const shift = presentShift((await repo.findShift(trx, actor.orgId, id)) as repo.ShiftRow, now);
    await appendAudit(trx, actor, {
      action: 'duty.shift.create',
      entityType: 'duty_shift',
      entityId: id,
      regionCode: actor.regionCode,
      at: now,
      after: shift,
    });
    return shift;
  });
}

export async function updateShift(ctx: AppContext, actor: Actor, id: string, input: ShiftInput): Promise<DutyShift> {
  assertBureau(actor);
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const prior = await repo.findShift(trx, actor.orgId, id, true);
    if (!prior) throw new AppError('NOT_FOUND');
    await repo.updateShift(trx, prior, await shiftColumns(trx, actor, input));
    const shift = presentShift((await repo.findShift(trx, actor.orgId, id)) as repo.ShiftRow, now);
    await appendAudit(trx, actor, {
      action: 'duty.shift.update',
      entityType: 'duty_shift',
      entityId: id,
      regionCode: prior.region_code,
      at: now,
      before: presentShift(prior, now),
      after: shift,
    });
    return shift;
  });
}

/** Who is on duty now in the actor's bureau (or a bureau in its jurisdiction) and every bureau below it. */
export async function whoIsOnDuty(ctx: AppContext, actor: Actor, q: DutyNowQuery): Promise<{ items: DutyNowRow[] }> {
  assertBureau(actor);
  const root = q.regionCode ?? actor.regionCode;
  if (!coversRegion(actor, root)) throw new AppError('NOT_FOUND');
  const rows = await repo.onDutyInSubtree(ctx.db.kysely, subtreePrefix(root), ctx.now());
  if (rows.length === 0) throw new AppError('NOT_FOUND');
  return { items: rows.map(presentOnDuty) };
}

/**
 * 事故报告电话 for a unit: the county bureau it reports to within 1 hour and the provincial bureau it also tells of a
 * 较大 or worse accident (21号令 第六条), with the phone of the shift on duty (or the bureau's duty phone). Names of
 * officers are the bureau's business: a unit gets the bureau and the number.
 */
export async function reportingContacts(ctx: AppContext, actor: Actor): Promise<{ items: ReportingContact[] }> {
  if (actor.orgKind !== 'enterprise') throw new AppError('FORBIDDEN');
  const targets = [
    { level: 'county' as const, code: ancestorAt(actor.regionCode, 'county'), when: 'all' as const },
    { level: 'province' as const, code: ancestorAt(actor.regionCode, 'province'), when: 'larger' as const },
  ];
  const rows = await repo.onDutyOf(
    ctx.db.kysely,
    targets.map((t) => t.code),
    ctx.now(),
  );
  return {
    items: targets.flatMap((target) => {
      const row = rows.find((r) => r.region_code === target.code);
      if (!row) return [];
      const view = presentOnDuty(row);
      return [
        { level: target.level, reports: target.when, orgName: view.orgName, phone: view.phone, onDuty: !!view.shift },
      ];
    }),
  };
}

// ————————————————————————————————————————— handovers

export async function listHandovers(ctx: AppContext, actor: Actor, q: HandoversQuery): Promise<Page<DutyHandover>> {
  assertBureau(actor);
  const { items, total } = await repo.listHandovers(ctx.db.kysely, actor.orgId, q);
  return { items: items.map(presentHandover), total, page: q.page, pageSize: q.pageSize };
}

export async function createHandover(ctx: AppContext, actor: Actor, input: HandoverInput): Promise<DutyHandover> {
  assertBureau(actor);
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    if (input.shiftId && !(await repo.findShift(trx, actor.orgId, input.shiftId))) {
      throw fieldError('shiftId', 'not_found', '班次不存在');
    }
    const row = {
      id: uuidv7(),
      region_code: actor.regionCode,
      org_id: actor.orgId,
      shift_id: input.shiftId ?? null,
      handed_by: actor.userId,
      handed_by_name: actor.displayName,
      received_by_name: orNull(input.receivedByName),
      notes: input.notes,
      pending_items: orNull(input.pendingItems),
      created_at: now,
    };
    await repo.insertHandover(trx, row);
    const handover = presentHandover(row);
    await appendAudit(trx, actor, {
      action: 'duty.handover.create',
      entityType: 'duty_handover',
      entityId: row.id,
      regionCode: actor.regionCode,
      at: now,
      after: handover,
    });
    return handover;
  });
}

// ————————————————————————————————————————— duty log

export async function listLog(ctx: AppContext, actor: Actor, q: DutyLogQuery): Promise<Page<DutyLogEntry>> {
  assertBureau(actor);
  const { items, total } = await repo.listLog(ctx.db.kysely, actor.orgId, q);
  return { items: items.map(presentLog), total, page: q.page, pageSize: q.pageSize };
}

export async function getLog(ctx: AppContext, actor: Actor, id: string): Promise<DutyLogEntry> {
  assertBureau(actor);
  const row = await repo.findLog(ctx.db.kysely, actor.orgId, id);
  if (!row) throw new AppError('NOT_FOUND');
  return presentLog(row);
}

export async function createLog(ctx: AppContext, actor: Actor, input: DutyLogInput): Promise<DutyLogEntry> {
  assertBureau(actor);
  const now = ctx.now();
  const receivedAt = new Date(input.receivedAt);
  if (receivedAt.getTime() > now.getTime()) throw fieldError('receivedAt', 'in_future', '接报时间不能晚于当前时间');
  if (input.accidentRegionCode && !(await lookupRegion(ctx.db, input.accidentRegionCode))) {
    throw fieldError('accidentRegionCode', 'unknown_region', '须为已登记的行政区划代码');
  }
  const row = {
    id: uuidv7(),
    region_code: actor.regionCode,
    org_id: actor.orgId,
    channel: input.channel,
    received_at: receivedAt,
    caller_name: orNull(input.callerName),
    caller_phone: orNull(input.callerPhone),
    caller_unit: orNull(input.callerUnit),
    content: input.content,
    accident_region_code: input.accidentRegionCode ?? null,
    accident_id: null,
    logged_by: actor.userId,
    logged_by_name: actor.displayName,
    created_at: now,
  };
  const entry = presentLog(row);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await repo.insertLog(trx, row);
    await appendAudit(trx, actor, {
      action: 'duty.log.create',
      entityType: 'duty_log',
      entityId: row.id,
      regionCode: actor.regionCode,
      at: now,
      after: entry,
    });
  });
  // After commit: subscribers may fetch the entry at once. Reaches this bureau and every level above it.
  ctx.bus.publish({
    type: 'duty.log',
    actorId: actor.userId,
    regionCode: actor.regionCode,
    at: now.toISOString(),
    data: {
      id: entry.id,
      orgId: actor.orgId,
      orgName: actor.orgName,
      channel: entry.channel,
      receivedAt: entry.receivedAt,
      callerUnit: entry.callerUnit,
      content: entry.content.slice(0, 200),
      accidentRegionCode: entry.accidentRegionCode,
    },
  });
  return entry;
}
