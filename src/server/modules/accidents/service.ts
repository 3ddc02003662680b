/**
 * Accident quick reports (快报), follow-ups (续报/终报), forwarding up the chain (逐级上报) and signing (签收).
 * Every public function takes the actor; every write runs in one transaction that ends with the audit row.
 */
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import {
  type AccidentSummary,
  type AccidentSummaryQuery,
  type CreateAccidentInput,
  FIGURE_FIELDS,
  type FollowupInput,
  type ForwardInput,
  type ListAccidentsQuery,
  TEXT_FIELDS,
} from '../../../contracts/accidents.js';
import { nextDueAt } from '../../../domain/accident-deadlines.js';
import { type AccidentDomain, isCompleteReport, isDay7Report, isInsideWindow } from '../../../domain/direct-report.js';
import { type Grade, gradeOf } from '../../../domain/grade.js';
import { opensAutomatically } from '../../../domain/incident.js';
import { ancestorAt } from '../../../domain/region-code.js';
import {
  applicableLevels,
  CHAIN_LEVELS,
  type ChainEntryState,
  type ChainLevel,
  type ChainShape,
  dueAfterReceipt,
  effectiveTarget,
  holderOf,
  isUnitLate,
  levelIndex,
  levelsOf,
  nextApplicableLevel,
  type SignRefusal,
  signRefusal,
  targetLevelOf,
} from '../../../domain/reporting-chain.js';
import { DAY_MS, shanghaiDay, startOfShanghaiDay } from '../../../domain/time.js';
import { type Actor, coversRegion } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import { AppError, type ErrorCode, fieldError } from '../../errors.js';
import { appendAudit, auditRow } from '../audit/service.js';
import { once, type PendingAnswer } from '../idempotency/service.js';
import * as incidents from '../incidents/service.js';
import { lookupRegion } from '../regions/lookup.js';
import { IMPORT_SOURCE, nodeFactsOf, toChainState } from './chain-state.js';
import { type AccidentView, presentAccident, presentListItem } from './presenter.js';
import * as repo from './repo.js';

type Trx = Kysely<Database>;

const CASUALTY_FIELDS = ['deaths', 'missing', 'seriousInjuries', 'minorInjuries'] as const;
type Figures = Record<(typeof FIGURE_FIELDS)[number], number>;

const FIELD_COLUMNS = {
  deaths: 'deaths',
  missing: 'missing',
  seriousInjuries: 'serious_injuries',
  minorInjuries: 'minor_injuries',
  directLossYuan: 'direct_loss_yuan',
  address: 'address',
  unitName: 'unit_name',
  summary: 'summary',
  measuresTaken: 'measures_taken',
  reporterName: 'reporter_name',
  reporterPhone: 'reporter_phone',
} as const;

const STAT_COLUMNS = {
  deaths: 'stat_deaths',
  missing: 'stat_missing',
  seriousInjuries: 'stat_serious_injuries',
  minorInjuries: 'stat_minor_injuries',
  directLossYuan: 'stat_direct_loss_yuan',
} as const;

function statFigures(a: repo.AccidentRow): Figures {
  return {
    deaths: a.stat_deaths,
    missing: a.stat_missing,
    seriousInjuries: a.stat_serious_injuries,
    minorInjuries: a.stat_minor_injuries,
    directLossYuan: Number(a.stat_direct_loss_yuan),
  };
}

/** Derived state every write recomputes: grade-independent deadlines collapse into next_due_at. */
function deadlineOf(a: repo.AccidentRow, chain: ChainEntryState[], now: Date): Date | null {
  return nextDueAt(chain, a.target_level as ChainLevel, nodeFactsOf(a), now);
}

// ————————————————————————————————————————— reads

export async function getAccident(ctx: AppContext, actor: Actor, id: string): Promise<AccidentView> {
  const a = await repo.findInScope(ctx.db.kysely, actor, id);
  if (!a) throw new AppError('NOT_FOUND');
  return loadView(ctx.db.kysely, a, ctx.now());
}

async function loadView(db: Trx, a: repo.AccidentRow, now: Date): Promise<AccidentView> {
  const [chain, revisions, region] = await Promise.all([
    repo.chainOf(db, a),
    repo.revisionsOf(db, a),
    repo.regionExists(db, a.region_code),
  ]);
  return presentAccident(a, chain, revisions, region?.full_name ?? a.region_code, now);
}

