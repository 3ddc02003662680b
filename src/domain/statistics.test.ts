/**
 * Indicators, 同比/环比 comparisons and bulletin wording (issue 3 scopes 1 and 4; regulations.md §2.2–2.3).
 * Percentages and 万元 are one decimal, half-up on the exact value ("四舍五入"), with "持平" when equal and no
 * percentage when the base is 0. The bulletin paragraph must reproduce seed 004 exactly.
 */
import { describe, expect, it } from 'vitest';
import {
  changeTenthsOfPercent,
  compare,
  compareValue,
  formatPercent,
  formatPercentFixed,
  formatWanTenths,
  formatWanYuan,
  type Indicators,
  type OpeningParagraphInput,
  openingParagraph,
  type Period,
  type PeriodUnit,
  periodContaining,
  previousPeriod,
  samePeriodLastYear,
  wanTenths,
  yearToDate,
  ZERO_INDICATORS,
} from './statistics.js';

const indicators = (v: Partial<Indicators> = {}): Indicators => ({ ...ZERO_INDICATORS, ...v });

/**
 * Seed 004 (issue 3). The bulletin prints only rounded figures, so the previous period is reconstructed:
 * 3059 − 3181 = −122 起 (3.835 % → 3.8), 692 − 694 = −2 人 (0.288 % → 0.3), 1649 − 1726 = −77 人 (4.461 % → 4.5),
 * 80,475,000 − 58,805,000 = +21,670,000 yuan = 2167万 (36.850 % → 36.9; 8047.5万 − 2167万 = 5880.5万 exactly).
 * 较大: 35 − 29 = +6 (20.690 % → 20.7), 150 − 103 = +47 (45.631 % → 45.6), 57 = 57 持平,
 * 16,862,000 − 3,910,000 = +12,952,000 = 1295.2万 (331.253 % → 331.3). No value needed adjusting: every printed
 * figure follows from these inputs with half-up rounding, which the assertions below check one by one.
 */
const seed004: OpeningParagraphInput = {
  scopeLabel: '全省',
  asOfLabel: '截至到目前',
  current: indicators({ accidents: 3059, deaths: 692, injuries: 1649, directLossYuan: 80_475_000 }),
  previous: indicators({ accidents: 3181, deaths: 694, injuries: 1726, directLossYuan: 58_805_000 }),
  largerCurrent: indicators({ accidents: 35, deaths: 150, injuries: 57, directLossYuan: 16_862_000 }),
  largerPrevious: indicators({ accidents: 29, deaths: 103, injuries: 57, directLossYuan: 3_910_000 }),
};

const SEED_004_TEXT =
  '截至到目前，全省共发生各类事故3059起，死亡692人，受伤1649人，直接经济损失8047.5万元，同比减少122起、2人、77人和增加' +
  '2167万元，分别下降3.8%、0.3%、4.5%和上升36.9%。其中，发生较大事故35起，死亡150人，受伤57人，直接经济损失1686.2万元，' +
  '同比增加6起、47人、持平和1295.2万元，分别上升20.7%、45.6%、持平和331.3%。';

describe('changeTenthsOfPercent — one decimal, half-up on the exact ratio', () => {
  it.each<[number, number, number | null]>([
    [100, 100, 0],
    [101, 100, 10],
    [3059, 3181, -38],
    [692, 694, -3],
    [1649, 1726, -45],
    [80_475_000, 58_805_000, 369],
    [35, 29, 207],
    [150, 103, 456],
    [16_862_000, 3_910_000, 3313],
    // exactly on the half: 0.05 % → 0.1, 0.15 % → 0.2, −0.05 % → −0.1 (half away from zero)
    [2001, 2000, 1],
    [2003, 2000, 2],
    [1999, 2000, -1],
    // just below the half stays down
    [200_099, 200_000, 0],
    // 1e12 yuan: the ratio is exact where floating point would drift
    [1_000_000_000_000, 999_999_999_999, 0],
    [1_000_000_000_000, 1, 999_999_999_999_000],
    [0, 1_000_000_000_000, -1000],
    // base 0: no percentage
    [5, 0, null],
    [0, 0, null],
  ])('%i vs %i → %s tenths', (current, previous, tenths) => {
    expect(changeTenthsOfPercent(current, previous)).toBe(tenths);
  });

  it.each([-1, 1.5, Number.NaN, 2 ** 53])('rejects %s as a count', (bad) => {
    expect(() => changeTenthsOfPercent(bad, 1)).toThrow(RangeError);
    expect(() => changeTenthsOfPercent(1, bad)).toThrow(RangeError);
  });
});

