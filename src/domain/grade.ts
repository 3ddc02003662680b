/**
 * Accident grading — 《生产安全事故报告和调查处理条例》(国务院令第493号) 第三条.
 *
 * 特别重大: ≥30 deaths, or ≥100 serious injuries, or ≥1亿元 direct loss
 * 重大:     10–29 deaths, 50–99 serious injuries, 5000万–<1亿元
 * 较大:     3–9 deaths, 10–49 serious injuries, 1000万–<5000万元
 * 一般:     below all of the above.
 * "本条第一款所称的'以上'包括本数，所称的'以下'不包括本数" → half-open intervals [low, high).
 * The grade is the highest one reached on any of the three dimensions.
 */

export const GRADES = ['general', 'larger', 'major', 'especially_major'] as const;
export type Grade = (typeof GRADES)[number];

export const GRADE_LABELS: Record<Grade, string> = {
  general: '一般事故',
  larger: '较大事故',
  major: '重大事故',
  especially_major: '特别重大事故',
};

export interface GradingFigures {
  deaths: number;
  /** 下落不明 — counted with deaths (死亡含失踪). */
  missing: number;
  /** 重伤, 含急性工业中毒. */
  seriousInjuries: number;
  directLossYuan: number;
}

/** Lower bounds ("以上", inclusive) for larger / major / especially_major. 493号令 第三条. */
const THRESHOLDS = {
  deaths: [3, 10, 30],
  seriousInjuries: [10, 50, 100],
  directLossYuan: [10_000_000, 50_000_000, 100_000_000],
} as const;

function rankOf(value: number, bounds: readonly [number, number, number]): number {
  let rank = 0;
  for (const bound of bounds) if (value >= bound) rank++;
  return rank;
}

export function gradeOf(f: GradingFigures): Grade {
  const rank = Math.max(
    rankOf(f.deaths + f.missing, THRESHOLDS.deaths),
    rankOf(f.seriousInjuries, THRESHOLDS.seriousInjuries),
    rankOf(f.directLossYuan, THRESHOLDS.directLossYuan),
  );
  return GRADES[rank] as Grade;
}

export function gradeRank(grade: Grade): number {
  return GRADES.indexOf(grade);
}
