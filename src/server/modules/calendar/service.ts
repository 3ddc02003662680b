/**
 * The platform's working-day calendar: the schedules shipped with the release (domain/holiday-schedules.ts, 2020–2026)
 * overlaid by the years an administrator loaded (a new year's notice, or a correction), read afresh on every use so
 * that every instance sees a load at once. Loading is audited and never overwrites: each load is a revision.
 */
import type { HolidayScheduleBody } from '../../../contracts/calendar.js';
import {
  addCalendarDays,
  CalendarGapError,
  isWeekday,
  type LocalDate,
  WorkingCalendar,
} from '../../../domain/calendar.js';
import { type HolidaySchedule, OFFICIAL_SCHEDULES } from '../../../domain/holiday-schedules.js';
import type { Actor } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import { AppError, fieldError } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import * as repo from './repo.js';

const NATIONAL = '000000';

export interface YearView {
  year: number;
  source: string;
  origin: 'built_in' | 'loaded';
  revision: number | null;
  loadedBy: string | null;
  loadedAt: string | null;
  periods: HolidaySchedule['periods'];
}

async function years(ctx: AppContext): Promise<YearView[]> {
  const loaded = await repo.latestSchedules(ctx.db.kysely);
  const byYear = new Map<number, YearView>(
    OFFICIAL_SCHEDULES.map((s) => [
      s.year,
      { ...s, origin: 'built_in', revision: null, loadedBy: null, loadedAt: null },
    ]),
  );
  for (const l of loaded) {
    byYear.set(l.year, {
      year: l.year,
      source: l.source,
      origin: 'loaded',
      revision: l.revision,
      loadedBy: l.loadedBy,
      loadedAt: l.loadedAt.toISOString(),
      periods: l.periods,
    });
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/** The calendar every legal clock of the platform counts working days on. */
export async function workingCalendar(ctx: AppContext): Promise<WorkingCalendar> {
  return new WorkingCalendar(await years(ctx));
}

export async function listYears(ctx: AppContext): Promise<{ items: Omit<YearView, 'periods'>[] }> {
  return { items: (await years(ctx)).map(({ periods: _, ...y }) => y) };
}

export async function getYear(ctx: AppContext, year: number): Promise<YearView> {
  const found = (await years(ctx)).find((y) => y.year === year);
  if (!found)
    throw new AppError('NOT_FOUND', [{ path: 'year', code: 'not_loaded', message: `${year}年节假日安排尚未导入` }]);
  return found;
}

/** The n-th working day after `from`; 409 when a year on the way has no schedule (never a Monday–Friday guess). */
export async function addWorkingDays(
  ctx: AppContext,
  from: LocalDate,
  days: number,
): Promise<{ from: string; days: number; date: string }> {
  const calendar = await workingCalendar(ctx);
  try {
    return { from, days, date: calendar.addWorkingDays(from, days) };
  } catch (e) {
    if (!(e instanceof CalendarGapError)) throw e;
    throw new AppError('CALENDAR_YEAR_MISSING', [{ path: 'year', code: 'not_loaded', message: e.message }], e.message);
  }
}

/** The days off of a notice for `year`: within that year (元旦 may begin on 12月31日 of the year before), no overlaps. */
function checkDaysOff(year: number, body: HolidayScheduleBody): Set<string> {
  const inRange = (d: string) => d.startsWith(`${year}-`) || d === `${year - 1}-12-31`;
  const offDays = new Set<string>();
  for (const [i, p] of body.periods.entries()) {
    const at = `periods.${i}`;
    if (!inRange(p.from) || !inRange(p.to)) {
      throw fieldError(`${at}.from`, 'wrong_year', `放假日期须在${year}年内（元旦可自上年12月31日起）`);
    }
    if (addCalendarDays(p.from, 15) < p.to) throw fieldError(`${at}.to`, 'too_long', '一个节日的放假期间不超过15天');
    for (let d = p.from; d <= p.to; d = addCalendarDays(d, 1)) {
      if (offDays.has(d)) throw fieldError(`${at}.from`, 'overlap', `${d}已在另一个节日的放假期间内`);
      offDays.add(d);
    }
  }
  return offDays;
}

/** 调休上班 days: weekend days near the year, outside every period off. */
function checkWorkdays(year: number, body: HolidayScheduleBody, offDays: Set<string>): void {
  const near = (d: string) =>
    d.startsWith(`${year}-`) || d.startsWith(`${year + 1}-01`) || d.startsWith(`${year - 1}-12`);
  for (const [i, p] of body.periods.entries()) {
    for (const [j, d] of p.workdays.entries()) {
      const at = `periods.${i}.workdays.${j}`;
      if (!near(d)) throw fieldError(at, 'wrong_year', `调休上班日须在${year}年前后`);
      if (isWeekday(d)) throw fieldError(at, 'not_weekend', `${d}不是周六或周日，无需调休上班`);
      if (offDays.has(d)) throw fieldError(at, 'overlap', `${d}在放假期间内`);
    }
  }
}

/** A period in one key order (jsonb gives keys back in its own order). */
const canonical = (periods: HolidaySchedule['periods']) =>
  JSON.stringify(periods.map((p) => [p.name, p.from, p.to, p.workdays]));

const sameSchedule = (a: Pick<YearView, 'source' | 'periods'>, b: HolidayScheduleBody) =>
  a.source === b.source && canonical(a.periods) === canonical(b.periods);

/** Loads (or corrects) a year's schedule: administrators of a provincial or the national bureau. */
export async function loadYear(
  ctx: AppContext,
  actor: Actor,
  year: number,
  body: HolidayScheduleBody,
): Promise<YearView> {
  if (actor.orgKind !== 'bureau' || (actor.regionLevel !== 'national' && actor.regionLevel !== 'province')) {
    throw new AppError('FORBIDDEN', [{ path: 'year', code: 'level', message: '节假日安排由省级或部级管理员导入' }]);
  }
  checkWorkdays(year, body, checkDaysOff(year, body));
  const current = (await years(ctx)).find((y) => y.year === year);
  // The same schedule again (a retry) adds no revision.
  if (current && sameSchedule(current, body)) return current;
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const revision = await repo.insertRevision(trx, { year, ...body, loadedBy: actor.userId, loadedAt: now });
    await appendAudit(trx, actor, {
      action: 'calendar.load',
      entityType: 'holiday_schedule',
      entityId: String(year),
      regionCode: NATIONAL,
      at: now,
      before: current ? { source: current.source, periods: current.periods, origin: current.origin } : null,
      after: { revision, ...body },
    });
  });
  return getYear(ctx, year);
}
