/**
 * The major-hazard register (重大危险源, GB 18218-2018): evaluation without storage, an enterprise's units with
 * their substances and the people within 500 m, the grade recomputed on every change and kept with its history
 * (hazard_unit_evaluations), the 包保责任人 and 备案 of each major hazard, the lists by grade and region, map points,
 * and census campaigns (普查) with their progress per region. The rules are domain/major-hazard.ts.
 *
 * Jurisdiction as for enterprises (enterprises/service.ts): an enterprise declares its own units; the bureau's
 * administrator and inspectors of the enterprise's region subtree may correct them; records outside it are 404.
 * A unit is never deleted: retiring it (停用) keeps it and its history readable and takes it out of the lists.
 */
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type {
  CensusProgress,
  CensusProgressRow,
  CensusView,
  CreateCensusInput,
  CreateUnitInput,
  EvaluatedItem,
  EvaluateInput,
  Evaluation,
  EvaluationHistoryEntry,
  FilingStatus,
  HazardSummaryRow,
  HazardUnitView,
  MajorHazardListQuery,
  MapPoint,
  SubstanceInput,
  UnitKind,
  UpdateUnitInput,
} from '../../../contracts/hazards.js';
import type { Sector } from '../../../domain/enterprise.js';
import {
  evaluateUnit,
  HazardInputError,
  MAJOR_HAZARD_GRADE_LABELS,
  type MajorHazardGrade,
  type UnitEvaluation,
} from '../../../domain/major-hazard.js';
import { ownRowLabel, subtreePrefix } from '../../../domain/region-code.js';
import { shanghaiDate } from '../../../domain/time.js';
import { type Actor, coversRegion } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { AppError, fieldError } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { checkFilterRegion, enterpriseInScope } from '../enterprises/service.js';
import { once } from '../idempotency/service.js';
import { regionName, regionNames } from '../regions/lookup.js';
import { childrenOf, findRegion } from '../regions/repo.js';
import * as repo from './repo.js';

type Trx = Kysely<Database>;

/** A map shows at most this many enterprises at once (the rest: zoom into a region). */
const MAP_POINT_LIMIT = 5000;

// ————————————————————————————————————————— evaluation

const gradeLabel = (g: number | null) => (g === null ? null : MAJOR_HAZARD_GRADE_LABELS[g as MajorHazardGrade]);

/** The domain evaluation, or a 400 naming the field (the domain error's path is the request body's). */
function evaluated(input: { substances: readonly SubstanceInput[]; exposedPeople: number }): UnitEvaluation {
  try {
    return evaluateUnit(input);
  } catch (e) {
    if (e instanceof HazardInputError) throw fieldError(e.path, e.code, e.message);
    throw e;
  }
}

function itemsOf(ev: UnitEvaluation, substances: readonly SubstanceInput[]): EvaluatedItem[] {
  return ev.items.map((i) => ({
    index: i.index,
    tableOneNo: i.substance?.no ?? null,
    name: i.name,
    cas: substances[i.index]?.cas?.trim() || (i.substance?.cas[0] ?? null),
    category: i.category,
    categorySource: i.categorySource,
    quantityT: i.quantityT,
    criticalQuantityT: i.criticalQuantityT,
    criticalQuantitySource: i.criticalQuantitySource,
    beta: i.beta,
    betaSource: i.betaSource,
    ratio: i.ratio,
  }));
}

/** POST /api/hazards/evaluate: identification and grading of one unit, nothing stored. */
export function evaluate(input: EvaluateInput): Evaluation {
  const ev = evaluated(input);
  return {
    s: ev.s,
    isMajor: ev.isMajor,
    alpha: ev.alpha,
    r: ev.r,
    grade: ev.grade,
    gradeLabel: gradeLabel(ev.grade),
    exact: ev.exact,
    items: itemsOf(ev, input.substances),
  };
}

// ————————————————————————————————————————— presenting

function presentUnit(u: repo.UnitRow, name: string): HazardUnitView {
  return {
    id: u.id,
    enterpriseId: u.enterprise_id,
    enterpriseName: u.enterprise_name,
    creditCode: u.credit_code,
    regionCode: u.region_code,
    regionName: name,
    kind: u.kind as UnitKind,
    name: u.name,
    substances: u.substances as SubstanceInput[],
    exposedPeople: u.exposed_people,
    s: Number(u.s),
    r: Number(u.r),
    alpha: Number(u.alpha),
    isMajor: u.is_major,
    grade: u.grade as MajorHazardGrade | null,
    gradeLabel: gradeLabel(u.grade),
    items: u.items as EvaluatedItem[],
    principalName: u.principal_name,
    principalPhone: u.principal_phone,
    technicalName: u.technical_name,
    technicalPhone: u.technical_phone,
    operationName: u.operation_name,
    operationPhone: u.operation_phone,
    filingStatus: u.filing_status as FilingStatus,
    filingNo: u.filing_no,
    filedAt: u.filed_at,
    retiredAt: u.retired_at ? new Date(u.retired_at).toISOString() : null,
    version: u.version,
    updatedAt: new Date(u.updated_at).toISOString(),
    longitude: u.longitude === null ? null : Number(u.longitude),
    latitude: u.latitude === null ? null : Number(u.latitude),
  };
}

