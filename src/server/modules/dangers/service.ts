/**
 * 隐患排查治理: a hidden danger's closed loop (issue 10 §3). Found → ordered fixed by a deadline (or fixed on the spot)
 * → 治理方案 (重大) → fixed and reported → 复查 within 10 days → closed; 重大 also 销号 by the bureau. Extensions are asked
 * 10 days before the deadline and answered within 5 (原总局令第15号 第十七条). Rules: domain/hidden-danger.ts.
 *
 * Checks, in order: the role (routes: 403), the jurisdiction (404: a danger outside it is not shown to exist), the
 * request's fields (400), then the danger's state (409/422). Every write appends the danger's history event and its
 * audit row in the same transaction, and (re)schedules its clocks there (alerts.ts).
 */
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type {
  CloseInput,
  CompletionInput,
  CreateDangerInput,
  DangerListQuery,
  DangerPage,
  DangerPlanInput,
  DangerStats,
  DangerStatsQuery,
  DangerStatsRow,
  ExtensionDecisionInput,
  ExtensionRequestInput,
  HiddenDanger,
  RecheckInput,
} from '../../../contracts/hidden-dangers.js';
import { addCalendarDays, type LocalDate } from '../../../domain/calendar.js';
import { standardItem } from '../../../domain/danger-standards.js';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../domain/document-number.js';
import {
  closeBlockers,
  type DangerLevel,
  extensionAnswerDueOn,
  extensionOnTime,
  recheckDueOn,
} from '../../../domain/hidden-danger.js';
import { CHILD_KEY_LENGTH, levelOfCode, subtreePrefix } from '../../../domain/region-code.js';
import { shanghaiDate } from '../../../domain/time.js';
import { type Actor, checkRegionFilter } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { documentsOf, issueDocument } from '../../documents/numbering.js';
import { buildOfficialDocx } from '../../documents/official-docx.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { enterpriseInScope } from '../enterprises/service.js';
import { once } from '../idempotency/service.js';
import { childLabel, lookupRegion, withRegionNames } from '../regions/lookup.js';
import { cancelDangerClock, scheduleDangerClock } from './alerts.js';
import { dangerDocumentLayout } from './documents.js';
import { presentDanger, presentSummary } from './presenter.js';
import * as repo from './repo.js';

type Trx = Kysely<Database>;

function invalid(path: string, code: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', [{ path, code, message }]);
}

/** The danger in scope, locked for the change, or 404. */
async function lockedDanger(trx: Trx, actor: Actor, id: string): Promise<repo.DangerRow> {
  const d = await repo.findDanger(trx, actor, id, true);
  if (!d) throw new AppError('NOT_FOUND');
  return d;
}

function refuseClosed(d: repo.DangerRow): void {
  if (d.closed_on) throw new AppError('DANGER_CLOSED');
}

/** One change of a danger: its state, its history event and its audit row, in the caller's transaction. */
async function record(
  trx: Trx,
  actor: Actor,
  d: repo.DangerRow,
  change: { kind: string; set?: Parameters<typeof repo.updateDanger>[2]; note?: string | null; data?: object },
  now: Date,
): Promise<void> {
  if (change.set) await repo.updateDanger(trx, d, change.set, now);
  await repo.appendEvent(trx, {
    region_code: d.region_code,
    danger_id: d.id,
    kind: change.kind,
    at: now,
    actor_id: actor.userId,
    actor_name: actor.displayName,
    actor_org: actor.orgName,
    note: change.note ?? null,
    data: JSON.stringify(change.data ?? {}),
  });
  await appendAudit(trx, actor, {
    action: `danger.${change.kind}`,
    entityType: 'hidden_danger',
    entityId: d.id,
    regionCode: d.region_code,
    at: now,
    before: change.set ? pick(d, Object.keys(change.set)) : undefined,
    after: { ...(change.set ?? {}), ...(change.note ? { note: change.note } : {}), ...(change.data ?? {}) },
  });
}

function pick(d: repo.DangerRow, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => k in d).map((k) => [k, d[k as keyof repo.DangerRow]]));
}

