/**
 * Fines for an accident, from 《生产安全事故罚款处罚规定》(应急管理部令第14号, in force 2024-03-01), regulations.md §10.3.
 *
 * The unit responsible (第十四条 — 第十七条): twelve sub-bands, three per grade, each reached by any one of deaths,
 * serious injuries or direct loss — the highest one reached decides. "A以上B以下" is read as in 493号令 第三条 (以上
 * includes the number, 以下 excludes it), which makes the sub-bands non-overlapping: "3人以上5人以下死亡" is 3–4 deaths.
 * Deaths include the missing (下落不明), as in grading (grade.ts). A 第十八条 circumstance multiplies the band by 2–5
 * (安全生产法 第一百一十四条第二款: 情节特别严重、影响特别恶劣的，按照罚款数额的二倍以上五倍以下).
 *
 * People (第十九条 — 第二十一条, 第十一条): a percentage of 上一年年收入, or, when the income cannot be determined, of the
 * 第四条 fallback: 5–10 times (主要负责人) or 1–5 times (others) the province's previous-year average wage of
 * 城镇单位就业人员, which an administrator enters per province and year.
 */
import type { YuanRange } from './discretion-defaults.js';
import { GRADES, type Grade, type GradingFigures } from './grade.js';

const WAN = 10_000;
const YI = 100_000_000;

/** Lower bounds (以上, inclusive) of sub-bands 2–12 on each dimension; below the first is sub-band 1. */
const SUB_BAND_BOUNDS = {
  deaths: [1, 2, 3, 5, 7, 10, 13, 15, 30, 40, 50],
  seriousInjuries: [3, 6, 10, 20, 30, 50, 60, 70, 100, 120, 150],
  directLossYuan: [
    300 * WAN,
    500 * WAN,
    1000 * WAN,
    2000 * WAN,
    3000 * WAN,
    5000 * WAN,
    6000 * WAN,
    7000 * WAN,
    YI,
    1.5 * YI,
    2 * YI,
  ],
} as const;

/** The unit's fine of each sub-band (第十四条 — 第十七条), in 万元. */
const SUB_BAND_FINES_WAN: readonly [number, number][] = [
  [30, 50],
  [50, 70],
  [70, 100],
  [100, 120],
  [120, 150],
  [150, 200],
  [200, 400],
  [400, 600],
  [600, 1000],
  [1000, 1200],
  [1200, 1500],
  [1500, 2000],
];

const GRADE_ARTICLES: Record<Grade, string> = {
  general: '第十四条',
  larger: '第十五条',
  major: '第十六条',
  especially_major: '第十七条',
};