async function presentUnits(ctx: AppContext, rows: readonly repo.UnitRow[]): Promise<HazardUnitView[]> {
  const names = await regionNames(
    ctx.db,
    rows.map((u) => u.region_code),
  );
  return rows.map((u) => presentUnit(u, names.get(u.region_code) ?? u.region_code));
}

// ————————————————————————————————————————— the register

/** Substances as stored: what was entered (quantities as decimal strings, exactly as given). */
function storedSubstances(substances: readonly SubstanceInput[]): SubstanceInput[] {
  return substances.map((s) => ({
    ...(s.cas ? { cas: s.cas } : {}),
    ...(s.name ? { name: s.name } : {}),
    ...(s.category !== undefined ? { category: s.category } : {}),
    quantityT: String(s.quantityT),
  }));
}

function evaluationValues(substances: readonly SubstanceInput[], exposedPeople: number): repo.EvaluationValues {
  const ev = evaluated({ substances, exposedPeople });
  return {
    substances: JSON.stringify(storedSubstances(substances)),
    exposed_people: exposedPeople,
    items: JSON.stringify(itemsOf(ev, substances)),
    s: ev.s,
    r: ev.r,
    alpha: ev.alpha,
    is_major: ev.isMajor,
    grade: ev.grade,
  };
}

/** 备案: a filed unit has its filing date, which is not after today (Asia/Shanghai). */
function checkFiling(v: { filing_status: string; filed_at: string | null }, now: Date): void {
  if (v.filing_status === 'filed' && !v.filed_at) throw fieldError('filedAt', 'required', '已备案的须填写备案日期');
  if (v.filed_at && v.filed_at > shanghaiDate(now)) throw fieldError('filedAt', 'in_future', '备案日期不能晚于今天');
}

const PERSON_COLUMNS = {
  principalName: 'principal_name',
  principalPhone: 'principal_phone',
  technicalName: 'technical_name',
  technicalPhone: 'technical_phone',
  operationName: 'operation_name',
  operationPhone: 'operation_phone',
  filingNo: 'filing_no',
  filedAt: 'filed_at',
} as const;

export async function createUnit(
  ctx: AppContext,
  actor: Actor,
  enterpriseId: string,
  input: CreateUnitInput,
  idempotencyKey?: string,
): Promise<{ status: number; body: unknown }> {
  const evaluation = evaluationValues(input.substances, input.exposedPeople);
  const now = ctx.now();
  const result = await ctx.db.kysely.transaction().execute(async (trx) => {
    const e = await enterpriseInScope(trx, actor, enterpriseId, true);
    return once(trx, { actor, key: idempotencyKey, regionCode: e.region_code, input, now }, async () => {
      const id = uuidv7();
      const values: repo.UnitValues = {
        kind: input.kind,
        name: input.name,
        ...evaluation,
        principal_name: input.principalName ?? null,
        principal_phone: input.principalPhone ?? null,
        technical_name: input.technicalName ?? null,
        technical_phone: input.technicalPhone ?? null,
        operation_name: input.operationName ?? null,
        operation_phone: input.operationPhone ?? null,
        filing_status: input.filingStatus,
        filing_no: input.filingNo ?? null,
        filed_at: input.filedAt ?? null,
      };
      checkFiling(values, now);
      await repo.insertUnit(trx, { id, regionCode: e.region_code, enterpriseId: e.id }, values, now);
      await repo.appendEvaluation(trx, { unitId: id, regionCode: e.region_code }, evaluation, by(actor, now));
      await repo.refreshEnterpriseHazards(trx, { regionCode: e.region_code, id: e.id });
      const unit = await unitInScope(trx, actor, id);
      await appendAudit(trx, actor, {
        action: 'hazard_unit.create',
        entityType: 'hazard_unit',
        entityId: id,
        regionCode: e.region_code,
        at: now,
        after: audited(unit),
      });
      return presentUnit(unit, await regionName(ctx.db, unit.region_code, trx));
    });
  });
  return { status: result.status, body: result.body };
}