export async function listAccidents(ctx: AppContext, actor: Actor, query: ListAccidentsQuery) {
  const now = ctx.now();
  const { items, total, totalExact } = await repo.listInScope(ctx.db.kysely, actor, query, now);
  // Names from the region cache: a join would look one up for every matching row before the sort.
  const names = await Promise.all(items.map(async (a) => (await lookupRegion(ctx.db, a.region_code))?.full_name));
  return {
    items: items.map((a, i) => presentListItem(a, names[i] ?? a.region_code, now)),
    total,
    totalExact,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** YYYY-MM-DD of the instant in Asia/Shanghai. */
function isoDay(at: Date): string {
  const d = shanghaiDay(at);
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
}

/** 统计概览: the last `days` Asia/Shanghai calendar days up to today, per day and in total, in the actor's scope. */
export async function accidentSummary(
  ctx: AppContext,
  actor: Actor,
  query: AccidentSummaryQuery,
): Promise<AccidentSummary> {
  const now = ctx.now();
  const to = new Date(startOfShanghaiDay(now).getTime() + DAY_MS);
  const from = new Date(to.getTime() - query.days * DAY_MS);
  const { days, totals } = await repo.summaryInScope(ctx.db.kysely, actor, {
    firstDay: isoDay(from),
    days: query.days,
    from,
    to,
    regionCode: query.regionCode,
    now,
  });
  return {
    from: isoDay(from),
    to: isoDay(now),
    days: days.map((d) => ({
      date: d.date,
      reports: d.reports,
      deaths: d.deaths,
      seriousInjuries: d.serious_injuries,
      byGrade: { general: d.general, larger: d.larger, major: d.major, especially_major: d.especially_major },
    })),
    totals: {
      reports: totals.reports,
      deaths: totals.deaths,
      seriousInjuries: totals.serious_injuries,
      directLossYuan: totals.direct_loss_yuan,
      overdue: totals.overdue,
      pending: totals.pending,
    },
  };
}

// ————————————————————————————————————————— create

/** What a filing establishes before its transaction: the occurrence, the place's name and its chain's shape. */
export interface Filing {
  occurredAt: Date;
  regionName: string;
  shape: ChainShape;
}

/**
 * The checks of a filing that need no transaction — occurrence not in the future, a registered county or town,
 * the actor's jurisdiction and own unit. Shared by a quick report and each row of a historical import (which
 * runs them before its batch transaction: region lookups must not wait on it).
 */
export async function prepareFiling(
  ctx: AppContext,
  actor: Actor,
  input: CreateAccidentInput,
  now: Date,
): Promise<Filing> {
  const occurredAt = new Date(input.occurredAt);
  if (occurredAt.getTime() > now.getTime()) throw fieldError('occurredAt', 'in_future', '事故发生时间不能晚于当前时间');
  const region = await lookupRegion(ctx.db, input.regionCode);
  if (!region || (region.level !== 'county' && region.level !== 'town')) {
    throw fieldError('regionCode', 'unknown_region', '须为已登记的县级（或乡镇）行政区划代码');
  }
  if (actor.orgKind === 'bureau' && !coversRegion(actor, input.regionCode)) throw new AppError('OUTSIDE_JURISDICTION');
  const shape = await chainShapeOf(ctx.db, input.regionCode.slice(0, 6));
  if (actor.orgKind === 'enterprise' && input.unitCreditCode && input.unitCreditCode !== actor.creditCode) {
    throw new AppError('OUTSIDE_JURISDICTION', [
      { path: 'unitCreditCode', code: 'not_own_unit', message: '企业用户只能报告本单位的事故' },
    ]);
  }
  return { occurredAt, regionName: region.full_name, shape };
}

export async function createAccident(
  ctx: AppContext,
  actor: Actor,
  input: CreateAccidentInput,
  idempotencyKey?: string,
): Promise<{ status: number; body: unknown }> {
  const now = ctx.now();
  const filing = await prepareFiling(ctx, actor, input, now);
  const result = await ctx.db.kysely.transaction().execute((trx) =>
    once(
      trx,
      {
        actor,
        key: idempotencyKey,
        regionCode: input.regionCode,
        input,
        now,
        answeredByWrite: true,
        // The duplicate check's locks ride on the key's claim: one round trip less.
        locks: input.confirmNotDuplicate ? undefined : repo.unitLocks(unitOf(actor, input)),
      },
      (answer) => insertAccident(trx, actor, input, { ...filing, now, answer, unitLocked: true }),
    ),
  );
  // Told only after commit: nobody hears of a report that was rolled back.
  if (result.fresh) {
    const v = result.fresh;
    ctx.bus.publish({
      type: 'accident.created',
      actorId: actor.userId,
      regionCode: v.regionCode,
      enterpriseOrgId: actor.orgKind === 'enterprise' ? actor.orgId : null,
      unitCreditCode: v.unitCreditCode,
      at: now.toISOString(),
      data: { id: v.id, reportNo: v.reportNo, unitName: v.unitName, grade: v.grade, regionName: v.regionName },
    });
    // 应急处置: a 较大 or higher report opens its incident, right after the filing commits (the county's counter row
    // is not held for it); opening is idempotent, and a failure here does not undo the report.
    if (opensAutomatically(v.grade as Grade)) {
      await incidents.openOnQuickReport(ctx, v.id).catch((err: Error) => {
        console.error(`incident for accident ${v.id} not opened:`, err.message);
      });
    }
  }
  return { status: result.status, body: result.body };
}

/** Which levels of government exist above this county (see ChainShape). */
async function chainShapeOf(db: Db, countyCode: string): Promise<ChainShape> {
  const county = await lookupRegion(db, countyCode);
  const city = await lookupRegion(db, ancestorAt(countyCode, 'city'));
  return { county: county?.level === 'county', city: city?.level === 'city' };
}

/** 历史数据导入: what makes a filing a past accident entered for statistics. */
export interface HistoricalRecord {
  /** The import (accident_imports.id) the row came in with. */
  importId: string;
  /** Natural key, unique per region: the same row imported again is found instead of filed twice. */
  importKey: string;
  /** The row's own report number (报告编号), kept as the report's number. */
  reportNo?: string | undefined;
}

/**
 * Files a past accident in the caller's transaction (an import writes its rows in batches), by the same code as a
 * quick report, with historical semantics: no reporting-chain clock (each level that exists there is recorded as
 * never received, nothing due), no direct-report node owed, closed as final (终报) at import; the statistical
 * figures and the grade exactly as a quick report's. The duplicate rule (杜绝重报) applies as to any filing.
 * Publishes nothing: an import is not news for the duty room.
 */
export async function insertHistoricalAccident(
  trx: Trx,
  actor: Actor,
  input: CreateAccidentInput,
  filing: Filing & { now: Date },
  historical: HistoricalRecord,
): Promise<AccidentView> {
  return insertAccident(trx, actor, input, { ...filing, historical });
}

async function insertAccident(
  trx: Trx,
  actor: Actor,
  input: CreateAccidentInput,
  {
    occurredAt,
    now,
    regionName,
    shape,
    historical,
    answer,
    unitLocked,
  }: Filing & {
    now: Date;
    historical?: HistoricalRecord | undefined;
    answer?: PendingAnswer | undefined;
    /** The unit's duplicate-check locks are held already (createAccident takes them with the key's claim). */
    unitLocked?: boolean;
  },
): Promise<AccidentView> {
  const countyCode = input.regionCode.slice(0, 6);
  const dutyLog = input.dutyLogId ? await claimDutyLog(trx, actor, input.dutyLogId) : undefined;
  // The county receives a unit's (or a town's) own report the moment it is filed; a duty-log entry starts the
  // clock at the call; otherwise the bureau says when it learned of it. A historical record says so if it
  // knows; otherwise its occurrence stands in (no clock runs on it).
  const filedBelowCounty = actor.orgKind === 'enterprise' || actor.regionLevel === 'town';
  const receivedAt = historical
    ? new Date(input.receivedAt ?? input.occurredAt)
    : dutyLog
      ? new Date(dutyLog.received_at)
      : filedBelowCounty || !input.receivedAt
        ? now
        : new Date(input.receivedAt);
  if (receivedAt.getTime() < occurredAt.getTime())
    throw fieldError('receivedAt', 'before_occurred', '接报时间不能早于事故发生时间');
  if (receivedAt.getTime() > now.getTime()) throw fieldError('receivedAt', 'in_future', '接报时间不能晚于当前时间');

  const { unitCreditCode } = unitOf(actor, input);
  if (!input.confirmNotDuplicate) {
    if (!unitLocked) await repo.lockUnitForFiling(trx, unitOf(actor, input));
    await refuseDuplicate(trx, actor, { countyCode, occurredAt, unitName: input.unitName, unitCreditCode });
  }

  const figures: Figures = {
    deaths: input.deaths,
    missing: input.missing,
    seriousInjuries: input.seriousInjuries,
    minorInjuries: input.minorInjuries,
    directLossYuan: input.directLossYuan,
  };
  const grade = gradeOf(figures);
  const levels = applicableLevels(shape);
  const target = effectiveTarget(targetLevelOf(grade), levels);
  // A bureau holds what it files; a unit's or a town's report goes to the first level of government.
  const filerLevel: ChainLevel =
    actor.orgKind === 'bureau' && actor.regionLevel !== 'town' ? (actor.regionLevel as ChainLevel) : 'county';
  const holderLevel = effectiveTarget(filerLevel, levels);
  const id = uuidv7();
  // 县代码-日期-序号: the county's running number of the filing day (Asia/Shanghai), or of the occurrence day for
  // a past record without a number of its own; taken in the insert statement itself (repo.insertFiling).
  const reportNo = historical?.reportNo ?? { countyCode, day: shanghaiDay(historical ? occurredAt : now) };
  const complete = isCompleteReport({
    unitName: input.unitName,
    address: input.address,
    summary: input.summary ?? null,
    measuresTaken: input.measuresTaken ?? null,
  });
  // Timeliness is not judged on a record that was never reported through the platform.
  const flags = !historical && isUnitLate(occurredAt, receivedAt) ? ['unit_late'] : [];

  // The filing bureau's own level is the report's origin (nothing to 签收 there); a unit's or a town's report is
  // received by the county from below.
  const originLevel = !historical && !filedBelowCounty ? holderLevel : undefined;
  const chain: (ChainEntryState & { levelRegionCode: string; applicable: boolean })[] = CHAIN_LEVELS.map((level) => {
    const base = {
      level,
      levelRegionCode: ancestorAt(countyCode, level),
      forwardedAt: null,
      signedAt: null,
      applicable: true,
      originated: level === originLevel,
    };
    if (!levels.includes(level)) return { ...base, receivedAt: null, dueAt: null, skipped: true, applicable: false };
    if (historical) return { ...base, receivedAt: null, dueAt: null, skipped: false };
    if (level === holderLevel) return { ...base, receivedAt, dueAt: dueAfterReceipt(receivedAt), skipped: false };
    // Filed directly at a higher level (493号令 第九条 情况紧急时): the levels below were passed over.
    if (levelIndex(level) < levelIndex(holderLevel)) return { ...base, receivedAt: null, dueAt: null, skipped: true };
    return { ...base, receivedAt: null, dueAt: null, skipped: false };
  });

  const row = {
    id,
    region_code: input.regionCode,
    occurred_at: occurredAt,
    received_at: receivedAt,
    address: input.address,
    unit_name: input.unitName,
    unit_credit_code: unitCreditCode,
    enterprise_org_id: actor.orgKind === 'enterprise' ? actor.orgId : null,
    industry_code: input.industryCode,
    accident_type: input.accidentType,
    domain: input.domain,
    deaths: figures.deaths,
    missing: figures.missing,
    serious_injuries: figures.seriousInjuries,
    minor_injuries: figures.minorInjuries,
    direct_loss_yuan: figures.directLossYuan,
    stat_deaths: figures.deaths,
    stat_missing: figures.missing,
    stat_serious_injuries: figures.seriousInjuries,
    stat_minor_injuries: figures.minorInjuries,
    stat_direct_loss_yuan: figures.directLossYuan,
    grade,
    target_level: target,
    // A historical record rests with the level 第十条 names: it is not on its way anywhere.
    holder_level: historical ? target : holderLevel,
    summary: input.summary ?? null,
    measures_taken: input.measuresTaken ?? null,
    reporter_name: input.reporterName ?? null,
    reporter_phone: input.reporterPhone ?? null,
    source: historical
      ? IMPORT_SOURCE
      : actor.orgKind === 'enterprise'
        ? 'enterprise'
        : dutyLog
          ? 'duty_log'
          : 'bureau',
    duty_log_id: dutyLog?.id ?? null,
    flags,
    revision_count: 1,
    complete_at: complete ? now : null,
    first_followup_at: null,
    day7_report_at: null,
    final_at: historical ? now : null,
    next_due_at: null as Date | null,
    import_id: historical?.importId ?? null,
    import_key: historical?.importKey ?? null,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  };
  row.next_due_at = deadlineOf(row as repo.AccidentRow, chain, now);
  const chainRows: repo.ChainRow[] = chain.map((e) => ({
    region_code: input.regionCode,
    accident_id: id,
    level: e.level,
    level_region_code: e.levelRegionCode,
    received_at: e.receivedAt,
    due_at: e.dueAt,
    forwarded_at: null,
    forwarded_by: null,
    forward_note: null,
    signed_at: null,
    signed_by: null,
    skipped: e.skipped,
    applicable: e.applicable,
    originated: e.originated ?? false,
  }));
  const snapshot = snapshotOf(row);
  const revision: repo.RevisionRow = {
    region_code: input.regionCode,
    accident_id: id,
    no: 1,
    kind: 'initial',
    filed_at: now,
    filed_by: actor.userId,
    filed_by_name: actor.displayName,
    filed_by_org: actor.orgName,
    note: historical ? '历史数据导入' : null,
    snapshot,
    changes: {},
    outside_window: false,
    grade_before: null,
    grade_after: grade,
  };
  if (dutyLog) {
    await trx
      .updateTable('duty_log')
      .set({ accident_id: id, accident_region_code: input.regionCode })
      .where('id', '=', dutyLog.id)
      .execute();
  }
  // The view is built from what is written (no read-back on the hot path); the number comes from the statement.
  const view = presentAccident(
    { ...row, report_no: typeof reportNo === 'string' ? reportNo : '' } as repo.AccidentRow,
    chainRows,
    [revision],
    regionName,
    now,
  );
  // One statement for the report, its number, its chain, its first revision, its audit row and the key's answer.
  view.reportNo = await repo.insertFiling(trx, {
    accident: row,
    chain: chainRows,
    revision: { ...revision, snapshot: JSON.stringify(snapshot), changes: '{}' },
    audit: auditRow(actor, {
      action: historical ? 'accident.import' : 'accident.create',
      entityType: 'accident',
      entityId: id,
      regionCode: input.regionCode,
      at: now,
      after: historical ? { ...snapshot, importId: historical.importId } : snapshot,
    }),
    reportNo,
    answer: answer && { ...answer, body: view },
  });
  return view;
}

/** The unit a filing is about, as the duplicate rule and its locks see it: an enterprise files for its own code. */
function unitOf(actor: Actor, input: CreateAccidentInput): repo.UnitOfFiling {
  return {
    countyCode: input.regionCode.slice(0, 6),
    unitName: input.unitName,
    unitCreditCode: actor.orgKind === 'enterprise' ? actor.creditCode : (input.unitCreditCode ?? null),
  };
}

/**
 * 杜绝重报: a report that looks like one already filed (same county, ±2 h, same unit) is refused unless the
 * filer confirms it is a different accident. The unit's locks (repo.lockUnitForFiling, taken before this by the
 * caller) make the check hold under concurrent filing.
 * Candidates the filer may not read are not named (no leak of existence), but the refusal stands.
 */
async function refuseDuplicate(
  trx: Trx,
  actor: Actor,
  p: { countyCode: string; occurredAt: Date; unitName: string; unitCreditCode: string | null },
): Promise<void> {
  const dups = await repo.findDuplicates(trx, { ...p, unitCreditCode: p.unitCreditCode ?? undefined });
  if (dups.length === 0) return;
  const visible = await repo.visibleIds(
    trx,
    actor,
    dups.map((d) => d.id),
  );
  const shown = dups.filter((d) => visible.has(d.id));
  throw new AppError('POSSIBLE_DUPLICATE', {
    candidateIds: shown.map((d) => d.id),
    candidates: shown.map((d) => ({ id: d.id, reportNo: d.report_no })),
    hiddenCandidates: dups.length - shown.length,
  });
}

async function claimDutyLog(trx: Trx, actor: Actor, id: string) {
  const log = await trx
    .selectFrom('duty_log')
    .select(['id', 'received_at', 'accident_id', 'org_id'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!log || log.org_id !== actor.orgId) throw fieldError('dutyLogId', 'not_found', '值班记录不存在');
  if (log.accident_id) throw new AppError('ALREADY_CONVERTED');
  return log;
}

/** What a revision keeps: every reportable field as it stood after that revision. */
function snapshotOf(a: Record<string, unknown>) {
  return {
    occurredAt: new Date(a.occurred_at as Date).toISOString(),
    receivedAt: new Date(a.received_at as Date).toISOString(),
    regionCode: a.region_code,
    address: a.address,
    unitName: a.unit_name,
    unitCreditCode: a.unit_credit_code,
    industryCode: a.industry_code,
    accidentType: a.accident_type,
    domain: a.domain,
    deaths: a.deaths,
    missing: a.missing,
    seriousInjuries: a.serious_injuries,
    minorInjuries: a.minor_injuries,
    directLossYuan: Number(a.direct_loss_yuan),
    summary: a.summary,
    measuresTaken: a.measures_taken,
    reporterName: a.reporter_name,
    reporterPhone: a.reporter_phone,
    grade: a.grade,
  };
}

// ————————————————————————————————————————— follow-ups

export async function fileFollowup(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: FollowupInput,
): Promise<AccidentView> {
  const now = ctx.now();
  const result = await ctx.db.kysely.transaction().execute(async (trx) => {
    const a = await repo.findInScope(trx, actor, id, true);
    if (!a) throw new AppError('NOT_FOUND');
    // After 终报, only 补报 inside the window (493号令 第十三条) may still change the report.
    const occurredAt = new Date(a.occurred_at);
    const inside = isInsideWindow(occurredAt, a.domain as AccidentDomain, now);
    if (a.final_at && !inside) throw new AppError('REPORT_FINAL');

    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const update: Record<string, unknown> = {};
    for (const field of [...FIGURE_FIELDS, ...TEXT_FIELDS]) {
      const to = input[field];
      if (to === undefined) continue;
      const column = FIELD_COLUMNS[field];
      const from = field === 'directLossYuan' ? Number(a[column]) : a[column];
      if (from === to) continue;
      changes[field] = { from, to };
      update[column] = to;
    }
    const casualtyChanged = CASUALTY_FIELDS.some((f) => f in changes);
    // 493号令 第十三条: casualty changes after the window are kept but do not count.
    const outsideWindow = casualtyChanged && !inside;
    const stats = statFigures(a);
    for (const field of FIGURE_FIELDS) {
      const change = changes[field];
      if (!change) continue;
      if (outsideWindow && (CASUALTY_FIELDS as readonly string[]).includes(field)) continue;
      stats[field] = change.to as number;
      update[STAT_COLUMNS[field]] = change.to;
    }
    const gradeBefore = a.grade as Grade;
    const grade = gradeOf(stats);
    const regraded = grade !== gradeBefore;

    const chainRows = await repo.chainOf(trx, a);
    const chain = chainRows.map(toChainState);
    const holder = holderOf(chain);
    if (regraded && holder) {
      // The chain's target moves at once; the level holding the report gets a fresh 2-hour deadline.
      holder.dueAt = dueAfterReceipt(now);
      await trx
        .updateTable('accident_chain')
        .set({ due_at: holder.dueAt })
        .where('region_code', '=', a.region_code)
        .where('accident_id', '=', a.id)
        .where('level', '=', holder.level)
        .execute();
    }
    const kind = input.final ? 'final' : input.noChange && Object.keys(changes).length === 0 ? 'no_change' : 'followup';
    const flags = new Set(a.flags);
    if (outsideWindow) flags.add('outside_window');
    const next: repo.AccidentRow = {
      ...a,
      ...(update as Partial<repo.AccidentRow>),
      grade,
      target_level: effectiveTarget(targetLevelOf(grade), levelsOf(chain)),
      flags: [...flags],
      revision_count: a.revision_count + 1,
      first_followup_at: a.first_followup_at ?? now,
      day7_report_at: a.day7_report_at ?? (isDay7Report(new Date(a.occurred_at), now) ? now : null),
      final_at: a.final_at ?? (input.final ? now : null),
      updated_at: now,
    };
    if (
      !next.complete_at &&
      isCompleteReport({
        unitName: next.unit_name,
        address: next.address,
        summary: next.summary,
        measuresTaken: next.measures_taken,
      })
    ) {
      next.complete_at = now;
    }
    next.next_due_at = deadlineOf(next, chain, now);
    await trx
      .updateTable('accidents')
      .set({
        ...(update as object),
        grade: next.grade,
        target_level: next.target_level,
        flags: next.flags,
        revision_count: next.revision_count,
        first_followup_at: next.first_followup_at,
        day7_report_at: next.day7_report_at,
        final_at: next.final_at,
        complete_at: next.complete_at,
        next_due_at: next.next_due_at,
        updated_at: now,
      })
      .where('region_code', '=', a.region_code)
      .where('id', '=', a.id)
      .execute();
    await trx
      .insertInto('accident_revisions')
      .values({
        region_code: a.region_code,
        accident_id: a.id,
        no: next.revision_count,
        kind,
        filed_at: now,
        filed_by: actor.userId,
        filed_by_name: actor.displayName,
        filed_by_org: actor.orgName,
        note: input.note ?? null,
        snapshot: JSON.stringify(snapshotOf(next)),
        changes: JSON.stringify(changes),
        outside_window: outsideWindow,
        grade_before: gradeBefore,
        grade_after: grade,
      })
      .execute();
    await appendAudit(trx, actor, {
      action: `accident.${kind}`,
      entityType: 'accident',
      entityId: a.id,
      regionCode: a.region_code,
      at: now,
      before: { grade: gradeBefore, ...Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.from])) },
      after: {
        grade,
        revision: next.revision_count,
        note: input.note ?? null,
        outsideWindow,
        ...Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.to])),
      },
    });
    // 应急处置: the follow-up's new figures go into the incident log (a grade raised to 较大 opens the incident).
    const incident = await incidents.onFollowup(trx, ctx, actor, {
      accidentId: a.id,
      before: a,
      revision: next.revision_count,
    });
    return { a: next, regraded, gradeBefore, incident, view: await loadView(trx, next, now) };
  });
  await incidents.announce(ctx, actor, result.incident);
  const base = {
    regionCode: result.a.region_code,
    enterpriseOrgId: result.a.enterprise_org_id,
    unitCreditCode: result.a.unit_credit_code,
    at: now.toISOString(),
  };
  ctx.bus.publish({
    ...base,
    type: 'accident.followup',
    actorId: actor.userId,
    data: { id, reportNo: result.a.report_no, unitName: result.a.unit_name },
  });
  if (result.regraded) {
    ctx.bus.publish({
      ...base,
      type: 'accident.regraded',
      actorId: actor.userId,
      data: {
        id,
        reportNo: result.a.report_no,
        unitName: result.a.unit_name,
        from: result.gradeBefore,
        to: result.a.grade,
      },
    });
  }
  return result.view;
}