/** The full view, read after commit (region names come from the region cache, outside the transaction). */
async function view(ctx: AppContext, actor: Actor, id: string): Promise<HiddenDanger> {
  const db = ctx.db.kysely;
  const d = await repo.findDanger(db, actor, id);
  if (!d) throw new AppError('NOT_FOUND');
  const [history, extensions, region, documents] = await Promise.all([
    repo.historyOf(db, d),
    repo.extensionsOf(db, d),
    lookupRegion(ctx.db, d.region_code),
    documentsOf(db, subjectOf(d)),
  ]);
  return presentDanger(
    d,
    { history, extensions, regionName: region?.full_name ?? d.region_code, documents },
    today(ctx),
  );
}

const today = (ctx: AppContext): LocalDate => shanghaiDate(ctx.now());

const subjectOf = (d: { region_code: string; id: string }) => ({
  subjectType: 'hidden_danger',
  subjectId: d.id,
  subjectRegionCode: d.region_code,
});

/** Issues a 执法文书 of the actor's bureau about the danger (numbered in this transaction) and records it. */
async function issue(trx: Trx, actor: Actor, d: { region_code: string; id: string }, kind: DocumentKind, now: Date) {
  const doc = await issueDocument(trx, actor, { kind, ...subjectOf(d), at: now });
  await repo.appendEvent(trx, {
    region_code: d.region_code,
    danger_id: d.id,
    kind: 'document',
    at: now,
    actor_id: actor.userId,
    actor_name: actor.displayName,
    actor_org: actor.orgName,
    note: doc.number,
    data: JSON.stringify({ documentKind: kind, number: doc.number }),
  });
}

// ————————————————————————————————————————— found

/** The source as the actor may give it: an enterprise's own finding is 自查自报; a bureau's is not. */
function sourceOf(actor: Actor, input: CreateDangerInput) {
  if (actor.orgKind === 'enterprise') {
    if (input.source && input.source !== 'self_check') {
      throw invalid('source', 'enterprise_self_check', '企业报告的隐患来源只能是自查自报（self_check）');
    }
    return 'self_check' as const;
  }
  if (input.source === 'self_check')
    throw invalid('source', 'bureau_source', '监管部门登记的隐患来源不能是企业自查自报');
  return input.source ?? 'inspection';
}

/** What the order says, checked against the danger's level (重大: 判定标准 item, deadline, 现场处理措施). */
function orderOf(actor: Actor, input: CreateDangerInput, foundOn: LocalDate, now: LocalDate) {
  const level: DangerLevel = input.level;
  if (foundOn > now) throw invalid('foundOn', 'future', '发现日期不能晚于今天');
  const rectification = input.rectification ?? 'deadline';
  if (level === 'major') {
    if (!input.standardItem) throw invalid('standardItem', 'required', '重大事故隐患须注明所依据的判定标准条款');
    if (!standardItem(input.standardItem)) throw invalid('standardItem', 'unknown_item', '不是已收录的判定标准条款');
    if (rectification === 'immediate')
      throw invalid('rectification', 'major_immediate', '重大事故隐患不能当场整改，须限期治理');
    if (actor.orgKind === 'bureau' && !input.immediateMeasures?.length) {
      throw invalid('immediateMeasures', 'required', '重大事故隐患须采取现场处理措施（安全生产法第六十五条）');
    }
  } else if (input.standardItem) {
    throw invalid('standardItem', 'general_level', '一般事故隐患不填写重大隐患判定标准');
  } else if (input.immediateMeasures?.length) {
    // 现场处理措施决定书 is the order of 安全生产法 第六十五条 for a 重大 danger: a 一般 one never gets it.
    throw invalid(
      'immediateMeasures',
      'general_level',
      '一般事故隐患不采取现场处理措施（撤出人员、停产停业、停止使用）',
    );
  }
  if (input.immediateMeasures && new Set(input.immediateMeasures).size !== input.immediateMeasures.length) {
    throw invalid('immediateMeasures', 'duplicate', '现场处理措施不能重复');
  }
  const needsDeadline = rectification === 'deadline' && (level === 'major' || actor.orgKind === 'bureau');
  if (needsDeadline && !input.deadline) throw invalid('deadline', 'required', '限期整改须填写整改期限');
  if (input.deadline && rectification === 'immediate') throw invalid('deadline', 'immediate', '当场整改不填写整改期限');
  if (input.deadline && input.deadline < foundOn) throw invalid('deadline', 'before_found', '整改期限不能早于发现日期');
  return { level, rectification, deadline: input.deadline ?? null };
}

