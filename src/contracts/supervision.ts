/**
 * 分类分级监管, 年度监督检查计划 and 双随机、一公开 contracts, shared by server and web. Rules: domain/supervision.ts
 * (classes, plans) and domain/supervision-draw.ts (the draw).
 */
import { z } from 'zod';
import { SECTORS } from '../domain/enterprise.js';
import {
  CLASS_FACTS,
  type ClassFact,
  FAILED_LICENCE_STATES,
  ITEM_STATUSES,
  type ItemStatus,
  MAX_FREQUENCY,
  SUPERVISION_CLASSES,
  type SupervisionClass,
} from '../domain/supervision.js';
import { localDate, pageQuery, regionCode, requiredText, text } from './common.js';

export { CLASS_FACTS, ITEM_STATUSES, SUPERVISION_CLASSES, type SupervisionClass };

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { message: `须为 ${values.join('、')} 之一` });

const year = z.coerce
  .number({ message: '须为年份' })
  .int({ message: '须为整数' })
  .min(2000, { message: '年份须在2000年至2100年之间' })
  .max(2100, { message: '年份须在2000年至2100年之间' });
const seed = z.string().regex(/^[\x21-\x7e]{8,128}$/, { message: '随机种子须为8至128个可见 ASCII 字符' });
const teamSize = z
  .number({ message: '须为数字' })
  .int({ message: '须为整数' })
  .min(2, { message: '每个检查组至少2名执法人员（行政处罚法第四十二条）' })
  .max(5, { message: '每个检查组至多5人' });
const uuids = (max: number, what: string) =>
  z.array(z.uuid({ message: `${what}编号格式不正确` })).max(max, { message: `至多${max}个` });

// ————————————————————————————————————————— class rules

const ruleBase = { class: oneOf(SUPERVISION_CLASSES), reason: requiredText(200) };
const grade = z.number().int().min(1, { message: '等级为1至4' }).max(4, { message: '等级为1至4' });
const small = z.number().int().min(0, { message: '不能为负数' }).max(1000, { message: '数值过大' });

export const classRule = z.discriminatedUnion('fact', [
  z
    .object({
      fact: z.literal('industry'),
      codes: z.array(z.string().regex(/^[A-T](\d{2,4})?$/, { message: '须为国民经济行业分类代码，如 C26' })).max(100),
      ...ruleBase,
    })
    .strict(),
  z.object({ fact: z.literal('sector'), sectors: z.array(oneOf(SECTORS)).max(10), ...ruleBase }).strict(),
  z.object({ fact: z.literal('major_hazard'), maxGrade: grade, ...ruleBase }).strict(),
  z.object({ fact: z.literal('accidents'), minCount: small.min(1), minDeaths: small, ...ruleBase }).strict(),
  z.object({ fact: z.literal('licence'), states: z.array(oneOf(FAILED_LICENCE_STATES)).max(3), ...ruleBase }).strict(),
  z.object({ fact: z.literal('open_major_dangers'), min: small.min(1), ...ruleBase }).strict(),
]);

const frequency = z
  .number({ message: '须为数字' })
  .int({ message: '须为整数' })
  .min(0, { message: '不能为负数' })
  .max(MAX_FREQUENCY, { message: `每年至多${MAX_FREQUENCY}次` });

export const classTableBody = z
  .object({
    rules: z.array(classRule).max(50, { message: '至多50条规则' }),
    frequencies: z.object({ A: frequency, B: frequency, C: frequency }).strict(),
    randomPercent: z.number().int().min(0, { message: '不能为负数' }).max(100, { message: '不能超过100' }),
    /** Why the table changed (kept with the revision). */
    note: text(500).optional(),
  })
  .strict();
export type ClassTableInput = z.infer<typeof classTableBody>;