describe('compareValue', () => {
  it.each([
    [3059, 3181, { change: -122, changePct: -3.8, direction: 'down' }],
    [16_862_000, 3_910_000, { change: 12_952_000, changePct: 331.3, direction: 'up' }],
    [57, 57, { change: 0, changePct: 0, direction: 'flat' }],
    [7, 0, { change: 7, changePct: null, direction: 'up' }],
    [0, 0, { change: 0, changePct: null, direction: 'flat' }],
    [0, 4, { change: -4, changePct: -100, direction: 'down' }],
    [36, 30, { change: 6, changePct: 20, direction: 'up' }],
  ] as const)('%i vs %i', (current, previous, expected) => {
    expect(compareValue(current, previous)).toEqual({ current, previous, ...expected });
  });

  it('compare covers every indicator', () => {
    const cmp = compare(
      indicators({ accidents: 2, deaths: 1, injuries: 4, seriousInjuries: 1, directLossYuan: 10_000 }),
      indicators({ accidents: 1, deaths: 1, injuries: 5, seriousInjuries: 0, directLossYuan: 20_000 }),
    );
    expect(Object.keys(cmp)).toEqual(['accidents', 'deaths', 'injuries', 'seriousInjuries', 'directLossYuan']);
    expect(cmp.accidents).toMatchObject({ change: 1, changePct: 100, direction: 'up' });
    expect(cmp.deaths).toMatchObject({ change: 0, changePct: 0, direction: 'flat' });
    expect(cmp.injuries).toMatchObject({ change: -1, changePct: -20, direction: 'down' });
    expect(cmp.seriousInjuries).toMatchObject({ change: 1, changePct: null, direction: 'up' });
    expect(cmp.directLossYuan).toMatchObject({ change: -10_000, changePct: -50, direction: 'down' });
  });
});

describe('formatWanYuan — 万元, one decimal, half-up, no trailing ".0"', () => {
  it.each<[number, string]>([
    [80_475_000, '8047.5'],
    [21_670_000, '2167'],
    [16_862_000, '1686.2'],
    [12_952_000, '1295.2'],
    [0, '0'],
    [499, '0'],
    [500, '0.1'],
    [49_999, '5'],
    [50_000, '5'],
    [10_499, '1'],
    [10_500, '1.1'],
    [-21_670_000, '-2167'],
    [-550, '-0.1'],
    [1_000_000_000_000, '100000000'],
    [999_999_999_499, '99999999.9'],
    [999_999_999_500, '100000000'],
  ])('%i yuan → %s', (yuan, text) => {
    expect(formatWanYuan(yuan)).toBe(text);
  });

  it('rejects fractional yuan', () => {
    expect(() => formatWanYuan(0.5)).toThrow(RangeError);
  });
});

describe('formatPercent — one decimal; a whole number prints without ".0" (20.0 → "20")', () => {
  it.each<[number, string]>([
    [3.8, '3.8'],
    [0.3, '0.3'],
    [331.3, '331.3'],
    [20, '20'],
    [100, '100'],
    [0, '0'],
    [-3.8, '-3.8'],
    [0.1 + 0.2, '0.3'],
  ])('%s → %s', (pct, text) => {
    expect(formatPercent(pct)).toBe(text);
  });
});