export async function createDanger(
  ctx: AppContext,
  actor: Actor,
  input: CreateDangerInput,
  idempotencyKey?: string,
): Promise<HiddenDanger> {
  const now = ctx.now();
  const done = await ctx.db.kysely.transaction().execute(async (trx) => {
    const enterprise = await enterpriseInScope(trx, actor, input.enterpriseId);
    return once(trx, { actor, key: idempotencyKey, regionCode: enterprise.region_code, input, now }, () =>
      insertDanger(trx, actor, enterprise, input, { now, today: shanghaiDate(now) }),
    );
  });
  return view(ctx, actor, (done.body as { id: string }).id);
}

/**
 * Records a danger found, with its order, documents and clocks, in the caller's transaction — for the danger
 * register and for an inspection's 不符合 items (then `inspectionId` links it). The enterprise is already in scope.
 */
export async function insertDanger(
  trx: Trx,
  actor: Actor,
  enterprise: { id: string; region_code: string },
  input: CreateDangerInput,
  at: { now: Date; today: LocalDate; inspectionId?: string },
): Promise<{ id: string }> {
  const { now } = at;
  const foundOn = input.foundOn ?? at.today;
  const source = sourceOf(actor, input);
  const order = orderOf(actor, input, foundOn, at.today);
  const id = uuidv7();
  // 当场整改: fixed and verified on the spot — found, fixed, checked and closed the same day.
  const immediate = order.rectification === 'immediate';
  await repo.insertDanger(trx, {
    id,
    region_code: enterprise.region_code,
    enterprise_id: enterprise.id,
    level: order.level,
    source,
    description: input.description,
    location: input.location ?? null,
    standard_item: input.standardItem ?? null,
    found_on: foundOn,
    rectification: order.rectification,
    measures: input.measures ?? null,
    deadline: order.deadline,
    immediate_measures: input.immediateMeasures ?? [],
    completed_on: immediate ? foundOn : null,
    rechecked_on: immediate ? foundOn : null,
    recheck_passed: immediate ? true : null,
    closed_at: immediate ? now : null,
    closed_on: immediate ? foundOn : null,
    // 安全生产法 第四十一条: 重大事故隐患 are supervised (督办) until 销号.
    supervised: order.level === 'major',
    inspection_id: at.inspectionId ?? null,
    reported_by: actor.userId,
    reported_by_name: actor.displayName,
    reported_by_org: actor.orgName,
    created_at: now,
    updated_at: now,
  });
  const d = { region_code: enterprise.region_code, id } as repo.DangerRow;
  await record(
    trx,
    actor,
    d,
    {
      kind: 'report',
      data: {
        dangerLevel: order.level,
        source,
        deadline: order.deadline,
        rectification: order.rectification,
        ...(at.inspectionId ? { inspectionId: at.inspectionId } : {}),
      },
    },
    now,
  );
  if (immediate) await record(trx, actor, d, { kind: 'close', note: '当场整改完毕' }, now);
  // A bureau's order is a 执法文书: 责令限期整改指令书, and for a 重大 danger the 现场处理措施决定书 (第六十五条).
  if (actor.orgKind === 'bureau' && order.deadline && !immediate) {
    await issue(trx, actor, d, 'rectification_order', now);
    if (input.immediateMeasures?.length) await issue(trx, actor, d, 'on_site_decision', now);
  }
  if (order.deadline && !immediate) await scheduleDangerClock(trx, d, 'rectification', order.deadline);
  return { id };
}

// ————————————————————————————————————————— read

export async function getDanger(ctx: AppContext, actor: Actor, id: string): Promise<HiddenDanger> {
  return view(ctx, actor, id);
}

