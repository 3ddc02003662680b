/** Major-hazard (重大危险源, GB 18218-2018) contracts: evaluation, the unit register, the list and census campaigns. */
import { z } from 'zod';
import { UNIT_KINDS, type UnitKind } from '../domain/major-hazard.js';

export { UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '../domain/major-hazard.js';

import { SECTORS, type Sector } from '../domain/enterprise.js';
import type { MajorHazardGrade } from '../domain/major-hazard.js';
import { count, expecting, pageQuery, requiredText, text } from './common.js';
import { isoDate, phone, regionCodeParam } from './enterprises.js';

/** Tonnes as a JSON number or a decimal string ("0.3"), so the exact quantity reaches the exact arithmetic. */
const tonnes = z.union(
  [
    z.number(expecting('须为数字（吨）')).min(0, { message: '不能为负数' }).max(1e9, { message: '数值过大' }),
    z
      .string()
      .trim()
      .regex(/^\d{1,9}(\.\d{1,6})?$/, { message: '须为不小于0的十进制数（吨），最多6位小数' }),
  ],
  expecting('须为数字（吨）'),
);

const category = z.union(
  [z.string().trim().max(10), z.array(z.string().trim().max(10)).min(1).max(5)],
  expecting('须为表2类别符号（如 W5.1）或其数组'),
);

export const substanceInput = z
  .object({
    cas: text(30).optional(),
    name: text(100).optional(),
    /** GB 18218-2018 表2 category symbol(s) (J1 … W11); required for a substance not in Table 1. */
    category: category.optional(),
    /** q: the design maximum in the unit (4.2.2), tonnes. */
    quantityT: tonnes,
  })
  .strict()
  .superRefine((s, ctx) => {
    if (!s.cas && !s.name && s.category === undefined) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: '须填写物质名称、CAS号或危险性类别之一' });
    }
  });
export type SubstanceInput = z.infer<typeof substanceInput>;

const exposedPeople = count.describe('厂区边界向外500米范围内常住人口数（表5）');

export const evaluateBody = z
  .object({
    substances: z.array(substanceInput).min(1, { message: '至少填写一种危险化学品' }).max(200),
    exposedPeople,
  })
  .strict();
export type EvaluateInput = z.infer<typeof evaluateBody>;

