/** Duty and dispatch (值班) contracts, shared by server and web: roster, on duty now, handovers, duty log. */
import { z } from 'zod';
import { DAY_MS, HOUR_MS } from '../domain/time.js';
import { isoDateTime, pageQuery, regionCode, requiredText, text } from './common.js';
import type { Role } from './policies.js';

/** A shift may not be longer than this (a 24 h shift plus a handover day at most). */
export const MAX_SHIFT_HOURS = 48;
/** A roster query may span at most this many days. */
export const MAX_ROSTER_DAYS = 93;
export const MAX_OFFICERS = 20;

export const DUTY_CHANNELS = ['phone', 'fax', 'message', 'system', 'other'] as const;
export type DutyChannel = (typeof DUTY_CHANNELS)[number];
export const DUTY_CHANNEL_LABELS: Record<DutyChannel, string> = {
  phone: '电话',
  fax: '传真',
  message: '短信/消息',
  system: '系统',
  other: '其他',
};

const channel = z.enum(DUTY_CHANNELS, { message: `须为 ${DUTY_CHANNELS.join('、')} 之一` });
const uuid = z.uuid({ message: '编号格式不正确' });
const ms = (iso: string) => new Date(iso).getTime();

interface RangeRule {
  /** Where the issue goes (the later field). */
  path: string;
  /** Message when the range is empty or reversed. */
  order: string;
  max?: { ms: number; message: string };
}

/** Adds an issue at rule.path unless from < to (and, with rule.max, to − from ≤ max). */
function checkRange(ctx: z.RefinementCtx, from: string | undefined, to: string | undefined, rule: RangeRule): void {
  if (!from || !to) return;
  const span = ms(to) - ms(from);
  if (span <= 0) ctx.addIssue({ code: 'custom', path: [rule.path], message: rule.order });
  else if (rule.max && span > rule.max.ms)
    ctx.addIssue({ code: 'custom', path: [rule.path], message: rule.max.message });
}

// ————————————————————————————————————————— roster (排班)

export const shiftsQuery = z
  .object({
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
    /** A subordinate bureau's roster (within the actor's jurisdiction). */
    regionCode: regionCode.optional(),
  })
  .superRefine((q, ctx) =>
    checkRange(ctx, q.from, q.to, {
      path: 'to',
      order: '结束时间须晚于开始时间',
      max: { ms: MAX_ROSTER_DAYS * DAY_MS, message: `查询范围不能超过${MAX_ROSTER_DAYS}天` },
    }),
  );
export type ShiftsQuery = z.infer<typeof shiftsQuery>;

export const shiftBody = z
  .object({
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    leaderName: text(50).optional(),
    /** Users of the actor's own organisation. */
    officerIds: z
      .array(uuid)
      .max(MAX_OFFICERS, { message: `值班人员不能超过${MAX_OFFICERS}人` })
      .optional(),
    phone: text(50).optional(),
  })
  .strict()
  .superRefine((b, ctx) =>
    checkRange(ctx, b.startsAt, b.endsAt, {
      path: 'endsAt',
      order: '下班时间须晚于上班时间',
      max: { ms: MAX_SHIFT_HOURS * HOUR_MS, message: `单个班次不能超过${MAX_SHIFT_HOURS}小时` },
    }),
  );
export type ShiftInput = z.infer<typeof shiftBody>;

export const dutyNowQuery = z.object({ regionCode: regionCode.optional() });
export type DutyNowQuery = z.infer<typeof dutyNowQuery>;

// ————————————————————————————————————————— handovers (交接班)

export const handoversQuery = z.object({ ...pageQuery });
export type HandoversQuery = z.infer<typeof handoversQuery>;

export const handoverBody = z
  .object({
    notes: requiredText(5000),
    pendingItems: text(5000).optional(),
    receivedByName: text(50).optional(),
    shiftId: uuid.optional(),
  })
  .strict();
export type HandoverInput = z.infer<typeof handoverBody>;

// ————————————————————————————————————————— duty log (值班记录)

export const dutyLogQuery = z
  .object({
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
    channel: channel.optional(),
    /** 'true': entries already turned into a quick report; 'false': not yet. */
    converted: z.enum(['true', 'false'], { message: '须为 true 或 false' }).optional(),
    q: text(100).optional(),
    ...pageQuery,
  })
  .superRefine((q, ctx) => checkRange(ctx, q.from, q.to, { path: 'to', order: '结束时间须晚于开始时间' }));
export type DutyLogQuery = z.infer<typeof dutyLogQuery>;

export const dutyLogBody = z
  .object({
    channel,
    /** When the call/fax/message came in; not in the future. */
    receivedAt: isoDateTime,
    callerName: text(50).optional(),
    callerPhone: text(50).optional(),
    callerUnit: text(200).optional(),
    content: requiredText(10_000),
    accidentRegionCode: regionCode.optional(),
  })
  .strict();
export type DutyLogInput = z.infer<typeof dutyLogBody>;

// ————————————————————————————————————————— responses

export interface PersonRef {
  id: string;
  name: string;
}

export interface DutyShift {
  id: string;
  orgId: string;
  orgName: string;
  regionCode: string;
  startsAt: string;
  endsAt: string;
  leaderName: string | null;
  officers: PersonRef[];
  /** The shift's phone, else the bureau's duty phone. */
  phone: string | null;
  onDutyNow: boolean;
}

/** 事故报告电话 as a unit sees it (GET /api/duty/contacts). */
export interface ReportingContact {
  level: 'county' | 'province';
  /** Which accidents go there: every one (the county, within 1 h), or 较大 and above (the province too). */
  reports: 'all' | 'larger';
  orgName: string;
  phone: string | null;
  /** A shift is on duty now (its phone is shown); otherwise the bureau's published duty phone. */
  onDuty: boolean;
}

export interface DutyNowRow {
  orgId: string;
  orgName: string;
  regionCode: string;
  level: 'national' | 'province' | 'city' | 'county' | 'town';
  shift: DutyShift | null;
  officers: PersonRef[];
  leaderName: string | null;
  phone: string | null;
}

export interface DutyHandover {
  id: string;
  orgId: string;
  shiftId: string | null;
  handedBy: PersonRef;
  receivedByName: string | null;
  notes: string;
  pendingItems: string | null;
  createdAt: string;
}

export interface DutyLogEntry {
  id: string;
  channel: DutyChannel;
  receivedAt: string;
  callerName: string | null;
  callerPhone: string | null;
  callerUnit: string | null;
  content: string;
  accidentRegionCode: string | null;
  accidentId: string | null;
  loggedBy: PersonRef;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A person of the actor's own bureau who may be put on a shift. */
export interface DutyStaff {
  id: string;
  displayName: string;
  role: Role;
}
