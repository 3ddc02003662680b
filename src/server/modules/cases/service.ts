/**
 * 行政处罚案件 (issue 11): a case from 立案 to 归档, its documents, clocks and statistics. States and clocks:
 * domain/penalty-case.ts; periods: domain/case-clocks.ts; the discretion band: discretion.ts.
 *
 * Checks, in order: the role (routes: 403), the jurisdiction (404: a case outside it is not shown to exist), the
 * request's fields (400), the move from the case's state (409), then whether the case is ready for it (422). Every write
 * appends the case's history event and its audit row, issues its documents (numbered gaplessly, documents/numbering.ts),
 * updates the daily statistics and puts the alerts in line with the clocks — all in one transaction.
 */
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type {
  CaseActionInput,
  CaseListQuery,
  CasePage,
  CreateCaseInput,
  PenaltyCase,
  TransitionInput,
} from '../../../contracts/cases.js';
import { can } from '../../../contracts/policies.js';
import { addCalendarDays, type LocalDate, type WorkingCalendar } from '../../../domain/calendar.js';
import {
  closureCandidate,
  courtClosesOn,
  courtOpensOn,
  DEFAULT_HEARING_THRESHOLD_YUAN,
  earliestHearingOn,
  hearingRequestDueOn,
  hearingRight,
  lateFee,
  litigationDueOn,
  needsFiling,
  paymentDueOn,
  statementDueOn,
  summaryAllowed,
} from '../../../domain/case-clocks.js';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../domain/document-number.js';
import {
  APPROVAL_MOVES,
  type CaseStatus,
  canMove,
  caseClocks,
  hasCalendarGap,
  nextDueOn,
} from '../../../domain/penalty-case.js';
import { levelOfCode } from '../../../domain/region-code.js';
import { shanghaiDate } from '../../../domain/time.js';
import { type Actor, checkRegionFilter } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { documentsOf, issueDocument } from '../../documents/numbering.js';
import { buildOfficialDocx } from '../../documents/official-docx.js';
import { convertWithSoffice, sofficePath } from '../../documents/soffice.js';
import { AppError, fieldError } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { workingCalendar } from '../calendar/service.js';
import { enterpriseInScope } from '../enterprises/service.js';
import { once } from '../idempotency/service.js';
import { regionNames } from '../regions/lookup.js';
import { certifiedOfficers } from '../users/repo.js';
import { syncCaseAlerts } from './alerts.js';
import { caseBand, provinceOf, resolveViolations, tableInForce, tableOfVersion } from './discretion.js';
import { caseDocumentLayout } from './documents.js';
import { factsOf } from './facts.js';
import { presentCase } from './presenter.js';
import * as repo from './repo.js';

type Trx = Kysely<Database>;

const today = (ctx: AppContext): LocalDate => shanghaiDate(ctx.now());

function notReady(path: string, code: string, message: string): AppError {
  return new AppError('CASE_NOT_READY', [{ path, code, message }], message);
}

/** A day of the case: not in the future, not before `floor` (the fact it follows). */
function checkDay(path: string, day: LocalDate, p: { today: LocalDate; floor?: LocalDate | null; floorName?: string }) {
  if (day > p.today) throw fieldError(path, 'future', '日期不能晚于今天');
  if (p.floor && day < p.floor)
    throw fieldError(path, 'too_early', `日期不能早于${p.floorName ?? p.floor}（${p.floor}）`);
}

/** The case in scope, locked for the change, or 404. */
async function lockedCase(trx: Trx, actor: Actor, id: string): Promise<repo.CaseRow> {
  const c = await repo.findCase(trx, actor, id, true);
  if (!c) throw new AppError('NOT_FOUND');
  return c;
}

/** Officers of the actor's jurisdiction with an 执法证号, at least two (行政处罚法 第四十二条, 第五十五条). */
async function officersOf(trx: Trx, actor: Actor, ids: readonly string[], path = 'officers') {
  if (new Set(ids).size !== ids.length) throw fieldError(path, 'duplicate', '执法人员不能重复');
  const found = new Map((await certifiedOfficers(trx, { prefix: actor.prefix }, ids)).map((o) => [o.id, o]));
  return ids.map((id, i) => {
    const o = found.get(id);
    if (!o) throw fieldError(`${path}.${i}`, 'not_officer', '不是本辖区持有执法证的执法人员');
    return { userId: o.id, name: o.name, cert: o.cert };
  });
}

interface Change {
  kind: string;
  set?: repo.CaseChange;
  note?: string | null;
  data?: Record<string, unknown>;
  documents?: DocumentKind[];
  stats?: { day: LocalDate; add: Partial<Record<repo.StatMetric, number>> }[];
}

/**
 * One change of a case, in the caller's transaction: its state, clocks (next due, alerts), documents, history event,
 * daily statistics and audit row.
 */
