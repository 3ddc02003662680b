/**
 * 应急处置 (issue 12 §3): an incident opened from a quick report, its response level, the tasks given to rescue
 * resources and the response times. Pure rules, no I/O.
 *
 * Response levels (应急响应分级): Ⅰ级 is the highest. A level follows the accident grade (493号令 第三条) and the
 * principle 分级负责、属地为主 (《生产安全事故应急条例》第三条; 应急预案管理办法 第三条): Ⅰ级 is led nationally, Ⅱ级 by the
 * province, Ⅲ级 by the city (设区的市), Ⅳ级 by the county. A level may be raised or lowered as the situation changes,
 * always with a reason (应急条例 第十七条: 根据事态发展调整应急措施).
 */
import { type Grade, gradeRank } from './grade.js';
import type { ChainLevel } from './reporting-chain.js';
import { MINUTE_MS } from './time.js';

export const RESPONSE_LEVELS = ['I', 'II', 'III', 'IV'] as const;
export type ResponseLevel = (typeof RESPONSE_LEVELS)[number];

export const RESPONSE_LEVEL_LABELS: Record<ResponseLevel, string> = {
  I: 'Ⅰ级响应',
  II: 'Ⅱ级响应',
  III: 'Ⅲ级响应',
  IV: 'Ⅳ级响应',
};

/** 0 for Ⅰ级 (the highest) … 3 for Ⅳ级. */
export function levelRank(level: ResponseLevel): number {
  return RESPONSE_LEVELS.indexOf(level);
}

/** The level an accident's grade calls for: 特别重大 → Ⅰ, 重大 → Ⅱ, 较大 → Ⅲ, 一般 → Ⅳ. */
export function levelForGrade(grade: Grade): ResponseLevel {
  return RESPONSE_LEVELS[3 - gradeRank(grade)] as ResponseLevel;
}

/** A quick report of 较大 or higher opens its incident without anyone asking (issue 12 §3). */
export function opensAutomatically(grade: Grade): boolean {
  return gradeRank(grade) >= gradeRank('larger');
}

/** The level of government whose bureau leads a response of this level (分级负责). */
export function leadLevelOf(level: ResponseLevel): ChainLevel {
  const lead: Record<ResponseLevel, ChainLevel> = { I: 'national', II: 'province', III: 'city', IV: 'county' };
  return lead[level];
}

export type LevelChangeRefusal = 'same_level' | 'reason_required';

/** Whether a level change may be recorded: another level, with a reason. */
export function levelChangeRefusal(from: ResponseLevel, to: ResponseLevel, reason: string): LevelChangeRefusal | null {
  if (from === to) return 'same_level';
  if (reason.trim().length === 0) return 'reason_required';
  return null;
}

/** Whether `level` is lower (towards Ⅳ级) than `than`. */
export function levelBelow(level: ResponseLevel, than: ResponseLevel): boolean {
  return levelRank(level) > levelRank(than);
}

/** raise (towards Ⅰ级) or lower (towards Ⅳ级). */
export function levelDirection(from: ResponseLevel, to: ResponseLevel): 'raise' | 'lower' {
  return levelRank(to) < levelRank(from) ? 'raise' : 'lower';
}

// ————————————————————————————————————————— tasks

/** A task given to a team, a piece of equipment or an expert: 已调派 → 在途 → 到场 → 撤离. */
export const TASK_STATES = ['dispatched', 'en_route', 'on_site', 'withdrawn'] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const TASK_STATE_LABELS: Record<TaskState, string> = {
  dispatched: '已调派',
  en_route: '在途',
  on_site: '到场',
  withdrawn: '已撤离',
};

/**
 * A task moves forward only: a state may be passed over (a team already on the spot is 到场 at once; a team recalled
 * on its way is 撤离 from 在途), never gone back to.
 */
export function canMoveTask(from: TaskState, to: TaskState): boolean {
  return TASK_STATES.indexOf(to) > TASK_STATES.indexOf(from);
}

export type TaskTimeRefusal = 'future' | 'before_previous';

