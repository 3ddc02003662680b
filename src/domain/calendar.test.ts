import { describe, expect, it } from 'vitest';
import { addCalendarDays, CalendarGapError, endOfDay, WorkingCalendar } from './calendar.js';
import { OFFICIAL_SCHEDULES } from './holiday-schedules.js';

const cal = new WorkingCalendar(OFFICIAL_SCHEDULES);

/** Each day of the weeks around a holiday: W = working day, - = not. */
function week(from: string, pattern: string): [string, boolean][] {
  return [...pattern].map((c, i) => [addCalendarDays(from, i), c === 'W']);
}

describe('isWorkingDay around the 2025 and 2026 holidays (国务院办公厅 notices)', () => {
  it.each([
    // 2025 春节: 1月28日–2月4日 off; 1月26日 (Sun) and 2月8日 (Sat) work.
    ...week('2025-01-25', '-WW--------WWWW-'),
    // 2025 国庆节、中秋节: 10月1日–8日 off; 9月28日 (Sun) and 10月11日 (Sat) work.
    ...week('2025-09-27', '-WWW--------WWW-W'),
    // 2026 春节: 2月15日–23日 off (9 days); 2月14日 (Sat) and 2月28日 (Sat) work.
    ...week('2026-02-13', 'WW---------WWWW'),
    ['2026-02-28', true] as [string, boolean],
    ['2026-03-01', false] as [string, boolean],
    // 2026 国庆节: 10月1日–7日 off; 9月20日 (Sun) and 10月10日 (Sat) work.
    ['2026-09-19', false] as [string, boolean],
    ['2026-09-20', true] as [string, boolean],
    ...week('2026-09-28', 'WWW-------WWW-W'),
    // 2026 元旦: 1月1日–3日 off, 1月4日 (Sun) works.
    ...week('2025-12-31', 'W---WW'),
  ])('%s → %s', (date, working) => {
    expect(cal.isWorkingDay(date)).toBe(working);
  });
});

describe('addWorkingDays', () => {
  it.each([
    // regulations.md §13.4: a plan published 2026-09-24 is filed within 20 working days → 2026-10-29.
    ['2026-09-24', 20, '2026-10-29'],
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-10-09', 1, '2026-10-10'], // 10月10日 is a 调休 Saturday
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-14', 1, '2026-02-24'],
    ['2026-02-13', 5, '2026-02-27'],
    ['2025-01-24', 2, '2025-01-27'], // Fri → Sun 1月26日 works, then Mon
    ['2025-01-27', 1, '2025-02-05'],
    ['2025-09-30', 1, '2025-10-09'],
    ['2025-10-10', 1, '2025-10-11'],
    ['2026-12-04', 5, '2026-12-11'], // an ordinary week
    ['2026-12-04', 0, '2026-12-04'],
  ])('%s + %i working days → %s', (from, n, expected) => {
    expect(cal.addWorkingDays(from, n)).toBe(expected);
  });

  it('refuses to guess a year whose schedule is not loaded', () => {
    expect(() => cal.addWorkingDays('2026-12-28', 5)).toThrow(CalendarGapError);
    expect(() => cal.addWorkingDays('2026-12-28', 5)).toThrow('2027年法定节假日安排尚未导入');
    expect(() => cal.isWorkingDay('2019-06-03')).toThrow(CalendarGapError);
  });

  it('crosses New Year 2027 once the 2027 schedule is loaded', () => {
    const with2027 = new WorkingCalendar([
      ...OFFICIAL_SCHEDULES,
      { year: 2027, source: 'test', periods: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03', workdays: [] }] },
    ]);
    expect(with2027.addWorkingDays('2026-12-30', 2)).toBe('2027-01-04');
  });
});

describe('periods in calendar days (民法典 第二百零一条、第二百零三条)', () => {
  it('a last day on a holiday or weekend moves to the next working day; 24:00 Shanghai ends it', () => {
    expect(cal.addCalendarDaysToDeadline('2026-09-24', 7)).toBe('2026-10-08');
    expect(cal.addCalendarDaysToDeadline('2026-12-01', 5)).toBe('2026-12-07'); // Sun 12月6日 → Mon
    expect(cal.addCalendarDaysToDeadline('2026-12-01', 3)).toBe('2026-12-04');
    expect(cal.lastDayOfPeriod('2026-02-14')).toBe('2026-02-14'); // a 调休 Saturday is a working day
    expect(endOfDay('2026-10-08').toISOString()).toBe('2026-10-08T16:00:00.000Z');
  });

  it('refuses impossible dates', () => {
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-01-05', -1)).toThrow(RangeError);
  });
});