describe('openingParagraph — seed 004', () => {
  it('reproduces the quoted paragraph exactly', () => {
    expect(openingParagraph(seed004)).toBe(SEED_004_TEXT);
  });

  it('the reconstructed previous figures give every printed change and percentage', () => {
    const all = compare(seed004.current, seed004.previous);
    const larger = compare(seed004.largerCurrent, seed004.largerPrevious);
    expect([all.accidents, all.deaths, all.injuries, all.directLossYuan].map((c) => c.changePct)).toEqual([
      -3.8, -0.3, -4.5, 36.9,
    ]);
    expect(formatWanYuan(all.directLossYuan.change)).toBe('2167');
    expect([larger.accidents, larger.deaths, larger.injuries, larger.directLossYuan].map((c) => c.changePct)).toEqual([
      20.7, 45.6, 0, 331.3,
    ]);
    expect(larger.injuries.direction).toBe('flat');
    expect(formatWanYuan(larger.directLossYuan.change)).toBe('1295.2');
  });

  it('takes the scope word and the lead phrase as given', () => {
    const text = openingParagraph({ ...seed004, scopeLabel: '全市', asOfLabel: '2026年1—10月' });
    expect(text.startsWith('2026年1—10月，全市共发生各类事故3059起，')).toBe(true);
  });
});

