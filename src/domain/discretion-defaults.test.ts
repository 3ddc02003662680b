/**
 * The national default discretion table: every entry's steps stay inside the law's ranges, do not overlap, rise
 * step by step, and reach exactly the law's maximum; the ranges recorded for an entry are the ones its lawText states.
 */
import { describe, expect, it } from 'vitest';
import {
  CIRCUMSTANCE_LABELS,
  CIRCUMSTANCES,
  type DiscretionStep,
  NATIONAL_DISCRETION_TABLE,
  PENALTY_KINDS,
  type PercentRange,
  splitRange,
  type ViolationEntry,
  violationByCode,
  type YuanRange,
} from './discretion-defaults.js';

const { entries } = NATIONAL_DISCRETION_TABLE;

/** Chinese numerals for 1–100, as the law writes amounts ("二十万元", "一百万元", "百分之六十"). */
function chineseNumber(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n === 100) return '一百';
  if (n < 10) return digits[n] ?? '';
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : digits[tens]}十${ones === 0 ? '' : digits[ones]}`;
}

/** 20_000 → "二万元"; only whole 万 amounts appear in these articles. */
function chineseYuan(amount: number): string {
  expect(amount % 10_000, `${amount} is not a whole 万`).toBe(0);
  return `${chineseNumber(amount / 10_000)}万元`;
}

const fineOf = (step: DiscretionStep, who: 'unit' | 'person'): YuanRange | undefined =>
  who === 'unit' ? step.unitFine : step.personFine;

/** The steps' fines on one party, in step order, with the checks every sequence of ranges must pass. */
function expectOrderedRanges(label: string, ranges: readonly YuanRange[]): void {
  ranges.forEach((r, i) => {
    expect(Number.isInteger(r.minYuan) && Number.isInteger(r.maxYuan), `${label} step ${i}: whole yuan`).toBe(true);
    expect(r.minYuan, `${label} step ${i}: min ≥ 0`).toBeGreaterThanOrEqual(0);
    expect(r.minYuan, `${label} step ${i}: min ≤ max`).toBeLessThanOrEqual(r.maxYuan);
    const previous = ranges[i - 1];
    if (previous) {
      expect(r.minYuan, `${label} step ${i}: no overlap with the step before`).toBeGreaterThan(previous.maxYuan);
      expect(r.maxYuan, `${label} step ${i}: rises`).toBeGreaterThan(previous.maxYuan);
      expect(r.minYuan, `${label} step ${i}: contiguous with the step before`).toBe(previous.maxYuan + 1);
    }
  });
}

const inside = (r: YuanRange, outer: YuanRange): boolean => r.minYuan >= outer.minYuan && r.maxYuan <= outer.maxYuan;

describe('the table', () => {
  it('has a version, a title and the date the 2021 amendment took effect', () => {
    expect(NATIONAL_DISCRETION_TABLE.effectiveFrom).toBe('2021-09-01');
    expect(NATIONAL_DISCRETION_TABLE.title).toContain('安全生产法');
    expect(NATIONAL_DISCRETION_TABLE.version).not.toBe('');
  });

  it('labels the four circumstances in Chinese, lightest first', () => {
    expect(CIRCUMSTANCES.map((c) => CIRCUMSTANCE_LABELS[c])).toEqual(['轻微', '一般', '较重', '严重']);
  });

  it('gives every entry a unique, well-formed code, found by violationByCode', () => {
    const codes = entries.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(code).toMatch(/^aqsf-(9[3-9]|10\d|11[0-2])([a-z]|-\d+|-k\d+[a-z]?)?$/);
      expect(violationByCode(code)?.code).toBe(code);
    }
    expect(violationByCode('aqsf-0')).toBeUndefined();
  });

  it('covers 第九十三条 to 第一百一十二条 except 第一百条, 第一百零七条 and 第一百一十一条', () => {
    const articles = new Set(entries.map((e) => Number(/^aqsf-(\d+)/.exec(e.code)?.[1])));
    const expected = [93, 94, 95, 96, 97, 98, 99, 101, 102, 103, 104, 105, 106, 108, 109, 110, 112];
    expect([...articles].sort((a, b) => a - b)).toEqual(expected);
  });

  it('has one entry per 项 where an article lists several', () => {
    const count = (article: number) => entries.filter((e) => e.code.startsWith(`aqsf-${article}-`)).length;
    expect([count(95), count(97), count(98), count(99), count(101), count(105)]).toEqual([4, 7, 4, 8, 5, 2]);
  });

  it('gives the 项 of one article the same steps, and names the 项 in the penalty clause', () => {
    const item3 = violationByCode('aqsf-99-3');
    const item8 = violationByCode('aqsf-99-8');
    expect(item3?.steps).toEqual(item8?.steps);
    expect(item3?.penaltyClause).toBe('《中华人民共和国安全生产法》第九十九条第（三）项');
    expect(item8?.lawText).toContain('（八）餐饮等行业的生产经营单位使用燃气未安装可燃气体报警装置的。');
    expect(item8?.title).toBe('餐饮等行业的生产经营单位使用燃气未安装可燃气体报警装置');
  });
});

describe.each(entries.map((e) => [e.code, e] as const))('%s', (_code, e: ViolationEntry) => {
  it('names the act, the clause broken and the penalty clause of the law', () => {
    expect(e.title).not.toBe('');
    expect(e.violatedClause.startsWith('《中华人民共和国安全生产法》')).toBe(true);
    expect(e.penaltyClause).toMatch(/^《中华人民共和国安全生产法》第[一二三四五六七八九十百零]+条/);
    expect(e.lawText.length).toBeGreaterThan(20);
  });

  it('orders its steps from the lightest, each circumstance at most once', () => {
    const indexes = e.steps.map((s) => CIRCUMSTANCES.indexOf(s.circumstance));
    indexes.forEach((index, i) => {
      expect(index).toBeGreaterThanOrEqual(0);
      if (i > 0) expect(index).toBeGreaterThan(indexes[i - 1] ?? -1);
    });
    for (const step of e.steps) {
      expect(step.conditions).not.toBe('');
      for (const kind of step.alsoKinds) expect(PENALTY_KINDS).toContain(kind);
      expect(step.alsoKinds).not.toContain('fine');
    }
  });

  it.each(['unit', 'person'] as const)('keeps the %s fines non-overlapping, rising and inside the law', (who) => {
    const statutory = e.statutory[who] ?? [];
    const fines = e.steps.map((s) => fineOf(s, who)).filter((r): r is YuanRange => r !== undefined);
    if (statutory.length === 0) {
      expect(fines).toEqual([]);
      return;
    }
    expectOrderedRanges(`${e.code} ${who}`, fines);
    for (const fine of fines) {
      expect(
        statutory.some((range) => inside(fine, range)),
        `${e.code} ${who}: ${fine.minYuan}–${fine.maxYuan} lies inside one statutory range`,
      ).toBe(true);
      // Cuts fall on whole 千元; a step starts on one or one yuan above it.
      expect(fine.maxYuan % 1000).toBe(0);
      expect([0, 1]).toContain(fine.minYuan % 1000);
    }
    // Together the steps cover the law's ranges, from the lowest amount to the highest.
    expect(fines[0]?.minYuan).toBe(Math.min(...statutory.map((r) => r.minYuan)));
    expect(fines.at(-1)?.maxYuan).toBe(Math.max(...statutory.map((r) => r.maxYuan)));
  });

  it('reaches exactly the statutory maximum recorded on the entry', () => {
    const statutory = e.statutory[e.party] ?? [];
    const stepMaxima = e.steps.map((s) => fineOf(s, e.party)?.maxYuan).filter((m): m is number => m !== undefined);
    if (statutory.length === 0) {
      expect(e.statutoryMaxYuan).toBeNull();
      expect(stepMaxima).toEqual([]);
      return;
    }
    expect(e.statutoryMaxYuan).toBe(Math.max(...statutory.map((r) => r.maxYuan)));
    expect(Math.max(...stepMaxima)).toBe(e.statutoryMaxYuan);
  });

  it('keeps the shares of annual income inside the law and rising', () => {
    const statutory = e.statutory.incomePercent;
    const shares = e.steps.map((s) => s.incomePercent).filter((p): p is PercentRange => p !== undefined);
    if (!statutory) {
      expect(shares).toEqual([]);
      return;
    }
    expect(e.party).toBe('person');
    shares.forEach((p, i) => {
      expect(p.min).toBeLessThanOrEqual(p.max);
      expect(p.min).toBeGreaterThanOrEqual(statutory.min);
      expect(p.max).toBeLessThanOrEqual(statutory.max);
      const previous = shares[i - 1];
      if (previous) {
        // Bands chosen by accident grade may touch (令第14号 writes them so: 40–50% then 50%) but each starts higher.
        expect(p.min).toBeGreaterThanOrEqual(previous.max);
        expect(p.min).toBeGreaterThan(previous.min);
        expect(p.max).toBeGreaterThanOrEqual(previous.max);
      }
    });
    expect(shares[0]?.min).toBe(statutory.min);
    expect(shares.at(-1)?.max).toBe(statutory.max);
  });

  it('records the ranges its lawText states', () => {
    for (const who of ['unit', 'person'] as const) {
      for (const range of e.statutory[who] ?? []) {
        if (range.minYuan > 0) expect(e.lawText).toContain(`${chineseYuan(range.minYuan)}以上`);
        expect(e.lawText).toContain(`${chineseYuan(range.maxYuan)}以下`);
      }
    }
    const percent = e.statutory.incomePercent;
    if (percent) {
      expect(e.lawText).toContain(`百分之${chineseNumber(percent.min)}`);
      expect(e.lawText).toContain(`百分之${chineseNumber(percent.max)}`);
    }
  });

  it('says when 行政处罚法 第三十三条 lets a 轻微 first offence go unpunished', () => {
    const minor = e.steps.find((s) => s.circumstance === 'minor');
    const fine = minor && fineOf(minor, e.party);
    if (fine?.minYuan === 0) expect(minor?.conditions).toContain('第三十三条');
  });
});

describe('the default split', () => {
  it('splits a first-instance range at its quarter and half, and takes the 逾期未改正 range whole (第九十七条)', () => {
    const steps = violationByCode('aqsf-97-3')?.steps ?? [];
    expect(steps.map((s) => [s.circumstance, s.unitFine, s.personFine, s.alsoKinds])).toEqual([
      ['minor', { minYuan: 0, maxYuan: 25_000 }, undefined, []],
      ['general', { minYuan: 25_001, maxYuan: 50_000 }, undefined, []],
      ['serious', { minYuan: 50_001, maxYuan: 100_000 }, undefined, []],
      ['severe', { minYuan: 100_001, maxYuan: 200_000 }, { minYuan: 20_000, maxYuan: 50_000 }, ['suspension']],
    ]);
    expect(steps[3]?.conditions).toContain('逾期未改正');
  });

  it('splits the person fine set at the first instance at the same cuts (第九十八条)', () => {
    const steps = violationByCode('aqsf-98-1')?.steps ?? [];
    expect(steps.map((s) => s.personFine)).toEqual([
      { minYuan: 20_000, maxYuan: 28_000 },
      { minYuan: 28_001, maxYuan: 35_000 },
      { minYuan: 35_001, maxYuan: 50_000 },
      { minYuan: 50_001, maxYuan: 100_000 },
    ]);
    expect(steps.every((s) => s.alsoKinds.includes('suspension'))).toBe(true);
  });

  it('splits a single range into four quarters rounded to 千元 (第一百零八条)', () => {
    const steps = violationByCode('aqsf-108')?.steps ?? [];
    expect(steps.map((s) => s.unitFine)).toEqual([
      { minYuan: 20_000, maxYuan: 65_000 },
      { minYuan: 65_001, maxYuan: 110_000 },
      { minYuan: 110_001, maxYuan: 155_000 },
      { minYuan: 155_001, maxYuan: 200_000 },
    ]);
    expect(steps.map((s) => s.personFine?.maxYuan)).toEqual([13_000, 15_000, 18_000, 20_000]);
  });

  it('cuts contiguously and exactly covers the range', () => {
    expect(splitRange({ minYuan: 0, maxYuan: 50_000 }, [0.25, 0.5])).toEqual([
      { minYuan: 0, maxYuan: 13_000 },
      { minYuan: 13_001, maxYuan: 25_000 },
      { minYuan: 25_001, maxYuan: 50_000 },
    ]);
  });

  it('leaves the unit fine out of the 拒不执行 step where the law fines only the persons (第一百零二条)', () => {
    const severe = violationByCode('aqsf-102')?.steps.at(-1);
    expect(severe?.unitFine).toBeUndefined();
    expect(severe?.personFine).toEqual({ minYuan: 50_000, maxYuan: 100_000 });
    expect(severe?.alsoKinds).toEqual(['suspension']);
  });
});

describe('percentages of 上一年年收入 and the daily penalty', () => {
  it('gives 第九十五条 its four fixed shares, one entry per accident grade', () => {
    const shares = [1, 2, 3, 4].map((i) => violationByCode(`aqsf-95-${i}`)?.steps.map((s) => s.incomePercent));
    expect(shares).toEqual([
      [{ min: 40, max: 40 }],
      [{ min: 60, max: 60 }],
      [{ min: 80, max: 80 }],
      [{ min: 100, max: 100 }],
    ]);
  });

  it('fines a 主要负责人 under 第一百一十条 60–100%, and sends absconding to 公安 for detention', () => {
    for (const code of [
      'aqsf-110-k1a',
      'aqsf-110-k1b',
      'aqsf-110-k1c',
      'aqsf-110-k2a',
      'aqsf-110-k2b',
      'aqsf-110-k2c',
    ]) {
      const e = violationByCode(code);
      expect(e?.statutory.incomePercent).toEqual({ min: 60, max: 100 });
      expect(e?.statutoryMaxYuan).toBeNull();
    }
    expect(violationByCode('aqsf-110-k1c')?.steps.every((s) => s.alsoKinds.includes('detention'))).toBe(true);
    expect(violationByCode('aqsf-110-k1a')?.steps.some((s) => s.alsoKinds.includes('detention'))).toBe(false);
  });

  it('notes 第一百一十二条 按日连续处罚 without steps', () => {
    const e = violationByCode('aqsf-112');
    expect(e?.steps).toEqual([]);
    expect(e?.statutoryMaxYuan).toBeNull();
    expect(e?.lawText).toContain('按日连续处罚');
    expect(e?.note).toContain('按日连续处罚');
  });
});