async function record(trx: Trx, ctx: AppContext, actor: Actor, c: repo.CaseRow, change: Change, cal: WorkingCalendar) {
  const now = ctx.now();
  const after = { ...c, ...(change.set ?? {}) } as repo.CaseRow;
  const day = today(ctx);
  const before = caseClocks(cal, factsOf(c), day);
  const clocks = caseClocks(cal, factsOf(after), day);
  await repo.updateCase(
    trx,
    c,
    { ...(change.set ?? {}), next_due_on: nextDueOn(clocks), clock_gap: hasCalendarGap(clocks) },
    now,
  );
  for (const kind of change.documents ?? []) {
    const doc = await issueDocument(trx, actor, {
      kind,
      subjectType: 'penalty_case',
      subjectId: c.id,
      subjectRegionCode: c.region_code,
      at: now,
    });
    await repo.appendEvent(
      trx,
      event(c, actor, now, 'document', doc.number, { documentKind: kind, number: doc.number }),
    );
  }
  await repo.appendEvent(trx, event(c, actor, now, change.kind, change.note ?? null, change.data ?? {}));
  for (const s of change.stats ?? []) await repo.bumpStats(trx, { regionCode: c.region_code, ...s });
  await syncCaseAlerts(trx, c, before, clocks);
  await appendAudit(trx, actor, {
    action: `case.${change.kind}`,
    entityType: 'penalty_case',
    entityId: c.id,
    regionCode: c.region_code,
    at: now,
    before: change.set ? pick(c, Object.keys(change.set)) : undefined,
    after: { ...(change.set ?? {}), ...(change.data ?? {}) },
  });
}

function event(c: repo.CaseRow, actor: Actor, at: Date, kind: string, note: string | null, data: object) {
  return {
    region_code: c.region_code,
    case_id: c.id,
    kind,
    at,
    actor_id: actor.userId,
    actor_name: actor.displayName,
    actor_org: actor.orgName,
    note,
    data: JSON.stringify(data),
  };
}

function pick(c: repo.CaseRow, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => k in c).map((k) => [k, c[k as keyof repo.CaseRow]]));
}

// ————————————————————————————————————————— read

export async function getCase(ctx: AppContext, actor: Actor, id: string): Promise<PenaltyCase> {
  const c = await repo.findCase(ctx.db.kysely, actor, id);
  if (!c) throw new AppError('NOT_FOUND');
  return presentCase(ctx, actor, c, await workingCalendar(ctx), today(ctx));
}

export async function listCases(ctx: AppContext, actor: Actor, q: CaseListQuery): Promise<CasePage> {
  checkRegionFilter(actor, q.regionCode);
  const day = today(ctx);
  const { rows, total, totalExact } = await repo.listCases(ctx.db.kysely, actor, q, day);
  const names = await regionNames(
    ctx.db,
    rows.map((r) => r.region_code),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      regionCode: r.region_code,
      regionName: names.get(r.region_code) ?? r.region_code,
      number: r.number,
      procedure: r.procedure as 'general' | 'summary',
      cause: r.cause,
      partyName: r.party_name,
      status: r.status as CaseStatus,
      fineYuan: r.fine_yuan,
      openedOn: r.opened_on,
      decidedOn: r.decided_on,
      nextDueOn: r.next_due_on,
      overdue: r.next_due_on !== null && r.next_due_on < day,
    })),
    total,
    totalExact,
    page: q.page,
    pageSize: q.pageSize,
  };
}

// ————————————————————————————————————————— 立案

/** The party as recorded: a unit from the register (in the actor's jurisdiction), or a person. */
async function partyOf(trx: Trx, actor: Actor, input: CreateCaseInput['party']) {
  if (input.kind === 'unit') {
    const e = await enterpriseInScope(trx, actor, input.enterpriseId);
    return {
      kind: 'unit' as const,
      name: e.name,
      enterpriseId: e.id,
      creditCode: e.credit_code,
      idNumber: null,
      legalRepresentative: input.legalRepresentative,
      workUnit: null,
      position: null,
      address: e.address ?? null,
      phone: input.phone ?? null,
    };
  }
  const e = input.enterpriseId ? await enterpriseInScope(trx, actor, input.enterpriseId) : null;
  return {
    kind: 'person' as const,
    name: input.name,
    enterpriseId: e?.id ?? null,
    creditCode: null,
    idNumber: input.idNumber,
    legalRepresentative: null,
    workUnit: input.workUnit ?? e?.name ?? null,
    position: input.position ?? null,
    address: input.address ?? null,
    phone: input.phone ?? null,
  };
}

export async function createCase(
  ctx: AppContext,
  actor: Actor,
  input: CreateCaseInput,
  idempotencyKey?: string,
): Promise<PenaltyCase> {
  if (actor.orgKind !== 'bureau') throw new AppError('FORBIDDEN');
  const now = ctx.now();
  const day = today(ctx);
  const cal = await workingCalendar(ctx);
  const done = await ctx.db.kysely.transaction().execute(async (trx) =>
    once(trx, { actor, key: idempotencyKey, regionCode: actor.regionCode, input, now }, async () => {
      const party = await partyOf(trx, actor, input.party);
      const officers = await officersOf(trx, actor, input.officers);
      const table = await tableInForce(trx, actor.regionCode, day);
      const violations = resolveViolations(table, party.kind, input.violations);
      const id = uuidv7();
      const base = {
        id,
        region_code: actor.regionCode,
        procedure: input.procedure,
        source: input.source,
        source_id: input.sourceId ?? null,
        cause: input.cause,
        summary: input.summary,
        party: JSON.stringify(party),
        party_kind: party.kind,
        party_name: party.name,
        party_credit_code: party.creditCode,
        enterprise_id: party.enterpriseId,
        violations: JSON.stringify(input.violations),
        discretion_version: table.version,
        officers: JSON.stringify(officers),
        created_by: actor.userId,
        created_by_name: actor.displayName,
        created_at: now,
        updated_at: now,
      };
      const band = caseBand(violations);
      await repo.insertCase(trx, { ...base, status: 'pending_approval' });
      const row = (await repo.findCase(trx, actor, id, true)) as repo.CaseRow;
      if (input.procedure === 'summary') {
        await decideOnTheSpot(trx, ctx, actor, row, input, { day, cal, band });
      } else {
        await record(
          trx,
          ctx,
          actor,
          row,
          { kind: 'requested', note: input.cause, data: { source: input.source } },
          cal,
        );
      }
      return { id };
    }),
  );
  return getCase(ctx, actor, (done.body as { id: string }).id);
}

