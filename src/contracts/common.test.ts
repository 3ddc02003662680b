/** Shared field schemas: timestamps in the years the databases store faithfully, text without NUL. */
import { describe, expect, it } from 'vitest';
import { isoDateTime, localDate, MAX_YEAR, MIN_YEAR, text } from './common.js';

describe('isoDateTime', () => {
  it.each([
    '1949-01-01T00:00:00+08:00',
    '2026-11-25T09:30:00+08:00',
    '2026-11-25T01:30:00.123Z',
    // The year as written counts, not the UTC year of the instant.
    '2100-12-31T23:59:59-08:00',
  ])('accepts %s', (s) => {
    expect(isoDateTime.safeParse(s).success).toBe(true);
  });

  it.each([
    '0000-01-01T00:00:00Z',
    '0001-01-01T00:00:00+08:00',
    '0099-12-31T23:59:59+08:00',
    '1948-12-31T23:59:59+08:00',
    '2101-01-01T00:00:00+08:00',
    '9999-12-31T23:59:59Z',
  ])('refuses %s with one Chinese message on the year', (s) => {
    const r = isoDateTime.safeParse(s);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toEqual([`年份须在${MIN_YEAR}年至${MAX_YEAR}年之间`]);
  });

  it('a malformed value gets the format message only', () => {
    const r = isoDateTime.safeParse('昨天上午');
    expect(r.error?.issues).toHaveLength(1);
    expect(r.error?.issues[0]?.message).toMatch(/ISO 8601/);
  });
});

describe('localDate', () => {
  it.each(['1949-01-01', '2026-02-28', '2028-02-29', '2100-12-31'])('accepts %s', (s) => {
    expect(localDate.safeParse(s).success).toBe(true);
  });

  it.each(['0000-01-01', '1900-01-01', '1948-12-31', '2101-01-01', '9999-12-31'])(
    'refuses %s with one Chinese message on the year (year 0 was a 500 from the database)',
    (s) => {
      expect(localDate.safeParse(s).error?.issues.map((i) => i.message)).toEqual([
        `年份须在${MIN_YEAR}年至${MAX_YEAR}年之间`,
      ]);
    },
  );

  it.each([
    ['2026-02-30', '不是有效的日期'],
    ['2026-13-01', '不是有效的日期'],
    ['26-1-1', '须为 YYYY-MM-DD 格式的日期'],
  ])('refuses %s: %s only', (s, message) => {
    expect(localDate.safeParse(s).error?.issues.map((i) => i.message)).toEqual([message]);
  });
});

describe('text', () => {
  it('refuses a NUL byte and trims', () => {
    expect(text(10).safeParse('a\u0000b').success).toBe(false);
    expect(text(10).parse('  ab  ')).toBe('ab');
  });
});
