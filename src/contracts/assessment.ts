/** Reporting assessment (报送考核) contracts, shared by server and web. */
import { z } from 'zod';
import type { AssessmentMetric } from '../domain/assessment.js';
import { isoDateTime, regionCode } from './common.js';

/** Half-open [from, to); defaults: from 1 January (Asia/Shanghai) of the year `to` falls in, to now. */
export const assessmentQuery = z
  .object({
    regionCode: regionCode.optional(),
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.from && q.to && new Date(q.from).getTime() >= new Date(q.to).getTime()) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: '开始时间须早于结束时间' });
    }
  });
export type AssessmentQuery = z.infer<typeof assessmentQuery>;

export interface AssessmentShare {
  numerator: number;
  denominator: number;
  /** Percent, one decimal half-up; null when nothing was judged (denominator 0). */
  rate: number | null;
}

export interface AssessmentRow {
  code: string;
  name: string;
  /** Accidents that occurred in the period (written off and imported records excluded). */
  accidents: number;
  metrics: Record<AssessmentMetric, AssessmentShare>;
  duplicates: { count: number; deduction: number };
  /** 0–100, one decimal; null = no data (no accident in the period). */
  score: number | null;
}

export interface AssessmentChildRow extends AssessmentRow {
  /** 1 = best; equal scores share a rank; null without data. */
  rank: number | null;
}

export interface Assessment {
  regionCode: string;
  regionName: string;
  /** ISO 8601 with +08:00. */
  from: string;
  to: string;
  /** Deadlines are judged as of this moment (open ones are not counted). */
  asOf: string;
  weights: Record<AssessmentMetric, number> & { duplicateDeduction: number };
  /** The whole region: its own steps of the chain count here, not in its children's rows. */
  region: AssessmentRow;
  /** The direct children, best first. */
  children: AssessmentChildRow[];
}
