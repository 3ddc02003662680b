/**
 * Accident investigation (事故调查, issue 13 §1): who investigates, and the clocks of the case — regulations.md §1.5,
 * §1.6, §9. Pure rules over plain facts; the module and the clock engine store and schedule them.
 *
 * Who investigates (493号令 第十九条): 特别重大 → 国务院 (or the departments it authorises); 重大 → 事故发生地省级人民政府;
 * 较大 → 设区的市级人民政府; 一般 → 县级人民政府, which may entrust 事故发生单位 with a 一般 accident 未造成人员伤亡. The
 * higher-level government may investigate any accident (第二十条: 提级调查, recorded with its reason). The place of the
 * accident decides the region (第二十一条).
 *
 * The clocks, and how each period is counted (民法典 第二百零一条 — 第二百零三条, calendar.ts; regulations.md §13.4):
 * - report (调查报告): 60 days from the day the team is formed (the issue decides; 493号令 第二十九条 counts from the
 *   accident — regulations.md §1.5), plus an approved extension of at most 60 days (第二十九条); the days of technical
 *   appraisal (技术鉴定) do not count (第二十七条).
 * - approval (批复): 15 days from receiving the report; 特别重大: 30 days, extendable by at most 30 (第三十二条).
 * - evaluation (整改措施落实情况评估): from 10 months to 1 year after closure (安委办〔2021〕4号 第三条, regulations.md §9).
 * - supervision (挂牌督办): the notice's own 办理期限, else 60 days from the notice — the provincial examples (Henan,
 *   Jiangsu) of regulations.md §9; the national text was not retrieved (§12 item 9), so the default is configurable.
 * All are calendar days (日) or months: 493号令 has no rule like 行政处罚法 第八十五条 that makes short periods working
 * days. The start day is not counted (第二百零一条); months end on the corresponding day (第二百零二条, addMonths); a
 * last day that is a 法定休假日 moves to the first working day after it (第二百零三条, WorkingCalendar.lastDayOfPeriod),
 * as for every other duty of the platform (case-clocks.ts); the last day ends at 24:00 Asia/Shanghai (endOfDay).
 */
import { addCalendarDays, CalendarGapError, endOfDay, type LocalDate, type WorkingCalendar } from './calendar.js';
import { addMonths, daysBetween } from './case-clocks.js';
import type { Grade } from './grade.js';
import { ancestorAt } from './region-code.js';
import { shanghaiDate } from './time.js';

// ————————————————————————————————————————— errors

export type InvestigationRuleCode =
  | 'invalid_date'
  | 'escalation_not_higher'
  | 'escalation_reason_missing'
  | 'entrust_not_allowed'
  | 'extension_out_of_range'
  | 'extension_not_allowed'
  | 'pause_ends_before_start'
  | 'invalid_days';

