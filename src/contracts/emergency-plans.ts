/** Emergency plans (应急预案), filing (备案), drills and evaluations — contracts shared by server and web. Rules: domain/emergency-plan.ts. */
import { z } from 'zod';
import {
  DRILL_FORMS,
  type DrillDuty,
  type EnterpriseClass,
  FILING_MATERIALS,
  FILING_STATUSES,
  type FilingStatus,
  PLAN_KINDS,
  PLAN_OWNERS,
  type PlanKind,
  type PlanOwner,
  REVIEW_KINDS,
  REVISION_CHANGES,
  REVISION_TRIGGERS,
  type ReviewKind,
} from '../domain/emergency-plan.js';
import {
  count,
  datesInOrder,
  idempotencyHeaders,
  localDate,
  pageQuery,
  regionCode,
  requiredText,
  text,
} from './common.js';

export { FILING_STATUSES, idempotencyHeaders };

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { message: `须为 ${values.join('、')} 之一` });

const uuid = (message = '编号格式不正确') => z.uuid({ message });

/** 评审 or 论证 of a version: 评审 needs its 书面评审纪要 (第二十一条). */
const reviewFields = {
  reviewKind: oneOf(REVIEW_KINDS),
  reviewedOn: localDate.optional(),
  /** 书面评审纪要 (评审) or the 论证 record. */
  reviewSummary: text(4000).optional(),
};

export const createPlanBody = z
  .object({
    ownerKind: oneOf(PLAN_OWNERS).default('enterprise'),
    /** The enterprise whose plan it is (an enterprise user: its own); none for a government's plan. */
    enterpriseId: uuid('企业编号格式不正确').optional(),
    kind: oneOf(PLAN_KINDS),
    title: requiredText(200),
    /** The risks the plan covers (事故风险描述). */
    risks: z.array(requiredText(100)).min(1, { message: '至少一项风险' }).max(30),
    /** The day the 主要负责人 signed and published it (第二十四条), Asia/Shanghai. */
    publishedOn: localDate,
    signer: requiredText(50),
    ...reviewFields,
  })
  .strict()
  .refine((b) => (b.ownerKind === 'enterprise') === (b.enterpriseId !== undefined), {
    message: '企业预案须选择企业；政府部门预案不选择企业',
    path: ['enterpriseId'],
  })
  .refine((b) => !b.reviewedOn || b.reviewedOn <= b.publishedOn, {
    message: '评审（论证）日期不能晚于发布日期',
    path: ['reviewedOn'],
  });
export type CreatePlanInput = z.infer<typeof createPlanBody>;

/** 第二十七条 materials submitted with the filing. */
export const fileBody = z
  .object({
    materials: z
      .array(oneOf(FILING_MATERIALS))
      .min(1, { message: '至少提交一项备案材料' })
      .max(FILING_MATERIALS.length)
      .refine((m) => new Set(m).size === m.length, { message: '材料不能重复' }),
    note: text(1000).optional(),
    /**
     * The bureau filed with (分级属地, 第二十六条): the 县级以上 region containing the enterprise — by default its county.
     * Only that bureau answers the filing.
     */
    bureauRegionCode: regionCode.optional(),
  })
  .strict();
export type FileInput = z.infer<typeof fileBody>;

export const decideBody = z
  .object({
    complete: z.boolean({ message: '须为 true 或 false' }),
    /** Everything missing, in one notice (第二十八条: 一次性告知). */
    missing: z.array(requiredText(200)).max(30).optional(),
    note: text(1000).optional(),
  })
  .strict()
  .refine((b) => b.complete || (b.missing?.length ?? 0) > 0, {
    message: '材料不齐的，须一次性写明需要补齐的全部材料',
    path: ['missing'],
  })
  .refine((b) => !b.complete || (b.missing?.length ?? 0) === 0, {
    message: '材料齐全的，不能列出缺少的材料',
    path: ['missing'],
  });
export type DecideInput = z.infer<typeof decideBody>;

export const drillProblem = z
  .object({
    description: requiredText(1000),
    /** The problem calls for a revision of the plan (第三十六条第（五）项). */
    revisionNeeded: z.boolean().default(false),
  })
  .strict();

export const drillBody = z
  .object({
    drilledOn: localDate,
    form: oneOf(DRILL_FORMS),
    participants: count,
    participantUnits: text(500).optional(),
    scenario: requiredText(2000),
    /** 演练评估报告 (第三十四条). */
    evaluation: z
      .object({
        evaluatedOn: localDate,
        summary: requiredText(4000),
        problems: z.array(drillProblem).max(30).default([]),
      })
      .strict()
      .optional(),
    /** The day the drill was reported to the bureau (第三十三条第二款, high-risk units). */
    reportedOn: localDate.optional(),
  })
  .strict()
  .refine((b) => !b.evaluation || b.evaluation.evaluatedOn >= b.drilledOn, {
    message: '评估日期不能早于演练日期',
    path: ['evaluation', 'evaluatedOn'],
  })
  .refine((b) => !b.reportedOn || b.reportedOn >= b.drilledOn, {
    message: '报送日期不能早于演练日期',
    path: ['reportedOn'],
  });
