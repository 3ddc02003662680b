/**
 * The legal periods of an administrative penalty case (行政处罚), regulations.md §10.4 and §13.
 *
 * Which rule sets a period: the higher and later law governs a department rule (原总局令第15号) where they differ, unless
 * the law itself defers to rules ("法律、法规、规章另有规定的，从其规定").
 * - 决定期限: 行政处罚法 第六十条 gives 90 days but defers to rules; 15号令 第三十二条 gives 30 days from 立案, extendable
 *   with the department head's approval to 90 days and, with the next-higher department's approval, to 180 days.
 * - 陈述、申辩: 15号令 第十八条, 3 days from receiving the 告知书 (the law sets none).
 * - 听证申请: 行政处罚法 第六十四条 5 days (15号令's 3 days yields to the later, higher law); 听证通知 at least 7 days
 *   before the hearing (第六十四条); both are working days (第八十五条).
 * - 举行听证: within 15 days of the request (15号令 第三十五条; the law sets none).
 * - 送达: 7 days when the party is absent (行政处罚法 第六十一条), working days (第八十五条).
 * - 缴纳: 15 days from receiving the decision (第六十六条); then 加处罚款 3 % of the fine per day, never above the fine
 *   (第七十二条第一款第（一）项, 行政强制法 第四十五条).
 * - 复议 60 days (行政复议法 第二十条), 诉讼 6 months (行政诉讼法 第四十六条), from receiving the decision.
 * - 催告 then 10 working days (行政强制法 第五十四条, 第六十九条); the court application within 3 months of the end of the
 *   appeal periods (第五十三条).
 * - 备案 of large penalties to the next level within 10 days of the decision (15号令 第六十三条 — 第六十五条); of a
 *   简易程序 decision within 5 days (15号令 第二十二条).
 *
 * Counting (民法典 第二百零一条 — 第二百零三条, calendar.ts): the start day is not counted; working-day periods skip
 * weekends and 法定节假日 and count 调休 days; a calendar-day or month period whose last day is a 法定休假日 ends on the
 * first working day after it.
 */
import { addCalendarDays, type LocalDate, type WorkingCalendar } from './calendar.js';

/** 15号令 第三十二条: the decision deadline, by the extension approved. */
export const DECISION_DAYS = { none: 30, head: 90, higher: 180 } as const;
export type DecisionExtension = keyof typeof DECISION_DAYS;

export const STATEMENT_DAYS = 3;
export const HEARING_REQUEST_WORKING_DAYS = 5;
export const HEARING_NOTICE_WORKING_DAYS = 7;
export const HEARING_HELD_DAYS = 15;
export const SERVICE_WORKING_DAYS = 7;
export const PAYMENT_DAYS = 15;
export const LATE_FEE_PERCENT_PER_DAY = 3;
export const REVIEW_DAYS = 60;
export const LITIGATION_MONTHS = 6;
export const REMINDER_WORKING_DAYS = 10;
export const COURT_WINDOW_MONTHS = 3;
export const FILING_DAYS = 10;
export const SUMMARY_FILING_DAYS = 5;

/**
 * The date `months` months after `date` (民法典 第二百零二条): the same day of the month; a month without that day ends
 * the period on its last day.
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** Days from a to b (b − a), local dates. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function decisionDueOn(cal: WorkingCalendar, openedOn: LocalDate, extension: DecisionExtension): LocalDate {
  return cal.addCalendarDaysToDeadline(openedOn, DECISION_DAYS[extension]);
}

export function statementDueOn(cal: WorkingCalendar, noticeServedOn: LocalDate): LocalDate {
  return cal.addCalendarDaysToDeadline(noticeServedOn, STATEMENT_DAYS);
}

export function hearingRequestDueOn(cal: WorkingCalendar, noticeServedOn: LocalDate): LocalDate {
  return cal.addWorkingDays(noticeServedOn, HEARING_REQUEST_WORKING_DAYS);
}

/** The first day a hearing may be held when its notice is served on `noticeOn` (七日前通知). */
export function earliestHearingOn(cal: WorkingCalendar, noticeOn: LocalDate): LocalDate {
  return cal.addWorkingDays(noticeOn, HEARING_NOTICE_WORKING_DAYS);
}

export function hearingHeldDueOn(cal: WorkingCalendar, requestedOn: LocalDate): LocalDate {
  return cal.addCalendarDaysToDeadline(requestedOn, HEARING_HELD_DAYS);
}

export function serviceDueOn(cal: WorkingCalendar, decidedOn: LocalDate): LocalDate {
  return cal.addWorkingDays(decidedOn, SERVICE_WORKING_DAYS);
}

export function paymentDueOn(cal: WorkingCalendar, servedOn: LocalDate): LocalDate {
  return cal.addCalendarDaysToDeadline(servedOn, PAYMENT_DAYS);
}

export function reviewDueOn(cal: WorkingCalendar, servedOn: LocalDate): LocalDate {
  return cal.addCalendarDaysToDeadline(servedOn, REVIEW_DAYS);
}

export function litigationDueOn(cal: WorkingCalendar, servedOn: LocalDate): LocalDate {
  return cal.lastDayOfPeriod(addMonths(servedOn, LITIGATION_MONTHS));
}

/** The first day the court may be asked: 10 working days after the 催告 was served have passed (行政强制法 第五十四条). */
export function courtOpensOn(cal: WorkingCalendar, reminderServedOn: LocalDate): LocalDate {
  return addCalendarDays(cal.addWorkingDays(reminderServedOn, REMINDER_WORKING_DAYS), 1);
}

