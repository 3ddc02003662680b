/** A case row as the facts its clocks are computed from (domain/penalty-case.ts). */
import type { DecisionExtension } from '../../../domain/case-clocks.js';
import type { CaseFacts, CaseStatus } from '../../../domain/penalty-case.js';
import type { CaseRow } from './repo.js';

export function factsOf(c: CaseRow): CaseFacts {
  return {
    procedure: c.procedure as CaseFacts['procedure'],
    status: c.status as CaseStatus,
    openedOn: c.opened_on,
    decisionExtension: c.decision_extension as DecisionExtension,
    noticeServedOn: c.notice_served_on,
    hearingRight: c.hearing_right,
    hearingRequestedOn: c.hearing_requested_on,
    hearingHeldOn: c.hearing_held_on,
    decidedOn: c.decided_on,
    servedOn: c.served_on,
    fineYuan: c.fine_yuan ?? 0,
    paidOn: c.paid_on,
    filingRequired: c.filing_required,
    filedOn: c.filed_on,
    reminderServedOn: c.reminder_served_on,
    courtAppliedOn: c.court_applied_on,
    noPenalty: c.outcome === 'no_penalty',
  };
}
