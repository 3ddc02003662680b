/** Hidden dangers (隐患排查治理) contracts, shared by server and web. Rules: domain/hidden-danger.ts. */
import { z } from 'zod';
import {
  type ClockStatus,
  DANGER_LEVELS,
  DANGER_SOURCES,
  DANGER_STATUSES,
  type DangerLevel,
  type DangerSource,
  type DangerStatus,
  IMMEDIATE_MEASURES,
  type ImmediateMeasure,
  PLAN_PARTS,
  type PlanPart,
  RECTIFICATION_KINDS,
  type RectificationKind,
} from '../domain/hidden-danger.js';
import { datesInOrder, localDate, regionCode, registerFilters, requiredText, text } from './common.js';

export {
  DANGER_LEVELS,
  DANGER_SOURCES,
  DANGER_STATUSES,
  type DangerLevel,
  type DangerSource,
  type DangerStatus,
  IMMEDIATE_MEASURES,
  PLAN_PARTS,
  RECTIFICATION_KINDS,
};

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { message: `须为 ${values.join('、')} 之一` });

export const createDangerBody = z
  .object({
    enterpriseId: z.uuid({ message: '企业编号格式不正确' }),
    level: oneOf(DANGER_LEVELS),
    description: requiredText(2000),
    /** A bureau's finding: inspection (default), tip_off or other_department; an enterprise's own is self_check. */
    source: oneOf(DANGER_SOURCES).optional(),
    location: text(200).optional(),
    /** 重大: the 判定标准 item (GET /api/hidden-dangers/standards). */
    standardItem: text(30).optional(),
    /** 一般: immediate (当场整改) or deadline (default); 重大 is always deadline. */
    rectification: oneOf(RECTIFICATION_KINDS).optional(),
    /** 整改措施 of the order. */
    measures: text(2000).optional(),
    /** The last day to fix it (ISO date, Asia/Shanghai). */
    deadline: localDate.optional(),
    /** 重大: 现场处理措施 (安全生产法 第六十五条). */
    immediateMeasures: z.array(oneOf(IMMEDIATE_MEASURES)).max(3).optional(),
    /** The day it was found; default today. */
    foundOn: localDate.optional(),
  })
  .strict();
export type CreateDangerInput = z.infer<typeof createDangerBody>;

export const dangerListQuery = z
  .object({
    ...registerFilters,
    status: oneOf(DANGER_STATUSES).optional(),
    level: oneOf(DANGER_LEVELS).optional(),
    source: oneOf(DANGER_SOURCES).optional(),
    /** Part of the enterprise's name or of the description. */
    q: text(50).optional(),
  })
  .strict()
  .refine(...datesInOrder);
export type DangerListQuery = z.infer<typeof dangerListQuery>;

export const dangerPlanBody = z
  .object(
    Object.fromEntries(PLAN_PARTS.map((p) => [p, requiredText(2000)])) as Record<
      PlanPart,
      ReturnType<typeof requiredText>
    >,
  )
  .strict();
export type DangerPlanInput = z.infer<typeof dangerPlanBody>;

export const extensionRequestBody = z.object({ newDeadline: localDate, reason: requiredText(1000) }).strict();
export type ExtensionRequestInput = z.infer<typeof extensionRequestBody>;

export const extensionDecisionBody = z.object({ approve: z.boolean(), note: text(1000).optional() }).strict();
export type ExtensionDecisionInput = z.infer<typeof extensionDecisionBody>;

export const completionBody = z
  .object({
    note: requiredText(2000),
    /** What shows it is fixed (photos are uploaded with the inspection; here: descriptions or file references). */
    evidence: z.array(requiredText(500)).max(20).default([]),
  })
  .strict();
export type CompletionInput = z.infer<typeof completionBody>;