/**
 * 简易程序 (行政处罚法 第五十一条, 第五十二条): a warning or a fine of at most 200 yuan (a person) or 3,000 yuan (a unit), on
 * established facts; the 当场处罚决定书 is handed over on the spot and filed with the bureau within 5 days (15号令
 * 第二十二条).
 */
async function decideOnTheSpot(
  trx: Trx,
  ctx: AppContext,
  actor: Actor,
  c: repo.CaseRow,
  input: CreateCaseInput,
  p: { day: LocalDate; cal: WorkingCalendar; band: { minYuan: number; maxYuan: number } | null },
) {
  const d = input.decision as NonNullable<CreateCaseInput['decision']>;
  checkDay('decision.decidedOn', d.decidedOn, { today: p.day, floor: addCalendarDays(p.day, -5) });
  if (!summaryAllowed(c.party_kind as 'unit' | 'person', d.fineYuan)) {
    throw fieldError(
      'decision.fineYuan',
      'summary_limit',
      c.party_kind === 'unit'
        ? '当场处罚对法人或者其他组织罚款不得超过3000元（行政处罚法第五十一条）'
        : '当场处罚对公民罚款不得超过200元（行政处罚法第五十一条）',
    );
  }
  if (d.fineYuan === 0 && !d.warning) throw fieldError('decision.warning', 'required', '须作出警告或者罚款');
  const kinds = [...(d.warning ? ['warning'] : []), ...(d.fineYuan > 0 ? ['fine'] : [])];
  await record(
    trx,
    ctx,
    actor,
    c,
    {
      kind: 'summary_decided',
      set: {
        status: 'served',
        opened_on: d.decidedOn,
        fine_yuan: d.fineYuan,
        kinds,
        band_min_yuan: p.band?.minYuan ?? null,
        band_max_yuan: p.band?.maxYuan ?? null,
        decided_on: d.decidedOn,
        served_on: d.decidedOn,
        service_method: 'direct',
      },
      documents: ['summary_decision'],
      stats: [{ day: d.decidedOn, add: { opened: 1, decided: 1, fined_yuan: d.fineYuan, ...kindCounts(kinds) } }],
    },
    p.cal,
  );
}

function kindCounts(kinds: readonly string[]): Partial<Record<repo.StatMetric, number>> {
  return Object.fromEntries(kinds.filter((k) => k !== 'detention').map((k) => [k, 1]));
}

// ————————————————————————————————————————— moves

export async function transition(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: TransitionInput,
): Promise<PenaltyCase> {
  const needs = APPROVAL_MOVES.has(input.to) ? 'case.approve' : 'case.write';
  if (!can(actor.role, needs) || actor.orgKind !== 'bureau') throw new AppError('FORBIDDEN');
  const cal = await workingCalendar(ctx);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const c = await lockedCase(trx, actor, id);
    const from = c.status as CaseStatus;
    if (!canMove(from, input.to)) {
      throw new AppError('CASE_MOVE_REFUSED', [
        { path: 'to', code: 'not_allowed', message: `不能从“${from}”转到“${input.to}”` },
      ]);
    }
    await record(trx, ctx, actor, c, await changeFor(trx, ctx, c, input, cal), cal);
  });
  return getCase(ctx, actor, id);
}

async function changeFor(
  trx: Trx,
  ctx: AppContext,
  c: repo.CaseRow,
  input: TransitionInput,
  cal: WorkingCalendar,
): Promise<Change> {
  const day = today(ctx);
  switch (input.to) {
    case 'investigating':
      checkDay('approvedOn', input.approvedOn, {
        today: day,
        floor: shanghaiDate(c.created_at),
        floorName: '立案申请日',
      });
      return {
        kind: 'filed',
        set: { status: 'investigating', opened_on: input.approvedOn },
        note: input.opinion,
        data: { approvedOn: input.approvedOn },
        documents: ['filing_approval'],
        stats: [{ day: input.approvedOn, add: { opened: 1 } }],
      };
    case 'not_filed':
      return { kind: 'not_filed', set: { status: 'not_filed', outcome_reason: input.reason }, note: input.reason };
    case 'reviewing':
      return review(trx, c, input, day);
    case 'notified':
      return notify(c, input, day);
    case 'hearing':
      return hearing(c, input, cal, day);
    case 'decided':
      return decide(trx, ctx, c, input, cal, day);
    case 'served':
      checkDay('servedOn', input.servedOn, { today: day, floor: c.decided_on, floorName: '决定日' });
      return {
        kind: 'served',
        set: { status: 'served', served_on: input.servedOn, service_method: input.method },
        data: { servedOn: input.servedOn, method: input.method, recipient: input.recipient },
        documents: ['service_receipt'],
      };
    case 'enforcing':
      return remind(c, input, cal, day);
    case 'court':
      return applyToCourt(c, input, cal, day);
    case 'closing':
      return close(c, input, cal, day);
    case 'closed':
      checkDay('approvedOn', input.approvedOn, { today: day, floor: c.decided_on ?? c.opened_on, floorName: '决定日' });
      return {
        kind: 'closed',
        set: { status: 'closed', closed_on: input.approvedOn },
        note: input.opinion,
        documents: ['closing_approval'],
        stats: [{ day: input.approvedOn, add: { closed: 1 } }],
      };
    case 'archived':
      checkDay('archivedOn', input.archivedOn, { today: day, floor: c.closed_on, floorName: '结案日' });
      return {
        kind: 'archived',
        set: { status: 'archived', archived_on: input.archivedOn, file_number: input.fileNumber },
        data: { fileNumber: input.fileNumber },
      };
  }
}