export interface ClassRulesView {
  /** The province (or 000000) whose table this is; the shipped defaults have revision 0. */
  regionCode: string;
  revision: number;
  rules: z.infer<typeof classRule>[];
  frequencies: Record<SupervisionClass, number>;
  randomPercent: number;
  note: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface ClassReasonView {
  fact: ClassFact;
  class: SupervisionClass;
  text: string;
  rule: string;
  decisive: boolean;
}

export interface SupervisionClassView {
  enterpriseId: string;
  enterpriseName: string;
  class: SupervisionClass;
  classLabel: string;
  /** Inspections a year the plan schedules for the class. */
  frequency: number;
  reasons: ClassReasonView[];
  rulesRegionCode: string;
  rulesRevision: number;
  /** The day the facts were read (Asia/Shanghai). */
  asOf: string;
}

// ————————————————————————————————————————— plans

export const createPlanBody = z
  .object({
    year,
    /** The enterprises the plan covers (in the jurisdiction); default every operating enterprise of it. */
    enterpriseIds: uuids(20_000, '企业').optional(),
    /** How many of the non-key enterprises are drawn at random; default the table's randomPercent of them. */
    randomCount: z.number().int().min(0, { message: '不能为负数' }).max(20_000).optional(),
    teamSize: teamSize.optional(),
    seed: seed.optional(),
  })
  .strict();
export type CreatePlanInput = z.infer<typeof createPlanBody>;

export const planListQuery = z.object({ year: year.optional(), regionCode: regionCode.optional() }).strict();
export type PlanListQuery = z.infer<typeof planListQuery>;

export const planProgressQuery = z.object({ year, regionCode: regionCode.optional() }).strict();
export type PlanProgressQuery = z.infer<typeof planProgressQuery>;

export interface Tally {
  planned: number;
  done: number;
  due: number;
  overdue: number;
}

export interface TeamMember {
  userId: string;
  name: string;
  cert: string;
}

export interface PlanItemView {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  regionCode: string;
  class: SupervisionClass;
  reasons: ClassReasonView[];
  source: 'key' | 'random';
  month: number;
  team: TeamMember[];
  conflictWaived: boolean;
  status: ItemStatus;
  inspectionId: string | null;
  inspectedOn: string | null;
}

export interface RegionTally extends Tally {
  regionCode: string;
  label: string;
}

export interface PlanSummary {
  id: string;
  regionCode: string;
  regionName: string;
  bureauName: string;
  year: number;
  rulesRevision: number;
  randomDrawId: string | null;
  createdAt: string;
  createdBy: string;
  progress: Tally;
}

export interface PlanView extends PlanSummary {
  firstMonth: number;
  teamSize: number;
  seed: string;
  items: PlanItemView[];
  byMonth: (Tally & { month: number })[];
  byRegion: RegionTally[];
  byClass: (Tally & { class: SupervisionClass })[];
}

export interface PlanRollup {
  regionCode: string;
  year: number;
  rows: (RegionTally & { plans: number })[];
  total: Tally & { plans: number };
  byMonth: (Tally & { month: number })[];
}

// ————————————————————————————————————————— draws

export const createDrawBody = z
  .object({
    /** 抽查事项, e.g. 危险化学品企业安全生产专项抽查. */
    subject: requiredText(200),
    /** The list drawn from (名录库); default every operating enterprise of the region (or of the jurisdiction). */
    enterpriseIds: uuids(20_000, '企业').optional(),
    regionCode: regionCode.optional(),
    /** Draw only from these classes. */
    classes: z.array(oneOf(SUPERVISION_CLASSES)).min(1).max(3).optional(),
    count: z
      .number({ message: '须为数字' })
      .int({ message: '须为整数' })
      .min(1, { message: '至少抽取1家' })
      .max(2_000, { message: '一次至多抽取2000家' }),
    teamSize: teamSize.optional(),
    /** The roster (执法人员名录): default every officer of the bureau with a 执法证号. */
    inspectorIds: uuids(500, '人员').optional(),
    seed: seed.optional(),
    /** The day the checks are planned for. */
    plannedOn: localDate.optional(),
  })
  .strict();
export type CreateDrawInput = z.infer<typeof createDrawBody>;

export interface DrawnItem {
  enterpriseId: string;
  enterpriseName: string;
  regionCode: string;
  team: TeamMember[];
}

export interface DrawView {
  id: string;
  regionCode: string;
  bureauName: string;
  subject: string;
  planId: string | null;
  plannedOn: string | null;
  drawnOn: string;
  algorithm: string;
  seed: string;
  inputs: {
    count: number;
    teamSize: number;
    enterprises: { id: string; name: string; regionCode: string; lastTeam: string[] }[];
    inspectors: TeamMember[];
  };
  result: DrawnItem[];
  resultHash: string;
  createdBy: string;
  createdAt: string;
  published: { on: string; by: string } | null;
}

export interface DrawVerification {
  identical: boolean;
  resultHash: string;
  recomputedHash: string;
}

/** The draws of the jurisdiction (or of a region in it), of a year, published or not. */
export const drawListQuery = z
  .object({
    regionCode: regionCode.optional(),
    year: year.optional(),
    published: z.enum(['true', 'false'], { message: '须为 true 或 false' }).optional(),
    ...pageQuery,
  })
  .strict();
export type DrawListQuery = z.infer<typeof drawListQuery>;

/** A draw in the list: what it was for, when, how many enterprises, and whether it is public. */
export type DrawSummary = Pick<
  DrawView,
  'id' | 'regionCode' | 'bureauName' | 'subject' | 'planId' | 'plannedOn' | 'drawnOn' | 'createdBy' | 'createdAt'
> & { regionName: string; enterprises: number; published: DrawView['published'] };

export interface DrawPage {
  items: DrawSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export const publicDrawQuery = z.object({ regionCode: regionCode.optional(), ...pageQuery }).strict();
export type PublicDrawQuery = z.infer<typeof publicDrawQuery>;

/** What 一公开 shows: the matter, the enterprises, the officers and their 执法证号, the dates. Nothing internal. */
export interface PublicDraw {
  id: string;
  bureauName: string;
  regionName: string;
  subject: string;
  drawnOn: string;
  plannedOn: string | null;
  publishedOn: string;
  items: { enterpriseName: string; inspectors: { name: string; cert: string }[] }[];
}

export type PublicDrawSummary = Omit<PublicDraw, 'items'> & { enterprises: number };

export interface PublicDrawPage {
  items: PublicDrawSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export { CLASS_FACT_LABELS, CLASS_LABELS, ITEM_STATUS_LABELS } from '../domain/supervision.js';
export type { ItemStatus };