describe('openingParagraph — wording rules beyond the sample', () => {
  const base = { scopeLabel: '全县', asOfLabel: '截至到目前' };
  const larger = {
    largerCurrent: indicators({ accidents: 1, deaths: 3, injuries: 0, directLossYuan: 2_000_000 }),
    largerPrevious: indicators({ accidents: 1, deaths: 3, injuries: 0, directLossYuan: 2_000_000 }),
  };
  const first = (text: string) => text.slice(0, text.indexOf('。') + 1);

  it.each<[string, Partial<Indicators>, Partial<Indicators>, string]>([
    [
      'all up: one direction word per series',
      { accidents: 12, deaths: 6, injuries: 9, directLossYuan: 3_000_000 },
      { accidents: 10, deaths: 5, injuries: 6, directLossYuan: 2_500_000 },
      '同比增加2起、1人、3人和50万元，分别上升20%、20%、50%和20%。',
    ],
    [
      'all down',
      { accidents: 8, deaths: 4, injuries: 3, directLossYuan: 1_000_000 },
      { accidents: 10, deaths: 5, injuries: 6, directLossYuan: 2_500_000 },
      '同比减少2起、1人、3人和150万元，分别下降20%、20%、50%和60%。',
    ],
    [
      'the direction word is repeated at each change of direction',
      { accidents: 12, deaths: 4, injuries: 9, directLossYuan: 1_000_000 },
      { accidents: 10, deaths: 5, injuries: 6, directLossYuan: 2_500_000 },
      '同比增加2起、减少1人、增加3人和减少150万元，分别上升20%、下降20%、上升50%和下降60%。',
    ],
    [
      'a leading flat item: the word comes with the first non-flat one',
      { accidents: 10, deaths: 4, injuries: 3, directLossYuan: 2_500_000 },
      { accidents: 10, deaths: 5, injuries: 6, directLossYuan: 2_500_000 },
      '同比持平、减少1人、3人和持平，分别持平、下降20%、50%和持平。',
    ],
    [
      'a flat item does not break the group; a change after it is still written',
      { accidents: 11, deaths: 5, injuries: 3, directLossYuan: 2_500_000 },
      { accidents: 10, deaths: 5, injuries: 6, directLossYuan: 2_500_000 },
      '同比增加1起、持平、减少3人和持平，分别上升10%、持平、下降50%和持平。',
    ],
    [
      'everything flat',
      { accidents: 10, deaths: 5, injuries: 6, directLossYuan: 2_500_000 },
      { accidents: 10, deaths: 5, injuries: 6, directLossYuan: 2_500_000 },
      '同比均持平。',
    ],
    [
      'base 0 for one figure: noted after the amount, left out of the percentages',
      { accidents: 12, deaths: 4, injuries: 3, directLossYuan: 21_670_000 },
      { accidents: 10, deaths: 5, injuries: 6, directLossYuan: 0 },
      '同比增加2起、减少1人、3人和增加2167万元（上年同期为零），分别上升20%、下降20%和50%。',
    ],
    [
      'base 0 for three figures: a single percentage has no 分别',
      { accidents: 12, deaths: 1, injuries: 2, directLossYuan: 21_670_000 },
      { accidents: 10, deaths: 0, injuries: 0, directLossYuan: 0 },
      '同比增加2起、1人（上年同期为零）、2人（上年同期为零）和2167万元（上年同期为零），上升20%。',
    ],
    [
      'base 0 and otherwise flat: no percentage series at all',
      { accidents: 10, deaths: 1, injuries: 6, directLossYuan: 2_500_000 },
      { accidents: 10, deaths: 0, injuries: 6, directLossYuan: 2_500_000 },
      '同比持平、增加1人（上年同期为零）、持平和持平。',
    ],
    [
      'a loss change under 500 yuan keeps its direction (exact values decide, never hidden as 持平)',
      { accidents: 10, deaths: 5, injuries: 6, directLossYuan: 2_500_300 },
      { accidents: 10, deaths: 5, injuries: 6, directLossYuan: 2_500_000 },
      '同比持平、持平、持平和增加0万元，分别持平、持平、持平和上升0%。',
    ],
  ])('%s', (_name, current, previous, tail) => {
    const text = openingParagraph({ ...base, ...larger, current: indicators(current), previous: indicators(previous) });
    expect(first(text).endsWith(`万元，${tail}`)).toBe(true);
  });

  it('last year had nothing at all: 上年同期未发生', () => {
    const text = openingParagraph({
      ...base,
      current: indicators({ accidents: 2, deaths: 3, injuries: 1, directLossYuan: 12_000_000 }),
      previous: ZERO_INDICATORS,
      largerCurrent: indicators({ accidents: 1, deaths: 3, injuries: 0, directLossYuan: 12_000_000 }),
      largerPrevious: ZERO_INDICATORS,
    });
    expect(text).toBe(
      '截至到目前，全县共发生各类事故2起，死亡3人，受伤1人，直接经济损失1200万元，上年同期未发生。' +
        '其中，发生较大事故1起，死亡3人，受伤0人，直接经济损失1200万元，上年同期未发生。',
    );
  });

  it('no 较大及以上 accident this year nor last: 其中，未发生较大及以上事故。', () => {
    const text = openingParagraph({
      ...seed004,
      largerCurrent: ZERO_INDICATORS,
      largerPrevious: ZERO_INDICATORS,
    });
    expect(text).toBe(`${first(SEED_004_TEXT)}其中，未发生较大及以上事故。`);
  });

  it('no 较大及以上 accident this year but some last year: the decrease follows', () => {
    const text = openingParagraph({ ...seed004, largerCurrent: ZERO_INDICATORS });
    expect(text).toBe(
      `${first(SEED_004_TEXT)}其中，未发生较大及以上事故，同比减少29起、103人、57人和391万元，` +
        '分别下降100%、100%、100%和100%。',
    );
  });

  it('no accident at all in the period', () => {
    expect(
      openingParagraph({
        ...base,
        current: ZERO_INDICATORS,
        previous: ZERO_INDICATORS,
        largerCurrent: ZERO_INDICATORS,
        largerPrevious: ZERO_INDICATORS,
      }),
    ).toBe('截至到目前，全县未发生生产安全事故。');
    expect(
      openingParagraph({
        ...base,
        current: ZERO_INDICATORS,
        previous: indicators({ accidents: 2, deaths: 1, injuries: 0, directLossYuan: 300_000 }),
        largerCurrent: ZERO_INDICATORS,
        largerPrevious: ZERO_INDICATORS,
      }),
    ).toBe('截至到目前，全县未发生生产安全事故，同比减少2起、1人、持平和30万元，分别下降100%、100%、持平和100%。');
  });

  it('rejects counts that are not non-negative integers', () => {
    expect(() => openingParagraph({ ...seed004, current: indicators({ accidents: -1 }) })).toThrow(RangeError);
    expect(() => openingParagraph({ ...seed004, previous: indicators({ directLossYuan: 1.5 }) })).toThrow(RangeError);
  });
});