/** 案件审理: the proposed penalty against the band; 法制审核 when it leaves the band or the penalty is heavy. */
async function review(trx: Trx, c: repo.CaseRow, input: Extract<TransitionInput, { to: 'reviewing' }>, day: LocalDate) {
  const events = await repo.eventsOf(trx, c);
  if (!events.some((e) => e.kind === 'record')) {
    throw notReady('records', 'no_evidence', '调查取证尚无询问笔录或勘验笔录');
  }
  const table = await tableOfVersion(trx, c.discretion_version);
  const violations = resolveViolations(
    table,
    c.party_kind as 'unit' | 'person',
    c.violations as { code: string; circumstance: 'minor'; facts: string }[],
  );
  const band = caseBand(violations);
  checkKinds('proposedKinds', input.proposedFineYuan, input.proposedKinds);
  const outside = band
    ? input.proposedFineYuan < band.minYuan || input.proposedFineYuan > band.maxYuan
    : input.proposedFineYuan > 0;
  if (outside && !input.outsideBandReason) {
    throw fieldError(
      'outsideBandReason',
      'required',
      band
        ? `拟处罚款不在裁量基准${band.minYuan}元至${band.maxYuan}元之内，须书面说明理由`
        : '裁量基准对该情节没有罚款，须书面说明理由',
    );
  }
  if (input.correctionDeadline && input.correctionDeadline < day) {
    throw fieldError('correctionDeadline', 'past', '责令改正期限不能早于今天');
  }
  const threshold = await hearingThreshold(trx, c.region_code);
  const right = hearingRight(c.party_kind as 'unit' | 'person', input.proposedFineYuan, input.proposedKinds, threshold);
  const heavy = input.proposedKinds.some((k) => k === 'suspension' || k === 'licence' || k === 'closure');
  return {
    kind: 'reviewing',
    set: {
      status: 'reviewing',
      proposed_fine_yuan: input.proposedFineYuan,
      proposed_kinds: input.proposedKinds,
      band_min_yuan: band?.minYuan ?? null,
      band_max_yuan: band?.maxYuan ?? null,
      outside_band_reason: outside ? (input.outsideBandReason ?? null) : null,
      // 行政处罚法 第五十八条: 法制审核 for a decision that leaves the band, qualifies for a hearing (直接关系当事人重大权益)
      // or suspends, revokes or closes.
      legal_review_required: outside || right || heavy,
      hearing_right: right,
      correction_deadline: input.correctionDeadline ?? null,
    },
    note: input.mitigation ?? null,
    data: { proposedFineYuan: input.proposedFineYuan, proposedKinds: input.proposedKinds, band, outside },
  } satisfies Change;
}

function checkKinds(path: string, fineYuan: number, kinds: readonly string[]) {
  if (new Set(kinds).size !== kinds.length) throw fieldError(path, 'duplicate', '处罚种类不能重复');
  if (fineYuan > 0 && !kinds.includes('fine')) throw fieldError(path, 'fine_missing', '有罚款数额时处罚种类须包含罚款');
  if (fineYuan === 0 && kinds.includes('fine')) throw fieldError(path, 'fine_amount', '处罚种类含罚款时须填写罚款数额');
  if (kinds.includes('detention')) throw fieldError(path, 'police', '行政拘留由公安机关决定，应移送公安机关');
}

/** The province's 较大数额罚款 for hearings, or the default. */
async function hearingThreshold(trx: Trx, regionCode: string) {
  const set = await repo.latestSetting(trx, provinceOf(regionCode), 'hearing_threshold');
  return (set?.value as { person: number; unit: number } | undefined) ?? DEFAULT_HEARING_THRESHOLD_YUAN;
}

/** 告知 (行政处罚法 第四十四条): after 法制审核 where it is required; the hearing notice where the penalty qualifies. */
function notify(c: repo.CaseRow, input: Extract<TransitionInput, { to: 'notified' }>, day: LocalDate) {
  checkDay('noticeServedOn', input.noticeServedOn, { today: day, floor: c.opened_on, floorName: '立案日' });
  if (c.legal_review_required && !input.legalReview) {
    throw notReady('legalReview', 'required', '该案须经法制审核（行政处罚法第五十八条）');
  }
  if (input.legalReview) {
    checkDay('legalReview.on', input.legalReview.on, { today: day, floor: c.opened_on, floorName: '立案日' });
    if (input.legalReview.on > input.noticeServedOn) {
      throw fieldError('legalReview.on', 'after_notice', '法制审核须在告知之前');
    }
    const officers = c.officers as { name: string }[];
    if (officers.some((o) => o.name === input.legalReview?.reviewer)) {
      throw fieldError('legalReview.reviewer', 'officer', '法制审核人员不能是本案执法人员');
    }
  }
  return {
    kind: 'notified',
    set: {
      status: 'notified',
      notice_served_on: input.noticeServedOn,
      legal_review: input.legalReview ? JSON.stringify(input.legalReview) : null,
    },
    data: { noticeServedOn: input.noticeServedOn },
    documents: c.hearing_right
      ? (['penalty_notice', 'hearing_notice'] as DocumentKind[])
      : (['penalty_notice'] as DocumentKind[]),
  } satisfies Change;
}

