/** Emergency plans as the API shows them: rows never leave the server directly. */
import type {
  AttachmentKind,
  ClockStatus,
  EmergencyPlan,
  PlanClock,
  PlanFilingView,
  PlanSummary,
} from '../../../contracts/emergency-plans.js';
import type { LocalDate } from '../../../domain/calendar.js';
import {
  DRILL_DUTY_LABELS,
  type DrillClock,
  type FilingStatus,
  isOverdue,
  type PlanDuties,
  type PlanKind,
  type ReviewKind,
} from '../../../domain/emergency-plan.js';
import type * as repo from './repo.js';

/** The stored status with the day applied: a pending filing past its last day is overdue. */
export function filingStatusOn(p: repo.PlanRow, today: LocalDate): FilingStatus {
  const status = p.filing_status as FilingStatus;
  return status === 'pending' && p.filing_due_on !== null && today > p.filing_due_on ? 'overdue' : status;
}

function overdueOf(p: repo.PlanRow, today: LocalDate) {
  return {
    filing: p.filing_open && isOverdue(p.filing_due_on, today),
    check: isOverdue(p.check_due_on, today),
    drill: isOverdue(p.drill_due_on, today),
    evaluation: isOverdue(p.evaluation_due_on, today),
  };
}

/**
 * The due days of the drill and evaluation clocks, the same in the list and the plan: the last day, or null while its
 * year has no official calendar, with the nominal day (never passed off as the due day).
 */
function dueDays(p: repo.PlanRow) {
  return {
    nextDrillDueOn: p.drill_due_on,
    nextDrillNominalOn: p.drill_nominal_on,
    evaluationDueOn: p.evaluation_due_on,
    evaluationNominalOn: p.evaluation_nominal_on,
  };
}

export function presentSummary(p: repo.PlanRow, regionName: string, today: LocalDate): PlanSummary {
  return {
    id: p.id,
    regionCode: p.region_code,
    regionName,
    ownerKind: p.owner_kind,
    ownerName: p.owner_name,
    kind: p.kind,
    title: p.title,
    revision: p.revision,
    publishedOn: p.published_on,
    filingStatus: filingStatusOn(p, today),
    filingDueOn: p.filing_due_on,
    filingLate: p.filing_late,
    checkDueOn: p.check_due_on,
    ...dueDays(p),
    overdue: overdueOf(p, today),
  };
}

function clock(
  name: PlanClock['name'],
  label: string,
  p: { dueOn: string | null; nominalOn: string | null; done: boolean; late?: boolean },
  today: LocalDate,
): PlanClock {
  let status: ClockStatus;
  if (p.done) status = p.late ? 'done_late' : 'done';
  else if (p.dueOn === null) status = 'calendar_gap';
  else status = today > p.dueOn ? 'overdue' : 'pending';
  return { name, label, dueOn: p.dueOn, nominalOn: p.nominalOn, status };
}

function presentFiling(f: repo.FilingRow, names: ReadonlyMap<string, string>): PlanFilingView {
  return {
    id: f.id,
    revision: f.revision,
    receivedOn: f.received_on,
    checkDueOn: f.check_due_on,
    bureauRegionCode: f.bureau_region_code,
    bureauName: names.get(f.bureau_region_code) ?? f.bureau_region_code,
    materials: f.materials,
    note: f.note,
    status: f.status,
    submittedByName: f.submitted_by_name,
    submittedAt: new Date(f.submitted_at).toISOString(),
    decision: f.outcome
      ? {
          outcome: f.outcome,
          missing: f.missing ?? [],
          note: f.decision_note,
          number: f.number,
          documentId: f.document_id,
          decidedOn: f.decided_on as string,
          decidedAt: new Date(f.decided_at as Date).toISOString(),
          decidedByName: f.decided_by_name as string,
          decidedOrg: f.decided_org as string,
        }
      : null,
  };
}

