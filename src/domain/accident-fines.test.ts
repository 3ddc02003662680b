/** 令第14号 第十四条 — 第二十一条 and 第四条 as boundary tables: every sub-band edge on each dimension, the 2–5× rule. */
import { describe, expect, it } from 'vitest';
import { personFineFor, unitFineFor } from './accident-fines.js';
import { gradeOf } from './grade.js';

const WAN = 10_000;
const figures = (p: { deaths?: number; missing?: number; seriousInjuries?: number; directLossYuan?: number }) => ({
  deaths: 0,
  missing: 0,
  seriousInjuries: 0,
  directLossYuan: 0,
  ...p,
});

/** Sub-band → the unit's fine in 万元 (第十四条 — 第十七条). */
const FINES: Record<number, [number, number]> = {
  1: [30, 50],
  2: [50, 70],
  3: [70, 100],
  4: [100, 120],
  5: [120, 150],
  6: [150, 200],
  7: [200, 400],
  8: [400, 600],
  9: [600, 1000],
  10: [1000, 1200],
  11: [1200, 1500],
  12: [1500, 2000],
};

describe('the unit’s fine by deaths (以上 includes, 以下 excludes)', () => {
  it.each([
    [0, 1],
    [1, 2],
    [2, 3],
    [3, 4],
    [4, 4],
    [5, 5],
    [6, 5],
    [7, 6],
    [9, 6],
    [10, 7],
    [12, 7],
    [13, 8],
    [14, 8],
    [15, 9],
    [29, 9],
    [30, 10],
    [39, 10],
    [40, 11],
    [49, 11],
    [50, 12],
    [120, 12],
  ])('%i deaths → sub-band %i', (deaths, band) => {
    const f = unitFineFor(figures({ deaths }));
    expect(f.subBand).toBe(band);
    const [lo, hi] = FINES[band] as [number, number];
    expect(f.unitFine).toEqual({ minYuan: lo * WAN, maxYuan: hi * WAN });
    expect(f.grade).toBe(gradeOf(figures({ deaths })));
  });

  it('counts the missing with the dead', () => {
    expect(unitFineFor(figures({ deaths: 2, missing: 1 })).subBand).toBe(4);
  });
});

describe('the unit’s fine by serious injuries', () => {
  it.each([
    [2, 1],
    [3, 2],
    [5, 2],
    [6, 3],
    [9, 3],
    [10, 4],
    [19, 4],
    [20, 5],
    [29, 5],
    [30, 6],
    [49, 6],
    [50, 7],
    [59, 7],
    [60, 8],
    [69, 8],
    [70, 9],
    [99, 9],
    [100, 10],
    [119, 10],
    [120, 11],
    [149, 11],
    [150, 12],
  ])('%i 重伤 → sub-band %i', (seriousInjuries, band) => {
    const f = unitFineFor(figures({ seriousInjuries }));
    expect(f.subBand).toBe(band);
    expect(f.grade).toBe(gradeOf(figures({ seriousInjuries })));
  });
});

describe('the unit’s fine by direct loss', () => {
  it.each([
    [2_999_999, 1],
    [3_000_000, 2],
    [4_999_999, 2],
    [5_000_000, 3],
    [9_999_999, 3],
    [10_000_000, 4],
    [19_999_999, 4],
    [20_000_000, 5],
    [29_999_999, 5],
    [30_000_000, 6],
    [49_999_999, 6],
    [50_000_000, 7],
    [59_999_999, 7],
    [60_000_000, 8],
    [69_999_999, 8],
    [70_000_000, 9],
    [99_999_999, 9],
    [100_000_000, 10],
    [149_999_999, 10],
    [150_000_000, 11],
    [199_999_999, 11],
    [200_000_000, 12],
  ])('%i 元 → sub-band %i', (directLossYuan, band) => {
    const f = unitFineFor(figures({ directLossYuan }));
    expect(f.subBand).toBe(band);
    expect(f.grade).toBe(gradeOf(figures({ directLossYuan })));
  });
});