// ─── Periods ────────────────────────────────────────────────────────────────────────────────────────────────

const sh = (local: string) => new Date(`${local}+08:00`);
const period = (from: string, to: string): Period => ({ from: sh(from), to: sh(to) });
const show = (p: Period) => [p.from.toISOString(), p.to.toISOString()];

describe('periodContaining — Asia/Shanghai calendar, half-open', () => {
  it.each<[PeriodUnit, string, string, string]>([
    ['day', '2026-11-25T09:30:00', '2026-11-25T00:00:00', '2026-11-26T00:00:00'],
    ['day', '2026-12-31T23:59:59.999', '2026-12-31T00:00:00', '2027-01-01T00:00:00'],
    ['day', '2024-02-29T12:00:00', '2024-02-29T00:00:00', '2024-03-01T00:00:00'],
    // weeks start on Monday: 2026-11-23 is a Monday, 2026-11-29 a Sunday
    ['week', '2026-11-23T00:00:00', '2026-11-23T00:00:00', '2026-11-30T00:00:00'],
    ['week', '2026-11-25T09:30:00', '2026-11-23T00:00:00', '2026-11-30T00:00:00'],
    ['week', '2026-11-29T23:59:59.999', '2026-11-23T00:00:00', '2026-11-30T00:00:00'],
    // a week across the year change: 2026-12-31 is a Thursday
    ['week', '2027-01-01T10:00:00', '2026-12-28T00:00:00', '2027-01-04T00:00:00'],
    ['week', '2024-03-01T00:00:00', '2024-02-26T00:00:00', '2024-03-04T00:00:00'],
    ['month', '2026-11-25T09:30:00', '2026-11-01T00:00:00', '2026-12-01T00:00:00'],
    ['month', '2026-12-31T23:59:59.999', '2026-12-01T00:00:00', '2027-01-01T00:00:00'],
    ['month', '2024-02-29T23:00:00', '2024-02-01T00:00:00', '2024-03-01T00:00:00'],
    ['month', '2023-02-28T23:00:00', '2023-02-01T00:00:00', '2023-03-01T00:00:00'],
    ['quarter', '2026-01-01T00:00:00', '2026-01-01T00:00:00', '2026-04-01T00:00:00'],
    ['quarter', '2026-03-31T23:59:59.999', '2026-01-01T00:00:00', '2026-04-01T00:00:00'],
    ['quarter', '2026-04-01T00:00:00', '2026-04-01T00:00:00', '2026-07-01T00:00:00'],
    ['quarter', '2026-08-15T12:00:00', '2026-07-01T00:00:00', '2026-10-01T00:00:00'],
    ['quarter', '2026-12-31T23:59:59.999', '2026-10-01T00:00:00', '2027-01-01T00:00:00'],
    ['year', '2026-06-15T12:00:00', '2026-01-01T00:00:00', '2027-01-01T00:00:00'],
    ['year', '2026-12-31T23:59:59.999', '2026-01-01T00:00:00', '2027-01-01T00:00:00'],
  ])('%s containing %s → [%s, %s)', (unit, at, from, to) => {
    expect(show(periodContaining(unit, sh(at)))).toEqual(show(period(from, to)));
  });

  it('uses the Shanghai date, not UTC: 2026-12-31T16:00Z is already 2027 in Shanghai', () => {
    expect(show(periodContaining('year', new Date('2026-12-31T16:00:00Z')))).toEqual(
      show(period('2027-01-01T00:00:00', '2028-01-01T00:00:00')),
    );
    expect(show(periodContaining('year', new Date('2026-12-31T15:59:59.999Z')))).toEqual(
      show(period('2026-01-01T00:00:00', '2027-01-01T00:00:00')),
    );
  });
});