export function presentPlan(x: {
  p: repo.PlanRow;
  regionName: string;
  /** The names of the regions of the bureaus filed with. */
  bureauNames: ReadonlyMap<string, string>;
  duties: PlanDuties;
  revisions: repo.RevisionRow[];
  filings: repo.FilingRow[];
  drills: repo.DrillRow[];
  evaluations: repo.EvaluationRow[];
  attachments: repo.AttachmentRow[];
  drillClocks: DrillClock[];
  today: LocalDate;
}): EmergencyPlan {
  const { p, today } = x;
  const current = x.revisions.at(-1) as repo.RevisionRow;
  const target = p.filing_revision ?? p.revision;
  const forTarget = x.filings.filter((f) => f.revision === target);
  const last = forTarget.at(-1);
  const filed = forTarget.find((f) => f.outcome === 'complete' || f.outcome === 'deemed');
  const lastIncomplete = [...forTarget].reverse().find((f) => f.outcome === 'incomplete');
  const status = filingStatusOn(p, today);
  const met = new Set<string>(['not_required', 'filed', 'deemed']);
  const clocks: PlanClock[] = [];
  if (p.filing_revision !== null) {
    clocks.push(
      clock(
        'filing',
        '备案（发布之日起20个工作日内）',
        {
          dueOn: p.filing_due_on,
          nominalOn: p.filing_due_on,
          done: met.has(status) || status === 'submitted',
          late: p.filing_late,
        },
        today,
      ),
    );
  }
  if (last && (last.status === 'submitted' || last.outcome)) {
    clocks.push(
      clock(
        'check',
        '备案审核（收到材料之日起5个工作日内）',
        { dueOn: last.check_due_on, nominalOn: last.check_due_on, done: last.status !== 'submitted' },
        today,
      ),
    );
  }
  if (p.drill_nominal_on) {
    clocks.push(
      clock('drill', '应急演练', { dueOn: p.drill_due_on, nominalOn: p.drill_nominal_on, done: false }, today),
    );
  }
  if (p.evaluation_nominal_on) {
    clocks.push(
      clock(
        'evaluation',
        '应急预案评估（每三年一次）',
        { dueOn: p.evaluation_due_on, nominalOn: p.evaluation_nominal_on, done: false },
        today,
      ),
    );
  }
  return {
    id: p.id,
    regionCode: p.region_code,
    regionName: x.regionName,
    ownerKind: p.owner_kind,
    enterpriseId: p.enterprise_id,
    ownerName: p.owner_name,
    creditCode: p.credit_code,
    kind: p.kind,
    title: p.title,
    revision: p.revision,
    publishedOn: p.published_on,
    signer: current.signer,
    risks: current.risks,
    reviewKind: current.review_kind as ReviewKind,
    reviewedOn: current.reviewed_on,
    reviewSummary: current.review_summary,
    duties: {
      classes: x.duties.classes,
      filingRequired: x.duties.filingRequired,
      reviewRequired: x.duties.reviewRequired,
      highRisk: x.duties.highRisk,
      evaluationRequired: x.duties.evaluationRequired,
    },
    filing: {
      revision: p.filing_revision,
      dueOn: p.filing_due_on,
      status,
      filedAt: filed?.decided_at ? new Date(filed.decided_at).toISOString() : null,
      number: filed?.outcome === 'complete' ? filed.number : null,
      checkDueOn: p.check_due_on,
      missing: status === 'incomplete' ? (lastIncomplete?.missing ?? []) : [],
      late: p.filing_late,
      bureauRegionCode: last?.bureau_region_code ?? null,
      bureauName: last ? (x.bureauNames.get(last.bureau_region_code) ?? last.bureau_region_code) : null,
    },
    filings: x.filings.map((f) => presentFiling(f, x.bureauNames)),
    drills: x.drills.map((d) => ({
      id: d.id,
      planKind: d.plan_kind as PlanKind,
      drilledOn: d.drilled_on,
      form: d.form,
      participants: d.participants,
      participantUnits: d.participant_units,
      scenario: d.scenario,
      evaluation:
        d.evaluated_on && d.evaluation_summary
          ? { evaluatedOn: d.evaluated_on, summary: d.evaluation_summary, problems: d.problems }
          : null,
      reportedOn: d.reported_on,
      recordedByName: d.recorded_by_name,
      recordedAt: new Date(d.recorded_at).toISOString(),
    })),
    drillDuties: x.drillClocks.map((c) => ({
      duty: c.duty,
      label: DRILL_DUTY_LABELS[c.duty],
      dueOn: c.due.dueOn,
      nominalOn: c.due.nominalOn,
      lastDrilledOn: c.lastDrilledOn,
      unreportedOn: c.unreportedOn,
      overdue: isOverdue(c.due, today),
    })),
    ...dueDays(p),
    evaluations: x.evaluations.map((v) => ({
      id: v.id,
      revision: v.revision,
      evaluatedOn: v.evaluated_on,
      conclusion: v.conclusion,
      revisionNeeded: v.revision_needed,
      recordedByName: v.recorded_by_name,
      recordedAt: new Date(v.recorded_at).toISOString(),
    })),
    revisions: x.revisions.map((r) => ({
      revision: r.revision,
      kind: r.kind as PlanKind,
      title: r.title,
      risks: r.risks,
      publishedOn: r.published_on,
      signer: r.signer,
      reviewKind: r.review_kind as ReviewKind,
      reviewedOn: r.reviewed_on,
      reviewSummary: r.review_summary,
      trigger: r.trigger,
      triggerNote: r.trigger_note,
      changes: r.changes,
      requiresFiling: r.requires_filing,
      sourceDrillId: r.source_drill_id,
      recordedByName: r.recorded_by_name,
      recordedAt: new Date(r.recorded_at).toISOString(),
    })),
    attachments: x.attachments.map((a) => ({
      id: a.id,
      revision: a.revision,
      kind: a.kind as AttachmentKind,
      fileName: a.file_name,
      contentType: a.content_type,
      size: a.size,
      sha256: a.sha256,
      uploadedByName: a.uploaded_by_name,
      uploadedAt: new Date(a.uploaded_at).toISOString(),
    })),
    clocks,
    createdAt: new Date(p.created_at).toISOString(),
    version: p.version,
  };
}
