/** Accident quick report (快报) and follow-up (续报) contracts, shared by server and web. */
import { z } from 'zod';
import { isAccidentType, isIndustryCode } from '../domain/codes.js';
import { DOMAINS } from '../domain/direct-report.js';
import { GRADES } from '../domain/grade.js';
import { CHAIN_LEVELS } from '../domain/reporting-chain.js';
import { count, creditCode, expecting, isoDateTime, pageQuery, requiredText, text, yuan } from './common.js';

const regionCode = z.string().regex(/^\d{6}(\d{3})?$/, { message: '须为6位县级或9位乡镇行政区划代码' });
const industryCode = z.string().trim().refine(isIndustryCode, {
  message: '须为 GB/T 4754-2017 门类字母或门类+大类（如 C26）',
});
const accidentType = z.string().refine(isAccidentType, { message: '须为 GB 6441-1986 事故类别代码 01–20' });

const texts = {
  address: requiredText(300),
  unitName: requiredText(200),
  // 电话快报 may come before the full 第十二条 content; the 24 h node waits until it is complete.
  summary: text(10_000).optional(),
  measuresTaken: text(10_000).optional(),
  reporterName: text(50).optional(),
  reporterPhone: text(50).optional(),
};

export const createAccidentBody = z
  .object({
    occurredAt: isoDateTime,
    receivedAt: isoDateTime.optional(),
    regionCode,
    unitCreditCode: creditCode.optional(),
    industryCode,
    accidentType,
    domain: z.enum(DOMAINS, { message: `须为 ${DOMAINS.join('、')} 之一` }).default('industrial'),
    ...texts,
    deaths: count.default(0),
    missing: count.default(0),
    seriousInjuries: count.default(0),
    minorInjuries: count.default(0),
    directLossYuan: yuan.default(0),
    confirmNotDuplicate: z.boolean().default(false),
    dutyLogId: z.uuid().optional(),
  })
  .strict();
export type CreateAccidentInput = z.infer<typeof createAccidentBody>;

export const followupBody = z
  .object({
    deaths: count.optional(),
    missing: count.optional(),
    seriousInjuries: count.optional(),
    minorInjuries: count.optional(),
    directLossYuan: yuan.optional(),
    address: texts.address.optional(),
    unitName: texts.unitName.optional(),
    summary: texts.summary,
    measuresTaken: texts.measuresTaken,
    reporterName: texts.reporterName,
    reporterPhone: texts.reporterPhone,
    note: text(2000).optional(),
    /** 终报: the last follow-up; closes the 30 d node. */
    final: z.boolean().default(false),
    /** Explicit "no change" confirmation for the 7 d node. */
    noChange: z.boolean().default(false),
  })
  .strict();
export type FollowupInput = z.infer<typeof followupBody>;

export const forwardBody = z
  .object({
    toLevel: z.enum(CHAIN_LEVELS).optional(),
    note: text(2000).optional(),
  })
  .strict();
export type ForwardInput = z.infer<typeof forwardBody>;

export const signBody = z.object({ note: text(2000).optional() }).strict();

export const ACCIDENT_STATUSES = ['pending', 'overdue', 'done'] as const;

export const listAccidentsQuery = z.object({
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}(\d{3})?$/)
    .optional(),
  grade: z.enum(GRADES).optional(),
  accidentType: accidentType.optional(),
  industryCode: industryCode.optional(),
  domain: z.enum(DOMAINS).optional(),
  status: z.enum(ACCIDENT_STATUSES).optional(),
  q: text(100).optional(),
  ...pageQuery,
});
export type ListAccidentsQuery = z.infer<typeof listAccidentsQuery>;

export const FIGURE_FIELDS = ['deaths', 'missing', 'seriousInjuries', 'minorInjuries', 'directLossYuan'] as const;
export const TEXT_FIELDS = [
  'address',
  'unitName',
  'summary',
  'measuresTaken',
  'reporterName',
  'reporterPhone',
] as const;
export type FigureField = (typeof FIGURE_FIELDS)[number];
export type TextField = (typeof TEXT_FIELDS)[number];

// ————————————————————————————————————————— summary (统计概览)

export const SUMMARY_MAX_DAYS = 366;

export const accidentSummaryQuery = z.object({
  days: z.coerce
    .number(expecting('须为数字'))
    .int({ message: '须为整数' })
    .min(1, { message: '至少1天' })
    .max(SUMMARY_MAX_DAYS, { message: `最多${SUMMARY_MAX_DAYS}天` })
    .default(30),
  regionCode: regionCode.optional(),
});
export type AccidentSummaryQuery = z.infer<typeof accidentSummaryQuery>;

export type GradeCounts = Record<(typeof GRADES)[number], number>;

/** One Asia/Shanghai calendar day; figures are the statistical ones (统计数字, inside the 补报 window). */
export interface AccidentSummaryDay {
  /** YYYY-MM-DD in Asia/Shanghai. */
  date: string;
  reports: number;
  deaths: number;
  seriousInjuries: number;
  byGrade: GradeCounts;
}

export interface AccidentSummary {
  /** First and last day of the window (inclusive), YYYY-MM-DD in Asia/Shanghai. */
  from: string;
  to: string;
  days: AccidentSummaryDay[];
  /** Over the accidents that occurred in the window; overdue/pending by their earliest unmet deadline. */
  totals: {
    reports: number;
    deaths: number;
    seriousInjuries: number;
    directLossYuan: number;
    overdue: number;
    pending: number;
  };
}
