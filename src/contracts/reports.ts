/** Statistical report tables (统计月报) contracts, shared by server and web. */
import { z } from 'zod';
import type { ReportCells } from '../domain/report-table.js';
import { statsSummaryQuery } from './stats.js';

export const REPORT_DIMENSIONS = ['domain', 'industry', 'region'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

export const REPORT_FORMATS = ['json', 'xlsx'] as const;

/** regionCode, from, to as for the statistics (defaults: the actor's region, 1 January to now). */
export const statsReportQuery = z.object({
  ...statsSummaryQuery.shape,
  by: z.enum(REPORT_DIMENSIONS, { message: `须为 ${REPORT_DIMENSIONS.join('、')} 之一` }),
  format: z.enum(REPORT_FORMATS, { message: '须为 json 或 xlsx' }).default('json'),
});
export type StatsReportQuery = z.infer<typeof statsReportQuery>;

export interface StatsReportLine {
  key: string;
  label: string;
  /** accidents … seriousInjuries in 起/人; directLossWan in 万元 with one decimal (rows add up to 合计). */
  cells: ReportCells;
}

export interface StatsReport {
  regionCode: string;
  regionName: string;
  by: ReportDimension;
  /** ISO 8601 with +08:00, [from, to); the 同比 period one year earlier. */
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  /** E.g. 山东省生产安全事故统计表（分行业） */
  title: string;
  /** E.g. 2026年1月1日—2026年10月31日 */
  periodLabel: string;
  /** 单位：起、人、万元 */
  unitLine: string;
  /** The first column's header: 行业领域 / 行业门类 / 地区. */
  keyHeader: string;
  rows: StatsReportLine[];
  total: StatsReportLine;
}