/** The last day to ask the court: 3 months from the end of the appeal periods (行政强制法 第五十三条). */
export function courtClosesOn(cal: WorkingCalendar, servedOn: LocalDate): LocalDate {
  return cal.lastDayOfPeriod(addMonths(litigationDueOn(cal, servedOn), COURT_WINDOW_MONTHS));
}

export function filingDueOn(cal: WorkingCalendar, decidedOn: LocalDate): LocalDate {
  return cal.addCalendarDaysToDeadline(decidedOn, FILING_DAYS);
}

export function summaryFilingDueOn(cal: WorkingCalendar, decidedOn: LocalDate): LocalDate {
  return cal.addCalendarDaysToDeadline(decidedOn, SUMMARY_FILING_DAYS);
}

export interface LateFee {
  fineYuan: number;
  daysLate: number;
  /** Yuan to the fen: 3 % of the fine per day late, at most the fine. */
  lateFeeYuan: number;
  /** The day the fee stops growing (it reached the fine), or null while it grows. */
  cappedOn: LocalDate | null;
}

/**
 * 加处罚款 on `on` for a fine due by `dueOn` (行政处罚法 第七十二条): each day after the last day adds 3 % of the fine, and
 * the total never exceeds the fine (行政强制法 第四十五条). Counted in fen, so the amounts are exact.
 */
export function lateFee(fineYuan: number, dueOn: LocalDate, on: LocalDate): LateFee {
  const daysLate = Math.max(0, daysBetween(dueOn, on));
  const fineFen = Math.round(fineYuan * 100);
  const feeFen = Math.min(fineFen, (fineFen * LATE_FEE_PERCENT_PER_DAY * daysLate) / 100);
  const capDays = Math.ceil(100 / LATE_FEE_PERCENT_PER_DAY);
  return {
    fineYuan,
    daysLate,
    lateFeeYuan: Math.floor(feeFen) / 100,
    cappedOn: daysLate >= capDays ? addCalendarDays(dueOn, capDays) : null,
  };
}

export interface DailyPenalty {
  days: number;
  perDayYuan: number;
  totalYuan: number;
}

/**
 * 按日连续处罚 (安全生产法 第一百一十二条), as the issue sets it: the original fine for each day from the day after the
 * correction deadline until the correction is verified — the day of the verification is not counted (on that day the
 * unit is found to have corrected). Until verified, counted to `today` inclusive.
 */
export function dailyPenalty(
  perDayYuan: number,
  correctionDeadline: LocalDate,
  p: { verifiedOn: LocalDate | null; today: LocalDate },
): DailyPenalty {
  const end = p.verifiedOn ?? addCalendarDays(p.today, 1);
  const days = Math.max(0, daysBetween(correctionDeadline, end) - 1);
  return { days, perDayYuan, totalYuan: days * perDayYuan };
}

export const BUREAU_LEVELS = ['province', 'city', 'county'] as const;
export type BureauLevel = (typeof BUREAU_LEVELS)[number];

/** 15号令 第六十三条 — 第六十五条: the fine from which a decision is filed with the next-higher department. */
export const FILING_THRESHOLD_YUAN: Record<BureauLevel, number> = {
  county: 50_000,
  city: 100_000,
  province: 500_000,
};

/** Penalties that are filed whatever the amount (ibid.): 责令停产停业, 吊销许可, 关闭. */
const ALWAYS_FILED = new Set(['suspension', 'licence', 'closure']);

export function needsFiling(level: BureauLevel | 'national', fineYuan: number, kinds: readonly string[]): boolean {
  if (level === 'national') return false;
  return fineYuan >= FILING_THRESHOLD_YUAN[level] || kinds.some((k) => ALWAYS_FILED.has(k));
}

/**
 * 行政处罚法 第五十一条: a decision on the spot (简易程序) only for a warning or a fine of at most 200 yuan (a person) or
 * 3,000 yuan (a unit), on established facts with a legal basis.
 */
export const SUMMARY_LIMIT_YUAN = { person: 200, unit: 3000 } as const;

export function summaryAllowed(party: 'person' | 'unit', fineYuan: number): boolean {
  return fineYuan <= SUMMARY_LIMIT_YUAN[party];
}

/**
 * 较大数额罚款 that gives the right to a hearing (行政处罚法 第六十三条): set by the province. The defaults, until a
 * province sets its own: 2万 for a person, 5万 for a unit (原总局令第15号 第三十三条 as commonly applied — not verified
 * against the text, regulations.md §13.1; a provincial administrator overrides them).
 */
export const DEFAULT_HEARING_THRESHOLD_YUAN = { person: 20_000, unit: 50_000 } as const;

export function hearingRight(
  party: 'person' | 'unit',
  fineYuan: number,
  kinds: readonly string[],
  threshold: { person: number; unit: number } = DEFAULT_HEARING_THRESHOLD_YUAN,
): boolean {
  return fineYuan >= threshold[party] || kinds.some((k) => ALWAYS_FILED.has(k) || k === 'confiscation');
}

/**
 * 安全生产法 第一百一十三条第（一）项: a unit with an open 重大事故隐患 penalised 3 times within 180 days or 4 times within
 * one year is a candidate for 关闭 (decided by the 县级以上人民政府).
 */
export function closureCandidate(p: {
  openMajorDanger: boolean;
  penaltyDates: readonly LocalDate[];
  today: LocalDate;
}): { candidate: boolean; within180: number; withinYear: number } {
  const since = (first: LocalDate) => p.penaltyDates.filter((d) => d >= first && d <= p.today).length;
  // The 180 days and the year that end today (the start day counts in: a penalty 180 days ago is outside).
  const within180 = since(addCalendarDays(p.today, -179));
  const withinYear = since(addCalendarDays(addMonths(p.today, -12), 1));
  return { candidate: p.openMajorDanger && (within180 >= 3 || withinYear >= 4), within180, withinYear };
}