describe('yearToDate', () => {
  it('1—10月 is from 1 January up to 1 November 00:00', () => {
    expect(show(yearToDate(sh('2026-11-01T00:00:00')))).toEqual(
      show(period('2026-01-01T00:00:00', '2026-11-01T00:00:00')),
    );
  });
  it('截至到目前 ends at the instant', () => {
    expect(show(yearToDate(sh('2026-11-25T09:30:00')))).toEqual(
      show(period('2026-01-01T00:00:00', '2026-11-25T09:30:00')),
    );
  });
});

describe('samePeriodLastYear — 同比', () => {
  it.each<[string, [string, string], [string, string]]>([
    ['a month', ['2026-10-01T00:00:00', '2026-11-01T00:00:00'], ['2025-10-01T00:00:00', '2025-11-01T00:00:00']],
    [
      'a month across the year change',
      ['2026-12-01T00:00:00', '2027-01-01T00:00:00'],
      ['2025-12-01T00:00:00', '2026-01-01T00:00:00'],
    ],
    [
      'year to date up to an instant keeps the clock time',
      ['2026-01-01T00:00:00', '2026-11-25T09:30:00'],
      ['2025-01-01T00:00:00', '2025-11-25T09:30:00'],
    ],
    [
      'February of a leap year → February of the common year',
      ['2024-02-01T00:00:00', '2024-03-01T00:00:00'],
      ['2023-02-01T00:00:00', '2023-03-01T00:00:00'],
    ],
    [
      'the leap day 2024-02-29 → 2023-02-28',
      ['2024-02-29T00:00:00', '2024-03-01T00:00:00'],
      ['2023-02-28T00:00:00', '2023-03-01T00:00:00'],
    ],
    [
      'a period ending with 2024-02-28 (to = 02-29 00:00) still ends with 2023-02-28',
      ['2024-01-01T00:00:00', '2024-02-29T00:00:00'],
      ['2023-01-01T00:00:00', '2023-03-01T00:00:00'],
    ],
    [
      'up to an instant on the leap day → the end of 2023-02-28',
      ['2024-01-01T00:00:00', '2024-02-29T10:00:00'],
      ['2023-01-01T00:00:00', '2023-03-01T00:00:00'],
    ],
    [
      'a start on the leap day keeps its clock time on 02-28',
      ['2024-02-29T08:00:00', '2024-03-02T00:00:00'],
      ['2023-02-28T08:00:00', '2023-03-02T00:00:00'],
    ],
    [
      'from a common year back to a leap year: 2025-02-28 → 2024-02-28 (not 02-29)',
      ['2025-02-28T00:00:00', '2025-03-01T00:00:00'],
      ['2024-02-28T00:00:00', '2024-02-29T00:00:00'],
    ],
    [
      'February 2025 → all of February 2024, leap day included',
      ['2025-02-01T00:00:00', '2025-03-01T00:00:00'],
      ['2024-02-01T00:00:00', '2024-03-01T00:00:00'],
    ],
  ])('%s', (_name, [from, to], [lastFrom, lastTo]) => {
    expect(show(samePeriodLastYear(period(from, to)))).toEqual(show(period(lastFrom, lastTo)));
  });

  it('rejects a period whose end is before its start', () => {
    expect(() => samePeriodLastYear(period('2026-02-01T00:00:00', '2026-01-01T00:00:00'))).toThrow(RangeError);
  });
});