export const FILING_STATUSES = ['unfiled', 'filed'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

const unitFields = {
  kind: z.enum(UNIT_KINDS, { message: '须为 production（生产单元）或 storage（储存单元）' }),
  name: requiredText(100),
  substances: evaluateBody.shape.substances,
  exposedPeople,
  /** 包保责任人 (主要负责人, 技术负责人, 操作负责人). */
  principalName: text(50).nullable(),
  principalPhone: phone.nullable(),
  technicalName: text(50).nullable(),
  technicalPhone: phone.nullable(),
  operationName: text(50).nullable(),
  operationPhone: phone.nullable(),
  /** 备案. */
  filingStatus: z.enum(FILING_STATUSES, { message: '须为 unfiled 或 filed' }),
  filingNo: text(60).nullable(),
  filedAt: isoDate.nullable(),
};

const unitObject = z.object(unitFields);

export const createUnitBody = unitObject
  .partial({
    principalName: true,
    principalPhone: true,
    technicalName: true,
    technicalPhone: true,
    operationName: true,
    operationPhone: true,
    filingNo: true,
    filedAt: true,
  })
  .extend({ filingStatus: unitFields.filingStatus.default('unfiled') })
  .strict();
export type CreateUnitInput = z.infer<typeof createUnitBody>;

export const updateUnitBody = unitObject
  .partial()
  .extend({ version: z.number().int().min(1).optional() })
  .strict();
export type UpdateUnitInput = z.infer<typeof updateUnitBody>;

export interface EvaluatedItem {
  index: number;
  /** Table-1 row number, or null for a substance classified by category (Table 2). */
  tableOneNo: number | null;
  name: string | null;
  cas: string | null;
  category: string | null;
  categorySource: 'input' | 'default' | null;
  quantityT: number;
  criticalQuantityT: number;
  criticalQuantitySource: 'table1' | 'table2';
  beta: number;
  betaSource: 'table3' | 'table4';
  ratio: number;
}

export interface Evaluation {
  s: number;
  isMajor: boolean;
  alpha: number;
  r: number;
  grade: MajorHazardGrade | null;
  gradeLabel: string | null;
  exact: { s: string; r: string };
  items: EvaluatedItem[];
}

export interface HazardUnitView {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  creditCode: string;
  regionCode: string;
  regionName: string;
  kind: UnitKind;
  name: string;
  substances: SubstanceInput[];
  exposedPeople: number;
  s: number;
  r: number;
  alpha: number;
  isMajor: boolean;
  grade: MajorHazardGrade | null;
  gradeLabel: string | null;
  items: EvaluatedItem[];
  principalName: string | null;
  principalPhone: string | null;
  technicalName: string | null;
  technicalPhone: string | null;
  operationName: string | null;
  operationPhone: string | null;
  filingStatus: FilingStatus;
  filingNo: string | null;
  filedAt: string | null;
  retiredAt: string | null;
  version: number;
  updatedAt: string;
  longitude: number | null;
  latitude: number | null;
}

export interface EvaluationHistoryEntry {
  seq: number;
  at: string;
  by: string;
  s: number;
  r: number;
  alpha: number;
  isMajor: boolean;
  grade: MajorHazardGrade | null;
  exposedPeople: number;
  substances: SubstanceInput[];
}

const flag = z.enum(['true', 'false'], { message: '须为 true 或 false' }).transform((v) => v === 'true');

export const majorHazardListQuery = z
  .object({
    regionCode: regionCodeParam.optional(),
    grade: z.coerce.number().int().min(1).max(4, { message: '须为1–4（一级至四级）' }).optional(),
    filingStatus: z.enum(FILING_STATUSES, { message: '须为 unfiled 或 filed' }).optional(),
    /** Enterprise name (Chinese fuzzy match). */
    q: text(100).optional(),
    /** true: every unit (not only 重大危险源). */
    all: flag.optional(),
    ...pageQuery,
  })
  .strict();
export type MajorHazardListQuery = z.infer<typeof majorHazardListQuery>;

export const hazardSummaryQuery = z.object({ regionCode: regionCodeParam.optional() }).strict();

export interface HazardSummaryRow {
  code: string;
  name: string;
  total: number;
  byGrade: Record<MajorHazardGrade, number>;
  unfiled: number;
}

export const mapPointsQuery = z
  .object({
    regionCode: regionCodeParam.optional(),
    /** true: only enterprises with a 重大危险源. */
    majorHazard: flag.optional(),
  })
  .strict();

export interface MapPoint {
  id: string;
  name: string;
  regionCode: string;
  longitude: number;
  latitude: number;
  topHazardGrade: MajorHazardGrade | null;
  majorHazardCount: number;
  sectors: Sector[];
}

// ————————————————————————————————————————— census (普查)

export const createCensusBody = z
  .object({
    name: requiredText(100),
    /** The region the campaign covers; default the bureau's own. */
    regionCode: regionCodeParam.optional(),
    startsOn: isoDate,
    endsOn: isoDate,
    sectors: z
      .array(z.enum(SECTORS, { message: `须为 ${SECTORS.join('、')} 之一` }))
      .max(SECTORS.length)
      .optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.endsOn < b.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: '截止日期不能早于开始日期' });
  });
export type CreateCensusInput = z.infer<typeof createCensusBody>;

export interface CensusView {
  id: string;
  regionCode: string;
  regionName: string;
  name: string;
  startsOn: string;
  endsOn: string;
  sectors: Sector[];
  createdAt: string;
}

export interface CensusProgressRow {
  code: string;
  name: string;
  /** Enterprises asked: operating, in the campaign's sectors. */
  enterprises: number;
  returned: number;
  /** returned / enterprises, percent with one decimal; null with no enterprise. */
  rate: number | null;
  units: number;
  majorUnits: number;
}

export interface CensusProgress {
  census: CensusView;
  region: CensusProgressRow;
  children: CensusProgressRow[];
}