/** 听证 (行政处罚法 第六十四条): asked within 5 working days of the notice; notice of the hearing 7 working days ahead. */
function hearing(
  c: repo.CaseRow,
  input: Extract<TransitionInput, { to: 'hearing' }>,
  cal: WorkingCalendar,
  day: LocalDate,
) {
  if (!c.hearing_right) throw notReady('to', 'no_hearing_right', '拟作出的处罚不属于听证范围');
  const notice = c.notice_served_on as LocalDate;
  checkDay('requestedOn', input.requestedOn, { today: day, floor: notice, floorName: '告知书送达日' });
  const lastDay = hearingRequestDueOn(cal, notice);
  if (input.requestedOn > lastDay) {
    throw notReady('requestedOn', 'late', `听证申请期已于${lastDay}届满（行政处罚法第六十四条：告知后五日内）`);
  }
  checkDay('noticeOn', input.noticeOn, { today: day, floor: input.requestedOn, floorName: '听证申请日' });
  const earliest = earliestHearingOn(cal, input.noticeOn);
  if (input.hearingOn < earliest) {
    throw fieldError('hearingOn', 'too_soon', `听证须在通知后七个工作日以后举行，最早${earliest}`);
  }
  return {
    kind: 'hearing',
    set: { status: 'hearing', hearing_requested_on: input.requestedOn, hearing_on: input.hearingOn },
    data: {
      requestedOn: input.requestedOn,
      noticeOn: input.noticeOn,
      hearingOn: input.hearingOn,
      place: input.place,
      host: input.host,
    },
  } satisfies Change;
}

/** 决定 (行政处罚法 第五十七条): after the party's periods, never heavier than proposed (第四十五条). */
async function decide(
  trx: Trx,
  ctx: AppContext,
  c: repo.CaseRow,
  input: Extract<TransitionInput, { to: 'decided' }>,
  cal: WorkingCalendar,
  day: LocalDate,
): Promise<Change> {
  checkDay('decidedOn', input.decidedOn, { today: day, floor: c.notice_served_on, floorName: '告知书送达日' });
  checkKinds('kinds', input.fineYuan, input.kinds);
  if (c.status === 'hearing') {
    if (!input.hearingHeldOn) throw fieldError('hearingHeldOn', 'required', '须填写听证举行日期');
    checkDay('hearingHeldOn', input.hearingHeldOn, { today: day, floor: c.hearing_on, floorName: '通知的听证日期' });
    if (input.decidedOn < input.hearingHeldOn) throw fieldError('decidedOn', 'before_hearing', '决定不能早于听证');
  } else if (!input.waived) {
    const notice = c.notice_served_on as LocalDate;
    const periodsEnd = [statementDueOn(cal, notice), ...(c.hearing_right ? [hearingRequestDueOn(cal, notice)] : [])]
      .sort()
      .pop() as LocalDate;
    if (input.decidedOn <= periodsEnd) {
      throw notReady(
        'decidedOn',
        'periods_running',
        `陈述、申辩${c.hearing_right ? '和听证申请' : ''}期至${periodsEnd}届满，期满后方可决定（当事人书面放弃的除外）`,
      );
    }
  }
  if (input.fineYuan > (c.proposed_fine_yuan ?? 0) || input.kinds.some((k) => !c.proposed_kinds.includes(k))) {
    throw fieldError('fineYuan', 'heavier', '不得因当事人陈述、申辩而给予更重的处罚（行政处罚法第四十五条）');
  }
  const outside =
    c.band_min_yuan !== null && (input.fineYuan < c.band_min_yuan || input.fineYuan > (c.band_max_yuan as number));
  if (outside && !c.outside_band_reason) {
    throw notReady('fineYuan', 'outside_band', '决定的罚款不在裁量基准之内，须在审理时说明理由并经法制审核');
  }
  if (c.legal_review_required && !input.collectiveDiscussion) {
    throw notReady(
      'collectiveDiscussion',
      'required',
      '重大案件须经行政机关负责人集体讨论决定（行政处罚法第五十七条）',
    );
  }
  const level = levelOfCode(c.region_code);
  const filing = needsFiling(level === 'town' ? 'county' : level, input.fineYuan, input.kinds);
  const closure = await closureFlag(trx, c, input.decidedOn);
  return {
    kind: 'decided',
    set: {
      status: 'decided',
      decided_on: input.decidedOn,
      fine_yuan: input.fineYuan,
      kinds: input.kinds,
      hearing_held_on: input.hearingHeldOn ?? null,
      filing_required: filing,
      // 行政处罚法 第四十八条: decisions are made public.
      published_at: ctx.now(),
    },
    note: input.statement ?? null,
    data: {
      decidedOn: input.decidedOn,
      fineYuan: input.fineYuan,
      kinds: input.kinds,
      ...(input.collectiveDiscussion ? { collectiveDiscussion: input.collectiveDiscussion } : {}),
      ...(input.waived ? { waived: true } : {}),
      ...(closure ? { closureCandidate: closure } : {}),
    },
    documents: ['penalty_decision'],
    stats: [
      {
        day: input.decidedOn,
        add: {
          decided: 1,
          fined_yuan: input.fineYuan,
          ...kindCounts(input.kinds),
          daily: c.correction_deadline ? 1 : 0,
        },
      },
      ...(input.hearingHeldOn ? [{ day: input.hearingHeldOn, add: { hearings: 1 } }] : []),
    ],
  };
}