/** A move's time: not in the future, not before the task's last move. */
export function taskTimeRefusal(at: Date, lastAt: Date, now: Date): TaskTimeRefusal | null {
  if (at.getTime() > now.getTime()) return 'future';
  if (at.getTime() < lastAt.getTime()) return 'before_previous';
  return null;
}

/**
 * Whether a resource may be dispatched by its own state: a team whose 战备状态 is 不可用, an expert marked 不可用, is
 * not (limited ones are: the commander judges). Equipment has no such state.
 */
export function isDispatchable(r: { readiness: string | null; availability: string | null }): boolean {
  return r.readiness !== 'unavailable' && r.availability !== 'unavailable';
}

/** A resource is committed (busy) while one of its tasks of an open incident is not withdrawn. */
export function isCommitted(state: TaskState, incidentOpen: boolean): boolean {
  return incidentOpen && state !== 'withdrawn';
}

// ————————————————————————————————————————— response times

export interface ResponseMoments {
  /** When the bureau learned of the accident (the quick report's 接报时间). */
  reportedAt: Date;
  /** The first task of the incident dispatched, and the first resource on site. */
  firstDispatchAt: Date | null;
  firstOnSiteAt: Date | null;
}

export interface ResponseTimes {
  /** Whole minutes (rounded down), null while the step has not happened. */
  reportToDispatchMin: number | null;
  dispatchToOnSiteMin: number | null;
  reportToOnSiteMin: number | null;
}

const minutesBetween = (a: Date | null, b: Date | null): number | null =>
  a && b ? Math.max(0, Math.floor((b.getTime() - a.getTime()) / MINUTE_MS)) : null;

/** report → first dispatch → first on site (issue 12 §4). The statistics compute the same in SQL. */
export function responseTimes(m: ResponseMoments): ResponseTimes {
  return {
    reportToDispatchMin: minutesBetween(m.reportedAt, m.firstDispatchAt),
    dispatchToOnSiteMin: minutesBetween(m.firstDispatchAt, m.firstOnSiteAt),
    reportToOnSiteMin: minutesBetween(m.reportedAt, m.firstOnSiteAt),
  };
}

// ————————————————————————————————————————— the log

/** What an entry of the incident log says (指令, 情况报告, 决策), and the entries the platform writes itself. */
export const LOG_KINDS = ['order', 'situation', 'decision', 'note'] as const;
export type LogKind = (typeof LOG_KINDS)[number];
export const SYSTEM_LOG_KINDS = ['opened', 'level', 'figures', 'task', 'invitation', 'closed'] as const;
export type SystemLogKind = (typeof SYSTEM_LOG_KINDS)[number];

export const LOG_KIND_LABELS: Record<LogKind | SystemLogKind, string> = {
  order: '指令',
  situation: '情况报告',
  decision: '决策',
  note: '备注',
  opened: '启动响应',
  level: '响应级别调整',
  figures: '续报数字',
  task: '力量调派',
  invitation: '部门协同',
  closed: '响应终止',
};

export interface Figures {
  deaths: number;
  missing: number;
  seriousInjuries: number;
  minorInjuries: number;
  directLossYuan: number;
}

export const FIGURE_LABELS: Record<keyof Figures, string> = {
  deaths: '死亡',
  missing: '失踪',
  seriousInjuries: '重伤',
  minorInjuries: '轻伤',
  directLossYuan: '直接经济损失（元）',
};

/** The figures a follow-up changed, as the log shows them ("死亡 2→3"); empty when none changed. */
export function figureChanges(before: Figures, after: Figures): { field: keyof Figures; from: number; to: number }[] {
  return (Object.keys(FIGURE_LABELS) as (keyof Figures)[])
    .filter((k) => before[k] !== after[k])
    .map((k) => ({ field: k, from: before[k], to: after[k] }));
}

export function describeFigureChanges(changes: ReturnType<typeof figureChanges>): string {
  return changes.map((c) => `${FIGURE_LABELS[c.field]} ${c.from}→${c.to}`).join('，');
}