export async function listDangers(ctx: AppContext, actor: Actor, q: DangerListQuery): Promise<DangerPage> {
  checkRegionFilter(actor, q.regionCode);
  const todayDate = today(ctx);
  const { items, total, totalExact } = await repo.listDangers(ctx.db.kysely, actor, q, todayDate);
  return {
    items: await withRegionNames(ctx.db, items, (d, name) => presentSummary(d, name, todayDate)),
    total,
    totalExact,
    page: q.page,
    pageSize: q.pageSize,
  };
}

// ————————————————————————————————————————— 治理方案

export async function filePlan(
  ctx: AppContext,
  actor: Actor,
  id: string,
  plan: DangerPlanInput,
): Promise<HiddenDanger> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const d = await lockedDanger(trx, actor, id);
    refuseClosed(d);
    if (d.level !== 'major') throw new AppError('DANGER_NOT_MAJOR');
    await record(
      trx,
      actor,
      d,
      { kind: 'plan', set: { plan: JSON.stringify(plan), plan_filed_at: now }, data: {} },
      now,
    );
  });
  return view(ctx, actor, id);
}

// ————————————————————————————————————————— 延期

export async function requestExtension(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: ExtensionRequestInput,
): Promise<HiddenDanger> {
  const now = ctx.now();
  const filedOn = today(ctx);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const d = await lockedDanger(trx, actor, id);
    refuseClosed(d);
    if (!d.deadline) throw new AppError('DANGER_NO_DEADLINE');
    if (d.completed_on) throw new AppError('DANGER_ALREADY_COMPLETED');
    if (input.newDeadline <= d.deadline) throw invalid('newDeadline', 'not_later', '延期后的期限须晚于原整改期限');
    // 原总局令第15号 第十七条: at least 10 days before the deadline.
    if (!extensionOnTime(d.deadline, filedOn)) {
      throw new AppError('EXTENSION_TOO_LATE', [
        {
          path: 'newDeadline',
          code: 'too_late',
          message: `整改期限为${d.deadline}，申请最迟应于${addCalendarDays(d.deadline, -10)}提出`,
        },
      ]);
    }
    if (await repo.pendingExtension(trx, d)) throw new AppError('EXTENSION_PENDING');
    const answerDueOn = extensionAnswerDueOn(filedOn);
    const extId = uuidv7();
    await repo.insertExtension(trx, {
      id: extId,
      region_code: d.region_code,
      danger_id: d.id,
      requested_on: filedOn,
      old_deadline: d.deadline,
      new_deadline: input.newDeadline,
      reason: input.reason,
      answer_due_on: answerDueOn,
      requested_by: actor.userId,
      requested_by_name: actor.displayName,
      requested_at: now,
    });
    await record(
      trx,
      actor,
      d,
      {
        kind: 'extension_request',
        note: input.reason,
        data: { extensionId: extId, newDeadline: input.newDeadline, answerDueOn },
      },
      now,
    );
    await scheduleDangerClock(trx, d, 'extension_answer', answerDueOn);
  });
  return view(ctx, actor, id);
}

export async function decideExtension(
  ctx: AppContext,
  actor: Actor,
  extensionId: string,
  input: ExtensionDecisionInput,
): Promise<HiddenDanger> {
  const now = ctx.now();
  const decidedOn = today(ctx);
  const dangerId = await ctx.db.kysely.transaction().execute(async (trx) => {
    const x = await repo.findExtension(trx, actor, extensionId);
    if (!x) throw new AppError('NOT_FOUND');
    const d = await lockedDanger(trx, actor, x.danger_id);
    if (x.status !== 'pending') throw new AppError('EXTENSION_DECIDED');
    refuseClosed(d);
    await repo.decideExtension(trx, x, {
      status: input.approve ? 'approved' : 'rejected',
      decided_by: actor.userId,
      decided_by_name: actor.displayName,
      decided_at: now,
      decided_on: decidedOn,
      decision_note: input.note ?? null,
    });
    await record(
      trx,
      actor,
      d,
      {
        kind: input.approve ? 'extension_approve' : 'extension_reject',
        set: input.approve ? { deadline: x.new_deadline } : undefined,
        note: input.note ?? null,
        data: { extensionId: x.id, newDeadline: x.new_deadline },
      },
      now,
    );
    await cancelDangerClock(trx, d, 'extension_answer');
    if (input.approve && !d.completed_on) await scheduleDangerClock(trx, d, 'rectification', x.new_deadline);
    return d.id;
  });
  return view(ctx, actor, dangerId);
}

