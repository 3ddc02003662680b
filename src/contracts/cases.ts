/** Administrative penalty cases (行政处罚案件) contracts, shared by server and web. Rules: domain/penalty-case.ts. */
import { z } from 'zod';
import { AGGRAVATING_CIRCUMSTANCES, type AggravatingCircumstance } from '../domain/accident-fines.js';
import type { DECISION_DAYS } from '../domain/case-clocks.js';
import { CIRCUMSTANCES, PENALTY_KINDS } from '../domain/discretion-defaults.js';
import {
  CASE_OUTCOMES,
  CASE_SOURCES,
  CASE_STATUSES,
  type CaseClock,
  type CaseStatus,
  SERVICE_METHODS,
} from '../domain/penalty-case.js';
import {
  count,
  datesInOrder,
  idempotencyHeaders,
  localDate,
  regionCode,
  registerFilters,
  requiredText,
  text,
  yuan,
} from './common.js';

export { CASE_STATUSES, idempotencyHeaders };

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { message: `须为 ${values.join('、')} 之一` });

const uuid = (message = '编号格式不正确') => z.uuid({ message });

/** 居民身份证号码 (GB 11643-1999): 17 digits and a check character. */
const idNumber = z
  .string()
  .trim()
  .regex(/^\d{17}[\dX]$/, { message: '须为18位居民身份证号码' });

/** The party (当事人): a unit from the enterprise register, or a person. One case per party (行政处罚法 第二十九条). */
export const partyInput = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('unit'),
      enterpriseId: uuid('企业编号格式不正确'),
      legalRepresentative: requiredText(50),
      phone: text(30).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('person'),
      name: requiredText(50),
      idNumber,
      /** The person's unit (may be one of the register) and position. */
      enterpriseId: uuid('企业编号格式不正确').optional(),
      workUnit: text(200).optional(),
      position: text(50).optional(),
      address: text(200).optional(),
      phone: text(30).optional(),
    })
    .strict(),
]);
export type PartyInput = z.infer<typeof partyInput>;

/** A violation found: an entry of the discretion table in force, the 情节 step and the facts. */
export const violationInput = z
  .object({
    code: requiredText(40),
    circumstance: oneOf(CIRCUMSTANCES),
    facts: requiredText(2000),
  })
  .strict();

const officers = z.array(uuid()).min(2, { message: '执法人员不得少于两人（行政处罚法 第五十五条）' }).max(10);