/** 安全生产法 第一百一十三条: counted with this decision. */
async function closureFlag(trx: Trx, c: repo.CaseRow, decidedOn: LocalDate) {
  if (!c.party_credit_code || !c.enterprise_id) return null;
  const since = addCalendarDays(decidedOn, -366);
  const dates = [...(await repo.penaltyDatesOf(trx, c.party_credit_code, since)), decidedOn];
  const open = await repo.hasOpenMajorDanger(trx, c.enterprise_id);
  const r = closureCandidate({ openMajorDanger: open, penaltyDates: dates, today: decidedOn });
  return r.candidate ? { within180: r.within180, withinYear: r.withinYear } : null;
}

/** 催告 (行政强制法 第五十四条): once the payment day has passed unpaid. */
function remind(
  c: repo.CaseRow,
  input: Extract<TransitionInput, { to: 'enforcing' }>,
  cal: WorkingCalendar,
  day: LocalDate,
): Change {
  if (!c.fine_yuan) throw notReady('to', 'no_fine', '没有罚款，无需催告');
  const due = paymentDueOn(cal, c.served_on as LocalDate);
  checkDay('reminderServedOn', input.reminderServedOn, {
    today: day,
    floor: addCalendarDays(due, 1),
    floorName: '缴款期限届满次日',
  });
  return {
    kind: 'reminded',
    set: { status: 'enforcing', reminder_served_on: input.reminderServedOn },
    data: { reminderServedOn: input.reminderServedOn, paymentDueOn: due },
    documents: ['reminder'],
  };
}

/** 申请法院强制执行 (行政强制法 第五十三条, 第五十四条): after the 催告's 10 working days and the appeal periods, within 3 months. */
function applyToCourt(
  c: repo.CaseRow,
  input: Extract<TransitionInput, { to: 'court' }>,
  cal: WorkingCalendar,
  day: LocalDate,
): Change {
  const served = c.served_on as LocalDate;
  const opens = [courtOpensOn(cal, c.reminder_served_on as LocalDate), addCalendarDays(litigationDueOn(cal, served), 1)]
    .sort()
    .pop() as LocalDate;
  const closes = courtClosesOn(cal, served);
  checkDay('appliedOn', input.appliedOn, { today: day });
  if (input.appliedOn < opens) {
    throw notReady('appliedOn', 'too_early', `催告书送达十个工作日后且复议、诉讼期限届满后方可申请，最早${opens}`);
  }
  if (input.appliedOn > closes)
    throw notReady('appliedOn', 'too_late', `申请期限已于${closes}届满（行政强制法第五十三条）`);
  return {
    kind: 'court',
    set: { status: 'court', court_applied_on: input.appliedOn, court: input.court },
    data: { appliedOn: input.appliedOn, court: input.court },
    stats: [{ day: input.appliedOn, add: { court: 1 } }],
  };
}

/** 结案审批 requested: executed (paid with its 加处罚款), not penalised, or as the court or an appeal ended it. */
function close(
  c: repo.CaseRow,
  input: Extract<TransitionInput, { to: 'closing' }>,
  cal: WorkingCalendar,
  day: LocalDate,
): Change {
  const from = c.status as CaseStatus;
  if (from === 'reviewing') {
    if (input.outcome !== 'no_penalty') throw fieldError('outcome', 'reviewing', '审理阶段结案只能是不予处罚');
    if (!input.reason) throw fieldError('reason', 'required', '不予处罚须写明理由（行政处罚法第三十三条）');
    return {
      kind: 'no_penalty',
      set: { status: 'closing', outcome: 'no_penalty', outcome_reason: input.reason, decided_on: day },
      note: input.reason,
      documents: ['no_penalty_decision'],
      stats: [{ day, add: { no_penalty: 1 } }],
    };
  }
  if (input.outcome === 'no_penalty') throw fieldError('outcome', 'decided', '已作出处罚决定，不能以不予处罚结案');
  const appeals = c.appeals as { outcome: string }[];
  if (input.outcome === 'revoked') {
    if (!appeals.some((a) => a.outcome === 'revoked' || a.outcome === 'confirmed_illegal')) {
      throw notReady('outcome', 'not_revoked', '没有撤销或确认违法的复议决定、判决');
    }
    return { kind: 'closing', set: { status: 'closing', outcome: 'revoked', outcome_reason: input.reason ?? null } };
  }
  if (input.outcome === 'court_refused' || input.outcome === 'court_executed') {
    if (from !== 'court') throw fieldError('outcome', 'no_court', '尚未申请法院强制执行');
  }
  if (input.outcome === 'court_refused') {
    return {
      kind: 'closing',
      set: { status: 'closing', outcome: 'court_refused', outcome_reason: input.reason ?? null },
    };
  }
  return paid(c, input, cal, day);
}

