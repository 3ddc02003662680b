/** The only way hidden dangers leave the server. */
import type {
  DangerClock,
  DangerExtension,
  DangerHistoryEntry,
  HiddenDanger,
  HiddenDangerSummary,
} from '../../../contracts/hidden-dangers.js';
import type { LocalDate } from '../../../domain/calendar.js';
import { DANGER_STANDARD_NAMES, standardItem } from '../../../domain/danger-standards.js';
import {
  clockStatus,
  closeBlockers,
  type DangerLevel,
  type DangerSource,
  dangerStatus,
  type ImmediateMeasure,
  type PlanPart,
  type RectificationKind,
  recheckDueOn,
} from '../../../domain/hidden-danger.js';
import type { IssuedDocument } from '../../documents/numbering.js';
import type * as repo from './repo.js';

function statusOf(d: repo.DangerRow, today: LocalDate) {
  return dangerStatus(
    {
      rectification: d.rectification as RectificationKind,
      deadline: d.deadline,
      completedOn: d.completed_on,
      closedOn: d.closed_on,
    },
    today,
  );
}

export function presentSummary(d: repo.DangerRow, regionName: string, today: LocalDate): HiddenDangerSummary {
  return {
    id: d.id,
    regionCode: d.region_code,
    regionName,
    enterpriseId: d.enterprise_id,
    enterpriseName: d.enterprise_name,
    level: d.level as DangerLevel,
    source: d.source as DangerSource,
    description: d.description,
    foundOn: d.found_on,
    rectification: d.rectification as RectificationKind,
    deadline: d.deadline,
    status: statusOf(d, today),
    // Open: 10 days after the completion report, or after the deadline while none came; closed: as it was.
    recheckDueOn: d.closed_on ? d.recheck_due_on : recheckDueOn(d.deadline, d.completed_on),
    supervised: d.supervised,
  };
}

function presentExtension(x: repo.ExtensionRow): DangerExtension {
  return {
    id: x.id,
    requestedOn: x.requested_on,
    oldDeadline: x.old_deadline,
    newDeadline: x.new_deadline,
    reason: x.reason,
    answerDueOn: x.answer_due_on,
    status: x.status as DangerExtension['status'],
    requestedByName: x.requested_by_name,
    decidedByName: x.decided_by_name,
    decidedOn: x.decided_on,
    note: x.decision_note,
  };
}

/**
 * The danger's legal clocks: the rectification deadline (met by the completion report), the 复查 (met by it), and
 * the answer to each extension request (met by the decision).
 */
function clocksOf(d: repo.DangerRow, extensions: repo.ExtensionRow[], today: LocalDate): DangerClock[] {
  const out: DangerClock[] = [];
  if (d.deadline && d.rectification === 'deadline') {
    const doneOn = d.completed_on ?? (d.recheck_passed ? d.rechecked_on : null);
    out.push({ kind: 'rectification', dueOn: d.deadline, doneOn, status: clockStatus(d.deadline, doneOn, today) });
  }
  const recheckDue = d.completed_on ? recheckDueOn(d.deadline, d.completed_on) : null;
  if (recheckDue) {
    const doneOn = d.recheck_passed ? d.rechecked_on : null;
    out.push({ kind: 'recheck', dueOn: recheckDue, doneOn, status: clockStatus(recheckDue, doneOn, today) });
  }
  for (const x of extensions) {
    out.push({
      kind: 'extension_answer',
      dueOn: x.answer_due_on,
      doneOn: x.decided_on,
      status: clockStatus(x.answer_due_on, x.decided_on, today),
    });
  }
  return out;
}

export function presentDanger(
  d: repo.DangerRow,
  more: {
    history: Awaited<ReturnType<typeof repo.historyOf>>;
    extensions: repo.ExtensionRow[];
    regionName: string;
    documents: IssuedDocument[];
  },
  today: LocalDate,
): HiddenDanger {
  const item = d.standard_item ? standardItem(d.standard_item) : undefined;
  const closing = d.closed_on
    ? []
    : closeBlockers({ level: d.level as DangerLevel, hasPlan: d.plan !== null, recheckPassed: d.recheck_passed });
  return {
    ...presentSummary(d, more.regionName, today),
    location: d.location,
    standardItem: item
      ? { code: item.code, standard: DANGER_STANDARD_NAMES[item.standard], article: item.article, text: item.text }
      : null,
    measures: d.measures,
    immediateMeasures: d.immediate_measures as ImmediateMeasure[],
    plan: d.plan as Record<PlanPart, string> | null,
    completedOn: d.completed_on,
    completionNote: d.completion_note,
    recheckedOn: d.rechecked_on,
    recheckPassed: d.recheck_passed,
    closedOn: d.closed_on,
    closeBlockers: closing,
    clocks: clocksOf(d, more.extensions, today),
    extensions: more.extensions.map(presentExtension),
    history: more.history.map(
      (h): DangerHistoryEntry => ({
        seq: h.seq,
        kind: h.kind,
        at: new Date(h.at).toISOString(),
        actorName: h.actor_name,
        actorOrg: h.actor_org,
        note: h.note,
        data: (h.data ?? {}) as Record<string, unknown>,
      }),
    ),
    documents: more.documents.map((x) => ({
      id: x.id,
      kind: x.kind,
      number: x.number,
      issuedAt: x.issuedAt,
      issuedByName: x.issuedByName,
    })),
    reportedByName: d.reported_by_name,
    reportedByOrg: d.reported_by_org,
    version: d.version,
  };
}
