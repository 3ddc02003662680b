/** Day boundaries and ISO strings in Asia/Shanghai (UTC+8), independent of the process time zone. */
import { describe, expect, it } from 'vitest';
import {
  shanghaiDate,
  shanghaiDay,
  shanghaiMinute,
  shanghaiMonthsBetween,
  splitWholeMonths,
  startOfNextShanghaiMonth,
  startOfShanghaiDay,
  startOfShanghaiMonth,
  toShanghaiIso,
} from './time.js';

describe('shanghaiDay', () => {
  it.each([
    ['2026-11-24T15:59:59.999Z', '20261124'],
    ['2026-11-24T16:00:00.000Z', '20261125'],
    ['2026-11-25T00:00:00+08:00', '20261125'],
    ['2026-11-25T23:59:59.999+08:00', '20261125'],
    ['2026-12-31T16:00:00.000Z', '20270101'],
  ])('%s → %s', (at, day) => {
    expect(shanghaiDay(new Date(at))).toBe(day);
  });
});

describe('toShanghaiIso', () => {
  it.each([
    ['2026-11-25T01:30:00.000Z', '2026-11-25T09:30:00.000+08:00'],
    ['2026-11-24T16:00:00.000Z', '2026-11-25T00:00:00.000+08:00'],
    ['2026-11-25T15:59:59.999Z', '2026-11-25T23:59:59.999+08:00'],
  ])('%s → %s', (at, iso) => {
    expect(toShanghaiIso(new Date(at))).toBe(iso);
    expect(new Date(toShanghaiIso(new Date(at))).getTime()).toBe(new Date(at).getTime());
  });
});

describe('shanghaiMinute', () => {
  it.each([
    ['2026-11-25T01:30:59.999Z', '2026-11-25 09:30'],
    ['2026-12-31T15:59:00Z', '2026-12-31 23:59'],
    ['2026-12-31T16:00:00Z', '2027-01-01 00:00'],
  ])('%s → %s', (instant, shown) => {
    expect(shanghaiMinute(new Date(instant))).toBe(shown);
  });
});

describe('startOfShanghaiDay', () => {
  it.each([
    ['2026-11-25T10:00:00+08:00', '2026-11-24T16:00:00.000Z'],
    ['2026-11-25T00:00:00+08:00', '2026-11-24T16:00:00.000Z'],
    ['2026-11-25T23:59:59.999+08:00', '2026-11-24T16:00:00.000Z'],
    ['2026-11-24T15:59:59.999Z', '2026-11-23T16:00:00.000Z'],
    ['2027-01-01T00:00:00+08:00', '2026-12-31T16:00:00.000Z'],
  ])('%s → %s', (at, start) => {
    expect(startOfShanghaiDay(new Date(at)).toISOString()).toBe(start);
  });
});

describe('shanghaiMonthsBetween', () => {
  it('lists the months [from, to) touches, the end exclusive', () => {
    expect(shanghaiMonthsBetween(new Date('2025-11-15T00:00:00+08:00'), new Date('2026-02-01T00:00:00+08:00'))).toEqual(
      ['2025-11', '2025-12', '2026-01'],
    );
    expect(
      shanghaiMonthsBetween(new Date('2026-01-01T00:00:00+08:00'), new Date('2026-01-01T00:00:00.001+08:00')),
    ).toEqual(['2026-01']);
    expect(shanghaiMonthsBetween(new Date('2026-02-01T00:00:00+08:00'), new Date('2026-01-01T00:00:00+08:00'))).toEqual(
      [],
    );
  });
});