export const createCaseBody = z
  .object({
    procedure: oneOf(['general', 'summary'] as const).default('general'),
    source: oneOf(CASE_SOURCES),
    /** The inspection, hidden danger, tip-off or accident the case comes from. */
    sourceId: uuid().optional(),
    party: partyInput,
    /** 案由 */
    cause: requiredText(200),
    /** 案件来源及基本情况 */
    summary: requiredText(4000),
    violations: z.array(violationInput).min(1, { message: '至少一项违法行为' }).max(10),
    officers,
    /** 简易程序: decided and handed over on the spot (行政处罚法 第五十一条, 第五十二条). */
    decision: z
      .object({
        decidedOn: localDate,
        fineYuan: yuan,
        warning: z.boolean().default(false),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((b) => (b.procedure === 'summary') === (b.decision !== undefined), {
    message: '简易程序须当场作出决定；一般程序不能在立案时决定',
    path: ['decision'],
  })
  .refine((b) => b.source === 'manual' || b.sourceId !== undefined, {
    message: '须注明案件来源的记录',
    path: ['sourceId'],
  });
export type CreateCaseInput = z.infer<typeof createCaseBody>;

const penaltyKinds = z.array(oneOf(PENALTY_KINDS)).max(PENALTY_KINDS.length);

/** The moves (POST /api/cases/:id/transitions), each with what it needs. */
export const transitionBody = z.discriminatedUnion('to', [
  z.object({ to: z.literal('investigating'), approvedOn: localDate, opinion: requiredText(500) }).strict(),
  z.object({ to: z.literal('not_filed'), reason: requiredText(1000) }).strict(),
  z
    .object({
      to: z.literal('reviewing'),
      /** 拟处罚: the amount and the kinds. */
      proposedFineYuan: yuan,
      proposedKinds: penaltyKinds.min(1, { message: '至少一种处罚' }),
      /** 从轻、减轻 (行政处罚法 第三十二条) with its evidence. */
      mitigation: text(1000).optional(),
      /** Required when the amount is outside the computed band; the case then needs 法制审核. */
      outsideBandReason: text(1000).optional(),
      /** 责令改正 deadline, for 按日连续处罚 (安全生产法 第一百一十二条). */
      correctionDeadline: localDate.optional(),
    })
    .strict(),
  z
    .object({
      to: z.literal('notified'),
      noticeServedOn: localDate,
      /** 法制审核 (行政处罚法 第五十八条): by a reviewer other than the officers. */
      legalReview: z
        .object({ reviewer: requiredText(50), opinion: requiredText(2000), on: localDate })
        .strict()
        .optional(),
    })
    .strict(),
  z
    .object({
      to: z.literal('hearing'),
      requestedOn: localDate,
      noticeOn: localDate,
      hearingOn: localDate,
      place: requiredText(200),
      host: requiredText(50),
    })
    .strict(),
  z
    .object({
      to: z.literal('decided'),
      decidedOn: localDate,
      fineYuan: yuan,
      kinds: penaltyKinds.min(1, { message: '至少一种处罚' }),
      /** 听证笔录: the day the hearing was held (from 听证). */
      hearingHeldOn: localDate.optional(),
      /** The party waived the statement and hearing periods in writing. */
      waived: z.boolean().optional(),
      /** 集体讨论 (行政处罚法 第五十七条). */
      collectiveDiscussion: z
        .object({ on: localDate, conclusion: requiredText(2000) })
        .strict()
        .optional(),
      /** 陈述、申辩 heard, and what came of it (第四十五条: never a heavier penalty). */
      statement: text(2000).optional(),
    })
    .strict(),
  z
    .object({
      to: z.literal('served'),
      servedOn: localDate,
      method: oneOf(SERVICE_METHODS),
      recipient: requiredText(50),
    })
    .strict(),
  z.object({ to: z.literal('enforcing'), reminderServedOn: localDate }).strict(),
  z.object({ to: z.literal('court'), appliedOn: localDate, court: requiredText(100) }).strict(),
  z
    .object({
      to: z.literal('closing'),
      outcome: oneOf(CASE_OUTCOMES),
      /** 执行: the day paid and the amount (罚款 and 加处罚款). */
      paidOn: localDate.optional(),
      paidYuan: z.number().min(0).max(1e12).optional(),
      /** 不予处罚: its reason (行政处罚法 第三十三条). */
      reason: text(2000).optional(),
    })
    .strict(),
  z.object({ to: z.literal('closed'), approvedOn: localDate, opinion: requiredText(500) }).strict(),
  z.object({ to: z.literal('archived'), archivedOn: localDate, fileNumber: requiredText(50) }).strict(),
]);
export type TransitionInput = z.infer<typeof transitionBody>;

/** What happens in a state without leaving it (POST /api/cases/:id/actions). */
export const caseActionBody = z.discriminatedUnion('kind', [
  /** 询问笔录 / 勘验笔录: by at least two officers (行政处罚法 第四十二条, 第五十五条). */
  z
    .object({
      kind: z.literal('record'),
      record: oneOf(['interview', 'examination'] as const),
      officers,
      heldOn: localDate,
      place: requiredText(200),
      /** 被询问人 */
      subject: text(100).optional(),
      content: requiredText(8000),
    })
    .strict(),
  /** 延长办案期限: the head (to 90 days) or the next-higher department (to 180 days), 15号令 第三十二条. */
  z
    .object({
      kind: z.literal('extension'),
      level: oneOf(['head', 'higher'] as const),
      approvedOn: localDate,
      reason: requiredText(1000),
    })
    .strict(),
  z.object({ kind: z.literal('filed'), filedOn: localDate }).strict(),
  z
    .object({
      kind: z.literal('appeal'),
      appeal: oneOf(['review', 'litigation'] as const),
      filedOn: localDate,
      outcome: oneOf(['pending', 'upheld', 'changed', 'revoked', 'confirmed_illegal', 'withdrawn'] as const),
      decidedOn: localDate.optional(),
    })
    .strict(),
  z.object({ kind: z.literal('police_transfer'), on: localDate, reason: requiredText(1000) }).strict(),
  z.object({ kind: z.literal('correction_verified'), verifiedOn: localDate }).strict(),
]);
export type CaseActionInput = z.infer<typeof caseActionBody>;

export const caseListQuery = z
  .object({
    ...registerFilters,
    status: oneOf(CASE_STATUSES).optional(),
    procedure: oneOf(['general', 'summary'] as const).optional(),
    /** Cases with a duty past its last day. */
    overdue: z.enum(['true', 'false']).optional(),
    q: text(50).optional(),
  })
  .strict()
  .refine(...datesInOrder);
export type CaseListQuery = z.infer<typeof caseListQuery>;

export const caseStatsQuery = z
  .object({ regionCode: regionCode.optional(), from: localDate, to: localDate })
  .strict()
  .refine(...datesInOrder);
export type CaseStatsQuery = z.infer<typeof caseStatsQuery>;

export const lateFeeQuery = z.object({ on: localDate.optional() }).strict();

export const accidentBandBody = z
  .object({
    accidentId: uuid().optional(),
    figures: z
      .object({ deaths: count, missing: count.default(0), seriousInjuries: count, directLossYuan: yuan })
      .strict()
      .optional(),
    aggravating: z
      .array(z.enum(Object.keys(AGGRAVATING_CIRCUMSTANCES) as [AggravatingCircumstance, ...AggravatingCircumstance[]]))
      .max(6)
      .optional(),
    /** 上一年年收入 of the principal and of another manager, when known (第十九条, 第二十条). */
    principalIncomeYuan: yuan.optional(),
    managerIncomeYuan: yuan.optional(),
  })
  .strict()
  .refine((b) => (b.accidentId === undefined) !== (b.figures === undefined), {
    message: '须提供事故编号或伤亡损失数字之一',
    path: ['accidentId'],
  });
export type AccidentBandInput = z.infer<typeof accidentBandBody>;

export const averageWageBody = z
  .object({ provinceCode: regionCode, year: z.number().int().min(2000).max(2100), averageWageYuan: yuan.min(1) })
  .strict();

// ————————————————————————————————————————— answers

export interface CaseParty {
  kind: 'unit' | 'person';
  name: string;
  enterpriseId: string | null;
  /** 统一社会信用代码 of a unit. */
  creditCode: string | null;
  /** A person's 身份证号, masked for every reader but the case's bureau. */
  idNumber: string | null;
  legalRepresentative: string | null;
  workUnit: string | null;
  position: string | null;
  address: string | null;
  phone: string | null;
}

export interface CaseViolation {
  code: string;
  title: string;
  circumstance: string;
  facts: string;
  violatedClause: string;
  penaltyClause: string;
  /** The step's range on this party (单位 or 个人), whole yuan; null when the step has no fine. */
  band: { minYuan: number; maxYuan: number } | null;
}

export interface CaseDocument {
  id: string;
  kind: string;
  title: string;
  number: string;
  issuedAt: string;
  issuedByName: string;
}

export interface CaseHistoryEntry {
  seq: number;
  kind: string;
  at: string;
  actorName: string;
  actorOrg: string;
  note: string | null;
  data: Record<string, unknown>;
}

export interface PenaltyCase {
  id: string;
  regionCode: string;
  regionName: string;
  number: string | null;
  procedure: 'general' | 'summary';
  source: string;
  sourceId: string | null;
  cause: string;
  summary: string;
  status: CaseStatus;
  discretionVersion: string;
  openedOn: string | null;
  decisionExtension: keyof typeof DECISION_DAYS;
  proposedFineYuan: number | null;
  proposedKinds: string[];
  band: { minYuan: number; maxYuan: number } | null;
  outsideBand: boolean;
  outsideBandReason: string | null;
  legalReviewRequired: boolean;
  legalReview: { reviewer: string; opinion: string; on: string } | null;
  hearingRight: boolean;
  fineYuan: number | null;
  kinds: string[];
  decidedOn: string | null;
  servedOn: string | null;
  paidOn: string | null;
  paidYuan: number | null;
  filingRequired: boolean;
  filedOn: string | null;
  outcome: string | null;
  correctionDeadline: string | null;
  correctionVerifiedOn: string | null;
  dailyPenalty: { days: number; perDayYuan: number; totalYuan: number } | null;
  lateFee: { daysLate: number; lateFeeYuan: number } | null;
  officers: { userId: string; name: string; cert: string }[];
  parties: CaseParty[];
  violations: CaseViolation[];
  clocks: (CaseClock & { label: string })[];
  documents: CaseDocument[];
  history: CaseHistoryEntry[];
  /** 安全生产法 第一百一十三条: the unit is a candidate for 关闭. */
  closureCandidate: { within180: number; withinYear: number } | null;
  createdAt: string;
  version: number;
}

export interface CaseSummary {
  id: string;
  regionCode: string;
  regionName: string;
  number: string | null;
  procedure: 'general' | 'summary';
  cause: string;
  partyName: string;
  status: CaseStatus;
  fineYuan: number | null;
  openedOn: string | null;
  decidedOn: string | null;
  nextDueOn: string | null;
  overdue: boolean;
}

export interface CasePage {
  items: CaseSummary[];
  total: number;
  /** false: there are more than `total` (the count stops at 10,000). */
  totalExact: boolean;
  page: number;
  pageSize: number;
}

export interface CaseStatsRow {
  regionCode: string;
  label: string;
  opened: number;
  closed: number;
  decided: number;
  byKind: { warning: number; fine: number; confiscation: number; suspension: number; licence: number; closure: number };
  finedYuan: number;
  collectedYuan: number;
  hearings: number;
  reviews: number;
  reviewsChanged: number;
  litigations: number;
  litigationsChanged: number;
  court: number;
  police: number;
  daily: number;
  noPenalty: number;
}

export interface CaseStats {
  regionCode: string;
  from: string;
  to: string;
  rows: CaseStatsRow[];
  total: CaseStatsRow;
}

export interface CourtListItem {
  id: string;
  regionCode: string;
  regionName: string;
  partyName: string;
  cause: string;
  status: string;
  fineYuan: number;
  servedOn: string;
  paymentDueOn: string | null;
  lateFeeYuan: number | null;
  reminderServedOn: string | null;
  courtOpensOn: string | null;
  courtClosesOn: string | null;
  courtAppliedOn: string | null;
}

/** 行政处罚决定公开: no personal data (a person is 张某; no number, address or phone). */
export interface PublicDecision {
  id: string;
  regionName: string;
  number: string | null;
  issuer: string | null;
  partyName: string;
  creditCode: string | null;
  cause: string;
  basis: string[];
  penalty: string;
  decidedOn: string;
}

export const publicDecisionsQuery = z
  .object({
    regionCode: regionCode.optional(),
    page: z.coerce.number().int().min(1).max(500).default(1),
    pageSize: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict();

export const hearingThresholdBody = z
  .object({ provinceCode: regionCode, person: yuan.min(1), unit: yuan.min(1) })
  .strict();
