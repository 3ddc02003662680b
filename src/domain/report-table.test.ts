import { describe, expect, it } from 'vitest';
import { apportionTenths, type ReportInputRow, reportTable } from './report-table.js';
import { formatWanYuan, type Indicators } from './statistics.js';

const ind = (o: Partial<Indicators> = {}): Indicators => ({
  accidents: 0,
  deaths: 0,
  injuries: 0,
  seriousInjuries: 0,
  directLossYuan: 0,
  ...o,
});

describe('apportionTenths — rows add up to the half-up total', () => {
  it.each([
    // [yuan per row, expected row tenths, expected total tenths]
    [[], [], 0],
    [[0, 0], [0, 0], 0],
    [[80_475_000], [80_475], 80_475],
    [[450, 450, 450], [1, 0, 0], 1], // 1,350 yuan → 0.1 万元; each alone would round to 0
    [[500, 500], [1, 0], 1], // 1,000 yuan → 0.1; half-up each would print 0.1 + 0.1
    [[1_049, 1_951], [1, 2], 3], // remainders 49 and 951: the larger gets the tenth
    [[1_500, 1_500, 1], [2, 1, 0], 3], // ties go to the earlier row; 3,001 yuan → 0.3
    [[999, 999, 999, 999], [1, 1, 1, 1], 4],
    [[4_999_999, 1], [5_000, 0], 5_000],
  ] as const)('%j → %j (total %i)', (yuan, rows, total) => {
    expect(apportionTenths(yuan)).toEqual({ rows, total });
  });

  it('the total is the half-up 万元 of the bulletin text', () => {
    const yuan = [12_345_678, 9_876_543, 1_111_111, 55];
    const { rows, total } = apportionTenths(yuan);
    expect(rows.reduce((a, b) => a + b, 0)).toBe(total);
    expect(formatWanYuan(yuan.reduce((a, b) => a + b, 0))).toBe(String(total / 10));
  });

  it('rejects fractions and negatives', () => {
    expect(() => apportionTenths([1.5])).toThrow(RangeError);
    expect(() => apportionTenths([-1])).toThrow(RangeError);
  });
});

describe('reportTable', () => {
  const rows: ReportInputRow[] = [
    {
      key: 'C',
      label: '制造业',
      current: ind({ accidents: 10, deaths: 3, injuries: 4, seriousInjuries: 1, directLossYuan: 1_450 }),
      previous: ind({ accidents: 8, deaths: 3, injuries: 0, seriousInjuries: 0, directLossYuan: 0 }),
    },
    {
      key: 'E',
      label: '建筑业',
      current: ind({ accidents: 5, deaths: 1, injuries: 2, seriousInjuries: 2, directLossYuan: 1_450 }),
      previous: ind({ accidents: 10, deaths: 2, injuries: 1, seriousInjuries: 1, directLossYuan: 10_000 }),
    },
  ];
  const total = {
    current: ind({ accidents: 15, deaths: 4, injuries: 6, seriousInjuries: 3, directLossYuan: 2_900 }),
    previous: ind({ accidents: 18, deaths: 5, injuries: 1, seriousInjuries: 1, directLossYuan: 10_000 }),
  };

  it('counts: 本期, 去年同期, 增减 and 增减率 (null on a zero base)', () => {
    const t = reportTable(rows, total);
    expect(t.rows[0]?.cells.accidents).toEqual({ current: 10, previous: 8, change: 2, changePct: 25 });
    expect(t.rows[0]?.cells.deaths).toEqual({ current: 3, previous: 3, change: 0, changePct: 0 });
    expect(t.rows[0]?.cells.injuries).toEqual({ current: 4, previous: 0, change: 4, changePct: null });
    expect(t.rows[1]?.cells.accidents).toEqual({ current: 5, previous: 10, change: -5, changePct: -50 });
    expect(t.total).toMatchObject({ key: 'total', label: '合计' });
    expect(t.total.cells.accidents).toEqual({ current: 15, previous: 18, change: -3, changePct: -16.7 });
  });

  it('万元 columns add up to 合计 as printed; 增减率 from the exact yuan', () => {
    const t = reportTable(rows, total);
    // 1,450 + 1,450 = 2,900 yuan → 0.3 万元: half-up rows would print 0.1 + 0.1.
    expect(t.total.cells.directLossWan).toEqual({ current: 0.3, previous: 1, change: -0.7, changePct: -71 });
    expect(t.rows.map((r) => r.cells.directLossWan.current)).toEqual([0.2, 0.1]);
    expect(t.rows[1]?.cells.directLossWan).toEqual({ current: 0.1, previous: 1, change: -0.9, changePct: -85.5 });
    for (const col of ['current', 'previous', 'change'] as const) {
      const tenths = t.rows.reduce((a, r) => a + Math.round(r.cells.directLossWan[col] * 10), 0);
      expect(tenths).toBe(Math.round(t.total.cells.directLossWan[col] * 10));
    }
  });

  it('refuses rows that do not add up to the total', () => {
    expect(() => reportTable(rows.slice(0, 1), total)).toThrow(/do not add up/);
  });

  it('an empty table is a zero 合计', () => {
    const t = reportTable([], { current: ind(), previous: ind() });
    expect(t.rows).toEqual([]);
    expect(t.total.cells.directLossWan).toEqual({ current: 0, previous: 0, change: 0, changePct: null });
  });
});
