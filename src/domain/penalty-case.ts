/**
 * An administrative penalty case (行政处罚案件, issue 11): its states, the moves between them, and its clocks computed
 * from its facts on the official calendar (case-clocks.ts holds each period and the rule that sets it).
 *
 * 一般程序: 立案审批 → 调查取证 → 案件审理 → 告知 (陈述、申辩; 听证告知 when the penalty qualifies) → 听证 → 决定 → 送达 →
 * 执行 (缴纳, 加处罚款) or 强制执行 (催告, then the court) → 结案审批 → 归档. 不予处罚 goes from 审理 to 结案审批 with its
 * reason. 简易程序 (行政处罚法 第五十一条) is decided and handed over on the spot, then filed within 5 days.
 */
import { CalendarGapError, type LocalDate, unlessCalendarGap, type WorkingCalendar } from './calendar.js';
import {
  courtClosesOn,
  courtOpensOn,
  type DecisionExtension,
  decisionDueOn,
  filingDueOn,
  hearingHeldDueOn,
  hearingRequestDueOn,
  litigationDueOn,
  paymentDueOn,
  reviewDueOn,
  serviceDueOn,
  statementDueOn,
  summaryFilingDueOn,
} from './case-clocks.js';

export const CASE_STATUSES = [
  'pending_approval',
  'not_filed',
  'investigating',
  'reviewing',
  'notified',
  'hearing',
  'decided',
  'served',
  'enforcing',
  'court',
  'closing',
  'closed',
  'archived',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  pending_approval: '立案审批',
  not_filed: '不予立案',
  investigating: '调查取证',
  reviewing: '案件审理',
  notified: '告知',
  hearing: '听证',
  decided: '已决定',
  served: '已送达（执行）',
  enforcing: '强制执行（催告）',
  court: '申请法院强制执行',
  closing: '结案审批',
  closed: '已结案',
  archived: '已归档',
};

/** Where each state may go (a move not listed is refused, 409). */
export const CASE_MOVES: Record<CaseStatus, readonly CaseStatus[]> = {
  pending_approval: ['investigating', 'not_filed'],
  not_filed: [],
  investigating: ['reviewing'],
  reviewing: ['notified', 'closing'],
  notified: ['hearing', 'decided'],
  hearing: ['decided'],
  decided: ['served'],
  served: ['closing', 'enforcing'],
  enforcing: ['court', 'closing'],
  court: ['closing'],
  closing: ['closed'],
  closed: ['archived'],
  archived: [],
};

/** The moves that are the head's approval (立案、结案审批: 15号令, 行政处罚法 第五十四条). */
export const APPROVAL_MOVES: ReadonlySet<CaseStatus> = new Set(['investigating', 'not_filed', 'closed']);

export function canMove(from: CaseStatus, to: CaseStatus): boolean {
  return CASE_MOVES[from].includes(to);
}