export const recheckBody = z
  .object({
    passed: z.boolean(),
    note: requiredText(2000),
    /** 未通过: the new 整改期限 the bureau orders (default: the danger's own deadline, if it has one). */
    newDeadline: localDate.optional(),
  })
  .strict()
  .refine((b) => !b.passed || !b.newDeadline, { message: '复查通过不填写新的整改期限', path: ['newDeadline'] });
export type RecheckInput = z.infer<typeof recheckBody>;

export const closeBody = z.object({ note: text(1000).optional() }).strict();
export type CloseInput = z.infer<typeof closeBody>;

export const dangerStatsQuery = z
  .object({
    regionCode: regionCode.optional(),
    from: localDate.optional(),
    to: localDate.optional(),
  })
  .strict();
export type DangerStatsQuery = z.infer<typeof dangerStatsQuery>;

export interface DangerClock {
  kind: 'rectification' | 'recheck' | 'extension_answer';
  dueOn: string;
  doneOn: string | null;
  status: ClockStatus;
}

export interface DangerExtension {
  id: string;
  requestedOn: string;
  oldDeadline: string;
  newDeadline: string;
  reason: string;
  answerDueOn: string;
  status: 'pending' | 'approved' | 'rejected';
  requestedByName: string;
  decidedByName: string | null;
  decidedOn: string | null;
  note: string | null;
}

export interface DangerHistoryEntry {
  seq: number;
  kind: string;
  at: string;
  actorName: string;
  actorOrg: string;
  note: string | null;
  data: Record<string, unknown>;
}

export interface HiddenDangerSummary {
  id: string;
  regionCode: string;
  regionName: string;
  enterpriseId: string;
  enterpriseName: string;
  level: DangerLevel;
  source: DangerSource;
  description: string;
  foundOn: string;
  rectification: RectificationKind;
  deadline: string | null;
  status: DangerStatus;
  recheckDueOn: string | null;
  supervised: boolean;
}

export interface HiddenDanger extends HiddenDangerSummary {
  location: string | null;
  standardItem: { code: string; standard: string; article: string; text: string } | null;
  measures: string | null;
  immediateMeasures: ImmediateMeasure[];
  plan: Record<PlanPart, string> | null;
  completedOn: string | null;
  completionNote: string | null;
  recheckedOn: string | null;
  recheckPassed: boolean | null;
  closedOn: string | null;
  /** What must happen before it can be closed (销号): plan, recheck. */
  closeBlockers: ('plan' | 'recheck')[];
  clocks: DangerClock[];
  extensions: DangerExtension[];
  history: DangerHistoryEntry[];
  /** 执法文书 issued about it, with their numbers (GET /api/hidden-dangers/:id/documents/:documentId.docx). */
  documents: { id: string; kind: string; number: string; issuedAt: string; issuedByName: string }[];
  reportedByName: string;
  reportedByOrg: string;
  version: number;
}

export interface DangerPage {
  items: HiddenDangerSummary[];
  /** Counted up to 10,000: above it, totalExact is false and total is "at least" (the list's count stops there). */
  total: number;
  totalExact: boolean;
  page: number;
  pageSize: number;
}

export interface DangerStatsRow {
  regionCode: string;
  label: string;
  found: number;
  general: number;
  major: number;
  closed: number;
  closedOnTime: number;
  overdue: number;
  awaitingRecheck: number;
  rechecked: number;
  supervised: number;
  /** 现场检查 made in the period, the enterprises they reached, and the orders (指令书, 决定书) issued. */
  inspections: number;
  enterprisesInspected: number;
  ordersIssued: number;
  /** 整改率 (%): closed ÷ found, one decimal; null when nothing was found. */
  rectificationRate: number | null;
  /** 复查率 (%): re-inspected ÷ completion reports, one decimal; null without reports. */
  recheckRate: number | null;
}

export interface DangerStats {
  regionCode: string;
  from: string;
  to: string;
  rows: DangerStatsRow[];
  total: DangerStatsRow;
}