const by = (actor: Actor, at: Date) => ({ userId: actor.userId, name: `${actor.displayName}（${actor.orgName}）`, at });

async function unitInScope(db: Trx, actor: Actor, id: string, forUpdate = false): Promise<repo.UnitRow> {
  const u = await repo.findUnit(db, actor, id, forUpdate);
  if (!u) throw new AppError('NOT_FOUND');
  return u;
}

/** What the audit keeps of a unit: the figures that decide its grade, the grade, the persons and the filing. */
function audited(u: repo.UnitRow) {
  return {
    enterpriseId: u.enterprise_id,
    kind: u.kind,
    name: u.name,
    substances: u.substances,
    exposedPeople: u.exposed_people,
    s: Number(u.s),
    r: Number(u.r),
    isMajor: u.is_major,
    grade: u.grade,
    principalName: u.principal_name,
    technicalName: u.technical_name,
    operationName: u.operation_name,
    filingStatus: u.filing_status,
    filingNo: u.filing_no,
    filedAt: u.filed_at,
    retiredAt: u.retired_at ? new Date(u.retired_at).toISOString() : null,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export async function updateUnit(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateUnitInput,
): Promise<HazardUnitView> {
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await unitInScope(trx, actor, id, true);
    if (before.retired_at) throw new AppError('UNIT_RETIRED');
    if (input.version !== undefined && input.version !== before.version) throw new AppError('VERSION_CONFLICT');
    const changes: Partial<repo.UnitValues> = {};
    if (input.kind !== undefined && input.kind !== before.kind) changes.kind = input.kind;
    if (input.name !== undefined && input.name !== before.name) changes.name = input.name;
    for (const [field, column] of Object.entries(PERSON_COLUMNS) as [
      keyof typeof PERSON_COLUMNS,
      keyof repo.UnitRow,
    ][]) {
      const value = input[field];
      if (value !== undefined && !same(value, before[column])) Object.assign(changes, { [column]: value });
    }
    if (input.filingStatus !== undefined && input.filingStatus !== before.filing_status) {
      changes.filing_status = input.filingStatus;
    }
    // The grade is recomputed whenever what decides it is given anew, and a history row is kept when it differs.
    const substances = input.substances ?? (before.substances as SubstanceInput[]);
    const exposedPeople = input.exposedPeople ?? before.exposed_people;
    const refigured = input.substances !== undefined || input.exposedPeople !== undefined;
    const evaluation = refigured ? evaluationValues(substances, exposedPeople) : null;
    if (
      evaluation &&
      (!same(JSON.parse(evaluation.substances), before.substances) ||
        evaluation.exposed_people !== before.exposed_people)
    ) {
      Object.assign(changes, evaluation);
    }
    checkFiling(
      {
        filing_status: changes.filing_status ?? before.filing_status,
        filed_at: changes.filed_at !== undefined ? changes.filed_at : before.filed_at,
      },
      now,
    );
    if (Object.keys(changes).length === 0)
      return presentUnit(before, await regionName(ctx.db, before.region_code, trx));
    await repo.updateUnit(trx, { id, regionCode: before.region_code }, changes, now);
    if (changes.substances !== undefined && evaluation) {
      await repo.appendEvaluation(trx, { unitId: id, regionCode: before.region_code }, evaluation, by(actor, now));
      await repo.refreshEnterpriseHazards(trx, { regionCode: before.region_code, id: before.enterprise_id });
    }
    const after = await unitInScope(trx, actor, id);
    await appendAudit(trx, actor, {
      action: 'hazard_unit.update',
      entityType: 'hazard_unit',
      entityId: id,
      regionCode: before.region_code,
      at: now,
      before: audited(before),
      after: audited(after),
    });
    return presentUnit(after, await regionName(ctx.db, after.region_code, trx));
  });
}

/** 停用: the unit leaves the lists and the enterprise's summary; it and its history stay readable. */
export async function retireUnit(ctx: AppContext, actor: Actor, id: string): Promise<HazardUnitView> {
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await unitInScope(trx, actor, id, true);
    if (before.retired_at) return presentUnit(before, await regionName(ctx.db, before.region_code, trx));
    await repo.updateUnit(trx, { id, regionCode: before.region_code }, { retired_at: now }, now);
    await repo.refreshEnterpriseHazards(trx, { regionCode: before.region_code, id: before.enterprise_id });
    const after = await unitInScope(trx, actor, id);
    await appendAudit(trx, actor, {
      action: 'hazard_unit.retire',
      entityType: 'hazard_unit',
      entityId: id,
      regionCode: before.region_code,
      at: now,
      before: audited(before),
      after: audited(after),
    });
    return presentUnit(after, await regionName(ctx.db, after.region_code, trx));
  });
}