export const DIMENSIONS = ['deaths', 'seriousInjuries', 'directLossYuan'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const DIMENSION_LABELS: Record<Dimension, string> = {
  deaths: '死亡（含下落不明）人数',
  seriousInjuries: '重伤（含急性工业中毒）人数',
  directLossYuan: '直接经济损失',
};

/** 第十八条: the circumstances that make the unit's fine 2–5 times the band. */
export const AGGRAVATING_CIRCUMSTANCES = {
  safety_equipment:
    '关闭、破坏直接关系生产安全的监控、报警、防护、救生设备、设施，或者篡改、隐瞒、销毁其相关数据、信息',
  major_danger_order:
    '因存在重大事故隐患被依法责令停产停业、停止施工、停止使用有关设备设施场所或者立即采取排除危险的整改措施，而拒不执行',
  unlicensed:
    '涉及安全生产的事项未经依法批准或者许可，擅自从事矿山开采、金属冶炼、建筑施工，以及危险物品生产、经营、储存等高度危险的生产作业活动',
  obstruction: '拒绝、阻碍行政执法',
  forced_risky_work: '强令他人违章冒险作业，或者明知存在重大事故隐患而不排除，仍冒险组织作业',
  other: '其他情节特别严重、影响特别恶劣的情形',
} as const;
export type AggravatingCircumstance = keyof typeof AGGRAVATING_CIRCUMSTANCES;

export type AccidentFineFigures = GradingFigures;

export interface BandBasis {
  dimension: Dimension;
  label: string;
  value: number;
  /** The sub-band (1–12) this dimension alone reaches. */
  subBand: number;
}

export interface UnitFine {
  grade: Grade;
  /** 1–12, from 一般's first to 特别重大's last. */
  subBand: number;
  band: YuanRange;
  /** The band, or 2–5 times it when a 第十八条 circumstance is recorded. */
  unitFine: YuanRange;
  multiplied: boolean;
  /** Every dimension with the sub-band it reaches; the deciding ones first. */
  dimensions: BandBasis[];
  basis: string[];
}

function subBandOf(value: number, bounds: readonly number[]): number {
  let band = 1;
  for (const bound of bounds) if (value >= bound) band++;
  return band;
}

function figureOf(f: AccidentFineFigures, d: Dimension): number {
  return d === 'deaths' ? f.deaths + f.missing : f[d];
}

/** The unit's fine for an accident (令第14号 第十四条 — 第十八条). */
export function unitFineFor(f: AccidentFineFigures, aggravating: readonly AggravatingCircumstance[] = []): UnitFine {
  const dimensions = DIMENSIONS.map((d) => ({
    dimension: d,
    label: DIMENSION_LABELS[d],
    value: figureOf(f, d),
    subBand: subBandOf(figureOf(f, d), SUB_BAND_BOUNDS[d]),
  })).sort((a, b) => b.subBand - a.subBand);
  const subBand = (dimensions[0] as BandBasis).subBand;
  const grade = GRADES[Math.floor((subBand - 1) / 3)] as Grade;
  const [minWan, maxWan] = SUB_BAND_FINES_WAN[subBand - 1] as [number, number];
  const band = { minYuan: minWan * WAN, maxYuan: maxWan * WAN };
  const multiplied = aggravating.length > 0;
  const unitFine = multiplied ? { minYuan: band.minYuan * 2, maxYuan: band.maxYuan * 5 } : band;
  const deciding = dimensions.filter((d) => d.subBand === subBand).map((d) => d.label);
  const basis = [
    `《生产安全事故罚款处罚规定》${GRADE_ARTICLES[grade]}：按${deciding.join('、')}，处${minWan}万元以上${maxWan}万元以下的罚款`,
    ...(multiplied
      ? [
          `《生产安全事故罚款处罚规定》第十八条、《中华人民共和国安全生产法》第一百一十四条第二款：${aggravating
            .map((a) => AGGRAVATING_CIRCUMSTANCES[a])
            .join('；')}，按上述罚款数额的二倍以上五倍以下处以罚款`,
        ]
      : []),
  ];
  return { grade, subBand, band, unitFine, multiplied, dimensions, basis };
}

/** Whose fine, for people: 第十九条 (主要负责人), 第二十条 (其他负责人、安全管理人员), 第二十一条 (个人经营的投资人). */
export const PERSON_ROLES = ['principal', 'other_manager', 'individual_investor'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

export const PERSON_ROLE_LABELS: Record<PersonRole, string> = {
  principal: '主要负责人',
  other_manager: '其他负责人、安全生产管理人员',
  individual_investor: '个人经营的投资人',
};

/** 第十九条, 第二十条: percent of 上一年年收入 by grade; 第二十一条: yuan. */
const PERSON_BANDS: Record<PersonRole, Record<Grade, [number, number]>> = {
  principal: { general: [40, 40], larger: [60, 60], major: [80, 80], especially_major: [100, 100] },
  other_manager: { general: [20, 30], larger: [30, 40], major: [40, 50], especially_major: [50, 50] },
  individual_investor: {
    general: [2 * WAN, 5 * WAN],
    larger: [5 * WAN, 10 * WAN],
    major: [10 * WAN, 15 * WAN],
    especially_major: [15 * WAN, 20 * WAN],
  },
};

const PERSON_ARTICLES: Record<PersonRole, string> = {
  principal: '第十九条',
  other_manager: '第二十条',
  individual_investor: '第二十一条',
};

/** 第四条: the 上一年年收入 to use when it cannot be determined, as multiples of the province's average wage. */
const INCOME_FALLBACK_MULTIPLES: Record<PersonRole, [number, number] | null> = {
  principal: [5, 10],
  other_manager: [1, 5],
  individual_investor: null,
};

export interface PersonFine {
  role: PersonRole;
  label: string;
  /** Percent of 上一年年收入 (第十九条, 第二十条); null for the investor's fixed amounts. */
  percent: { min: number; max: number } | null;
  /** The amount: from the income when known, else from the 第四条 fallback when the wage is known, else null. */
  fine: YuanRange | null;
  basis: string[];
}

/** A person's fine for the unit's accident of `grade`; `incomeYuan` when known, `averageWageYuan` of the province. */
export function personFineFor(
  grade: Grade,
  role: PersonRole,
  p: { incomeYuan?: number | null; averageWageYuan?: number | null } = {},
): PersonFine {
  const [lo, hi] = PERSON_BANDS[role][grade];
  const article = `《生产安全事故罚款处罚规定》${PERSON_ARTICLES[role]}`;
  const label = PERSON_ROLE_LABELS[role];
  if (role === 'individual_investor') {
    return {
      role,
      label,
      percent: null,
      fine: { minYuan: lo, maxYuan: hi },
      basis: [`${article}：处${lo / WAN}万元以上${hi / WAN}万元以下的罚款`],
    };
  }
  const percent = { min: lo, max: hi };
  const share = lo === hi ? `${lo}%` : `${lo}%至${hi}%`;
  const basis = [`${article}：处上一年年收入${share}的罚款`];
  if (p.incomeYuan != null) {
    return { role, label, percent, fine: percentOf(p.incomeYuan, p.incomeYuan, percent), basis };
  }
  const multiples = INCOME_FALLBACK_MULTIPLES[role] as [number, number];
  if (p.averageWageYuan == null) return { role, label, percent, fine: null, basis };
  return {
    role,
    label,
    percent,
    fine: percentOf(p.averageWageYuan * multiples[0], p.averageWageYuan * multiples[1], percent),
    basis: [
      ...basis,
      `《生产安全事故罚款处罚规定》第四条：上一年年收入难以确定的，按上一年度本省城镇单位就业人员平均工资的${multiples[0]}倍以上${multiples[1]}倍以下计算`,
    ],
  };
}

/** Whole yuan: the lower bound rounded up, the upper down, so the range never leaves the legal one. */
function percentOf(lowIncome: number, highIncome: number, pct: { min: number; max: number }): YuanRange {
  return { minYuan: Math.ceil((lowIncome * pct.min) / 100), maxYuan: Math.floor((highIncome * pct.max) / 100) };
}
