/** All deadlines and day boundaries are in Asia/Shanghai (UTC+8, no daylight saving since 1991). */
export const TIME_ZONE = 'Asia/Shanghai';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const OFFSET_MS = 8 * HOUR_MS;

/** YYYYMMDD of the instant in Asia/Shanghai. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
}

/** ISO 8601 with the +08:00 offset, e.g. 2026-11-25T09:30:00.000+08:00. */
export function toShanghaiIso(at: Date): string {
  return `${new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 23)}+08:00`;
}

/** "2026-11-25 09:30": the instant to the minute in Asia/Shanghai, as tables and exports print it. */
export function shanghaiMinute(at: Date): string {
  return toShanghaiIso(at).slice(0, 16).replace('T', ' ');
}

/** 00:00 Asia/Shanghai of the day containing the instant. */
export function startOfShanghaiDay(at: Date): Date {
  const d = shanghaiDay(at);
  return new Date(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T00:00:00+08:00`);
}

/** The Asia/Shanghai calendar months (YYYY-MM) that the half-open period [from, to) touches, in order. */
export function shanghaiMonthsBetween(from: Date, to: Date): string[] {
  if (to.getTime() <= from.getTime()) return [];
  const first = new Date(from.getTime() + OFFSET_MS);
  const last = new Date(to.getTime() - 1 + OFFSET_MS);
  const months: string[] = [];
  let y = first.getUTCFullYear();
  let m = first.getUTCMonth();
  while (y < last.getUTCFullYear() || (y === last.getUTCFullYear() && m <= last.getUTCMonth())) {
    months.push(`${y}-${String(m + 1).padStart(2, '0')}`);
    m++;
    if (m === 12) {
      m = 0;
      y++;
    }
  }
  return months;
}

/** 00:00 Asia/Shanghai on the first day of the calendar month containing the instant. */
export function startOfShanghaiMonth(at: Date): Date {
  const d = shanghaiDay(at);
  return new Date(`${d.slice(0, 4)}-${d.slice(4, 6)}-01T00:00:00+08:00`);
}

/** 00:00 Asia/Shanghai on the first day of the next calendar month. */
export function startOfNextShanghaiMonth(at: Date): Date {
  const start = startOfShanghaiMonth(at);
  // The 1st + 45 days is always in the next month: months have 28 to 31 days.
  return startOfShanghaiMonth(new Date(start.getTime() + 45 * DAY_MS));
}

export interface Span {
  from: Date;
  to: Date;
}

/**
 * Splits the half-open [from, to) into the whole Asia/Shanghai calendar months it contains and the parts
 * before and after them (at most two). With no whole month inside, the one part is [from, to) itself.
 */
export function splitWholeMonths(from: Date, to: Date): { whole: Span | null; parts: Span[] } {
  if (to.getTime() <= from.getTime()) return { whole: null, parts: [] };
  const first = startOfShanghaiMonth(from).getTime() === from.getTime() ? from : startOfNextShanghaiMonth(from);
  const end = startOfShanghaiMonth(to);
  if (first.getTime() >= end.getTime()) return { whole: null, parts: [{ from, to }] };
  const parts: Span[] = [];
  if (from.getTime() < first.getTime()) parts.push({ from, to: first });
  if (end.getTime() < to.getTime()) parts.push({ from: end, to });
  return { whole: { from: first, to: end }, parts };
}

/** YYYY-MM-DD of the instant in Asia/Shanghai. */
export function shanghaiDate(at: Date): string {
  const d = shanghaiDay(at);
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
}