/** Paid: the fine and the 加处罚款 due on the day paid (行政处罚法 第七十二条), to the fen. */
function paid(
  c: repo.CaseRow,
  input: Extract<TransitionInput, { to: 'closing' }>,
  cal: WorkingCalendar,
  day: LocalDate,
): Change {
  const fine = c.fine_yuan ?? 0;
  if (fine === 0) return { kind: 'closing', set: { status: 'closing', outcome: input.outcome } };
  if (!input.paidOn) throw fieldError('paidOn', 'required', '须填写缴款日期');
  checkDay('paidOn', input.paidOn, { today: day, floor: c.decided_on, floorName: '决定日' });
  const fee = lateFee(fine, paymentDueOn(cal, c.served_on as LocalDate), input.paidOn);
  const owed = Math.round((fine + fee.lateFeeYuan) * 100);
  const paidFen = Math.round((input.paidYuan ?? -1) * 100);
  if (paidFen < owed) {
    throw fieldError(
      'paidYuan',
      'short',
      `应缴${(owed / 100).toFixed(2)}元（罚款${fine}元${fee.daysLate ? `，加处罚款${fee.lateFeeYuan.toFixed(2)}元（逾期${fee.daysLate}日）` : ''}）`,
    );
  }
  return {
    kind: 'executed',
    set: { status: 'closing', outcome: input.outcome, paid_on: input.paidOn, paid_fen: paidFen },
    data: { paidOn: input.paidOn, paidYuan: paidFen / 100, lateFeeYuan: fee.lateFeeYuan, daysLate: fee.daysLate },
    stats: [{ day: input.paidOn, add: { collected_fen: paidFen } }],
  };
}

// ————————————————————————————————————————— actions in a state

const RECORD_STATES: ReadonlySet<CaseStatus> = new Set(['investigating', 'reviewing', 'notified', 'hearing']);
const UNDECIDED: ReadonlySet<CaseStatus> = new Set([
  'pending_approval',
  'investigating',
  'reviewing',
  'notified',
  'hearing',
]);

export async function act(ctx: AppContext, actor: Actor, id: string, input: CaseActionInput): Promise<PenaltyCase> {
  const needs = input.kind === 'extension' ? 'case.approve' : 'case.write';
  if (!can(actor.role, needs) || actor.orgKind !== 'bureau') throw new AppError('FORBIDDEN');
  const cal = await workingCalendar(ctx);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const c = await lockedCase(trx, actor, id);
    await record(trx, ctx, actor, c, await actionChange(trx, ctx, actor, c, input, cal), cal);
  });
  return getCase(ctx, actor, id);
}

function refuse(message: string): AppError {
  return new AppError('CASE_MOVE_REFUSED', [{ path: 'kind', code: 'not_allowed', message }], message);
}

async function actionChange(
  trx: Trx,
  ctx: AppContext,
  actor: Actor,
  c: repo.CaseRow,
  input: CaseActionInput,
  cal: WorkingCalendar,
): Promise<Change> {
  const day = today(ctx);
  const status = c.status as CaseStatus;
  switch (input.kind) {
    case 'record': {
      if (!RECORD_STATES.has(status)) throw refuse('立案后、决定前方可制作询问笔录、勘验笔录');
      checkDay('heldOn', input.heldOn, { today: day, floor: c.opened_on, floorName: '立案日' });
      const officers = await officersOf(trx, actor, input.officers);
      return {
        kind: 'record',
        note: input.content.slice(0, 200),
        data: {
          record: input.record,
          heldOn: input.heldOn,
          place: input.place,
          subject: input.subject ?? null,
          content: input.content,
          officers,
        },
        documents: [input.record === 'interview' ? 'interview_record' : 'examination_record'],
      };
    }
    case 'extension': {
      if (!UNDECIDED.has(status) || !c.opened_on) throw refuse('立案后、决定前方可延长办案期限');
      const next = c.decision_extension === 'none' ? 'head' : c.decision_extension === 'head' ? 'higher' : null;
      if (input.level !== next) {
        throw fieldError(
          'level',
          'order',
          next
            ? `下一次延期须为${next === 'head' ? '本机关负责人批准' : '上一级机关批准'}`
            : '办案期限已延长至180日，不能再延长',
        );
      }
      const due = caseClocks(cal, factsOf(c), day).find((k) => k.name === 'decision')?.dueOn;
      checkDay('approvedOn', input.approvedOn, { today: day, floor: c.opened_on, floorName: '立案日' });
      if (due && input.approvedOn > due)
        throw notReady('approvedOn', 'late', `办案期限已于${due}届满，延期须在期满前批准`);
      return {
        kind: 'extended',
        set: { decision_extension: input.level },
        note: input.reason,
        data: { level: input.level, approvedOn: input.approvedOn },
      };
    }
    case 'filed':
      if (!c.decided_on || c.outcome === 'no_penalty') throw refuse('作出处罚决定后方可备案');
      if (!c.filing_required && c.procedure !== 'summary') throw refuse('该决定无需报上一级备案');
      if (c.filed_on) throw refuse('已备案');
      checkDay('filedOn', input.filedOn, { today: day, floor: c.decided_on, floorName: '决定日' });
      return { kind: 'reported_filing', set: { filed_on: input.filedOn }, data: { filedOn: input.filedOn } };
    case 'appeal':
      return appeal(c, input, day, ctx.now());
    case 'police_transfer':
      if (status === 'pending_approval' || status === 'not_filed') throw refuse('立案后方可移送');
      if (c.police_transferred_on) throw refuse('已移送公安机关');
      checkDay('on', input.on, { today: day, floor: c.opened_on, floorName: '立案日' });
      return {
        kind: 'police_transfer',
        set: { police_transferred_on: input.on },
        note: input.reason,
        stats: [{ day: input.on, add: { police: 1 } }],
      };
    case 'correction_verified':
      if (!c.correction_deadline) throw refuse('该案没有责令改正期限');
      if (c.correction_verified_on) throw refuse('已复查确认改正');
      checkDay('verifiedOn', input.verifiedOn, { today: day, floor: c.opened_on, floorName: '立案日' });
      return {
        kind: 'correction_verified',
        set: { correction_verified_on: input.verifiedOn },
        data: { verifiedOn: input.verifiedOn },
      };
  }
}