// ————————————————————————————————————————— fixed, re-inspected, closed

export async function reportCompletion(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: CompletionInput,
): Promise<HiddenDanger> {
  const now = ctx.now();
  const completedOn = today(ctx);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const d = await lockedDanger(trx, actor, id);
    refuseClosed(d);
    if (d.completed_on) throw new AppError('DANGER_ALREADY_COMPLETED');
    const due = recheckDueOn(d.deadline, completedOn) as LocalDate;
    await record(
      trx,
      actor,
      d,
      {
        kind: 'completion',
        set: { completed_on: completedOn, completion_note: input.note, recheck_due_on: due, recheck_passed: null },
        note: input.note,
        data: { evidence: input.evidence, recheckDueOn: due },
      },
      now,
    );
    await cancelDangerClock(trx, d, 'rectification');
    await scheduleDangerClock(trx, d, 'recheck', due);
  });
  return view(ctx, actor, id);
}

export async function recheck(ctx: AppContext, actor: Actor, id: string, input: RecheckInput): Promise<HiddenDanger> {
  const now = ctx.now();
  const on = today(ctx);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const d = await lockedDanger(trx, actor, id);
    refuseClosed(d);
    if (!d.completed_on || d.recheck_passed === true) throw new AppError('DANGER_NOT_AWAITING_RECHECK');
    await cancelDangerClock(trx, d, 'recheck');
    if (!input.passed) {
      // 整改复查意见书 未通过: the danger is open again on its deadline — or on the new one the bureau orders, which a
      // danger without one must get, else no clock would ever run for it — and a penalty case is suggested
      // (安全生产法 第一百零二条: 未采取措施消除事故隐患).
      const deadline = input.newDeadline ?? d.deadline;
      if (!deadline) throw invalid('newDeadline', 'required', '复查未通过，须责令限期整改：请填写新的整改期限');
      if (input.newDeadline && input.newDeadline < on) {
        throw invalid('newDeadline', 'past', '新的整改期限不能早于今天');
      }
      await record(
        trx,
        actor,
        d,
        {
          kind: 'recheck',
          set: {
            completed_on: null,
            completion_note: null,
            rechecked_on: on,
            recheck_passed: false,
            ...(input.newDeadline ? { deadline: input.newDeadline } : {}),
          },
          note: input.note,
          data: {
            passed: false,
            suggestPenalty: true,
            ...(input.newDeadline ? { newDeadline: input.newDeadline } : {}),
          },
        },
        now,
      );
      await scheduleDangerClock(trx, d, 'rectification', deadline);
      await issue(trx, actor, d, 'recheck_opinion', now);
      return;
    }
    // 一般: the 复查 closes it; 重大: it waits for the bureau's 销号.
    const closes = d.level === 'general';
    await record(
      trx,
      actor,
      d,
      {
        kind: 'recheck',
        set: {
          rechecked_on: on,
          recheck_passed: true,
          ...(closes ? { closed_at: now, closed_on: on } : {}),
        },
        note: input.note,
        data: { passed: true },
      },
      now,
    );
    await issue(trx, actor, d, 'recheck_opinion', now);
  });
  return view(ctx, actor, id);
}

/** A 执法文书 of the danger as a .docx (its file name is its title and number). */
export async function dangerDocument(
  ctx: AppContext,
  actor: Actor,
  id: string,
  documentId: string,
): Promise<{ fileName: string; data: Buffer }> {
  const d = await view(ctx, actor, id);
  const docs = await documentsOf(ctx.db, subjectOf({ region_code: d.regionCode, id: d.id }));
  const doc = docs.find((x) => x.id === documentId);
  if (!doc) throw new AppError('NOT_FOUND');
  const data = await buildOfficialDocx({ ...dangerDocumentLayout(d, doc), description: doc.number });
  return { fileName: `${DOCUMENT_KINDS[doc.kind].title}${doc.number}.docx`, data };
}

