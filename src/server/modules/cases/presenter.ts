/** A case as the API shows it: its facts, clocks, documents, history and the amounts computed on the day. */
import type { CaseParty, CaseViolation, PenaltyCase } from '../../../contracts/cases.js';
import { type LocalDate, unlessCalendarGap, type WorkingCalendar } from '../../../domain/calendar.js';
import { type DecisionExtension, dailyPenalty, lateFee, paymentDueOn } from '../../../domain/case-clocks.js';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../domain/document-number.js';
import { CASE_CLOCK_LABELS, type CaseStatus, caseClocks } from '../../../domain/penalty-case.js';
import type { Actor } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import { documentsOf } from '../../documents/numbering.js';
import { regionName } from '../regions/lookup.js';
import { resolveViolations, tableOfVersion } from './discretion.js';
import { factsOf } from './facts.js';
import * as repo from './repo.js';

/** 110101199001011234 → 110101********1234: only the case's bureau reads a person's number in full. */
export function maskIdNumber(id: string | null): string | null {
  return id ? `${id.slice(0, 6)}********${id.slice(-4)}` : null;
}

export async function presentCase(
  ctx: AppContext,
  actor: Actor,
  c: repo.CaseRow,
  cal: WorkingCalendar,
  today: LocalDate,
): Promise<PenaltyCase> {
  const db = ctx.db.kysely;
  const [events, documents, name, table] = await Promise.all([
    repo.eventsOf(db, c),
    documentsOf(db, { subjectType: 'penalty_case', subjectId: c.id, subjectRegionCode: c.region_code }),
    regionName(ctx.db, c.region_code),
    tableOfVersion(db, c.discretion_version),
  ]);
  const party = c.party as CaseParty;
  const bureau = actor.orgKind === 'bureau';
  const violations: CaseViolation[] = resolveViolations(
    table,
    c.party_kind as 'unit' | 'person',
    c.violations as { code: string; circumstance: 'minor'; facts: string }[],
  ).map((v) => ({
    code: v.entry.code,
    title: v.entry.title,
    circumstance: v.circumstance,
    facts: v.facts,
    violatedClause: v.entry.violatedClause,
    penaltyClause: v.entry.penaltyClause,
    band: v.band,
  }));
  const clocks = caseClocks(cal, factsOf(c), today).map((k) => ({ ...k, label: CASE_CLOCK_LABELS[k.name] }));
  const decided = [...events].reverse().find((e) => e.kind === 'decided');
  const closure = (decided?.data as { closureCandidate?: { within180: number; withinYear: number } } | undefined)
    ?.closureCandidate;
  return {
    id: c.id,
    regionCode: c.region_code,
    regionName: name,
    number: documents.find((d) => d.kind === 'filing_approval' || d.kind === 'summary_decision')?.number ?? null,
    procedure: c.procedure as 'general' | 'summary',
    source: c.source,
    sourceId: c.source_id,
    cause: c.cause,
    summary: c.summary,
    status: c.status as CaseStatus,
    discretionVersion: c.discretion_version,
    openedOn: c.opened_on,
    decisionExtension: c.decision_extension as DecisionExtension,
    proposedFineYuan: c.proposed_fine_yuan,
    proposedKinds: c.proposed_kinds,
    band: c.band_min_yuan === null ? null : { minYuan: c.band_min_yuan, maxYuan: c.band_max_yuan as number },
    outsideBand: c.outside_band_reason !== null,
    outsideBandReason: c.outside_band_reason,
    legalReviewRequired: c.legal_review_required,
    legalReview: c.legal_review as PenaltyCase['legalReview'],
    hearingRight: c.hearing_right,
    fineYuan: c.fine_yuan,
    kinds: c.kinds,
    decidedOn: c.decided_on,
    servedOn: c.served_on,
    paidOn: c.paid_on,
    paidYuan: c.paid_fen === null ? null : c.paid_fen / 100,
    filingRequired: c.filing_required,
    filedOn: c.filed_on,
    outcome: c.outcome,
    correctionDeadline: c.correction_deadline,
    correctionVerifiedOn: c.correction_verified_on,
    dailyPenalty:
      c.correction_deadline && c.fine_yuan
        ? dailyPenalty(c.fine_yuan, c.correction_deadline, { verifiedOn: c.correction_verified_on, today })
        : null,
    lateFee: lateFeeToday(c, cal, today),
    officers: c.officers as PenaltyCase['officers'],
    parties: [{ ...party, idNumber: bureau ? party.idNumber : maskIdNumber(party.idNumber) }],
    violations,
    clocks,
    documents: documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      title: DOCUMENT_KINDS[d.kind as DocumentKind]?.title ?? d.kind,
      number: d.number,
      issuedAt: d.issuedAt,
      issuedByName: d.issuedByName,
    })),
    history: events.map((e) => ({
      seq: e.seq,
      kind: e.kind,
      at: new Date(e.at).toISOString(),
      actorName: e.actor_name,
      actorOrg: e.actor_org,
      note: e.note,
      data: e.data as Record<string, unknown>,
    })),
    closureCandidate: closure ?? null,
    createdAt: new Date(c.created_at).toISOString(),
    version: c.version,
  };
}

/** 加处罚款 as of the day paid, or today while unpaid (null before service or without a fine). */
function lateFeeToday(c: repo.CaseRow, cal: WorkingCalendar, today: LocalDate) {
  const { served_on: served, fine_yuan: fine } = c;
  if (!served || !fine) return null;
  // A payment day in a year without an official calendar: no amount yet (the payment clock says why).
  const dueOn = unlessCalendarGap(() => paymentDueOn(cal, served));
  if (!dueOn) return null;
  const fee = lateFee(fine, dueOn, c.paid_on ?? today);
  return { daysLate: fee.daysLate, lateFeeYuan: fee.lateFeeYuan };
}
