/**
 * 493号令 第三条: grade boundaries. "以上" includes the number, "以下" excludes it; deaths count the missing
 * (死亡含失踪); the grade is the highest reached on any of deaths, serious injuries and direct loss.
 */
import { describe, expect, it } from 'vitest';
import { GRADES, type Grade, type GradingFigures, gradeOf, gradeRank } from './grade.js';

const zero: GradingFigures = { deaths: 0, missing: 0, seriousInjuries: 0, directLossYuan: 0 };

describe('gradeOf — deaths (死亡含失踪)', () => {
  it.each<[number, number, Grade]>([
    [0, 0, 'general'],
    [2, 0, 'general'],
    [3, 0, 'larger'],
    [9, 0, 'larger'],
    [10, 0, 'major'],
    [29, 0, 'major'],
    [30, 0, 'especially_major'],
    [500, 0, 'especially_major'],
    // missing persons count as deaths
    [0, 2, 'general'],
    [2, 1, 'larger'],
    [0, 3, 'larger'],
    [9, 1, 'major'],
    [5, 4, 'larger'],
    [20, 9, 'major'],
    [29, 1, 'especially_major'],
    [0, 30, 'especially_major'],
  ])('%i deaths + %i missing → %s', (deaths, missing, grade) => {
    expect(gradeOf({ ...zero, deaths, missing })).toBe(grade);
  });
});

describe('gradeOf — serious injuries (重伤，含急性工业中毒)', () => {
  it.each<[number, Grade]>([
    [0, 'general'],
    [9, 'general'],
    [10, 'larger'],
    [49, 'larger'],
    [50, 'major'],
    [99, 'major'],
    [100, 'especially_major'],
    [1000, 'especially_major'],
  ])('%i serious injuries → %s', (seriousInjuries, grade) => {
    expect(gradeOf({ ...zero, seriousInjuries })).toBe(grade);
  });
});

describe('gradeOf — direct economic loss (直接经济损失, yuan)', () => {
  it.each<[number, Grade]>([
    [0, 'general'],
    [9_999_999, 'general'],
    [10_000_000, 'larger'],
    [49_999_999, 'larger'],
    [50_000_000, 'major'],
    [99_999_999, 'major'],
    [100_000_000, 'especially_major'],
    [5_000_000_000, 'especially_major'],
  ])('%i yuan → %s', (directLossYuan, grade) => {
    expect(gradeOf({ ...zero, directLossYuan })).toBe(grade);
  });
});

describe('gradeOf — the highest grade of the three dimensions', () => {
  it.each<[Partial<GradingFigures>, Grade]>([
    [{ deaths: 2, seriousInjuries: 9, directLossYuan: 9_999_999 }, 'general'],
    [{ deaths: 2, seriousInjuries: 10, directLossYuan: 0 }, 'larger'],
    [{ deaths: 0, seriousInjuries: 0, directLossYuan: 10_000_000 }, 'larger'],
    [{ deaths: 3, seriousInjuries: 50, directLossYuan: 0 }, 'major'],
    [{ deaths: 10, seriousInjuries: 9, directLossYuan: 100_000_000 }, 'especially_major'],
    [{ deaths: 1, seriousInjuries: 100, directLossYuan: 10_000_000 }, 'especially_major'],
    [{ deaths: 30, seriousInjuries: 0, directLossYuan: 0 }, 'especially_major'],
    [{ deaths: 2, missing: 1, seriousInjuries: 49, directLossYuan: 50_000_000 }, 'major'],
    [{ deaths: 9, seriousInjuries: 49, directLossYuan: 49_999_999 }, 'larger'],
  ])('%o → %s', (figures, grade) => {
    expect(gradeOf({ ...zero, ...figures })).toBe(grade);
  });
});

describe('gradeRank', () => {
  it('orders grades from general to especially_major', () => {
    expect(GRADES.map(gradeRank)).toEqual([0, 1, 2, 3]);
    expect(gradeRank('general')).toBeLessThan(gradeRank('larger'));
    expect(gradeRank('major')).toBeLessThan(gradeRank('especially_major'));
  });
});
