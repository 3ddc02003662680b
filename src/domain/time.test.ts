/** Day boundaries and ISO strings in Asia/Shanghai (UTC+8), independent of the process time zone. */
import { describe, expect, it } from 'vitest';
import { shanghaiDay, shanghaiMonthsBetween, startOfShanghaiDay, toShanghaiIso } from './time.js';

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
