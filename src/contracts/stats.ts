/** Statistics (统计分析) contracts: summary and breakdown with 同比, shared by server and web. */
import { z } from 'zod';
import type { Indicators } from '../domain/statistics.js';
import { isoDateTime, regionCode } from './common.js';

/** Any level: 6-digit province/city/county (or 000000) or 9-digit town. */

/** Half-open [from, to); either may be left out (defaults: from 1 January this year, to now, Asia/Shanghai). */
export const COMPARE_WITH = ['lastYear', 'previous'] as const;
export type CompareWith = (typeof COMPARE_WITH)[number];

const period = {
  regionCode: regionCode.optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  /** 同比 (the same period last year, default) or 环比 (the period just before). */
  compare: z.enum(COMPARE_WITH, { message: '须为 lastYear（同比）或 previous（环比）' }).default('lastYear'),
};

function fromBeforeTo(q: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx): void {
  if (q.from && q.to && new Date(q.from).getTime() >= new Date(q.to).getTime()) {
    ctx.addIssue({ code: 'custom', path: ['from'], message: '开始时间须早于结束时间' });
  }
}

export const statsSummaryQuery = z.object(period).superRefine(fromBeforeTo);
/** As the service takes it: what the route validated, or a caller's own (defaults applied by the service). */
export type StatsSummaryQuery = z.input<typeof statsSummaryQuery>;

export const BREAKDOWN_DIMENSIONS = ['region', 'industry', 'type', 'grade', 'domain', 'month'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export const INDUSTRY_LEVELS = ['section', 'division'] as const;
export type IndustryLevel = (typeof INDUSTRY_LEVELS)[number];

export const statsBreakdownQuery = z
  .object({
    ...period,
    by: z.enum(BREAKDOWN_DIMENSIONS, { message: `须为 ${BREAKDOWN_DIMENSIONS.join('、')} 之一` }),
    /** 较大及以上 only (larger), or every grade (all, default). */
    grades: z.enum(['all', 'larger'], { message: '须为 all 或 larger（较大及以上）' }).default('all'),
    /** For by=industry: 门类 (section, default) or 门类+大类 (division). */
    industryLevel: z.enum(INDUSTRY_LEVELS, { message: '须为 section 或 division' }).default('section'),
  })
  .superRefine(fromBeforeTo)
  .superRefine((q, ctx) => {
    // A month row is compared with the same month last year; 环比 of a month is the month before it.
    if (q.by === 'month' && q.compare === 'previous') {
      ctx.addIssue({ code: 'custom', path: ['compare'], message: '按月分组只支持同比（逐月环比请看相邻月份）' });
    }
  });
export type StatsBreakdownQuery = z.input<typeof statsBreakdownQuery>;

/** The indicators (统计指标), from the statistical figures of accidents not written off. */
export type StatFigures = Indicators;

export type StatChangePct = { [K in keyof StatFigures]: number | null };

/** A period against the comparison period (同比 or 环比): change = current − previous; pct one decimal. */
export interface StatComparison {
  current: StatFigures;
  previous: StatFigures;
  change: StatFigures;
  /** Percent of previous, one decimal, half away from zero; null when previous is 0 (no percentage). */
  changePct: StatChangePct;
}

export interface StatsSummary extends StatComparison {
  regionCode: string;
  /** What `previous` is: the same period last year (同比) or the period just before (环比). */
  compare: CompareWith;
  /** ISO 8601 with +08:00. */
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  /** The same restricted to 较大 and above (较大, 重大, 特别重大). */
  larger: StatComparison;
}

export interface StatsBreakdownRow extends StatComparison {
  key: string;
  label: string;
}

export interface StatsBreakdown {
  regionCode: string;
  compare: CompareWith;
  /** larger: every figure restricted to 较大及以上 accidents. */
  grades: 'all' | 'larger';
  by: BreakdownDimension;
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  rows: StatsBreakdownRow[];
  /** Equals the sum of the rows, and the summary's figures for the same region and period. */
  total: StatComparison;
}
