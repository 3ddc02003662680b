/**
 * Control indicators (控制指标, issue 3 scope 5): the pace of the year in Asia/Shanghai, the status of an indicator
 * exactly at each threshold, reduction targets (同比下降) and the allocation check, as boundary tables.
 */
import { describe, expect, it } from 'vitest';
import {
  assessIndicator,
  assessRegion,
  checkAllocation,
  effectiveCap,
  type Figures,
  type IndicatorStatus,
  leadOverPace,
  type Pace,
  paceShare,
  RED_MARGIN_PERCENT,
  reductionCap,
  shanghaiYear,
  startOfShanghaiYear,
  worstStatus,
  yearDays,
  yearPace,
} from './indicators.js';
import { DAY_MS } from './time.js';

const pace = (elapsedMs: number, yearMs: number): Pace => ({ elapsedMs, yearMs });
const HALF = pace(1, 2);
const figures = (deaths: number, accidents: number, largerAccidents: number): Figures => ({
  deaths,
  accidents,
  largerAccidents,
});

describe('yearPace — share of the year elapsed, Asia/Shanghai', () => {
  it.each<[string, number, string, number]>([
    ['1 January 00:00 is 0', 2026, '2026-01-01T00:00:00+08:00', 0],
    ['the same instant written in UTC', 2026, '2025-12-31T16:00:00Z', 0],
    ['one millisecond before the year: still 0', 2026, '2025-12-31T23:59:59.999+08:00', 0],
    ['an instant in an earlier year: 0', 2026, '2020-06-01T00:00:00+08:00', 0],
    ['noon on 2 July of a 365-day year is exactly half', 2026, '2026-07-02T12:00:00+08:00', 0.5],
    ['2 July 00:00 of a leap year (366 days) is exactly half', 2024, '2024-07-02T00:00:00+08:00', 0.5],
    ['31 December 24:00 (= 1 January next year 00:00) is 1', 2026, '2027-01-01T00:00:00+08:00', 1],
    ['an instant in a later year: 1', 2025, '2026-11-25T10:00:00+08:00', 1],
    ['31 December 00:00 of a 365-day year', 2026, '2026-12-31T00:00:00+08:00', 364 / 365],
    ['31 December 00:00 of a leap year', 2028, '2028-12-31T00:00:00+08:00', 365 / 366],
    ['1 March 00:00 of a leap year counts 29 February', 2024, '2024-03-01T00:00:00+08:00', 60 / 366],
    ['1 March 00:00 of a 365-day year', 2026, '2026-03-01T00:00:00+08:00', 59 / 365],
  ])('%s', (_, year, at, share) => {
    expect(paceShare(yearPace(year, new Date(at)))).toBeCloseTo(share, 12);
  });

  it('is exact at the ends: 0 ms elapsed at the start, the whole year at the end', () => {
    expect(yearPace(2026, new Date('2026-01-01T00:00:00+08:00'))).toEqual({ elapsedMs: 0, yearMs: 365 * DAY_MS });
    expect(yearPace(2026, new Date('2026-12-31T23:59:59.999+08:00'))).toEqual({
      elapsedMs: 365 * DAY_MS - 1,
      yearMs: 365 * DAY_MS,
    });
    expect(yearPace(2026, new Date('2027-01-01T00:00:00+08:00'))).toEqual({
      elapsedMs: 365 * DAY_MS,
      yearMs: 365 * DAY_MS,
    });
  });

  it.each<[number, number]>([
    [2024, 366],
    [2025, 365],
    [2000, 366], // divisible by 400
    [2100, 365], // divisible by 100, not by 400
  ])('year %i has %i days', (year, days) => {
    expect(yearDays(year)).toBe(days);
  });

  it('starts the year at 1 January 00:00 +08:00 and names the Shanghai year of an instant', () => {
    expect(startOfShanghaiYear(2026).toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(shanghaiYear(new Date('2025-12-31T15:59:59.999Z'))).toBe(2025);
    expect(shanghaiYear(new Date('2025-12-31T16:00:00.000Z'))).toBe(2026);
  });
});

describe('assessIndicator — status at each threshold', () => {
  it(`red margin is ${RED_MARGIN_PERCENT} percentage points`, () => {
    expect(RED_MARGIN_PERCENT).toBe(10);
  });

  it.each<[string, number, number, Pace, IndicatorStatus, number | null]>([
    // cap 0: no ratio; nothing happened is on target, anything is over the cap
    ['cap 0, actual 0', 0, 0, HALF, 'green', null],
    ['cap 0, actual 0, 1 January', 0, 0, pace(0, 1), 'green', null],
    ['cap 0, actual 1', 1, 0, HALF, 'red', null],
    ['cap 0, actual 1, year end', 1, 0, pace(1, 1), 'red', null],
    // pace ½, cap 100: green up to the pace, yellow above it, red above pace + 10 points
    ['ratio below the pace', 49, 100, HALF, 'green', 0.49],
    ['ratio exactly at the pace', 50, 100, HALF, 'green', 0.5],
    ['one above the pace', 51, 100, HALF, 'yellow', 0.51],
    ['exactly pace + 10 points', 60, 100, HALF, 'yellow', 0.6],
    ['one above pace + 10 points', 61, 100, HALF, 'red', 0.61],
    // the same on a finer grain
    ['pace + 10 points, cap 1000', 600, 1000, HALF, 'yellow', 0.6],
    ['just above it, cap 1000', 601, 1000, HALF, 'red', 0.601],
    ['just above the pace, cap 1000', 501, 1000, HALF, 'yellow', 0.501],
    // boundaries where floating point would be wrong (0.7 + 0.1 = 0.7999…, 0.2 + 0.1 = 0.3000…04)
    ['0.8 at pace 0.7 is exactly the margin', 8, 10, pace(7, 10), 'yellow', 0.8],
    ['0.3 at pace 0.2 is exactly the margin', 3, 10, pace(2, 10), 'yellow', 0.3],
    // 1 January 00:00: anything at all is ahead of the pace
    ['1 January, nothing yet', 0, 100, pace(0, 1), 'green', 0],
    ['1 January, ratio 0.01', 1, 100, pace(0, 1), 'yellow', 0.01],
    ['1 January, ratio 0.10', 10, 100, pace(0, 1), 'yellow', 0.1],
    ['1 January, ratio 0.11', 11, 100, pace(0, 1), 'red', 0.11],
    // cap used up before the year ends: yellow when within 10 points of the pace, red before that
    ['cap used up at pace 0.95', 10, 10, pace(95, 100), 'yellow', 1],
    ['cap used up at pace 0.90 (exactly the margin)', 10, 10, pace(9, 10), 'yellow', 1],
    ['cap used up at pace 0.89', 10, 10, pace(89, 100), 'red', 1],
    ['cap used up in the last millisecond of the year', 10, 10, pace(365 * DAY_MS - 1, 365 * DAY_MS), 'yellow', 1],
    ['cap of 1 used up at mid-year', 1, 1, HALF, 'red', 1],
    // year end: meeting the cap exactly is green, one more is red
    ['year end, under the cap', 9, 10, pace(1, 1), 'green', 0.9],
    ['year end, exactly the cap', 10, 10, pace(1, 1), 'green', 1],
    ['year end, one over the cap', 11, 10, pace(1, 1), 'red', 1.1],
    // over the cap is red whatever the pace
    ['over the cap at mid-year', 11, 10, HALF, 'red', 1.1],
    // real milliseconds and large counts stay exact
    [
      'half of 2026, one above the pace, cap 1,000,000',
      500_001,
      1_000_000,
      pace(182.5 * DAY_MS, 365 * DAY_MS),
      'yellow',
      0.500001,
    ],
    ['half of 2026, exactly at the pace', 500_000, 1_000_000, pace(182.5 * DAY_MS, 365 * DAY_MS), 'green', 0.5],
  ])('%s: %i of %i → %s', (_, actual, cap, p, status, ratio) => {
    const a = assessIndicator(actual, cap, p);
    expect(a.status).toBe(status);
    if (ratio === null) expect(a.ratio).toBeNull();
    else expect(a.ratio).toBeCloseTo(ratio, 12);
  });

  it.each<[number, number]>([
    [-1, 10],
    [1.5, 10],
    [1, -1],
    [1, Number.NaN],
  ])('refuses actual %d, cap %d', (actual, cap) => {
    expect(() => assessIndicator(actual, cap, HALF)).toThrow(RangeError);
  });
});

describe('region status — the worst of its indicators', () => {
  it.each<[IndicatorStatus[], IndicatorStatus]>([
    [[], 'green'],
    [['green', 'green', 'green'], 'green'],
    [['green', 'yellow', 'green'], 'yellow'],
    [['yellow', 'red', 'green'], 'red'],
    [['red', 'yellow'], 'red'],
  ])('%j → %s', (statuses, worst) => {
    expect(worstStatus(statuses)).toBe(worst);
  });

  it('assesses every indicator and takes the worst', () => {
    const r = assessRegion(figures(40, 60, 0), figures(100, 100, 0), HALF);
    expect(r.indicators.deaths).toEqual({ ratio: 0.4, status: 'green' });
    expect(r.indicators.accidents).toEqual({ ratio: 0.6, status: 'yellow' });
    expect(r.indicators.largerAccidents).toEqual({ ratio: null, status: 'green' });
    expect(r.status).toBe('yellow');
    expect(assessRegion(figures(40, 60, 1), figures(100, 100, 0), HALF).status).toBe('red');
  });

  it('orders regions of one status by how far the worst indicator runs ahead of the pace', () => {
    const at = (d: number, a: number, l: number) =>
      leadOverPace(assessRegion(figures(d, a, l), figures(100, 100, 2), HALF), HALF);
    expect(at(55, 10, 0)).toBeCloseTo(0.05, 12);
    expect(at(10, 58, 0)).toBeCloseTo(0.08, 12);
    expect(at(10, 10, 2)).toBeCloseTo(0.5, 12);
    expect(leadOverPace(assessRegion(figures(1, 0, 0), figures(0, 0, 0), HALF), HALF)).toBe(Number.POSITIVE_INFINITY);
    expect(leadOverPace(assessRegion(figures(0, 0, 0), figures(0, 0, 0), HALF), HALF)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('reductionCap — floor(last year × (1 − pct/100))', () => {
  it.each<[number, number, number]>([
    [692, 5, 657], // 657.4: 658 would be a fall of only 4.9 %
    [100, 7, 93], // 100 × (1 − 0.07) is 92.999… in floating point
    [100, 0, 100],
    [100, 100, 0],
    [0, 5, 0],
    [20, 5, 19], // exactly 19
    [19, 5, 18], // 18.05
    [10, 12.5, 8], // 8.75
    [1000, 0.01, 999], // 999.9
    [3, 33.33, 2], // 2.0001
    [3, 33.34, 1], // 1.9998
    [3059, 3.8, 2942], // 2942.758
  ])('%i with %d %% → %i', (last, pct, cap) => {
    expect(reductionCap(last, pct)).toBe(cap);
  });

  it.each<[number, number]>([
    [100, -1],
    [100, 100.01],
    [100, 5.555],
    [100, Number.NaN],
    [-1, 5],
    [1.5, 5],
  ])('refuses last year %d with %d %%', (last, pct) => {
    expect(() => reductionCap(last, pct)).toThrow(RangeError);
  });

  it.each<[number, number | null, number | null, number]>([
    [100, null, 5, 100], // no figure for last year
    [100, 90, null, 100], // no reduction target
    [100, 90, 5, 85], // the reduction is stricter
    [80, 90, 5, 80], // the cap handed down is stricter
    [85, 90, 5, 85], // equal
  ])('effective cap %i, last year %s, %s %% → %i', (cap, last, pct, effective) => {
    expect(effectiveCap(cap, last, pct)).toBe(effective);
  });
});

describe('checkAllocation — children against the parent', () => {
  const zibo = (caps: Figures | null) => ({ name: '淄博市', caps });

  it('has nothing to warn about without parent caps', () => {
    const a = checkAllocation(zibo(null), [figures(50, 60, 1), figures(80, 90, 1)]);
    expect(a).toEqual({
      sum: figures(130, 150, 2),
      parent: null,
      exceeds: { deaths: false, accidents: false, largerAccidents: false },
      warnings: [],
    });
  });

  it('sums to zeros without children', () => {
    expect(checkAllocation(zibo(figures(10, 10, 0)), []).sum).toEqual(figures(0, 0, 0));
  });

  it('accepts a sum equal to the cap and warns one above it', () => {
    const equal = checkAllocation(zibo(figures(100, 200, 2)), [figures(60, 100, 1), figures(40, 100, 1)]);
    expect(equal.warnings).toEqual([]);
    const above = checkAllocation(zibo(figures(100, 200, 2)), [figures(61, 100, 1), figures(40, 100, 1)]);
    expect(above.exceeds).toEqual({ deaths: true, accidents: false, largerAccidents: false });
    expect(above.warnings).toEqual([
      {
        indicator: 'deaths',
        sum: 101,
        cap: 100,
        message: '淄博市各下级死亡人数控制数合计101，超过淄博市控制数100（超出1）',
      },
    ]);
  });

  it('warns per indicator, in indicator order', () => {
    const a = checkAllocation(zibo(figures(10, 20, 0)), [figures(11, 25, 1)]);
    expect(a.warnings.map((w) => [w.indicator, w.sum, w.cap])).toEqual([
      ['deaths', 11, 10],
      ['accidents', 25, 20],
      ['largerAccidents', 1, 0],
    ]);
    expect(a.warnings[2]?.message).toBe('淄博市各下级较大事故起数控制数合计1，超过淄博市控制数0（超出1）');
  });
});