export const CASE_SOURCES = ['inspection', 'hidden_danger', 'tip_off', 'investigation', 'manual'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export const CASE_SOURCE_LABELS: Record<CaseSource, string> = {
  inspection: '监督检查发现',
  hidden_danger: '隐患复查未通过',
  tip_off: '举报',
  investigation: '事故调查',
  manual: '其他',
};

export const CASE_OUTCOMES = ['executed', 'no_penalty', 'court_executed', 'court_refused', 'revoked'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export const CASE_OUTCOME_LABELS: Record<CaseOutcome, string> = {
  executed: '执行完毕',
  no_penalty: '不予处罚',
  court_executed: '法院强制执行完毕',
  court_refused: '法院裁定不予执行',
  revoked: '决定被撤销',
};

export const SERVICE_METHODS = ['direct', 'left', 'mail', 'entrusted', 'public_notice', 'electronic'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];

/** 送达方式 (行政处罚法 第六十一条 → 民事诉讼法 第八十七条 — 第九十五条). */
export const SERVICE_METHOD_LABELS: Record<ServiceMethod, string> = {
  direct: '直接送达',
  left: '留置送达',
  mail: '邮寄送达',
  entrusted: '委托送达',
  public_notice: '公告送达',
  electronic: '电子送达',
};

/** The facts the clocks are computed from (dates are Asia/Shanghai local dates). */
export interface CaseFacts {
  procedure: 'general' | 'summary';
  status: CaseStatus;
  openedOn: LocalDate | null;
  decisionExtension: DecisionExtension;
  noticeServedOn: LocalDate | null;
  hearingRight: boolean;
  hearingRequestedOn: LocalDate | null;
  hearingHeldOn: LocalDate | null;
  decidedOn: LocalDate | null;
  servedOn: LocalDate | null;
  fineYuan: number;
  paidOn: LocalDate | null;
  filingRequired: boolean;
  filedOn: LocalDate | null;
  reminderServedOn: LocalDate | null;
  courtAppliedOn: LocalDate | null;
  /** 不予处罚: decided (decidedOn) without a penalty, so nothing to serve, pay or file. */
  noPenalty: boolean;
}

export const CASE_CLOCKS = [
  'decision',
  'statement',
  'hearing_request',
  'hearing',
  'service',
  'payment',
  'review',
  'litigation',
  'filing',
  'court',
] as const;
export type CaseClockName = (typeof CASE_CLOCKS)[number];

export const CASE_CLOCK_LABELS: Record<CaseClockName, string> = {
  decision: '作出处罚决定',
  statement: '陈述、申辩期',
  hearing_request: '听证申请期',
  hearing: '举行听证',
  service: '送达决定书',
  payment: '缴纳罚款',
  review: '行政复议申请期',
  litigation: '行政诉讼起诉期',
  filing: '报上一级备案',
  court: '申请法院强制执行',
};

/**
 * duty: the bureau (or the party, for payment) must act by the date — pending, done, done_late or overdue.
 * period: the party's window (陈述, 听证申请, 复议, 诉讼) — running, then ended.
 */
export type ClockKind = 'duty' | 'period';
export type CaseClockStatus = 'pending' | 'done' | 'done_late' | 'overdue' | 'running' | 'ended' | 'calendar_missing';

export interface CaseClock {
  name: CaseClockName;
  kind: ClockKind;
  /** The last day (24:00 Asia/Shanghai); null when a year on the way has no official calendar yet. */
  dueOn: LocalDate | null;
  /** The day the duty was met, if it was. */
  doneOn: LocalDate | null;
  status: CaseClockStatus;
  /** 法院强制执行: the first day the court may be asked (催告 + 10 working days). */
  opensOn?: LocalDate | null;
  /** The year without a calendar, when status is calendar_missing. */
  missingYear?: number;
}

interface Spec {
  name: CaseClockName;
  kind: ClockKind;
  /** Whether the clock runs for these facts. */
  applies(f: CaseFacts): boolean;
  due(cal: WorkingCalendar, f: CaseFacts): LocalDate;
  done(f: CaseFacts): LocalDate | null;
}

const DECIDED_STATES: ReadonlySet<CaseStatus> = new Set([
  'decided',
  'served',
  'enforcing',
  'court',
  'closing',
  'closed',
  'archived',
]);
const isDecided = (f: CaseFacts) => f.decidedOn !== null && !f.noPenalty && DECIDED_STATES.has(f.status);

const SPECS: readonly Spec[] = [
  {
    name: 'decision',
    kind: 'duty',
    applies: (f) => f.procedure === 'general' && f.openedOn !== null,
    due: (cal, f) => decisionDueOn(cal, f.openedOn as LocalDate, f.decisionExtension),
    // 不予处罚 is a decision too (行政处罚法 第五十七条): its day is the decision's.
    done: (f) => f.decidedOn,
  },
  {
    name: 'statement',
    kind: 'period',
    applies: (f) => f.noticeServedOn !== null,
    due: (cal, f) => statementDueOn(cal, f.noticeServedOn as LocalDate),
    done: () => null,
  },
  {
    name: 'hearing_request',
    kind: 'period',
    applies: (f) => f.noticeServedOn !== null && f.hearingRight,
    due: (cal, f) => hearingRequestDueOn(cal, f.noticeServedOn as LocalDate),
    done: () => null,
  },
  {
    name: 'hearing',
    kind: 'duty',
    applies: (f) => f.hearingRequestedOn !== null,
    due: (cal, f) => hearingHeldDueOn(cal, f.hearingRequestedOn as LocalDate),
    done: (f) => f.hearingHeldOn,
  },
  {
    name: 'service',
    kind: 'duty',
    applies: isDecided,
    due: (cal, f) => serviceDueOn(cal, f.decidedOn as LocalDate),
    done: (f) => f.servedOn,
  },
  {
    name: 'payment',
    kind: 'duty',
    applies: (f) => f.servedOn !== null && f.fineYuan > 0,
    due: (cal, f) => paymentDueOn(cal, f.servedOn as LocalDate),
    done: (f) => f.paidOn,
  },
  {
    name: 'review',
    kind: 'period',
    applies: (f) => f.servedOn !== null && f.procedure === 'general',
    due: (cal, f) => reviewDueOn(cal, f.servedOn as LocalDate),
    done: () => null,
  },
  {
    name: 'litigation',
    kind: 'period',
    applies: (f) => f.servedOn !== null && f.procedure === 'general',
    due: (cal, f) => litigationDueOn(cal, f.servedOn as LocalDate),
    done: () => null,
  },
  {
    name: 'filing',
    kind: 'duty',
    applies: (f) => isDecided(f) && (f.filingRequired || f.procedure === 'summary'),
    due: (cal, f) =>
      f.procedure === 'summary'
        ? summaryFilingDueOn(cal, f.decidedOn as LocalDate)
        : filingDueOn(cal, f.decidedOn as LocalDate),
    done: (f) => f.filedOn,
  },
  {
    name: 'court',
    kind: 'duty',
    applies: (f) => f.reminderServedOn !== null && f.servedOn !== null,
    due: (cal, f) => courtClosesOn(cal, f.servedOn as LocalDate),
    done: (f) => f.courtAppliedOn ?? f.paidOn,
  },
];

function statusOf(kind: ClockKind, dueOn: LocalDate, doneOn: LocalDate | null, today: LocalDate): CaseClockStatus {
  if (kind === 'period') return today > dueOn ? 'ended' : 'running';
  if (doneOn) return doneOn > dueOn ? 'done_late' : 'done';
  return today > dueOn ? 'overdue' : 'pending';
}

/** The case's clocks today. A clock whose period reaches a year without an official calendar says so. */
export function caseClocks(cal: WorkingCalendar, f: CaseFacts, today: LocalDate): CaseClock[] {
  return SPECS.filter((s) => s.applies(f)).map((s) => {
    const doneOn = s.done(f);
    const extra =
      s.name === 'court' && f.reminderServedOn
        ? { opensOn: unlessCalendarGap(() => courtOpensOn(cal, f.reminderServedOn as LocalDate)) }
        : {};
    try {
      const dueOn = s.due(cal, f);
      return { name: s.name, kind: s.kind, dueOn, doneOn, status: statusOf(s.kind, dueOn, doneOn, today), ...extra };
    } catch (e) {
      if (!(e instanceof CalendarGapError)) throw e;
      return {
        name: s.name,
        kind: s.kind,
        dueOn: null,
        doneOn,
        status: 'calendar_missing',
        missingYear: e.year,
        ...extra,
      };
    }
  });
}

/** The earliest last day of a duty still open: the case list sorts and filters overdue cases by it. */
export function nextDueOn(clocks: readonly CaseClock[]): LocalDate | null {
  const open = clocks.filter((c) => c.kind === 'duty' && c.dueOn && !c.doneOn).map((c) => c.dueOn as LocalDate);
  return open.length ? (open.sort()[0] as LocalDate) : null;
}

/** Whether a clock could not be computed for want of a calendar year (the case is looked at again once it is loaded). */
export function hasCalendarGap(clocks: readonly CaseClock[]): boolean {
  return clocks.some((c) => c.status === 'calendar_missing');
}