// ————————————————————————————————————————— forward and sign

/** The actor's own level of the chain, if the actor is the bureau of that level for this accident. */
function actorLevel(actor: Actor, chain: repo.ChainRow[]): repo.ChainRow | undefined {
  if (actor.orgKind !== 'bureau') return undefined;
  // A 不设区的市 stores its code at county and city level; only the city level takes part.
  return chain.find((c) => c.applicable && c.level_region_code === actor.regionCode);
}

export async function forwardAccident(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: ForwardInput,
): Promise<AccidentView> {
  const now = ctx.now();
  const result = await ctx.db.kysely.transaction().execute(async (trx) => {
    const a = await repo.findInScope(trx, actor, id, true);
    if (!a) throw new AppError('NOT_FOUND');
    const chainRows = await repo.chainOf(trx, a);
    const states = chainRows.map(toChainState);
    const levels = levelsOf(states);
    const holder = holderOf(states);
    const mine = actorLevel(actor, chainRows);
    if (!holder || !mine || mine.level !== holder.level) throw new AppError('NOT_HOLDER');
    const target = a.target_level as ChainLevel;
    const toLevel =
      input.toLevel ??
      (levelIndex(holder.level) < levelIndex(target) ? nextApplicableLevel(holder.level, levels) : undefined);
    if (!toLevel) throw new AppError('CHAIN_COMPLETE');
    if (levelIndex(toLevel) <= levelIndex(holder.level))
      throw fieldError('toLevel', 'not_above_holder', '上报层级必须高于当前层级');
    if (!levels.includes(toLevel)) throw fieldError('toLevel', 'no_such_level', '事发地没有这一级政府，不能报送该层级');

    const late = holder.dueAt !== null && now.getTime() > holder.dueAt.getTime();
    const where = (level: string) => (qb: Trx) =>
      qb
        .updateTable('accident_chain')
        .where('region_code', '=', a.region_code)
        .where('accident_id', '=', a.id)
        .where('level', '=', level);
    await where(holder.level)(trx)
      .set({ forwarded_at: now, forwarded_by: actor.userId, forward_note: input.note ?? null })
      .execute();
    const skipped = levels.filter(
      (l) => levelIndex(l) > levelIndex(holder.level) && levelIndex(l) < levelIndex(toLevel),
    );
    // 越级上报 (493号令 第十条): the levels passed over are informed at the same moment and owe nothing.
    for (const level of skipped)
      await where(level)(trx).set({ received_at: now, forwarded_at: now, skipped: true }).execute();
    await where(toLevel)(trx)
      .set({ received_at: now, due_at: dueAfterReceipt(now), skipped: false })
      .execute();

    const chain = (await repo.chainOf(trx, a)).map(toChainState);
    const flags = new Set(a.flags);
    if (late) flags.add('late_forward');
    if (skipped.length > 0) flags.add('skipped_level');
    const next: repo.AccidentRow = { ...a, holder_level: toLevel, flags: [...flags], updated_at: now };
    next.next_due_at = deadlineOf(next, chain, now);
    await trx
      .updateTable('accidents')
      .set({ holder_level: toLevel, flags: next.flags, next_due_at: next.next_due_at, updated_at: now })
      .where('region_code', '=', a.region_code)
      .where('id', '=', a.id)
      .execute();
    await appendAudit(trx, actor, {
      action: 'accident.forward',
      entityType: 'accident',
      entityId: a.id,
      regionCode: a.region_code,
      at: now,
      before: { holderLevel: holder.level },
      after: { holderLevel: toLevel, skippedLevels: skipped, late, note: input.note ?? null },
    });
    return { a: next, from: holder.level, toLevel, skipped, view: await loadView(trx, next, now) };
  });
  ctx.bus.publish({
    type: 'accident.forwarded',
    actorId: actor.userId,
    regionCode: result.a.region_code,
    enterpriseOrgId: result.a.enterprise_org_id,
    unitCreditCode: result.a.unit_credit_code,
    at: now.toISOString(),
    data: {
      id,
      reportNo: result.a.report_no,
      unitName: result.a.unit_name,
      grade: result.a.grade,
      from: result.from,
      to: result.toLevel,
      skipped: result.skipped,
    },
  });
  return result.view;
}

