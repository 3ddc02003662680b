/** The only way write-off requests leave the server. */
import { can } from '../../../contracts/policies.js';
import type { WriteoffRequestView } from '../../../contracts/writeoff.js';
import type { Grade } from '../../../domain/grade.js';
import type { ChainLevel } from '../../../domain/reporting-chain.js';
import {
  WRITEOFF_REASON_LABELS,
  WRITEOFF_STATUS_LABELS,
  type WriteoffReason,
  type WriteoffStatus,
} from '../../../domain/writeoff.js';
import type { Actor } from '../../auth/actor.js';
import type { RequestWithAccident } from './repo.js';

const iso = (v: Date | string | null) => (v ? new Date(v).toISOString() : null);

/** The approving bureau of a request is the actor's own, with the right to decide, and not the requester. */
export function mayDecide(
  actor: Actor,
  r: Pick<RequestWithAccident, 'approver_region_code' | 'requested_by'>,
): boolean {
  return (
    can(actor.role, 'writeoff.decide') &&
    actor.orgKind === 'bureau' &&
    actor.regionCode === r.approver_region_code &&
    actor.userId !== r.requested_by
  );
}

export function mayWithdraw(actor: Actor, r: Pick<RequestWithAccident, 'requested_by_org_id'>): boolean {
  return can(actor.role, 'writeoff.request') && actor.orgId === r.requested_by_org_id;
}

export function presentRequest(
  r: RequestWithAccident,
  actor: Actor,
  names: { region: string; approver: string },
): WriteoffRequestView {
  const status = r.status as WriteoffStatus;
  const pending = status === 'pending';
  return {
    id: r.id,
    accidentId: r.accident_id,
    regionCode: r.region_code,
    regionName: names.region,
    accident: {
      reportNo: r.report_no,
      unitName: r.unit_name,
      occurredAt: iso(r.occurred_at) as string,
      grade: r.accident_grade as Grade,
      deaths: r.deaths,
      missing: r.missing,
      seriousInjuries: r.serious_injuries,
      writtenOffAt: iso(r.written_off_at),
    },
    reasonCode: r.reason_code as WriteoffReason,
    reasonLabel: WRITEOFF_REASON_LABELS[r.reason_code as WriteoffReason] ?? r.reason_code,
    reason: r.reason,
    evidence: r.evidence,
    grade: r.grade as Grade,
    approverLevel: r.approver_level as ChainLevel,
    approverRegionCode: r.approver_region_code,
    approverName: names.approver,
    status,
    statusLabel: WRITEOFF_STATUS_LABELS[status],
    requestedBy: { id: r.requested_by, name: r.requested_by_name, org: r.requested_by_org },
    requestedAt: iso(r.requested_at) as string,
    decidedBy: r.decided_by ? { id: r.decided_by, name: r.decided_by_name ?? '', org: r.decided_by_org ?? '' } : null,
    decidedAt: iso(r.decided_at),
    decisionNote: r.decision_note,
    canDecide: pending && mayDecide(actor, r),
    canWithdraw: pending && mayWithdraw(actor, r),
  };
}
