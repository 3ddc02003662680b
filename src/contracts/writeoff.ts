/** Write-off (核销) contracts, shared by server and web: the request, the decision, the list and the view. */
import { z } from 'zod';
import type { Grade } from '../domain/grade.js';
import type { ChainLevel } from '../domain/reporting-chain.js';
import { WRITEOFF_REASONS, WRITEOFF_STATUSES, type WriteoffReason, type WriteoffStatus } from '../domain/writeoff.js';
import { pageQuery, requiredText, text } from './common.js';

export const WRITEOFF_TEXT_MAX = 2000;

export const writeoffRequestBody = z
  .object({
    reasonCode: z.enum(WRITEOFF_REASONS, { message: `须为 ${WRITEOFF_REASONS.join('、')} 之一` }),
    /** Why the record is not a production-safety accident. */
    reason: requiredText(WRITEOFF_TEXT_MAX),
    /** 证明材料说明: which document proves it (e.g. 公安机关认定书编号, 气象部门证明). */
    evidence: requiredText(WRITEOFF_TEXT_MAX),
  })
  .strict();
export type WriteoffRequestInput = z.infer<typeof writeoffRequestBody>;

/** 同意核销 (a note is optional). */
export const writeoffApproveBody = z.object({ note: text(WRITEOFF_TEXT_MAX).optional() }).strict();
/** 不予核销: the requester is told why. */
export const writeoffRejectBody = z.object({ note: requiredText(WRITEOFF_TEXT_MAX) }).strict();
/** 撤回. */
export const writeoffWithdrawBody = z.object({ note: text(WRITEOFF_TEXT_MAX).optional() }).strict();
export type WriteoffDecisionInput = { note?: string | undefined };

const flag = z.enum(['true', 'false'], { message: '须为 true 或 false' }).transform((v) => v === 'true');

export const writeoffListQuery = z
  .object({
    status: z.enum(WRITEOFF_STATUSES, { message: `须为 ${WRITEOFF_STATUSES.join('、')} 之一` }).optional(),
    /** A region of the jurisdiction: requests about accidents in its subtree. */
    regionCode: z
      .string()
      .regex(/^\d{6}(\d{3})?$/, { message: '须为6位或9位行政区划代码' })
      .optional(),
    /** true: only the requests this bureau is the approver of (待本单位审批 with status=pending). */
    toDecide: flag.optional(),
    ...pageQuery,
  })
  .strict();
export type WriteoffListQuery = z.infer<typeof writeoffListQuery>;

export interface WriteoffPerson {
  id: string;
  name: string;
  org: string;
}

export interface WriteoffRequestView {
  id: string;
  accidentId: string;
  /** The accident's region. */
  regionCode: string;
  regionName: string;
  accident: {
    reportNo: string;
    unitName: string;
    occurredAt: string;
    grade: Grade;
    deaths: number;
    missing: number;
    seriousInjuries: number;
    writtenOffAt: string | null;
  };
  reasonCode: WriteoffReason;
  reasonLabel: string;
  reason: string;
  evidence: string;
  /** The grade when requested: it named the approver. */
  grade: Grade;
  approverLevel: ChainLevel;
  approverRegionCode: string;
  approverName: string;
  status: WriteoffStatus;
  statusLabel: string;
  requestedBy: WriteoffPerson;
  requestedAt: string;
  decidedBy: WriteoffPerson | null;
  decidedAt: string | null;
  decisionNote: string | null;
  /** The signed-in user may approve or reject it now. */
  canDecide: boolean;
  /** The signed-in user's bureau made it and it is still pending. */
  canWithdraw: boolean;
}

export interface WriteoffPage {
  items: WriteoffRequestView[];
  total: number;
  page: number;
  pageSize: number;
}
