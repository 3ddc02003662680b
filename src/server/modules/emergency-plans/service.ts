/**
 * 应急预案与备案 (issue 12 §1): plans of enterprises and governments, their versions, filing and the bureau's check, drills
 * with their 评估报告, the 3-yearly evaluation, and the clocks of each. Rules: domain/emergency-plan.ts.
 *
 * Checks, in order: the role (routes: 403), the jurisdiction (404: a plan outside it is not shown to exist), the
 * request's fields (400), then the state (409). Every write runs in one transaction: the rows it appends, the plan's
 * recomputed clocks (of every plan of the owner: the drill duties are the owner's, 第三十三条), the alert jobs, the
 * documents (numbered by documents/numbering.ts) and, last, its audit row.
 */
import type { Insertable, Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import {
  ATTACHMENT_FILE_NAME_MAX,
  ATTACHMENT_MAX_BYTES,
  type AttachmentKind,
  type CreatePlanInput,
  type DecideInput,
  type DrillInput,
  type EmergencyPlan,
  type EvaluationInput,
  type FileInput,
  type PlanAttachmentView,
  type PlanListQuery,
  type PlanPage,
  type RevisionInput,
} from '../../../contracts/emergency-plans.js';
import { CalendarGapError, type LocalDate, unlessCalendarGap, type WorkingCalendar } from '../../../domain/calendar.js';
import { DOCUMENT_KINDS } from '../../../domain/document-number.js';
import {
  checkDueOn,
  drillClocks,
  evaluationDue,
  FILING_DONE,
  type FilingOutcome,
  filingDueOn,
  filingStatus,
  filingTarget,
  GOVERNMENT_DUTIES,
  nextDrillDue,
  type PlanDuties,
  type PlanKind,
  planDuties,
  type ReviewKind,
  revisionNeedsRefiling,
} from '../../../domain/emergency-plan.js';
import { ancestorAt, isWithin, levelOfCode } from '../../../domain/region-code.js';
import { shanghaiDate } from '../../../domain/time.js';
import { type Actor, checkRegionFilter } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { Database, EmergencyPlanRevisionsTable } from '../../db/schema.js';
import { documentsOf, issueDocument } from '../../documents/numbering.js';
import { buildOfficialDocx } from '../../documents/official-docx.js';
import { AppError, fieldError } from '../../errors.js';
import { documentContentType, type ReceivedFile, readStoredFile, storeFile } from '../../uploads/files.js';
import { fileTooLarge } from '../../uploads/receive.js';
import { type AuditEntry, appendAudit } from '../audit/service.js';
import { workingCalendar } from '../calendar/service.js';
import { enterpriseInScope } from '../enterprises/service.js';
import { once } from '../idempotency/service.js';
import { regionNames } from '../regions/lookup.js';
import { cancelDeem, openClocks, scheduleDeem, syncPlanAlerts } from './alerts.js';
import { filingDocumentLayout } from './documents.js';
import { presentPlan, presentSummary } from './presenter.js';
import * as repo from './repo.js';

type Trx = Kysely<Database>;

const today = (ctx: AppContext): LocalDate => shanghaiDate(ctx.now());

/** A day of the plan: not in the future, not before `floor`. */
function checkDay(path: string, day: LocalDate, p: { today: LocalDate; floor?: LocalDate | null; floorName?: string }) {
  if (day > p.today) throw fieldError(path, 'future', '日期不能晚于今天');
  if (p.floor && day < p.floor)
    throw fieldError(path, 'too_early', `日期不能早于${p.floorName ?? p.floor}（${p.floor}）`);
}

/** A working-day period reaching a year without its calendar: 409 CALENDAR_YEAR_MISSING, never a guess. */
function calendarGap(e: unknown): never {
  if (e instanceof CalendarGapError) {
    throw new AppError('CALENDAR_YEAR_MISSING', [{ path: 'year', code: 'not_loaded', message: e.message }], e.message);
  }
  throw e;
}

/** 第二十一条: the listed classes must have 评审 with its 书面评审纪要; the others may do 论证. */
function checkReview(
  duties: PlanDuties,
  input: { reviewKind: ReviewKind; reviewedOn?: string | undefined; reviewSummary?: string | undefined },
) {
  if (duties.reviewRequired && input.reviewKind !== 'review') {
    throw fieldError('reviewKind', 'review_required', '本单位属于第二十一条所列单位，应急预案须经评审（论证不能代替）');
  }
  if (input.reviewKind === 'review') {
    if (!input.reviewedOn) throw fieldError('reviewedOn', 'required', '须填写评审日期');
    if (!input.reviewSummary) throw fieldError('reviewSummary', 'required', '评审须形成书面评审纪要');
  }
}

function ownerOf(p: repo.PlanRow): repo.Owner {
  return { region_code: p.region_code, owner_kind: p.owner_kind, enterprise_id: p.enterprise_id };
}

async function dutiesOf(trx: Trx, o: repo.Owner): Promise<PlanDuties> {
  if (o.owner_kind === 'government' || !o.enterprise_id) return GOVERNMENT_DUTIES;
  const f = await repo.registryFacts(trx, { region_code: o.region_code, id: o.enterprise_id });
  return planDuties({
    sectors: f.sectors,
    industryCode: f.industry_code,
    scale: f.scale,
    majorHazardCount: f.major_hazard_count,
  });
}

/**
 * The filing duty of each plan (第二十六条, 第三十七条; domain filingTarget): the latest version that must be filed, and the
 * publication its last day runs from — an earlier version still unfiled keeps its (overdue) last day.
 */
async function filingRevisions(
  trx: Trx,
  owner: repo.Owner,
  plans: readonly repo.PlanRow[],
  filings: readonly repo.FilingRow[],
) {
  const out = new Map<string, { revision: number; published_on: string }>();
  const all = await repo.ownerRevisions(trx, owner);
  for (const p of plans) {
    const revs = all.filter((r) => r.plan_id === p.id);
    const filed = filings
      .filter((f) => f.plan_id === p.id && (f.status === 'complete' || f.status === 'deemed'))
      .map((f) => f.revision);
    const target = filingTarget(
      revs.map((r) => ({ revision: r.revision, publishedOn: r.published_on, requiresFiling: r.requires_filing })),
      filed,
    );
    if (target) out.set(p.id, { revision: target.revision, published_on: target.fromPublishedOn });
  }
  return out;
}

/**
 * Recomputes the clocks of every plan of the owner, in the caller's transaction, and puts their alert jobs in line.
 * The stored filing status never says "overdue": that follows from the day (filing_open and filing_due_on < today).
 */
async function refreshOwner(trx: Trx, cal: WorkingCalendar, owner: repo.Owner, now: Date): Promise<void> {
  const plans = await repo.ownerPlans(trx, owner, true);
  if (plans.length === 0) return;
  const duties = await dutiesOf(trx, owner);
  const drills = await repo.ownerDrills(trx, owner);
  const filings = await repo.ownerFilings(trx, owner);
  const evaluations = await repo.ownerEvaluations(trx, owner);
  const toFile = await filingRevisions(trx, owner, plans, filings);
  const clocks = drillClocks(cal, {
    owner: owner.owner_kind,
    highRisk: duties.highRisk,
    plans: plans.map((p) => ({ id: p.id, kind: p.kind, publishedOn: p.first_published_on })),
    drills: drills.map((d) => ({
      planKind: d.plan_kind as PlanKind,
      drilledOn: d.drilled_on,
      reportedOn: d.reported_on,
    })),
  });
  for (const p of plans) {
    const fr = toFile.get(p.id);
    const filingDue = fr ? unlessCalendarGap(() => filingDueOn(cal, fr.published_on)) : null;
    const target = fr?.revision ?? p.revision;
    const last = filings.filter((f) => f.plan_id === p.id && f.revision === target).at(-1);
    const status = filingStatus({
      required: fr !== undefined,
      dueOn: null,
      today: '',
      last: last ? { outcome: last.status === 'submitted' ? null : (last.status as FilingOutcome) } : null,
    });
    const next = nextDrillDue(clocks, owner.owner_kind, p.kind, duties.highRisk);
    const planDrills = drills.filter((d) => d.plan_id === p.id).map((d) => d.drilled_on);
    const evaluation = evaluationDue(cal, {
      required: duties.evaluationRequired,
      publishedOn: p.published_on,
      lastEvaluatedOn: evaluations.get(p.id) ?? null,
    });
    const set = {
      filing_required: duties.filingRequired,
      review_required: duties.reviewRequired,
      high_risk: duties.highRisk,
      evaluation_required: duties.evaluationRequired,
      filing_revision: fr?.revision ?? null,
      filing_status: status,
      filing_due_on: filingDue,
      filing_open: fr !== undefined && !FILING_DONE.has(status) && status !== 'submitted',
      check_due_on: last?.status === 'submitted' ? last.check_due_on : null,
      drill_due_on: next?.due.dueOn ?? null,
      drill_nominal_on: next?.due.nominalOn ?? null,
      last_drilled_on: planDrills.length ? planDrills.reduce((a, b) => (a > b ? a : b)) : null,
      evaluation_due_on: evaluation?.dueOn ?? null,
      evaluation_nominal_on: evaluation?.nominalOn ?? null,
      last_evaluated_on: evaluations.get(p.id) ?? null,
      clock_gap: (fr !== undefined && filingDue === null) || next?.due.dueOn === null || evaluation?.dueOn === null,
    };
    await repo.updatePlan(trx, p, { ...set, updated_at: now });
    await syncPlanAlerts(trx, p, openClocks(p), openClocks({ ...p, ...set }));
  }
}

async function lockedPlan(trx: Trx, actor: Actor, id: string): Promise<repo.PlanRow> {
  const p = await repo.findPlan(trx, actor, id, true);
  if (!p) throw new AppError('NOT_FOUND');
  return p;
}

/** What a write has at hand: its transaction, its moment and the working calendar of its clocks. */
interface Write {
  trx: Trx;
  now: Date;
  cal: WorkingCalendar;
}

/** A write on a request: also the day it is made on (the checks of its dates). */
interface RequestWrite extends Write {
  day: LocalDate;
}

/** The frame of a write on a request: one transaction, once per Idempotency-Key. Gives the id `write` answers. */
async function writeOnce(
  ctx: AppContext,
  actor: Actor,
  request: unknown,
  idempotencyKey: string | undefined,
  write: (w: RequestWrite) => Promise<{ id: string }>,
): Promise<{ id: string }> {
  const now = ctx.now();
  const day = today(ctx);
  const cal = await workingCalendar(ctx);
  const done = await ctx.db.kysely
    .transaction()
    .execute(async (trx) =>
      once(trx, { actor, key: idempotencyKey, regionCode: actor.regionCode, input: request, now }, () =>
        write({ trx, now, day, cal }),
      ),
    );
  return done.body as { id: string };
}

/** A write to one plan, locked (404 outside the jurisdiction): answers the plan as it stands after. */
async function writePlan(
  ctx: AppContext,
  actor: Actor,
  planId: string,
  input: unknown,
  idempotencyKey: string | undefined,
  write: (p: repo.PlanRow, w: RequestWrite) => Promise<{ id: string }>,
): Promise<EmergencyPlan> {
  await writeOnce(ctx, actor, { planId, input }, idempotencyKey, async (w) =>
    write(await lockedPlan(w.trx, actor, planId), w),
  );
  return getPlan(ctx, actor, planId);
}

/** The end of every write: the clocks of the owner's plans recomputed, then, last, its audit row. */
async function settle(
  w: Write,
  actor: Actor | null,
  owner: repo.Owner,
  audit: Omit<AuditEntry, 'entityType' | 'regionCode' | 'at'> & { entityType?: string },
): Promise<void> {
  await refreshOwner(w.trx, w.cal, owner, w.now);
  await appendAudit(w.trx, actor, {
    entityType: 'emergency_plan',
    ...audit,
    regionCode: owner.region_code,
    at: w.now,
  });
}

/** The end of a filing's answer (it was 'submitted'): its plan's owner's clocks, then the audit row. */
async function settleAnswer(w: Write, actor: Actor | null, f: repo.FilingRow, action: string, after: unknown) {
  const p = (await repo.planById(w.trx, f.plan_id)) as repo.PlanRow;
  await settle(w, actor, ownerOf(p), {
    action,
    entityType: 'plan_filing',
    entityId: f.id,
    before: { status: 'submitted' },
    after,
  });
}

function recordedBy(actor: Actor, now: Date) {
  return { recorded_by: actor.userId, recorded_by_name: actor.displayName, recorded_at: now };
}

/**
 * A version of a plan (第三十六条: never an overwrite), as its form gives it, with its signer and its 评审 or 论证.
 * The first version has no trigger and no source drill.
 */
function revisionRow(
  actor: Actor,
  now: Date,
  version: { region_code: string; plan_id: string; revision: number; kind: string; title: string; risks: string[] },
  input: {
    publishedOn: LocalDate;
    signer: string;
    reviewKind: ReviewKind;
    reviewedOn?: LocalDate | undefined;
    reviewSummary?: string | undefined;
  },
  requiresFiling: boolean,
): Insertable<EmergencyPlanRevisionsTable> {
  return {
    ...version,
    published_on: input.publishedOn,
    signer: input.signer,
    review_kind: input.reviewKind,
    reviewed_on: input.reviewedOn ?? null,
    review_summary: input.reviewSummary ?? null,
    trigger: null,
    trigger_note: null,
    requires_filing: requiresFiling,
    source_drill_id: null,
    ...recordedBy(actor, now),
  };
}

// ————————————————————————————————————————— read

export async function getPlan(ctx: AppContext, actor: Actor, id: string): Promise<EmergencyPlan> {
  const db = ctx.db.kysely;
  const p = await repo.findPlan(db, actor, id);
  if (!p) throw new AppError('NOT_FOUND');
  const owner = ownerOf(p);
  const [revisions, filings, drills, evaluations, attachments, duties, ownerPlans, ownerDrills, names] =
    await Promise.all([
      repo.revisionsOf(db, p),
      repo.filingsOf(db, p),
      repo.drillsOf(db, p),
      repo.evaluationsOf(db, p),
      repo.attachmentsOf(db, p),
      dutiesOf(db, owner),
      repo.ownerPlans(db, owner),
      repo.ownerDrills(db, owner),
      regionNames(ctx.db, [p.region_code]),
    ]);
  const bureauNames = await regionNames(
    ctx.db,
    filings.map((f) => f.bureau_region_code),
  );
  const cal = await workingCalendar(ctx);
  const clocks = drillClocks(cal, {
    owner: p.owner_kind,
    highRisk: duties.highRisk,
    plans: ownerPlans.map((x) => ({ id: x.id, kind: x.kind, publishedOn: x.first_published_on })),
    drills: ownerDrills.map((d) => ({
      planKind: d.plan_kind as PlanKind,
      drilledOn: d.drilled_on,
      reportedOn: d.reported_on,
    })),
  });
  return presentPlan({
    p,
    regionName: names.get(p.region_code) ?? p.region_code,
    bureauNames,
    duties,
    revisions,
    filings,
    drills,
    evaluations,
    attachments,
    drillClocks: clocks,
    today: today(ctx),
  });
}

export async function listPlans(ctx: AppContext, actor: Actor, q: PlanListQuery): Promise<PlanPage> {
  checkRegionFilter(actor, q.regionCode);
  const day = today(ctx);
  const { rows, total } = await repo.listPlans(ctx.db.kysely, actor, q, day);
  const names = await regionNames(
    ctx.db,
    rows.map((r) => r.region_code),
  );
  return {
    items: rows.map((r) => presentSummary(r, names.get(r.region_code) ?? r.region_code, day)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

// ————————————————————————————————————————— writes

export async function createPlan(
  ctx: AppContext,
  actor: Actor,
  input: CreatePlanInput,
  idempotencyKey?: string,
): Promise<EmergencyPlan> {
  if (input.ownerKind === 'government' && actor.orgKind !== 'bureau') throw new AppError('FORBIDDEN');
  checkDay('publishedOn', input.publishedOn, { today: today(ctx) });
  const { id } = await writeOnce(ctx, actor, input, idempotencyKey, async (w) => {
    const { trx, now } = w;
    let owner: repo.Owner;
    let ownerName: string;
    let creditCode: string | null = null;
    if (input.ownerKind === 'enterprise') {
      const e = await enterpriseInScope(trx, actor, input.enterpriseId as string);
      owner = { region_code: e.region_code, owner_kind: 'enterprise', enterprise_id: e.id };
      ownerName = e.name;
      creditCode = e.credit_code;
    } else {
      owner = { region_code: actor.regionCode, owner_kind: 'government', enterprise_id: null };
      ownerName = actor.orgName;
    }
    const duties = await dutiesOf(trx, owner);
    checkReview(duties, input);
    const id = uuidv7();
    await repo.insertPlan(trx, {
      id,
      region_code: owner.region_code,
      owner_kind: owner.owner_kind,
      enterprise_id: owner.enterprise_id,
      owner_name: ownerName,
      credit_code: creditCode,
      kind: input.kind,
      title: input.title,
      published_on: input.publishedOn,
      first_published_on: input.publishedOn,
      filing_required: duties.filingRequired,
      review_required: duties.reviewRequired,
      high_risk: duties.highRisk,
      evaluation_required: duties.evaluationRequired,
      filing_status: duties.filingRequired ? 'pending' : 'not_required',
      created_by: actor.userId,
      created_by_name: actor.displayName,
      created_at: now,
      updated_at: now,
    });
    const version = {
      region_code: owner.region_code,
      plan_id: id,
      revision: 1,
      kind: input.kind,
      title: input.title,
      risks: input.risks,
    };
    await repo.insertRevision(trx, revisionRow(actor, now, version, input, duties.filingRequired));
    await settle(w, actor, owner, { action: 'emergency_plan.create', entityId: id, after: { ...input, ownerName } });
    return { id };
  });
  return getPlan(ctx, actor, id);
}

/**
 * The bureau a filing is made to (分级属地, 第二十六条): a 县级以上 region containing the enterprise (its county, city,
 * province); by default the county's.
 */
async function filingBureau(ctx: AppContext, p: repo.PlanRow, asked: string | undefined): Promise<string> {
  const county = ancestorAt(p.region_code, 'county');
  if (asked === undefined) return county;
  const level = levelOfCode(asked);
  if (asked.length !== 6 || level === 'national' || !isWithin(p.region_code, asked)) {
    throw fieldError('bureauRegionCode', 'outside', '备案部门须为本单位所在地的县级以上应急管理部门（分级属地）');
  }
  if (!(await regionNames(ctx.db, [asked])).has(asked))
    throw fieldError('bureauRegionCode', 'not_found', '行政区划不存在');
  return asked;
}

/** 备案 (第二十六条, 第二十七条): the enterprise submits its plan's version that must be filed; the bureau has 5 working days. */
export async function submitFiling(
  ctx: AppContext,
  actor: Actor,
  planId: string,
  input: FileInput,
  idempotencyKey?: string,
): Promise<EmergencyPlan> {
  return writePlan(ctx, actor, planId, input, idempotencyKey, async (p, w) => {
    if (p.owner_kind !== 'enterprise') throw new AppError('PLAN_FILING_NOT_NEEDED');
    if (p.check_due_on) throw new AppError('PLAN_FILING_PENDING');
    if (p.filing_status === 'filed' || p.filing_status === 'deemed') throw new AppError('PLAN_FILING_NOT_NEEDED');
    let due: LocalDate;
    try {
      due = checkDueOn(w.cal, w.day);
    } catch (e) {
      calendarGap(e);
    }
    const bureau = await filingBureau(ctx, p, input.bureauRegionCode);
    const id = uuidv7();
    const filing = { region_code: p.region_code, id };
    const revision = p.filing_revision ?? p.revision;
    await repo.insertFiling(w.trx, {
      ...filing,
      plan_id: p.id,
      revision,
      received_on: w.day,
      check_due_on: due,
      bureau_region_code: bureau,
      materials: input.materials,
      note: input.note ?? null,
      status: 'submitted',
      submitted_by: actor.userId,
      submitted_by_name: actor.displayName,
      submitted_at: w.now,
    });
    await scheduleDeem(w.trx, filing, due);
    await settle(w, actor, ownerOf(p), {
      action: 'emergency_plan.file',
      entityType: 'plan_filing',
      entityId: id,
      after: { planId: p.id, revision, materials: input.materials, checkDueOn: due, bureauRegionCode: bureau },
    });
    return { id };
  });
}

/** 审核 (第二十八条): complete → 备案登记表 with its number; incomplete → one notice listing everything missing. */
export async function decideFiling(
  ctx: AppContext,
  actor: Actor,
  filingId: string,
  input: DecideInput,
): Promise<EmergencyPlan> {
  if (actor.orgKind !== 'bureau') throw new AppError('FORBIDDEN');
  const now = ctx.now();
  const day = today(ctx);
  const cal = await workingCalendar(ctx);
  const result = await ctx.db.kysely.transaction().execute(async (trx) => {
    const f = await repo.findFiling(trx, actor, filingId, true);
    if (!f) throw new AppError('NOT_FOUND');
    // 分级属地: only the bureau the filing was made to answers it (its number on the 登记表 or the notice).
    if (f.bureau_region_code !== actor.regionCode) {
      const message = '该备案不是向本部门报送的，由受理备案的应急管理部门审核';
      throw new AppError('FORBIDDEN', [{ path: 'bureauRegionCode', code: 'other_bureau', message }], message);
    }
    if (f.status !== 'submitted') throw new AppError('PLAN_FILING_DECIDED');
    // The 5 working days passed unanswered: it is filed already (the clock may not have run yet).
    if (day > f.check_due_on) {
      await deem(trx, ctx, cal, f);
      await cancelDeem(trx, f);
      return { planId: f.plan_id, late: true };
    }
    const kind = input.complete ? 'plan_filing_record' : 'plan_filing_notice';
    const doc = await issueDocument(trx, actor, {
      kind,
      subjectType: 'plan_filing',
      subjectId: f.id,
      subjectRegionCode: f.region_code,
      at: now,
    });
    const missing = input.complete ? [] : (input.missing ?? []);
    await repo.decideFiling(trx, {
      region_code: f.region_code,
      filing_id: f.id,
      outcome: input.complete ? 'complete' : 'incomplete',
      missing,
      note: input.note ?? null,
      number: doc.number,
      document_id: doc.id,
      decided_on: day,
      decided_at: now,
      decided_by: actor.userId,
      decided_by_name: actor.displayName,
      decided_org: actor.orgName,
    });
    await cancelDeem(trx, f);
    await settleAnswer(
      { trx, now, cal },
      actor,
      f,
      input.complete ? 'emergency_plan.filing_complete' : 'emergency_plan.filing_incomplete',
      { status: input.complete ? 'complete' : 'incomplete', missing, number: doc.number },
    );
    return { planId: f.plan_id, late: false };
  });
  if (result.late) {
    throw new AppError(
      'PLAN_FILING_DECIDED',
      [{ path: 'complete', code: 'deemed', message: '审核期限已过，依照第二十八条已视为备案' }],
      '审核期限已过，依照第二十八条已视为备案',
    );
  }
  return getPlan(ctx, actor, result.planId);
}

/** 视为已备案 (第二十八条), in the caller's transaction: the filing's answer by the platform, audited as the system's. */
async function deem(trx: Trx, ctx: AppContext, cal: WorkingCalendar, f: repo.FilingRow): Promise<boolean> {
  const now = ctx.now();
  const ok = await repo.decideFiling(trx, {
    region_code: f.region_code,
    filing_id: f.id,
    outcome: 'deemed',
    missing: [],
    note: '审核期限届满未予答复，视为已备案（应急预案管理办法第二十八条）',
    number: null,
    document_id: null,
    decided_on: f.check_due_on,
    decided_at: now,
    decided_by: null,
    decided_by_name: '系统',
    decided_org: '安监平台',
  });
  if (!ok) return false;
  await settleAnswer({ trx, now, cal }, null, f, 'emergency_plan.filing_deemed', {
    status: 'deemed',
    checkDueOn: f.check_due_on,
  });
  return true;
}

/** The clock's handler ('emergency-plans.deem'): once the 5th working day has ended with no answer. Idempotent. */
export async function deemFiling(ctx: AppContext, filingId: string): Promise<void> {
  const cal = await workingCalendar(ctx);
  const day = today(ctx);
  const deemed = await ctx.db.kysely.transaction().execute(async (trx) => {
    const f = await repo.filingById(trx, filingId, true);
    if (f?.status !== 'submitted' || day <= f.check_due_on) return null;
    return (await deem(trx, ctx, cal, f)) ? f : null;
  });
  if (!deemed) return;
  const p = await repo.planById(ctx.db.kysely, deemed.plan_id);
  if (!p) return;
  ctx.bus.publish({
    type: 'emergency_plan.alert',
    regionCode: p.region_code,
    at: ctx.now().toISOString(),
    unitCreditCode: p.credit_code,
    // The check's 5 working days passed unanswered: deemed filed (第二十八条).
    data: {
      id: p.id,
      unitName: p.owner_name,
      title: p.title,
      clock: 'check',
      stage: 'passed',
      deemed: true,
      dueOn: deemed.check_due_on,
    },
  });
}

/** 演练 (第三十三条) with its 演练评估报告 (第三十四条). */
export async function recordDrill(
  ctx: AppContext,
  actor: Actor,
  planId: string,
  input: DrillInput,
  idempotencyKey?: string,
): Promise<EmergencyPlan> {
  return writePlan(ctx, actor, planId, input, idempotencyKey, async (p, w) => {
    checkDay('drilledOn', input.drilledOn, { today: w.day, floor: p.first_published_on, floorName: '预案发布日期' });
    if (input.evaluation) checkDay('evaluation.evaluatedOn', input.evaluation.evaluatedOn, { today: w.day });
    if (input.reportedOn) checkDay('reportedOn', input.reportedOn, { today: w.day });
    const id = uuidv7();
    await repo.insertDrill(w.trx, {
      id,
      region_code: p.region_code,
      plan_id: p.id,
      plan_kind: p.kind,
      drilled_on: input.drilledOn,
      form: input.form,
      participants: input.participants,
      participant_units: input.participantUnits ?? null,
      scenario: input.scenario,
      evaluated_on: input.evaluation?.evaluatedOn ?? null,
      evaluation_summary: input.evaluation?.summary ?? null,
      problems: JSON.stringify(input.evaluation?.problems ?? []),
      reported_on: input.reportedOn ?? null,
      ...recordedBy(actor, w.now),
    });
    await settle(w, actor, ownerOf(p), {
      action: 'emergency_plan.drill',
      entityId: p.id,
      after: { drillId: id, ...input },
    });
    return { id };
  });
}

/** 修订 (第三十六条): a new version, never an overwrite; 第三十七条 decides whether it is filed again. */
export async function revisePlan(
  ctx: AppContext,
  actor: Actor,
  planId: string,
  input: RevisionInput,
  idempotencyKey?: string,
): Promise<EmergencyPlan> {
  return writePlan(ctx, actor, planId, input, idempotencyKey, async (p, w) => {
    const { trx } = w;
    checkDay('publishedOn', input.publishedOn, { today: w.day, floor: p.published_on, floorName: '现行版本发布日期' });
    if (input.sourceDrillId) {
      const drills = await repo.drillsOf(trx, p);
      if (!drills.some((d) => d.id === input.sourceDrillId))
        throw fieldError('sourceDrillId', 'not_found', '不是本预案的演练');
    }
    const duties = await dutiesOf(trx, ownerOf(p));
    checkReview(duties, input);
    const previous = (await repo.revisionsOf(trx, p)).at(-1) as repo.RevisionRow;
    const revision = p.revision + 1;
    const title = input.title ?? previous.title;
    const requiresFiling = duties.filingRequired && revisionNeedsRefiling(input.changes);
    const version = {
      region_code: p.region_code,
      plan_id: p.id,
      revision,
      kind: p.kind,
      title,
      risks: input.risks ?? previous.risks,
    };
    await repo.insertRevision(trx, {
      ...revisionRow(actor, w.now, version, input, requiresFiling),
      trigger: input.trigger,
      trigger_note: input.triggerNote ?? null,
      changes: input.changes,
      source_drill_id: input.sourceDrillId ?? null,
    });
    await repo.updatePlan(trx, p, { revision, title, published_on: input.publishedOn, version: p.version + 1 });
    await settle(w, actor, ownerOf(p), {
      action: 'emergency_plan.revise',
      entityId: p.id,
      before: { revision: p.revision, title: p.title, publishedOn: p.published_on },
      after: { revision, ...input, requiresFiling },
    });
    return { id: p.id };
  });
}

/** 评估 (第三十五条). */
export async function recordEvaluation(
  ctx: AppContext,
  actor: Actor,
  planId: string,
  input: EvaluationInput,
  idempotencyKey?: string,
): Promise<EmergencyPlan> {
  return writePlan(ctx, actor, planId, input, idempotencyKey, async (p, w) => {
    // It is recorded against the current version: not before that version was published.
    checkDay('evaluatedOn', input.evaluatedOn, {
      today: w.day,
      floor: p.published_on,
      floorName: '现行版本发布日期',
    });
    const id = uuidv7();
    await repo.insertEvaluation(w.trx, {
      id,
      region_code: p.region_code,
      plan_id: p.id,
      revision: p.revision,
      evaluated_on: input.evaluatedOn,
      conclusion: input.conclusion,
      revision_needed: input.revisionNeeded,
      ...recordedBy(actor, w.now),
    });
    await settle(w, actor, ownerOf(p), {
      action: 'emergency_plan.evaluate',
      entityId: p.id,
      after: { evaluationId: id, ...input },
    });
    return { id: p.id };
  });
}

/** The 备案登记表 or the 补正告知书 of an answered filing, as an official .docx. */
export async function filingDocument(
  ctx: AppContext,
  actor: Actor,
  filingId: string,
): Promise<{ fileName: string; data: Buffer }> {
  const f = await repo.findFiling(ctx.db.kysely, actor, filingId);
  if (!f?.document_id) throw new AppError('NOT_FOUND');
  const docs = await documentsOf(ctx.db, {
    subjectType: 'plan_filing',
    subjectId: f.id,
    subjectRegionCode: f.region_code,
  });
  const doc = docs.find((d) => d.id === f.document_id);
  const p = await repo.planById(ctx.db.kysely, f.plan_id);
  if (!doc || !p) throw new AppError('NOT_FOUND');
  const revision = (await repo.revisionsOf(ctx.db.kysely, p)).find((r) => r.revision === f.revision);
  const data = await buildOfficialDocx(filingDocumentLayout(p, f, revision, doc));
  return { fileName: `${DOCUMENT_KINDS[doc.kind].title}-${p.owner_name}.docx`, data };
}

/**
 * 附件: a file of the plan's current version, kept by its content (uploads/files.ts: the same bytes are stored once).
 * PDF, Word (.docx) or Excel (.xlsx), recognised from the bytes, at most 20 MB.
 */
export async function uploadAttachment(
  ctx: AppContext,
  actor: Actor,
  planId: string,
  kind: AttachmentKind,
  received: Omit<ReceivedFile, 'contentType'>,
): Promise<PlanAttachmentView> {
  if (received.size > ATTACHMENT_MAX_BYTES) throw fileTooLarge(ATTACHMENT_MAX_BYTES, '附件');
  if ([...received.fileName].length > ATTACHMENT_FILE_NAME_MAX) {
    throw fieldError('file', 'name_too_long', `文件名不能超过${ATTACHMENT_FILE_NAME_MAX}个字符`);
  }
  const contentType = documentContentType(received.data);
  if (!contentType) throw fieldError('file', 'unsupported_type', '附件须为 PDF、Word（.docx）或 Excel（.xlsx）文件');
  const now = ctx.now();
  const id = uuidv7();
  const revision = await ctx.db.kysely.transaction().execute(async (trx) => {
    const p = await lockedPlan(trx, actor, planId);
    await storeFile(trx, { ...received, contentType }, now);
    await repo.insertAttachment(trx, {
      id,
      region_code: p.region_code,
      plan_id: p.id,
      revision: p.revision,
      kind,
      sha256: received.sha256,
      file_name: received.fileName || `${kind}`,
      content_type: contentType,
      size: received.size,
      uploaded_by: actor.userId,
      uploaded_by_name: actor.displayName,
      uploaded_at: now,
    });
    await appendAudit(trx, actor, {
      action: 'emergency_plan.attach',
      entityType: 'emergency_plan',
      entityId: p.id,
      regionCode: p.region_code,
      at: now,
      after: { attachmentId: id, kind, fileName: received.fileName, sha256: received.sha256, size: received.size },
    });
    return p.revision;
  });
  return {
    id,
    revision,
    kind,
    fileName: received.fileName || kind,
    contentType,
    size: received.size,
    sha256: received.sha256,
    uploadedByName: actor.displayName,
    uploadedAt: now.toISOString(),
  };
}

export async function attachmentFile(ctx: AppContext, actor: Actor, planId: string, attachmentId: string) {
  const p = await repo.findPlan(ctx.db.kysely, actor, planId);
  if (!p) throw new AppError('NOT_FOUND');
  const row = (await repo.attachmentsOf(ctx.db.kysely, p)).find((a) => a.id === attachmentId);
  const file = row && (await readStoredFile(ctx.db.kysely, row.sha256));
  if (!row || !file) throw new AppError('NOT_FOUND');
  return { row, data: file.data };
}

/**
 * Plans whose clocks reached a year without an official calendar, looked at again (a year may have been loaded since).
 * Derived state only: the clocks and their alerts.
 */
export async function resolveCalendarGaps(ctx: AppContext): Promise<number> {
  const cal = await workingCalendar(ctx);
  const covered = new Set(cal.coveredYears());
  let resolved = 0;
  const seen = new Set<string>();
  for (const p of await repo.plansWithClockGap(ctx.db.kysely, 500)) {
    const key = `${p.region_code}:${p.owner_kind}:${p.enterprise_id ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // Only when a year it waits for has been loaded since (a working-day filing period: any year may be it).
    const waits = [
      p.drill_due_on === null ? p.drill_nominal_on : null,
      p.evaluation_due_on === null ? p.evaluation_nominal_on : null,
    ].filter((d): d is string => d !== null);
    const filingGap = p.filing_revision !== null && p.filing_due_on === null;
    if (!filingGap && !waits.some((d) => covered.has(Number(d.slice(0, 4))))) continue;
    await ctx.db.kysely.transaction().execute((trx) => refreshOwner(trx, cal, ownerOf(p), ctx.now()));
    resolved++;
  }
  return resolved;
}