/** 销号 of a 重大 danger: only with its 治理方案 and a passed 复查. */
export async function closeDanger(ctx: AppContext, actor: Actor, id: string, input: CloseInput): Promise<HiddenDanger> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const d = await lockedDanger(trx, actor, id);
    refuseClosed(d);
    if (d.level !== 'major') throw new AppError('DANGER_NOT_MAJOR');
    const blockers = closeBlockers({ level: 'major', hasPlan: d.plan !== null, recheckPassed: d.recheck_passed });
    if (blockers.length > 0) throw new AppError('DANGER_CLOSE_BLOCKED', { blockers });
    await record(
      trx,
      actor,
      d,
      {
        kind: 'close',
        set: { closed_at: now, closed_on: today(ctx), supervised: false },
        note: input.note ?? null,
      },
      now,
    );
  });
  return view(ctx, actor, id);
}

// ————————————————————————————————————————— statistics

const rate = (n: number, of: number) => (of === 0 ? null : Math.round((1000 * n) / of) / 10);

function statsRow(regionCode: string, label: string, r: Omit<repo.StatsRowRaw, 'key'>): DangerStatsRow {
  return {
    regionCode,
    label,
    found: r.found,
    general: r.general,
    major: r.major,
    closed: r.closed,
    closedOnTime: r.closed_on_time,
    overdue: r.overdue,
    awaitingRecheck: r.awaiting_recheck,
    rechecked: r.rechecked,
    supervised: r.supervised,
    inspections: r.inspections,
    enterprisesInspected: r.enterprises_inspected,
    ordersIssued: r.orders_issued,
    rectificationRate: rate(r.closed, r.found),
    recheckRate: rate(r.rechecked, r.completed),
  };
}

const ZERO: Omit<repo.StatsRowRaw, 'key'> = {
  found: 0,
  general: 0,
  major: 0,
  closed: 0,
  closed_on_time: 0,
  overdue: 0,
  awaiting_recheck: 0,
  rechecked: 0,
  completed: 0,
  supervised: 0,
  inspections: 0,
  enterprises_inspected: 0,
  orders_issued: 0,
};

/** The dangers found in the period, per child region of the region asked (default the actor's), with the total. */
export async function dangerStats(ctx: AppContext, actor: Actor, q: DangerStatsQuery): Promise<DangerStats> {
  if (actor.orgKind !== 'bureau') throw new AppError('FORBIDDEN');
  checkRegionFilter(actor, q.regionCode);
  const regionCode = q.regionCode ?? actor.regionCode;
  const to = q.to ?? today(ctx);
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) throw invalid('from', 'after_to', '开始日期不能晚于结束日期');
  const keyLength = CHILD_KEY_LENGTH[levelOfCode(regionCode)];
  const prefix = subtreePrefix(regionCode);
  const [found, enforcement] = await Promise.all([
    repo.dangerStats(ctx.db.kysely, { prefix, keyLength, from, to, today: today(ctx) }),
    repo.enforcementStats(ctx.db.kysely, { prefix, keyLength, from, to }),
  ]);
  // One row per child region with dangers, inspections or orders.
  const byKey = new Map<string, repo.StatsRowRaw>();
  for (const r of [...found, ...enforcement]) byKey.set(r.key, { ...ZERO, ...byKey.get(r.key), ...r });
  const raw = [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
  const rows: DangerStatsRow[] = [];
  for (const r of raw) {
    const code = r.key.length < 6 ? r.key.padEnd(6, '0') : r.key;
    rows.push(statsRow(code, await childLabel(ctx.db, regionCode, code), r));
  }
  const sum = raw.reduce<Omit<repo.StatsRowRaw, 'key'>>(
    (a, r) =>
      Object.fromEntries(
        Object.keys(ZERO).map((k) => [k, a[k as keyof typeof a] + r[k as keyof typeof a]]),
      ) as typeof a,
    ZERO,
  );
  return { regionCode, from, to, rows, total: statsRow(regionCode, '合计', sum) };
}