export async function getUnit(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<HazardUnitView & { history: EvaluationHistoryEntry[] }> {
  const u = await unitInScope(ctx.db.kysely, actor, id);
  const history = await repo.evaluationsOf(ctx.db.kysely, u);
  return {
    ...presentUnit(u, await regionName(ctx.db, u.region_code)),
    history: history.map((h) => ({
      seq: h.seq,
      at: new Date(h.at).toISOString(),
      by: h.by_name,
      s: Number(h.s),
      r: Number(h.r),
      alpha: Number(h.alpha),
      isMajor: h.is_major,
      grade: h.grade as MajorHazardGrade | null,
      exposedPeople: h.exposed_people,
      substances: h.substances as SubstanceInput[],
    })),
  };
}

export async function unitsOfEnterprise(ctx: AppContext, actor: Actor, enterpriseId: string) {
  const e = await enterpriseInScope(ctx.db.kysely, actor, enterpriseId);
  return { items: await presentUnits(ctx, await repo.unitsOf(ctx.db.kysely, e)) };
}

// ————————————————————————————————————————— lists

export async function listMajorHazards(ctx: AppContext, actor: Actor, q: MajorHazardListQuery) {
  checkFilterRegion(actor, q.regionCode);
  const { items, total, totalExact } = await repo.listUnits(ctx.db.kysely, actor, q, q);
  return { items: await presentUnits(ctx, items), total, totalExact, page: q.page, pageSize: q.pageSize };
}

/** The children of a region with their code prefixes, and the label of what lies directly in it. */
async function regionSplit(ctx: AppContext, code: string) {
  const region = await findRegion(ctx.db.kysely, code);
  if (!region) throw new AppError('NOT_FOUND');
  const children = await childrenOf(ctx.db.kysely, code);
  return {
    region,
    children,
    split: {
      prefix: subtreePrefix(code),
      self: code,
      children: children.map((c) => ({ code: c.code, prefix: subtreePrefix(c.code) })),
    },
  };
}

export async function hazardSummary(ctx: AppContext, actor: Actor, regionCode: string | undefined) {
  const code = regionCode ?? actor.regionCode;
  checkFilterRegion(actor, code);
  if (actor.orgKind === 'enterprise' && regionCode) throw new AppError('FORBIDDEN');
  const { region, children, split } = await regionSplit(ctx, code);
  const found = await repo.summaryByChild(ctx.db.kysely, actor, split);
  const rows = new Map(found.filter((r) => !r.is_total).map((r) => [r.key, r]));
  const row = (key: string, name: string, r = rows.get(key)): HazardSummaryRow => ({
    code: key,
    name,
    total: r?.total ?? 0,
    byGrade: { 1: r?.g1 ?? 0, 2: r?.g2 ?? 0, 3: r?.g3 ?? 0, 4: r?.g4 ?? 0 },
    unfiled: r?.unfiled ?? 0,
  });
  const list = children.map((c) => row(c.code, c.name));
  if (rows.has(code)) list.push(row(code, ownRowLabel(region)));
  return {
    region: row(
      region.code,
      region.name,
      found.find((r) => r.is_total),
    ),
    children: list,
  };
}

export async function mapPoints(
  ctx: AppContext,
  actor: Actor,
  q: { regionCode?: string | undefined; majorHazard?: boolean | undefined },
): Promise<{ items: MapPoint[]; truncated: boolean }> {
  checkFilterRegion(actor, q.regionCode);
  const rows = await repo.mapPoints(ctx.db.kysely, actor, q, MAP_POINT_LIMIT + 1);
  return {
    items: rows.slice(0, MAP_POINT_LIMIT).map((p) => ({
      id: p.id,
      name: p.name,
      regionCode: p.region_code,
      longitude: Number(p.longitude),
      latitude: Number(p.latitude),
      topHazardGrade: p.top_hazard_grade as MajorHazardGrade | null,
      majorHazardCount: p.major_hazard_count,
      sectors: p.sectors as Sector[],
    })),
    truncated: rows.length > MAP_POINT_LIMIT,
  };
}

// ————————————————————————————————————————— census (普查)

async function presentCensus(ctx: AppContext, c: repo.CensusRow, q: Trx = ctx.db.kysely): Promise<CensusView> {
  return {
    id: c.id,
    regionCode: c.region_code,
    regionName: await regionName(ctx.db, c.region_code, q),
    name: c.name,
    startsOn: c.starts_on,
    endsOn: c.ends_on,
    sectors: c.sectors as Sector[],
    createdAt: new Date(c.created_at).toISOString(),
  };
}

export async function createCensus(
  ctx: AppContext,
  actor: Actor,
  input: CreateCensusInput,
  idempotencyKey?: string,
): Promise<{ status: number; body: unknown }> {
  const regionCode = input.regionCode ?? actor.regionCode;
  if (!coversRegion(actor, regionCode)) throw new AppError('OUTSIDE_JURISDICTION');
  if (!(await findRegion(ctx.db.kysely, regionCode)))
    throw fieldError('regionCode', 'unknown_region', '行政区划不存在');
  const now = ctx.now();
  const id = uuidv7();
  const key = { actor, key: idempotencyKey, regionCode, input, now };
  const done = await ctx.db.kysely.transaction().execute((trx) =>
    once(trx, key, async () => {
      const row = {
        id,
        region_code: regionCode,
        name: input.name,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        sectors: input.sectors ?? [],
      };
      await repo.insertCensus(trx, { ...row, created_by: actor.userId, at: now });
      await appendAudit(trx, actor, {
        action: 'hazard_census.create',
        entityType: 'hazard_census',
        entityId: id,
        regionCode,
        at: now,
        after: row,
      });
      return presentCensus(ctx, { ...row, created_at: now }, trx);
    }),
  );
  return { status: done.status, body: done.body };
}

export async function listCensuses(ctx: AppContext, actor: Actor): Promise<{ items: CensusView[] }> {
  const rows = await repo.listCensuses(ctx.db.kysely, actor);
  return { items: await Promise.all(rows.map((c) => presentCensus(ctx, c))) };
}

const rate = (returned: number, of: number) => (of === 0 ? null : Math.round((returned * 1000) / of) / 10);

/** Progress of a census in a region of the campaign (default: the campaign's own, or the bureau's when below it). */
export async function censusProgress(
  ctx: AppContext,
  actor: Actor,
  id: string,
  regionCode: string | undefined,
): Promise<CensusProgress> {
  if (actor.orgKind !== 'bureau') throw new AppError('FORBIDDEN');
  const c = await repo.findCensus(ctx.db.kysely, actor, id);
  if (!c) throw new AppError('NOT_FOUND');
  const own = coversRegion(actor, c.region_code) ? c.region_code : actor.regionCode;
  const code = regionCode ?? own;
  checkFilterRegion(actor, code);
  if (!code.startsWith(subtreePrefix(c.region_code))) throw new AppError('NOT_FOUND');
  const { region, children, split } = await regionSplit(ctx, code);
  const rows = await repo.censusProgress(ctx.db.kysely, c, split);
  const byKey = new Map(rows.filter((r) => !r.is_total).map((r) => [r.key, r]));
  const total = rows.find((r) => r.is_total);
  const present = (key: string, name: string, r?: repo.ProgressRow): CensusProgressRow => ({
    code: key,
    name,
    enterprises: r?.enterprises ?? 0,
    returned: r?.returned ?? 0,
    rate: rate(r?.returned ?? 0, r?.enterprises ?? 0),
    units: r?.units ?? 0,
    majorUnits: r?.major_units ?? 0,
  });
  const list = children.map((ch) => present(ch.code, ch.name, byKey.get(ch.code)));
  if (byKey.has(code)) list.push(present(code, ownRowLabel(region), byKey.get(code)));
  return { census: await presentCensus(ctx, c), region: present(code, region.name, total), children: list };
}

/** 普查申报: the enterprise's current units are its return (submitted again, the return is replaced). */
export async function submitCensusReturn(ctx: AppContext, actor: Actor, censusId: string, enterpriseId: string) {
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const e = await enterpriseInScope(trx, actor, enterpriseId, true);
    const c = await repo.findCensus(trx, { ...actor, regionCode: e.region_code, orgKind: 'enterprise' }, censusId);
    if (!c) throw new AppError('NOT_FOUND');
    const day = shanghaiDate(now);
    if (day < c.starts_on) throw fieldError('censusId', 'not_started', `普查自${c.starts_on}开始`);
    const counted = await repo.upsertReturn(
      trx,
      { censusId, regionCode: e.region_code, enterpriseId },
      { userId: actor.userId, at: now },
    );
    const result = {
      censusId,
      enterpriseId,
      units: counted.units,
      majorUnits: counted.major_units,
      late: day > c.ends_on,
    };
    await appendAudit(trx, actor, {
      action: 'hazard_census.submit',
      entityType: 'hazard_census',
      entityId: censusId,
      regionCode: e.region_code,
      at: now,
      after: result,
    });
    return result;
  });
}
