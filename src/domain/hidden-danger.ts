/**
 * 隐患排查治理: the rules of a hidden danger's closed loop, on Asia/Shanghai dates (YYYY-MM-DD).
 *
 * - Levels (原安监总局令第16号 第三条): 一般 (little harm, fixed at once or soon) and 重大 (part or all of the works stop; the
 *   unit needs time, or outside help, to remove it).
 * - 延期 (原总局令第15号 第十七条): the request is filed at least 10 days before the deadline (deadline − filing date ≥ 10
 *   days) and answered within 5 days.
 * - 复查 (same article): within 10 days of the completion report, or of the deadline when that comes first — so 10 days
 *   after the completion report's date when it came by the deadline, else 10 days after the deadline (issue 10 §3 and
 *   its API contract; the rule chosen is written in docs/HIDDEN-DANGERS.md).
 * - A day's status changes at 00:00 Asia/Shanghai: a deadline D is met through the whole of D and overdue from D + 1.
 */
import { addCalendarDays, type LocalDate } from './calendar.js';
import { DAY_MS } from './time.js';

export const DANGER_LEVELS = ['general', 'major'] as const;
export type DangerLevel = (typeof DANGER_LEVELS)[number];

/** Where a danger was found: a bureau's inspection, the enterprise's own check (自查自报), a tip-off, another department. */
export const DANGER_SOURCES = ['inspection', 'self_check', 'tip_off', 'other_department'] as const;
export type DangerSource = (typeof DANGER_SOURCES)[number];

/** 一般: 当场整改 (fixed on the spot) or by a deadline; 重大: always by a deadline. */
export const RECTIFICATION_KINDS = ['immediate', 'deadline'] as const;
export type RectificationKind = (typeof RECTIFICATION_KINDS)[number];

/** 现场处理措施 for a 重大 danger (安全生产法 第六十五条第一款第三项). */
export const IMMEDIATE_MEASURES = ['withdraw_workers', 'suspend_production', 'stop_equipment'] as const;
export type ImmediateMeasure = (typeof IMMEDIATE_MEASURES)[number];

export const IMMEDIATE_MEASURE_LABELS: Record<ImmediateMeasure, string> = {
  withdraw_workers: '从危险区域内撤出作业人员',
  suspend_production: '责令暂时停产停业',
  stop_equipment: '停止使用相关设施、设备',
};

export const DANGER_STATUSES = ['open', 'rectifying', 'awaiting_recheck', 'closed', 'overdue'] as const;
export type DangerStatus = (typeof DANGER_STATUSES)[number];

/** 原总局令第15号 第十七条: an extension is asked for at least 10 days before the deadline … */
export const EXTENSION_NOTICE_DAYS = 10;
/** … and answered within 5 days. */
export const EXTENSION_ANSWER_DAYS = 5;
/** 复查 within 10 days of the completion report (or of the deadline). */
export const RECHECK_DAYS = 10;

/** Whole days from a to b (b − a), both local dates. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** An extension request filed on `filedOn` is on time when the deadline is at least 10 days away. */
export function extensionOnTime(deadline: LocalDate, filedOn: LocalDate): boolean {
  return daysBetween(filedOn, deadline) >= EXTENSION_NOTICE_DAYS;
}

/** The last day to answer an extension request filed on `filedOn`. */
export function extensionAnswerDueOn(filedOn: LocalDate): LocalDate {
  return addCalendarDays(filedOn, EXTENSION_ANSWER_DAYS);
}

/**
 * The last day of the 复查: 10 days after the completion report when it came by the deadline, else 10 days after the
 * deadline; null while neither has happened (no deadline and no report yet).
 */
export function recheckDueOn(deadline: LocalDate | null, completedOn: LocalDate | null): LocalDate | null {
  if (completedOn && (!deadline || completedOn <= deadline)) return addCalendarDays(completedOn, RECHECK_DAYS);
  return deadline ? addCalendarDays(deadline, RECHECK_DAYS) : null;
}

/** What the status of a danger is computed from. */
export interface DangerFacts {
  rectification: RectificationKind;
  deadline: LocalDate | null;
  completedOn: LocalDate | null;
  closedOn: LocalDate | null;
}

/**
 * The danger's status on `today` (a Shanghai date): closed; awaiting the 复查 once completion is reported; overdue
 * from the day after its deadline; rectifying while a deadline runs; open before any order (a self-reported danger
 * without a deadline yet).
 */
export function dangerStatus(f: DangerFacts, today: LocalDate): DangerStatus {
  if (f.closedOn) return 'closed';
  if (f.completedOn) return 'awaiting_recheck';
  if (!f.deadline) return 'open';
  return today > f.deadline ? 'overdue' : 'rectifying';
}

export const CLOCK_STATUSES = ['pending', 'done', 'overdue', 'done_late'] as const;
export type ClockStatus = (typeof CLOCK_STATUSES)[number];

/** A legal clock's status on `today`: met on or before its last day is done, after it done_late. */
export function clockStatus(dueOn: LocalDate, doneOn: LocalDate | null, today: LocalDate): ClockStatus {
  if (doneOn) return doneOn <= dueOn ? 'done' : 'done_late';
  return today > dueOn ? 'overdue' : 'pending';
}

/** The 治理方案 of a 重大 danger: the six parts every 方案 must have (regulations.md §7.1). */
export const PLAN_PARTS = ['goals', 'methods', 'funds', 'organisation', 'timeLimit', 'safetyMeasures'] as const;
export type PlanPart = (typeof PLAN_PARTS)[number];

export const PLAN_PART_LABELS: Record<PlanPart, string> = {
  goals: '治理的目标和任务',
  methods: '采取的方法和措施',
  funds: '经费和物资的落实',
  organisation: '负责治理的机构和人员',
  timeLimit: '治理的时限和要求',
  safetyMeasures: '安全措施和应急预案',
};

/** Why a danger cannot be closed yet, in the order they must be done; empty when it can. */
export function closeBlockers(d: {
  level: DangerLevel;
  hasPlan: boolean;
  recheckPassed: boolean | null;
}): ('plan' | 'recheck')[] {
  const out: ('plan' | 'recheck')[] = [];
  if (d.level === 'major' && !d.hasPlan) out.push('plan');
  if (d.recheckPassed !== true) out.push('recheck');
  return out;
}