export type DrillInput = z.infer<typeof drillBody>;

export const revisionBody = z
  .object({
    trigger: oneOf(REVISION_TRIGGERS),
    triggerNote: text(1000).optional(),
    /** What the revision changes (第三十七条 decides re-filing from these). */
    changes: z
      .array(oneOf(REVISION_CHANGES))
      .min(1, { message: '至少一项修订内容' })
      .max(REVISION_CHANGES.length)
      .refine((m) => new Set(m).size === m.length, { message: '修订内容不能重复' }),
    /** The drill whose problem triggered it. */
    sourceDrillId: uuid().optional(),
    title: requiredText(200).optional(),
    risks: z.array(requiredText(100)).min(1).max(30).optional(),
    publishedOn: localDate,
    signer: requiredText(50),
    ...reviewFields,
  })
  .strict()
  .refine((b) => !b.reviewedOn || b.reviewedOn <= b.publishedOn, {
    message: '评审（论证）日期不能晚于发布日期',
    path: ['reviewedOn'],
  })
  .refine((b) => b.trigger !== 'drill_problem' || b.sourceDrillId !== undefined, {
    message: '演练发现问题引起的修订须注明演练',
    path: ['sourceDrillId'],
  });
export type RevisionInput = z.infer<typeof revisionBody>;

export const evaluationBody = z
  .object({
    evaluatedOn: localDate,
    conclusion: requiredText(4000),
    revisionNeeded: z.boolean(),
  })
  .strict();
export type EvaluationInput = z.infer<typeof evaluationBody>;

/** A plan's files (the plan, the 第十条 risk assessment and resource survey, the 评审纪要, a drill's report): PDF, .docx, .xlsx. */
export const ATTACHMENT_KINDS = [
  'plan_document',
  'risk_assessment',
  'resource_survey',
  'review_minutes',
  'drill_report',
  'other',
] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
/** The longest file name kept (it is echoed in Content-Disposition). */
export const ATTACHMENT_FILE_NAME_MAX = 200;

export const attachmentFields = z.object({ kind: oneOf(ATTACHMENT_KINDS) }).strict();

export const attachmentParams = z.object({
  id: z.uuid({ message: '编号格式不正确' }),
  attachmentId: z.uuid({ message: '编号格式不正确' }),
});

export interface PlanAttachmentView {
  id: string;
  revision: number;
  kind: AttachmentKind;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedByName: string;
  uploadedAt: string;
}

export const OVERDUE_KINDS = ['filing', 'check', 'drill', 'evaluation', 'any'] as const;
export type OverdueKind = (typeof OVERDUE_KINDS)[number];

export const planListQuery = z
  .object({
    /** The filing status of the plan's current filing duty. */
    status: oneOf(FILING_STATUSES).optional(),
    /** Overdue lists: the filing (enterprise), the bureau's check, the drill, the evaluation, or any of them. */
    overdue: oneOf(OVERDUE_KINDS).optional(),
    kind: oneOf(PLAN_KINDS).optional(),
    ownerKind: oneOf(PLAN_OWNERS).optional(),
    regionCode: regionCode.optional(),
    enterpriseId: uuid('企业编号格式不正确').optional(),
    q: text(100).optional(),
    ...pageQuery,
  })
  .strict();
export type PlanListQuery = z.infer<typeof planListQuery>;

export const planStatsQuery = z
  .object({ regionCode: regionCode.optional(), from: localDate, to: localDate })
  .strict()
  .refine(...datesInOrder);
export type PlanStatsQuery = z.infer<typeof planStatsQuery>;

// ————————————————————————————————————————— views

/**
 * pending: still on time · overdue: the last day has passed · done · done_late: met, after its last day (a filing
 * received after it) · calendar_gap: the year's calendar is missing.
 */
export type ClockStatus = 'pending' | 'overdue' | 'done' | 'done_late' | 'calendar_gap';

export interface PlanClock {
  name: 'filing' | 'check' | 'drill' | 'evaluation';
  label: string;
  /** The last day still on time (ISO date), null while its year has no official calendar. */
  dueOn: string | null;
  nominalOn: string | null;
  status: ClockStatus;
}

export interface PlanFilingView {
  id: string;
  revision: number;
  receivedOn: string;
  checkDueOn: string;
  /** The bureau it was made to (分级属地): only that bureau answers it. */
  bureauRegionCode: string;
  bureauName: string;
  materials: string[];
  note: string | null;
  status: 'submitted' | 'complete' | 'incomplete' | 'deemed';
  submittedByName: string;
  submittedAt: string;
  decision: {
    outcome: 'complete' | 'incomplete' | 'deemed';
    missing: string[];
    note: string | null;
    number: string | null;
    documentId: string | null;
    decidedOn: string;
    decidedAt: string;
    decidedByName: string;
    decidedOrg: string;
  } | null;
}