describe('the highest dimension decides, and says why', () => {
  it('1 death, 7 重伤, 320万 → the 重伤 sub-band 3 (70–100万), 第十四条', () => {
    const f = unitFineFor(figures({ deaths: 1, seriousInjuries: 7, directLossYuan: 3_200_000 }));
    expect(f.subBand).toBe(3);
    expect(f.grade).toBe('general');
    expect(f.dimensions.map((d) => [d.dimension, d.subBand])).toEqual([
      ['seriousInjuries', 3],
      ['deaths', 2],
      ['directLossYuan', 2],
    ]);
    expect(f.basis).toEqual([
      '《生产安全事故罚款处罚规定》第十四条：按重伤（含急性工业中毒）人数，处70万元以上100万元以下的罚款',
    ]);
  });

  it('names every dimension that reaches the same sub-band', () => {
    expect(unitFineFor(figures({ deaths: 3, directLossYuan: 10_000_000 })).basis[0]).toContain(
      '按死亡（含下落不明）人数、直接经济损失，处100万元以上120万元以下',
    );
  });
});

describe('第十八条: 2–5 times the band when a circumstance is recorded', () => {
  it.each([
    [figures({}), 60 * WAN, 250 * WAN],
    [figures({ deaths: 3 }), 200 * WAN, 600 * WAN],
    [figures({ deaths: 50 }), 3000 * WAN, 10_000 * WAN],
  ])('%o', (f, min, max) => {
    const fine = unitFineFor(f, ['obstruction']);
    expect(fine.multiplied).toBe(true);
    expect(fine.unitFine).toEqual({ minYuan: min, maxYuan: max });
    expect(fine.band.maxYuan * 5).toBe(max);
    expect(fine.basis[1]).toContain('第十八条');
    expect(fine.basis[1]).toContain('拒绝、阻碍行政执法');
  });

  it('without one, the band stands', () => {
    expect(unitFineFor(figures({}), []).multiplied).toBe(false);
  });
});

describe('people (第十九条 — 第二十一条, 第四条)', () => {
  it.each([
    ['general', 40, 40],
    ['larger', 60, 60],
    ['major', 80, 80],
    ['especially_major', 100, 100],
  ] as const)('主要负责人, %s: %i%%', (grade, min, max) => {
    const f = personFineFor(grade, 'principal', { incomeYuan: 200_000 });
    expect(f.percent).toEqual({ min, max });
    expect(f.fine).toEqual({ minYuan: 2000 * min, maxYuan: 2000 * max });
  });

  it.each([
    ['general', 20, 30],
    ['larger', 30, 40],
    ['major', 40, 50],
    ['especially_major', 50, 50],
  ] as const)('其他负责人, %s: %i–%i%%', (grade, min, max) => {
    expect(personFineFor(grade, 'other_manager', { incomeYuan: 100_000 }).fine).toEqual({
      minYuan: 1000 * min,
      maxYuan: 1000 * max,
    });
  });

  it('个人经营的投资人 in yuan', () => {
    expect(personFineFor('larger', 'individual_investor').fine).toEqual({ minYuan: 50_000, maxYuan: 100_000 });
  });

  it('income unknown: 第四条 from the province’s average wage (5–10×; 1–5× for others)', () => {
    const principal = personFineFor('general', 'principal', { averageWageYuan: 100_000 });
    expect(principal.fine).toEqual({ minYuan: 200_000, maxYuan: 400_000 });
    expect(principal.basis[1]).toContain('第四条');
    expect(personFineFor('general', 'other_manager', { averageWageYuan: 100_000 }).fine).toEqual({
      minYuan: 20_000,
      maxYuan: 150_000,
    });
  });

  it('income and wage unknown: the percentage, no amount', () => {
    expect(personFineFor('major', 'principal').fine).toBeNull();
  });

  it('never leaves the legal range on odd incomes (min up, max down)', () => {
    expect(personFineFor('general', 'other_manager', { incomeYuan: 33_333 }).fine).toEqual({
      minYuan: 6667,
      maxYuan: 9999,
    });
  });
});