/** The facts cannot give a lawful result; `path` names the field as a request body does, `message` is for people. */
export class InvestigationRuleError extends Error {
  override readonly name = 'InvestigationRuleError';
  constructor(
    readonly code: InvestigationRuleCode,
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** The date itself, or InvestigationRuleError when it is not a YYYY-MM-DD calendar date. */
export function checkDate(date: LocalDate, path: string): LocalDate {
  try {
    if (addCalendarDays(date, 0) === date) return date;
  } catch {
    // falls through
  }
  throw new InvestigationRuleError('invalid_date', path, `日期无效：${String(date)}`);
}

// ————————————————————————————————————————— who investigates (第十九条 — 第二十一条)

/** Lowest to highest. */
export const INVESTIGATING_LEVELS = ['county', 'city', 'province', 'state_council'] as const;
export type InvestigatingLevel = (typeof INVESTIGATING_LEVELS)[number];

export const INVESTIGATING_LEVEL_LABELS: Record<InvestigatingLevel, string> = {
  county: '事故发生地县级人民政府',
  city: '事故发生地设区的市级人民政府',
  province: '事故发生地省级人民政府',
  state_council: '国务院或者国务院授权有关部门',
};

/** 493号令 第十九条第一款 and 第二款. */
export function statutoryInvestigatingLevel(grade: Grade): InvestigatingLevel {
  switch (grade) {
    case 'especially_major':
      return 'state_council';
    case 'major':
      return 'province';
    case 'larger':
      return 'city';
    case 'general':
      return 'county';
  }
}

const levelRank = (level: InvestigatingLevel) => INVESTIGATING_LEVELS.indexOf(level);

export interface Casualties {
  deaths: number;
  /** 下落不明. */
  missing: number;
  seriousInjuries: number;
  /** 轻伤: "人员伤亡" includes any injury, so an accident with a minor injury is not one 未造成人员伤亡. */
  minorInjuries: number;
}

export interface AuthorityInput {
  grade: Grade;
  /** The place of the accident (第二十一条: 事故发生地 investigates), a GB/T 2260 code. */
  regionCode: string;
  casualties: Casualties;
  /** 提级调查 (第二十条): a higher level, with its reason. */
  escalateTo?: { level: InvestigatingLevel; reason: string } | null;
  /** The county government entrusts the unit (第十九条第三款). */
  entrustUnit?: boolean;
}

export interface Authority {
  /** The government that investigates (or that entrusts the unit). */
  level: InvestigatingLevel;
  statutoryLevel: InvestigatingLevel;
  government: string;
  /** The region of that government: national code for the 国务院. */
  regionCode: string;
  /** government: the government's team (directly, or by the department it authorises or entrusts); unit: entrusted. */
  investigator: 'government' | 'unit';
  escalated: boolean;
  escalationReason: string | null;
  basis: string[];
}

/** 493号令 第十九条第三款: only a 一般 accident without any casualty (deaths, missing, injured) may go to the unit. */
export function mayEntrustUnit(grade: Grade, c: Casualties): boolean {
  return grade === 'general' && c.deaths + c.missing + c.seriousInjuries + c.minorInjuries === 0;
}

export function investigationAuthority(input: AuthorityInput): Authority {
  const statutoryLevel = statutoryInvestigatingLevel(input.grade);
  const basis = [`《生产安全事故报告和调查处理条例》第十九条：${gradeBasis(input.grade)}`];
  let level = statutoryLevel;
  let reason: string | null = null;
  if (input.escalateTo) {
    reason = input.escalateTo.reason.trim();
    if (levelRank(input.escalateTo.level) <= levelRank(statutoryLevel)) {
      throw new InvestigationRuleError('escalation_not_higher', 'escalateTo.level', '提级调查须由上级人民政府组织');
    }
    if (reason === '') {
      throw new InvestigationRuleError('escalation_reason_missing', 'escalateTo.reason', '提级调查须写明理由');
    }
    level = input.escalateTo.level;
    basis.push(
      '《生产安全事故报告和调查处理条例》第二十条：上级人民政府认为必要时，可以调查由下级人民政府负责调查的事故',
    );
  }
  const entrust = input.entrustUnit === true;
  if (entrust && (level !== 'county' || !mayEntrustUnit(input.grade, input.casualties))) {
    throw new InvestigationRuleError(
      'entrust_not_allowed',
      'entrustUnit',
      '仅未造成人员伤亡的一般事故，县级人民政府可以委托事故发生单位组织事故调查组进行调查',
    );
  }
  if (entrust) {
    basis.push(
      '《生产安全事故报告和调查处理条例》第十九条第三款：未造成人员伤亡的一般事故，县级人民政府也可以委托事故发生单位组织事故调查组进行调查',
    );
  }
  basis.push(
    '《生产安全事故报告和调查处理条例》第二十一条：事故发生地与事故发生单位不在同一个县级以上行政区域的，由事故发生地人民政府负责调查',
  );
  return {
    level,
    statutoryLevel,
    government: INVESTIGATING_LEVEL_LABELS[level],
    regionCode: ancestorAt(input.regionCode, level === 'state_council' ? 'national' : level),
    investigator: entrust ? 'unit' : 'government',
    escalated: level !== statutoryLevel,
    escalationReason: reason,
    basis,
  };
}

function gradeBasis(grade: Grade): string {
  switch (grade) {
    case 'especially_major':
      return '特别重大事故由国务院或者国务院授权有关部门组织事故调查组进行调查';
    case 'major':
      return '重大事故由事故发生地省级人民政府负责调查';
    case 'larger':
      return '较大事故由事故发生地设区的市级人民政府负责调查';
    case 'general':
      return '一般事故由事故发生地县级人民政府负责调查';
  }
}

// ————————————————————————————————————————— clocks

export const CLOCK_STATUSES = [
  'not_open',
  'pending',
  'due_soon',
  'paused',
  'overdue',
  'done',
  'done_early',
  'done_late',
  'calendar_missing',
] as const;
export type ClockStatus = (typeof CLOCK_STATUSES)[number];

export const CLOCK_STATUS_LABELS: Record<ClockStatus, string> = {
  not_open: '未到期间',
  pending: '进行中',
  due_soon: '即将到期',
  paused: '中止计时（技术鉴定）',
  overdue: '已逾期',
  done: '已按期完成',
  done_early: '早于规定期间完成',
  done_late: '逾期完成',
  calendar_missing: '待导入节假日安排',
};

export interface DutyClock<N extends string = string> {
  name: N;
  /** The day the period computes to, before 第二百零三条 moves it off a 法定休假日. */
  nominalOn: LocalDate;
  /** The last day on time; null while the year of nominalOn has no official calendar (never a guess). */
  dueOn: LocalDate | null;
  /** 24:00 Asia/Shanghai of dueOn. */
  dueAt: Date | null;
  /** The first day of a window (the evaluation's 10 months); absent for a plain deadline. */
  opensOn?: LocalDate;
  doneOn: LocalDate | null;
  status: ClockStatus;
  missingYear?: number;
  /** The rule, in Chinese. */
  basis: string;
}

/** How many days before the last day a clock turns due_soon (configurable; a choice of ours, no rule sets it). */
export const DEFAULT_DUE_SOON_DAYS = { report: 10, approval: 3, evaluation: 30, supervision: 10 } as const;

/** The last day of a period ending on `nominalOn`, moved off a 法定休假日, or null for a year without a calendar. */
function lastDay(cal: WorkingCalendar, nominalOn: LocalDate): { dueOn: LocalDate | null; missingYear?: number } {
  try {
    return { dueOn: cal.lastDayOfPeriod(nominalOn) };
  } catch (e) {
    if (e instanceof CalendarGapError) return { dueOn: null, missingYear: e.year };
    throw e;
  }
}

/**
 * A duty's clock on `now`: done (on time, or late) once done; else overdue from 00:00 after the last day, due_soon
 * within `dueSoonDays` of it, pending before. While the last day's year has no calendar, the nominal day decides what
 * it can (the real last day is never earlier); past it the status is calendar_missing.
 */
export function dutyClock<N extends string>(
  cal: WorkingCalendar,
  p: {
    name: N;
    nominalOn: LocalDate;
    doneOn: LocalDate | null;
    now: Date;
    dueSoonDays: number;
    basis: string;
    opensOn?: LocalDate;
  },
): DutyClock<N> {
  const { dueOn, missingYear } = lastDay(cal, p.nominalOn);
  const today = shanghaiDate(p.now);
  const known = dueOn ?? p.nominalOn;
  let status: ClockStatus;
  if (p.doneOn !== null) {
    if (p.opensOn && p.doneOn < p.opensOn) status = 'done_early';
    else if (p.doneOn <= known) status = 'done';
    else status = dueOn === null ? 'calendar_missing' : 'done_late';
  } else if (today > known) status = dueOn === null ? 'calendar_missing' : 'overdue';
  else if (p.opensOn && today < p.opensOn) status = 'not_open';
  else status = daysBetween(today, known) <= p.dueSoonDays ? 'due_soon' : 'pending';
  return {
    name: p.name,
    nominalOn: p.nominalOn,
    dueOn,
    dueAt: dueOn === null ? null : endOfDay(dueOn),
    ...(p.opensOn ? { opensOn: p.opensOn } : {}),
    doneOn: p.doneOn,
    status,
    ...(missingYear !== undefined ? { missingYear } : {}),
    basis: p.basis,
  };
}

// ————————————————————————————————————————— the report (第二十七条, 第二十九条)

export const REPORT_DAYS = 60;
export const REPORT_EXTENSION_MAX_DAYS = 60;

/** A technical appraisal (技术鉴定): `end` null while it runs. */
export interface AppraisalPause {
  start: LocalDate;
  end: LocalDate | null;
}

export interface ReportFacts {
  /** The day the team is formed (成立调查组): the period runs from the next day. */
  teamFormedOn: LocalDate;
  /** Approved extension (第二十九条): 1–60 days; null without one. */
  extensionDays: number | null;
  pauses: readonly AppraisalPause[];
  /** The report submitted to the government (提交事故调查报告). */
  submittedOn: LocalDate | null;
}

export interface ReportClock extends DutyClock<'report'> {
  /** Days of the period: 60 plus the extension. */
  periodDays: number;
  /** Days not counted: every day of an appraisal inside the period (an open one counted to today). */
  pausedDays: number;
  /** An appraisal is running: dueOn is the day the report would be due were it to end today. */
  provisional: boolean;
}

/**
 * The report's clock. Every day from the day after the team is formed counts, except the days of an appraisal: a pause
 * from `start` to `end` stops the clock on each day from start to end, both included (neither is a whole day of
 * investigation; a same-day appraisal stops it one day). Overlapping pauses stop a day once. An open pause stops it
 * up to today; the due date then moves on by a day each day until the pause ends. A pause that begins after the period
 * has run out changes nothing.
 */
export function reportClock(
  cal: WorkingCalendar,
  f: ReportFacts,
  now: Date,
  dueSoonDays: number = DEFAULT_DUE_SOON_DAYS.report,
): ReportClock {
  checkDate(f.teamFormedOn, 'teamFormedOn');
  if (f.submittedOn !== null) checkDate(f.submittedOn, 'submittedOn');
  const ext = f.extensionDays ?? 0;
  if (f.extensionDays !== null && (!Number.isInteger(ext) || ext < 1 || ext > REPORT_EXTENSION_MAX_DAYS)) {
    throw new InvestigationRuleError('extension_out_of_range', 'extensionDays', '延长期限最长不超过60日');
  }
  const today = shanghaiDate(now);
  const pauses = f.pauses.map((p, i) => {
    checkDate(p.start, `pauses.${i}.start`);
    if (p.end !== null && checkDate(p.end, `pauses.${i}.end`) < p.start) {
      throw new InvestigationRuleError('pause_ends_before_start', `pauses.${i}.end`, '技术鉴定结束日期早于开始日期');
    }
    // An open pause runs to today (from its start, should that lie ahead).
    let end = p.end ?? p.start;
    if (p.end === null && today > end) end = today;
    return { start: p.start, end, open: p.end === null };
  });
  const periodDays = REPORT_DAYS + ext;
  let day = f.teamFormedOn;
  let pausedDays = 0;
  let openPauseHit = false;
  for (let counted = 0; counted < periodDays; ) {
    day = addCalendarDays(day, 1);
    const hit = pauses.filter((p) => p.start <= day && day <= p.end);
    if (hit.length === 0) {
      counted++;
      continue;
    }
    // Skip to the last day of the pauses that hold this day (a long appraisal is not walked day by day).
    const until = hit
      .map((p) => p.end)
      .sort()
      .at(-1) as LocalDate;
    pausedDays += daysBetween(day, until) + 1;
    day = until;
    if (hit.some((p) => p.open)) openPauseHit = true;
  }
  const basis =
    '《生产安全事故报告和调查处理条例》第二十九条：事故调查组应当自事故发生之日起60日内提交事故调查报告（本平台自调查组成立之日起算）；' +
    '特殊情况下，经负责事故调查的人民政府批准，提交事故调查报告的期限可以适当延长，但延长的期限最长不超过60日。' +
    '第二十七条：技术鉴定所需时间不计入事故调查期限';
  const clock = dutyClock(cal, { name: 'report', nominalOn: day, doneOn: f.submittedOn, now, dueSoonDays, basis });
  const provisional = openPauseHit;
  const status = provisional && (clock.status === 'pending' || clock.status === 'due_soon') ? 'paused' : clock.status;
  return { ...clock, status, periodDays, pausedDays, provisional };
}

// ————————————————————————————————————————— 批复 (第三十二条)

export const APPROVAL_DAYS = 15;
export const ESPECIALLY_MAJOR_APPROVAL_DAYS = 30;
export const APPROVAL_EXTENSION_MAX_DAYS = 30;

export interface ApprovalFacts {
  grade: Grade;
  /** The government received the report (收到事故调查报告). */
  reportReceivedOn: LocalDate;
  /** 特别重大 only: the extension, 1–30 days, null without one. */
  extensionDays: number | null;
  approvedOn: LocalDate | null;
}

export function approvalDays(grade: Grade, extensionDays: number | null): number {
  if (extensionDays === null) return grade === 'especially_major' ? ESPECIALLY_MAJOR_APPROVAL_DAYS : APPROVAL_DAYS;
  if (grade !== 'especially_major') {
    throw new InvestigationRuleError('extension_not_allowed', 'extensionDays', '仅特别重大事故的批复期限可以延长');
  }
  if (!Number.isInteger(extensionDays) || extensionDays < 1 || extensionDays > APPROVAL_EXTENSION_MAX_DAYS) {
    throw new InvestigationRuleError('extension_out_of_range', 'extensionDays', '批复延长的时间最长不超过30日');
  }
  return ESPECIALLY_MAJOR_APPROVAL_DAYS + extensionDays;
}

export function approvalClock(
  cal: WorkingCalendar,
  f: ApprovalFacts,
  now: Date,
  dueSoonDays: number = DEFAULT_DUE_SOON_DAYS.approval,
): DutyClock<'approval'> {
  checkDate(f.reportReceivedOn, 'reportReceivedOn');
  if (f.approvedOn !== null) checkDate(f.approvedOn, 'approvedOn');
  const days = approvalDays(f.grade, f.extensionDays);
  const basis =
    f.grade === 'especially_major'
      ? '《生产安全事故报告和调查处理条例》第三十二条：特别重大事故，30日内做出批复，特殊情况下，批复时间可以适当延长，但延长的时间最长不超过30日'
      : '《生产安全事故报告和调查处理条例》第三十二条：重大事故、较大事故、一般事故，负责事故调查的人民政府应当自收到事故调查报告之日起15日内做出批复';
  return dutyClock(cal, {
    name: 'approval',
    nominalOn: addCalendarDays(f.reportReceivedOn, days),
    doneOn: f.approvedOn,
    now,
    dueSoonDays,
    basis,
  });
}

// ————————————————————————————————————————— post-closure evaluation (安委办〔2021〕4号 第三条)

export const EVALUATION_OPENS_MONTHS = 10;
export const EVALUATION_DUE_MONTHS = 12;

export interface EvaluationFacts {
  /**
   * 结案: the day the case is closed. A province that counts from the 批复 (Gansu, regulations.md §9) passes that day.
   */
  closedOn: LocalDate;
  /** The evaluation held (its report adopted). */
  evaluatedOn: LocalDate | null;
}

/**
 * The window "事故结案后10个月至1年内": it opens on the day 10 months after closure (the corresponding day, 第二百零二条;
 * an evaluation then is on time) and closes at the end of the day 1 year after it, moved off a 法定休假日. Before the
 * window the clock is not_open; an evaluation held before it is done_early (not the one the rule asks for).
 */
export function evaluationClock(
  cal: WorkingCalendar,
  f: EvaluationFacts,
  now: Date,
  dueSoonDays: number = DEFAULT_DUE_SOON_DAYS.evaluation,
): DutyClock<'evaluation'> {
  checkDate(f.closedOn, 'closedOn');
  if (f.evaluatedOn !== null) checkDate(f.evaluatedOn, 'evaluatedOn');
  return dutyClock(cal, {
    name: 'evaluation',
    opensOn: addMonths(f.closedOn, EVALUATION_OPENS_MONTHS),
    nominalOn: addMonths(f.closedOn, EVALUATION_DUE_MONTHS),
    doneOn: f.evaluatedOn,
    now,
    dueSoonDays,
    basis:
      '《生产安全事故防范和整改措施落实情况评估办法》（安委办〔2021〕4号）第三条：事故结案后10个月至1年内，负责事故调查的地方政府和国务院有关部门要组织开展评估',
  });
}

// ————————————————————————————————————————— 挂牌督办 (regulations.md §9)

/** Provincial examples (Henan, Jiangsu): the supervised government completes the items within 60 days of the notice. */
export const DEFAULT_SUPERVISION_DAYS = 60;

export interface SupervisionFacts {
  /** The 督办通知 issued. */
  noticeOn: LocalDate;
  /** The notice's own 办理期限 (a last day), when it sets one; it prevails over the days. */
  deadlineOn: LocalDate | null;
  /** 解除: the supervising level approved the lifting. Until then the listing is open (no "只挂牌、不督办"). */
  liftedOn: LocalDate | null;
  /** The supervised government reported the items complete (the report the lifting approved). */
  completedOn: LocalDate | null;
}

/**
 * The listing's clock: open until lifted; once lifted, on time when the completion report (else the lifting itself)
 * came by the last day. A deadline the notice names is taken as written (not moved off a holiday: the notice chose it).
 */
export function supervisionClock(
  cal: WorkingCalendar,
  f: SupervisionFacts,
  now: Date,
  opts: { days?: number; dueSoonDays?: number } = {},
): DutyClock<'supervision'> {
  checkDate(f.noticeOn, 'noticeOn');
  for (const k of ['deadlineOn', 'liftedOn', 'completedOn'] as const) {
    const v = f[k];
    if (v !== null) checkDate(v, k);
  }
  const days = opts.days ?? DEFAULT_SUPERVISION_DAYS;
  if (!Number.isInteger(days) || days < 1) {
    throw new InvestigationRuleError('invalid_days', 'days', '督办期限须为正整数日');
  }
  const doneOn = f.liftedOn === null ? null : (f.completedOn ?? f.liftedOn);
  const basis =
    f.deadlineOn !== null
      ? '挂牌督办通知书载明的办理期限'
      : `挂牌督办：自督办通知下发之日起${days}日内办结督办事项（省级挂牌督办办法，默认${DEFAULT_SUPERVISION_DAYS}日，可配置）`;
  const dueSoonDays = opts.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS.supervision;
  if (f.deadlineOn !== null)
    return fixedClock({ name: 'supervision', dueOn: f.deadlineOn, doneOn, now, dueSoonDays, basis });
  return dutyClock(cal, {
    name: 'supervision',
    nominalOn: addCalendarDays(f.noticeOn, days),
    doneOn,
    now,
    dueSoonDays,
    basis,
  });
}

/** A clock whose last day a document fixes (taken as written: no holiday move, so no calendar needed). */
export function fixedClock<N extends string>(p: {
  name: N;
  dueOn: LocalDate;
  doneOn: LocalDate | null;
  now: Date;
  dueSoonDays: number;
  basis: string;
}): DutyClock<N> {
  const today = shanghaiDate(p.now);
  let status: ClockStatus;
  if (p.doneOn !== null) status = p.doneOn <= p.dueOn ? 'done' : 'done_late';
  else if (today > p.dueOn) status = 'overdue';
  else status = daysBetween(today, p.dueOn) <= p.dueSoonDays ? 'due_soon' : 'pending';
  return {
    name: p.name,
    nominalOn: p.dueOn,
    dueOn: p.dueOn,
    dueAt: endOfDay(p.dueOn),
    doneOn: p.doneOn,
    status,
    basis: p.basis,
  };
}