export interface PlanDrillView {
  id: string;
  planKind: PlanKind;
  drilledOn: string;
  form: string;
  participants: number;
  participantUnits: string | null;
  scenario: string;
  evaluation: {
    evaluatedOn: string;
    summary: string;
    problems: { description: string; revisionNeeded: boolean }[];
  } | null;
  reportedOn: string | null;
  recordedByName: string;
  recordedAt: string;
}

export interface PlanRevisionView {
  revision: number;
  kind: PlanKind;
  title: string;
  risks: string[];
  publishedOn: string;
  signer: string;
  reviewKind: ReviewKind;
  reviewedOn: string | null;
  reviewSummary: string | null;
  trigger: string | null;
  triggerNote: string | null;
  changes: string[];
  requiresFiling: boolean;
  sourceDrillId: string | null;
  recordedByName: string;
  recordedAt: string;
}

export interface PlanEvaluationView {
  id: string;
  revision: number;
  evaluatedOn: string;
  conclusion: string;
  revisionNeeded: boolean;
  recordedByName: string;
  recordedAt: string;
}

export interface EmergencyPlan {
  id: string;
  regionCode: string;
  regionName: string;
  ownerKind: PlanOwner;
  enterpriseId: string | null;
  ownerName: string;
  creditCode: string | null;
  kind: PlanKind;
  title: string;
  revision: number;
  publishedOn: string;
  signer: string;
  risks: string[];
  reviewKind: ReviewKind;
  reviewedOn: string | null;
  reviewSummary: string | null;
  duties: {
    classes: EnterpriseClass[];
    filingRequired: boolean;
    reviewRequired: boolean;
    highRisk: boolean;
    evaluationRequired: boolean;
  };
  /** The filing of the version that needs one: its last day, status, when filed and the 备案登记表's number. */
  filing: {
    revision: number | null;
    dueOn: string | null;
    status: FilingStatus;
    /** Filed (complete) or deemed filed: when. */
    filedAt: string | null;
    number: string | null;
    /** The bureau's last day to answer a pending submission. */
    checkDueOn: string | null;
    /** The last incomplete notice's list. */
    missing: string[];
    /** Filed (or deemed filed) on a submission received after the last day (第二十六条): a late filing. */
    late: boolean;
    /** The bureau the version is filed with (分级属地, 第二十六条): the region code and name of the receiving bureau. */
    bureauRegionCode: string | null;
    bureauName: string | null;
  };
  filings: PlanFilingView[];
  drills: PlanDrillView[];
  /** The owner's drill duties (per unit, not per plan: 第三十三条 gives minimums). */
  drillDuties: {
    duty: DrillDuty;
    label: string;
    dueOn: string | null;
    nominalOn: string;
    lastDrilledOn: string | null;
    /** high_risk: a later drill never reported to the department (未报告): it does not meet the duty (第三十三条第二款). */
    unreportedOn: string | null;
    overdue: boolean;
  }[];
  /** The last day of the earliest drill duty a drill of this plan would meet. */
  nextDrillDueOn: string | null;
  nextDrillNominalOn: string | null;
  /** 第三十五条: the last day of the next 3-yearly evaluation (null when not required, or its year has no calendar). */
  evaluationDueOn: string | null;
  evaluationNominalOn: string | null;
  evaluations: PlanEvaluationView[];
  revisions: PlanRevisionView[];
  attachments: PlanAttachmentView[];
  clocks: PlanClock[];
  createdAt: string;
  version: number;
}

export interface PlanSummary {
  id: string;
  regionCode: string;
  regionName: string;
  ownerKind: PlanOwner;
  ownerName: string;
  kind: PlanKind;
  title: string;
  revision: number;
  publishedOn: string;
  filingStatus: FilingStatus;
  filingDueOn: string | null;
  /** Filed after the last day (as the plan's filing.late). */
  filingLate: boolean;
  checkDueOn: string | null;
  /** As in the plan: null while the year has no calendar, with the nominal day. */
  nextDrillDueOn: string | null;
  nextDrillNominalOn: string | null;
  evaluationDueOn: string | null;
  evaluationNominalOn: string | null;
  overdue: { filing: boolean; check: boolean; drill: boolean; evaluation: boolean };
}

export interface PlanPage {
  items: PlanSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PlanStatsRow {
  regionCode: string;
  label: string;
  /** Filing duties whose last day falls in the period (versions that must be filed). */
  filingDue: number;
  /** Of those: filed (complete or deemed), filed on time, still unfiled past the last day. */
  filed: number;
  filedOnTime: number;
  filingOverdue: number;
  /** filed / filingDue, null without duties. */
  filingRate: number | null;
  /** Filings answered in the period: complete, incomplete notices, deemed. */
  decidedComplete: number;
  decidedIncomplete: number;
  deemed: number;
  /** Drills held in the period, and of those with a 演练评估报告. */
  drills: number;
  drillsEvaluated: number;
  /** Plans whose drill is overdue today (a snapshot, not of the period). */
  drillOverdue: number;
  evaluationOverdue: number;
  plans: number;
}

export interface PlanStats {
  regionCode: string;
  from: string;
  to: string;
  today: string;
  rows: PlanStatsRow[];
  total: PlanStatsRow;
}