const CHANGING = new Set(['changed', 'revoked', 'confirmed_illegal']);

/**
 * 行政复议 / 行政诉讼: filed, then its outcome. A decision changed, revoked or confirmed illegal is withdrawn from the
 * public page at once (行政处罚法 第四十八条: within 3 days).
 */
function appeal(
  c: repo.CaseRow,
  input: Extract<CaseActionInput, { kind: 'appeal' }>,
  day: LocalDate,
  now: Date,
): Change {
  if (!c.served_on) throw refuse('决定送达后方可登记复议、诉讼');
  checkDay('filedOn', input.filedOn, { today: day, floor: c.served_on, floorName: '送达日' });
  if (input.decidedOn)
    checkDay('decidedOn', input.decidedOn, { today: day, floor: input.filedOn, floorName: '申请日' });
  if (input.outcome !== 'pending' && !input.decidedOn)
    throw fieldError('decidedOn', 'required', '须填写复议决定或判决日期');
  const appeals = [...(c.appeals as { appeal: string; filedOn: string; outcome: string; decidedOn?: string }[])];
  const i = appeals.findIndex((a) => a.appeal === input.appeal && a.filedOn === input.filedOn);
  const prior = i >= 0 ? appeals[i] : undefined;
  const entry = {
    appeal: input.appeal,
    filedOn: input.filedOn,
    outcome: input.outcome,
    ...(input.decidedOn ? { decidedOn: input.decidedOn } : {}),
  };
  if (prior) appeals[i] = entry;
  else appeals.push(entry);
  const counts =
    input.appeal === 'review'
      ? (['reviews', 'reviews_changed'] as const)
      : (['litigations', 'litigations_changed'] as const);
  const nowChanging = CHANGING.has(input.outcome) && !(prior && CHANGING.has(prior.outcome));
  const withdraw = CHANGING.has(input.outcome) && c.published_at && !c.withdrawn_at;
  return {
    kind: 'appeal',
    set: {
      appeals: JSON.stringify(appeals),
      ...(withdraw
        ? {
            withdrawn_at: now,
            withdraw_reason:
              input.appeal === 'review' ? '行政复议决定变更、撤销或者确认违法' : '人民法院判决变更、撤销或者确认违法',
          }
        : {}),
    },
    data: entry,
    stats: [
      ...(prior ? [] : [{ day: input.filedOn, add: { [counts[0]]: 1 } }]),
      ...(nowChanging ? [{ day: input.decidedOn as LocalDate, add: { [counts[1]]: 1 } }] : []),
    ],
  };
}

// ————————————————————————————————————————— 加处罚款

export async function lateFeeOf(ctx: AppContext, actor: Actor, id: string, on?: LocalDate) {
  const c = await repo.findCase(ctx.db.kysely, actor, id);
  if (!c) throw new AppError('NOT_FOUND');
  if (!c.served_on || !c.fine_yuan) throw notReady('id', 'no_fine_due', '该案没有已送达的罚款决定');
  const cal = await workingCalendar(ctx);
  const dueOn = paymentDueOn(cal, c.served_on);
  const day = on ?? c.paid_on ?? today(ctx);
  const fee = lateFee(c.fine_yuan, dueOn, day);
  return {
    on: day,
    dueOn,
    fineYuan: fee.fineYuan,
    daysLate: fee.daysLate,
    lateFeeYuan: fee.lateFeeYuan,
    cappedOn: fee.cappedOn,
  };
}

// ————————————————————————————————————————— documents

/** A document of the case as .docx, or as PDF through LibreOffice. */
export async function caseDocument(
  ctx: AppContext,
  actor: Actor,
  id: string,
  documentId: string,
  format: 'docx' | 'pdf',
): Promise<{ fileName: string; data: Buffer }> {
  const c = await getCase(ctx, actor, id);
  const docs = await documentsOf(ctx.db, {
    subjectType: 'penalty_case',
    subjectId: c.id,
    subjectRegionCode: c.regionCode,
  });
  const doc = docs.find((x) => x.id === documentId);
  if (!doc) throw new AppError('NOT_FOUND');
  const docx = await buildOfficialDocx({ ...caseDocumentLayout(c, doc), description: doc.number });
  const name = `${DOCUMENT_KINDS[doc.kind].title}${doc.number}`;
  if (format === 'docx') return { fileName: `${name}.docx`, data: docx };
  if (!sofficePath()) throw new AppError('PDF_UNAVAILABLE');
  return { fileName: `${name}.pdf`, data: await convertWithSoffice(docx, 'docx', 'pdf') };
}