describe('startOfShanghaiMonth / startOfNextShanghaiMonth', () => {
  it.each([
    ['2026-11-25T10:00:00+08:00', '2026-11-01T00:00:00+08:00', '2026-12-01T00:00:00+08:00'],
    ['2026-11-01T00:00:00+08:00', '2026-11-01T00:00:00+08:00', '2026-12-01T00:00:00+08:00'],
    ['2026-10-31T16:00:00.000Z', '2026-11-01T00:00:00+08:00', '2026-12-01T00:00:00+08:00'],
    ['2026-10-31T15:59:59.999Z', '2026-10-01T00:00:00+08:00', '2026-11-01T00:00:00+08:00'],
    ['2026-12-31T23:59:59+08:00', '2026-12-01T00:00:00+08:00', '2027-01-01T00:00:00+08:00'],
    ['2028-02-29T12:00:00+08:00', '2028-02-01T00:00:00+08:00', '2028-03-01T00:00:00+08:00'],
    ['2026-01-31T12:00:00+08:00', '2026-01-01T00:00:00+08:00', '2026-02-01T00:00:00+08:00'],
  ])('%s → %s, next %s', (at, start, next) => {
    expect(startOfShanghaiMonth(new Date(at)).getTime()).toBe(new Date(start).getTime());
    expect(startOfNextShanghaiMonth(new Date(at)).getTime()).toBe(new Date(next).getTime());
  });
});

describe('shanghaiDate', () => {
  it('is the Asia/Shanghai calendar date', () => {
    expect(shanghaiDate(new Date('2026-10-31T16:00:00.000Z'))).toBe('2026-11-01');
    expect(shanghaiDate(new Date('2026-10-31T15:59:59.999Z'))).toBe('2026-10-31');
  });
});

describe('splitWholeMonths', () => {
  const d = (s: string) => new Date(s);
  const iso = (x: { from: Date; to: Date } | null) => x && [x.from.toISOString(), x.to.toISOString()];

  it('a period of whole months is all whole', () => {
    const r = splitWholeMonths(d('2026-01-01T00:00:00+08:00'), d('2026-04-01T00:00:00+08:00'));
    expect(iso(r.whole)).toEqual([
      d('2026-01-01T00:00:00+08:00').toISOString(),
      d('2026-04-01T00:00:00+08:00').toISOString(),
    ]);
    expect(r.parts).toEqual([]);
  });

  it('partial months at both ends become parts', () => {
    const r = splitWholeMonths(d('2025-11-25T13:14:00+08:00'), d('2026-11-25T13:14:00+08:00'));
    expect(iso(r.whole)).toEqual([
      d('2025-12-01T00:00:00+08:00').toISOString(),
      d('2026-11-01T00:00:00+08:00').toISOString(),
    ]);
    expect(r.parts.map(iso)).toEqual([
      [d('2025-11-25T13:14:00+08:00').toISOString(), d('2025-12-01T00:00:00+08:00').toISOString()],
      [d('2026-11-01T00:00:00+08:00').toISOString(), d('2026-11-25T13:14:00+08:00').toISOString()],
    ]);
  });

  it('inside one month, or across one boundary without a whole month, it is one part', () => {
    const a = splitWholeMonths(d('2026-11-02T00:00:00+08:00'), d('2026-11-25T00:00:00+08:00'));
    expect(a.whole).toBeNull();
    expect(a.parts.map(iso)).toEqual([
      [d('2026-11-02T00:00:00+08:00').toISOString(), d('2026-11-25T00:00:00+08:00').toISOString()],
    ]);
    const b = splitWholeMonths(d('2026-10-20T00:00:00+08:00'), d('2026-11-10T00:00:00+08:00'));
    expect(b.whole).toBeNull();
    expect(b.parts).toHaveLength(1);
  });

  it('exactly one whole month, from its first instant to the next month', () => {
    const r = splitWholeMonths(d('2026-02-01T00:00:00+08:00'), d('2026-03-01T00:00:00+08:00'));
    expect(iso(r.whole)).toEqual([
      d('2026-02-01T00:00:00+08:00').toISOString(),
      d('2026-03-01T00:00:00+08:00').toISOString(),
    ]);
    expect(r.parts).toEqual([]);
  });

  it('one millisecond short of a whole month is a part', () => {
    const r = splitWholeMonths(d('2026-02-01T00:00:00.001+08:00'), d('2026-03-01T00:00:00+08:00'));
    expect(r.whole).toBeNull();
  });

  it('an empty or reversed period has nothing', () => {
    expect(splitWholeMonths(d('2026-02-01T00:00:00+08:00'), d('2026-02-01T00:00:00+08:00'))).toEqual({
      whole: null,
      parts: [],
    });
  });
});