describe('previousPeriod — 环比', () => {
  it.each<[string, [string, string], [string, string]]>([
    [
      'a month → the previous calendar month (March ← February, not 31 days)',
      ['2026-03-01T00:00:00', '2026-04-01T00:00:00'],
      ['2026-02-01T00:00:00', '2026-03-01T00:00:00'],
    ],
    [
      'January → December of the previous year',
      ['2027-01-01T00:00:00', '2027-02-01T00:00:00'],
      ['2026-12-01T00:00:00', '2027-01-01T00:00:00'],
    ],
    [
      'March of a leap year → February with its 29 days',
      ['2024-03-01T00:00:00', '2024-04-01T00:00:00'],
      ['2024-02-01T00:00:00', '2024-03-01T00:00:00'],
    ],
    [
      'a quarter → the previous quarter across the year change',
      ['2027-01-01T00:00:00', '2027-04-01T00:00:00'],
      ['2026-10-01T00:00:00', '2027-01-01T00:00:00'],
    ],
    [
      'a year → the previous year (leap year length differs)',
      ['2025-01-01T00:00:00', '2026-01-01T00:00:00'],
      ['2024-01-01T00:00:00', '2025-01-01T00:00:00'],
    ],
    [
      'a Monday-based week → the week before, across the year change',
      ['2027-01-04T00:00:00', '2027-01-11T00:00:00'],
      ['2026-12-28T00:00:00', '2027-01-04T00:00:00'],
    ],
    [
      'a day → the day before',
      ['2024-03-01T00:00:00', '2024-03-02T00:00:00'],
      ['2024-02-29T00:00:00', '2024-03-01T00:00:00'],
    ],
    [
      'any other range → the range of equal length just before it',
      ['2026-03-10T00:00:00', '2026-03-20T00:00:00'],
      ['2026-02-28T00:00:00', '2026-03-10T00:00:00'],
    ],
    [
      'two whole months are a range, not a calendar unit',
      ['2026-03-01T00:00:00', '2026-05-01T00:00:00'],
      ['2025-12-30T00:00:00', '2026-03-01T00:00:00'],
    ],
  ])('%s', (_name, [from, to], [prevFrom, prevTo]) => {
    expect(show(previousPeriod(period(from, to)))).toEqual(show(period(prevFrom, prevTo)));
  });

  it.each<PeriodUnit>(['day', 'week', 'month', 'quarter', 'year'])(
    'the previous %s ends where the period starts and is the unit containing the instant before',
    (unit) => {
      const p = periodContaining(unit, sh('2026-01-01T00:00:00'));
      const prev = previousPeriod(p);
      expect(prev.to.getTime()).toBe(p.from.getTime());
      expect(show(prev)).toEqual(show(periodContaining(unit, new Date(p.from.getTime() - 1))));
    },
  );
});

describe('figures in tables and on screens (one rule for every screen and file)', () => {
  it.each([
    [186_000_000, 186_000, '18,600.0'],
    [1_860_000, 1_860, '186.0'],
    [1_860_499, 1_860, '186.0'],
    [1_860_500, 1_861, '186.1'],
    [-111_264_500, -111_265, '-11,126.5'],
    [0, 0, '0.0'],
  ])('%i yuan → %i tenths → %s', (yuan, tenths, text) => {
    expect(wanTenths(yuan)).toBe(tenths);
    expect(formatWanTenths(tenths)).toBe(text);
  });

  it('signs a positive change, and prints 186 万元 as "186.0"', () => {
    expect(formatWanTenths(8165, { signed: true })).toBe('+816.5');
    expect(formatWanTenths(-8165, { signed: true })).toBe('-816.5');
    expect(formatWanTenths(1860)).toBe('186.0');
  });

  it.each([
    [-34, '-34.0'],
    [3.8, '3.8'],
    [331.3, '331.3'],
    [0, '0.0'],
    [-0.1, '-0.1'],
  ])('percentage %d → %s', (pct, text) => {
    expect(formatPercentFixed(pct)).toBe(text);
  });
});