const SIGN_REFUSALS = {
  not_received: 'NOT_RECEIVED',
  own_report: 'SIGN_OWN_REPORT',
  already_forwarded: 'SIGN_AFTER_FORWARD',
} as const satisfies Record<Exclude<SignRefusal, 'already_signed'>, ErrorCode>;

export async function signAccident(ctx: AppContext, actor: Actor, id: string, note?: string): Promise<AccidentView> {
  const now = ctx.now();
  const result = await ctx.db.kysely.transaction().execute(async (trx) => {
    const a = await repo.findInScope(trx, actor, id, true);
    if (!a) throw new AppError('NOT_FOUND');
    const chainRows = await repo.chainOf(trx, a);
    const mine = actorLevel(actor, chainRows);
    const refusal = signRefusal(mine && toChainState(mine));
    // Signing twice is harmless (a retried request): the first signature stands.
    if (refusal === 'already_signed') return { a, signed: false, view: await loadView(trx, a, now) };
    if (refusal) throw new AppError(SIGN_REFUSALS[refusal]);
    if (!mine) throw new AppError('NOT_RECEIVED');
    await trx
      .updateTable('accident_chain')
      .set({ signed_at: now, signed_by: actor.userId })
      .where('region_code', '=', a.region_code)
      .where('accident_id', '=', a.id)
      .where('level', '=', mine.level)
      .execute();
    const chain = (await repo.chainOf(trx, a)).map(toChainState);
    const next: repo.AccidentRow = { ...a, updated_at: now };
    next.next_due_at = deadlineOf(next, chain, now);
    await trx
      .updateTable('accidents')
      .set({ next_due_at: next.next_due_at, updated_at: now })
      .where('region_code', '=', a.region_code)
      .where('id', '=', a.id)
      .execute();
    await appendAudit(trx, actor, {
      action: 'accident.sign',
      entityType: 'accident',
      entityId: a.id,
      regionCode: a.region_code,
      at: now,
      after: { level: mine.level, note: note ?? null },
    });
    return { a: next, signed: true, level: mine.level, view: await loadView(trx, next, now) };
  });
  if (result.signed) {
    ctx.bus.publish({
      type: 'accident.signed',
      actorId: actor.userId,
      regionCode: result.a.region_code,
      enterpriseOrgId: result.a.enterprise_org_id,
      unitCreditCode: result.a.unit_credit_code,
      at: now.toISOString(),
      data: { id, reportNo: result.a.report_no, unitName: result.a.unit_name, level: result.level },
    });
  }
  return result.view;
}
