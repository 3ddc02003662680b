/**
 * The official working-day calendar (法定工作日), in Asia/Shanghai dates (YYYY-MM-DD).
 *
 * A day is a working day when the year's schedule makes it one (调休上班), else when it is Monday–Friday and not a day
 * off of the schedule. Working days are never guessed: a computation that reaches a year whose schedule is not loaded
 * throws CalendarGapError (the server answers 409 CALENDAR_YEAR_MISSING) instead of falling back to Monday–Friday.
 *
 * Counting periods (民法典 第二百零一条 — 第二百零三条, regulations.md §13.4):
 * - the day the period starts is not counted; counting begins the next day (第二百零一条): addWorkingDays(d, n) is the
 *   n-th working day after d;
 * - a period whose last day falls on a 法定休假日 ends on the first day after it (第二百零三条): lastDayOfPeriod;
 * - the last day ends at 24:00 (第二百零三条): endOfDay.
 */
import type { HolidaySchedule } from './holiday-schedules.js';
import { DAY_MS, HOUR_MS } from './time.js';

export type LocalDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A local date as a UTC midnight, for date arithmetic only (never an instant). */
function toUtc(date: LocalDate): number {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(t).toISOString().slice(0, 10) !== date) throw new RangeError(`not a date: ${date}`);
  return t;
}

const fromUtc = (t: number): LocalDate => new Date(t).toISOString().slice(0, 10);

export function addCalendarDays(date: LocalDate, n: number): LocalDate {
  return fromUtc(toUtc(date) + n * DAY_MS);
}

/** Monday–Friday, before any schedule is applied. */
export function isWeekday(date: LocalDate): boolean {
  const day = new Date(toUtc(date)).getUTCDay();
  return day !== 0 && day !== 6;
}

export class CalendarGapError extends Error {
  constructor(readonly year: number) {
    super(`${year}年法定节假日安排尚未导入，无法计算工作日`);
    this.name = 'CalendarGapError';
  }
}

/** Every day a schedule names, with what it makes of it. */
function daysOf(schedule: HolidaySchedule): [LocalDate, 'off' | 'work'][] {
  return schedule.periods.flatMap((p) => {
    const off: [LocalDate, 'off'][] = [];
    for (let t = toUtc(p.from); t <= toUtc(p.to); t += DAY_MS) off.push([fromUtc(t), 'off']);
    return [...off, ...p.workdays.map((d): [LocalDate, 'work'] => [d, 'work'])];
  });
}

/** The day a period computes to, or null while a year on the way has no official calendar (never a guess). */
export function unlessCalendarGap<T>(compute: () => T): T | null {
  try {
    return compute();
  } catch (e) {
    if (e instanceof CalendarGapError) return null;
    throw e;
  }
}

export class WorkingCalendar {
  private readonly days = new Map<LocalDate, 'off' | 'work'>();
  private readonly years = new Set<number>();

  /** Schedules by the year of their notice; a notice may name days of the year before (元旦 from 12月31日). */
  constructor(schedules: readonly HolidaySchedule[]) {
    for (const s of [...schedules].sort((a, b) => a.year - b.year)) {
      this.years.add(s.year);
      for (const [date, kind] of daysOf(s)) this.days.set(date, kind);
    }
  }

  /** The years whose schedule is loaded. */
  coveredYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  isWorkingDay(date: LocalDate): boolean {
    const year = Number(date.slice(0, 4));
    if (!this.years.has(year)) throw new CalendarGapError(year);
    const kind = this.days.get(date);
    return kind ? kind === 'work' : isWeekday(date);
  }

  /** The n-th working day after `date` (the start day is not counted, 民法典 第二百零一条); n = 0 → `date`. */
  addWorkingDays(date: LocalDate, n: number): LocalDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
    let day = date;
    for (let left = n; left > 0; ) {
      day = addCalendarDays(day, 1);
      if (this.isWorkingDay(day)) left--;
    }
    return day;
  }

  /**
   * The last day of a period counted in calendar days: `date` itself, or, when it is not a working day (a 法定休假日:
   * a holiday or a weekend without 调休), the first working day after it (民法典 第二百零三条).
   */
  lastDayOfPeriod(date: LocalDate): LocalDate {
    let day = date;
    while (!this.isWorkingDay(day)) day = addCalendarDays(day, 1);
    return day;
  }

  /** A period of n calendar days from `date` (start day not counted), moved off a holiday: 第二百零一条, 第二百零三条. */
  addCalendarDaysToDeadline(date: LocalDate, n: number): LocalDate {
    return this.lastDayOfPeriod(addCalendarDays(date, n));
  }
}

/** The instant a period's last day ends: 24:00 Asia/Shanghai (UTC+8 all year), 民法典 第二百零三条. */
export function endOfDay(date: LocalDate): Date {
  return new Date(toUtc(date) + DAY_MS - 8 * HOUR_MS);
}
