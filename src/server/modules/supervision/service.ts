/**
 * 分类分级监管, 年度监督检查计划 and 双随机、一公开 (issue 10 §1). Rules: domain/supervision.ts (classes, months,
 * progress) and domain/supervision-draw.ts (the reproducible draw); the rules chosen: docs/SUPERVISION.md.
 *
 * Checks, in order: the role (routes: 403), the jurisdiction (a record outside it is a 404; a filter outside it a
 * 403), the request's fields (400 with field, code and message), then the record's state (409). Every write runs in
 * one transaction that ends with its audit row. Enterprises have no access: supervision is the bureau's business.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type {
  ClassRulesView,
  ClassTableInput,
  CreateDrawInput,
  CreatePlanInput,
  DrawListQuery,
  DrawPage,
  DrawVerification,
  DrawView,
  PlanListQuery,
  PlanProgressQuery,
  PlanRollup,
  PlanSummary,
  PlanView,
  PublicDraw,
  PublicDrawPage,
  PublicDrawQuery,
  RegionTally,
  SupervisionClassView,
  TeamMember,
} from '../../../contracts/supervision.js';
import type { LocalDate } from '../../../domain/calendar.js';
import { LICENCE_TYPE_LABELS, type LicenceState, type LicenceType, type Sector } from '../../../domain/enterprise.js';
import { ancestorAt, levelOfCode, NATIONAL_CODE, subtreePrefix } from '../../../domain/region-code.js';
import {
  addToTally,
  CLASS_LABELS,
  type ClassFacts,
  type Classification,
  type ClassTable,
  classify,
  DEFAULT_CLASS_TABLE,
  emptyTally,
  itemStatus,
  matchInspections,
  planMonths,
  SUPERVISION_CLASSES,
  type SupervisionClass,
  spreadMonth,
  sumTallies,
  type Tally,
  tableProblems,
} from '../../../domain/supervision.js';
import {
  assignTeams,
  DRAW_ALGORITHM,
  type DrawAssignment,
  DrawRefusal,
  newSeed,
  randomStream,
  resultHash,
  runDraw,
} from '../../../domain/supervision-draw.js';
import { DAY_MS, shanghaiDate, toShanghaiIso } from '../../../domain/time.js';
import { type Actor, checkRegionFilter } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { canonicalJson } from '../audit/hash-chain.js';
import { appendAudit } from '../audit/service.js';
import { enterpriseInScope } from '../enterprises/service.js';
import { once } from '../idempotency/service.js';
import { childLabel, regionName, withRegionNames } from '../regions/lookup.js';
import { certifiedOfficers } from '../users/repo.js';
import {
  inputsOf,
  presentDraw,
  presentDrawSummary,
  presentItem,
  presentPublic,
  presentPublicSummary,
  resultOf,
} from './presenter.js';
import * as repo from './repo.js';

type Trx = Kysely<Database>;

const today = (ctx: AppContext): LocalDate => shanghaiDate(ctx.now());

function invalid(path: string, code: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', [{ path, code, message }], `${path}: ${message}`);
}

/** A filter region must lie in the jurisdiction (403: asking for another bureau's figures is refused). */
// ————————————————————————————————————————— class tables

interface EffectiveRules {
  table: ClassTable;
  regionCode: string;
  revision: number;
  note: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** The table for a region: its province's latest revision, else the national one, else the shipped defaults. */
async function effectiveRules(db: Trx, regionCode: string): Promise<EffectiveRules> {
  const chain = regionCode === NATIONAL_CODE ? [NATIONAL_CODE] : [ancestorAt(regionCode, 'province'), NATIONAL_CODE];
  const rows = await repo.latestRules(db, chain);
  const row = chain.map((code) => rows.find((r) => r.region_code === code)).find((r) => r !== undefined);
  if (!row) {
    return {
      table: DEFAULT_CLASS_TABLE,
      regionCode: NATIONAL_CODE,
      revision: 0,
      note: null,
      updatedAt: null,
      updatedBy: null,
    };
  }
  return {
    table: row.class_table as ClassTable,
    regionCode: row.region_code,
    revision: row.revision,
    note: row.note,
    updatedAt: toShanghaiIso(new Date(row.created_at)),
    updatedBy: row.created_by_name,
  };
}

const rulesView = (r: EffectiveRules): ClassRulesView => ({
  regionCode: r.regionCode,
  revision: r.revision,
  rules: r.table.rules,
  frequencies: r.table.frequencies,
  randomPercent: r.table.randomPercent,
  note: r.note,
  updatedAt: r.updatedAt,
  updatedBy: r.updatedBy,
});

export async function getClassRules(ctx: AppContext, actor: Actor): Promise<ClassRulesView> {
  return rulesView(await effectiveRules(ctx.db.kysely, actor.regionCode));
}

/** A provincial (or the national) administrator revises the table: a new revision, unless nothing changed. */
export async function putClassRules(ctx: AppContext, actor: Actor, input: ClassTableInput): Promise<ClassRulesView> {
  if (actor.regionLevel !== 'province' && actor.regionLevel !== 'national') {
    throw new AppError('SUPERVISION_RULES_PROVINCIAL');
  }
  const { note, ...table } = input;
  const problems = tableProblems(table);
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', problems, `${problems[0]?.path}: ${problems[0]?.message}`);
  }
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await repo.lockKey(trx, `supervision_rules:${actor.regionCode}`);
    const [latest] = await repo.latestRules(trx, [actor.regionCode]);
    // jsonb keeps its own key order: compare canonical forms.
    if (latest && canonicalJson(latest.class_table) === canonicalJson(table)) return;
    const before = await effectiveRules(trx, actor.regionCode);
    const revision = (latest?.revision ?? 0) + 1;
    await repo.insertRules(trx, {
      region_code: actor.regionCode,
      revision,
      class_table: JSON.stringify(table),
      note: note ?? null,
      created_by: actor.userId,
      created_by_name: actor.displayName,
      created_at: now,
    });
    await appendAudit(trx, actor, {
      action: 'supervision.rules',
      entityType: 'supervision_rules',
      entityId: actor.regionCode,
      regionCode: actor.regionCode,
      at: now,
      before: { revision: before.revision, ...before.table },
      after: { revision, ...table, note: note ?? null },
    });
  });
  return rulesView(await effectiveRules(ctx.db.kysely, actor.regionCode));
}

// ————————————————————————————————————————— the class of an enterprise

function factsOf(row: repo.FactsRow): ClassFacts {
  return {
    industryCode: row.industry_code,
    sectors: row.sectors as Sector[],
    topHazardGrade: row.top_grade,
    accidents12m: { count: row.accidents, deaths: row.deaths },
    failedLicences: row.failed_licences.map((l) => ({
      label: LICENCE_TYPE_LABELS[l.type as LicenceType] ?? l.type,
      state: l.state as LicenceState,
    })),
    openMajorDangers: row.open_major,
  };
}

/** Accidents count over the 12 months up to now (365 days, as a rolling window). */
const factsSince = (now: Date) => new Date(now.getTime() - 365 * DAY_MS);

interface Classed {
  row: repo.FactsRow;
  c: Classification;
}

async function classed(
  ctx: AppContext,
  db: Trx,
  actor: Actor,
  pool: { ids?: readonly string[]; regionCode?: string },
  table: ClassTable,
): Promise<Classed[]> {
  const rows = await repo.enterpriseFacts(db, {
    prefix: actor.prefix,
    ids: pool.ids,
    regionPrefix: pool.regionCode ? subtreePrefix(pool.regionCode) : undefined,
    since: factsSince(ctx.now()),
    today: today(ctx),
  });
  if (pool.ids) {
    // An id outside the jurisdiction (or unknown) is not told apart: 404, as for the enterprise itself.
    const found = new Set(rows.map((r) => r.id));
    if (pool.ids.some((id) => !found.has(id))) throw new AppError('NOT_FOUND');
  }
  return rows.map((row) => ({ row, c: classify(factsOf(row), table) }));
}

export async function enterpriseClass(ctx: AppContext, actor: Actor, id: string): Promise<SupervisionClassView> {
  const db = ctx.db.kysely;
  const e = await enterpriseInScope(db, actor, id);
  const rules = await effectiveRules(db, e.region_code);
  const [one] = await classed(ctx, db, actor, { ids: [id] }, rules.table);
  if (!one) throw new AppError('NOT_FOUND');
  return {
    enterpriseId: one.row.id,
    enterpriseName: one.row.name,
    class: one.c.class,
    classLabel: CLASS_LABELS[one.c.class],
    frequency: one.c.frequency,
    reasons: one.c.reasons,
    rulesRegionCode: rules.regionCode,
    rulesRevision: rules.revision,
    asOf: today(ctx),
  };
}

// ————————————————————————————————————————— draws

/** The officers the draw may send: the bureau's certified roster, or the part of it the request names. */
async function rosterOf(trx: Trx, actor: Actor, ids: readonly string[] | undefined): Promise<repo.RosterRow[]> {
  const roster = await certifiedOfficers(trx, { orgId: actor.orgId });
  if (!ids) return roster;
  const known = new Map(roster.map((r) => [r.id, r]));
  const stranger = ids.findIndex((id) => !known.has(id));
  if (stranger >= 0) {
    throw invalid(`inspectorIds.${stranger}`, 'not_certified', '不是本单位持有行政执法证的执法人员');
  }
  return [...new Set(ids)].map((id) => known.get(id) as repo.RosterRow);
}

/** A refusal of the draw's rules as a 400 on the field that must change. */
function refusal(
  e: DrawRefusal,
  ctx: { roster: number; pool: number; count: number; teamSize: number; name?: string },
) {
  switch (e.code) {
    case 'team_too_small':
      return invalid('teamSize', 'too_small', '每个检查组至少2名执法人员（行政处罚法第四十二条）');
    case 'roster_too_small':
      return invalid(
        'inspectorIds',
        'roster_too_small',
        `持有行政执法证的执法人员只有${ctx.roster}名，每个检查组至少需要${ctx.teamSize}名（行政处罚法第四十二条）`,
      );
    case 'count_too_large':
      return invalid('count', 'pool_too_small', `抽取数量${ctx.count}超过名录中的企业数${ctx.pool}`);
    case 'conflict_of_interest':
      return invalid(
        'inspectorIds',
        'conflict_of_interest',
        `${ctx.name ?? '该企业'}：回避上次检查的执法人员后，可选派的执法人员不足${ctx.teamSize}名`,
      );
  }
}

const teamOf = (row: repo.FactsRow): string[] => (row.last_team ?? []).map((m) => m.userId).filter(Boolean);

interface DrawRequest {
  subject: string;
  planId: string | null;
  plannedOn: LocalDate | null;
  pool: repo.FactsRow[];
  roster: repo.RosterRow[];
  count: number;
  teamSize: number;
  seed: string;
  waiveConflicts: boolean;
}

/** Runs a draw on its canonical inputs and records seed, inputs and result (the caller audits). */
async function recordDraw(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  req: DrawRequest,
): Promise<{ id: string; result: DrawAssignment[]; inspectors: Map<string, TeamMember> }> {
  const enterprises = req.pool.map((r) => ({ id: r.id, name: r.name, regionCode: r.region_code, lastTeam: teamOf(r) }));
  const inspectors = req.roster.map((r) => ({ userId: r.id, name: r.name, cert: r.cert }));
  let result: DrawAssignment[];
  try {
    result = runDraw({
      seed: req.seed,
      count: req.count,
      teamSize: req.teamSize,
      enterprises,
      inspectors: inspectors.map((i) => i.userId),
      waiveConflicts: req.waiveConflicts,
    });
  } catch (e) {
    if (!(e instanceof DrawRefusal)) throw e;
    const name = enterprises.find((x) => x.id === e.enterpriseId)?.name;
    throw refusal(e, {
      roster: inspectors.length,
      pool: enterprises.length,
      count: req.count,
      teamSize: req.teamSize,
      name,
    });
  }
  const id = uuidv7();
  const sorted = [...enterprises].sort((a, b) => (a.id < b.id ? -1 : 1));
  await repo.insertDraw(trx, {
    id,
    region_code: actor.regionCode,
    bureau_name: actor.orgName,
    subject: req.subject,
    plan_id: req.planId,
    planned_on: req.plannedOn,
    algorithm: DRAW_ALGORITHM,
    seed: req.seed,
    inputs: JSON.stringify({
      count: req.count,
      teamSize: req.teamSize,
      waiveConflicts: req.waiveConflicts,
      enterprises: sorted,
      inspectors: [...inspectors].sort((a, b) => (a.userId < b.userId ? -1 : 1)),
    }),
    result: JSON.stringify(result),
    result_hash: resultHash(result),
    drawn_on: today(ctx),
    created_by: actor.userId,
    created_by_name: actor.displayName,
    created_at: ctx.now(),
  });
  return { id, result, inspectors: new Map(inspectors.map((i) => [i.userId, i])) };
}

const seedOf = (given: string | undefined) => given ?? newSeed(randomBytes);

export async function createDraw(
  ctx: AppContext,
  actor: Actor,
  input: CreateDrawInput,
  idempotencyKey?: string,
): Promise<DrawView> {
  checkRegionFilter(actor, input.regionCode);
  const now = ctx.now();
  const teamSize = input.teamSize ?? 2;
  const seed = seedOf(input.seed);
  const done = await ctx.db.kysely.transaction().execute(async (trx) =>
    once(trx, { actor, key: idempotencyKey, regionCode: actor.regionCode, input, now }, async () => {
      const rules = await effectiveRules(trx, actor.regionCode);
      const pool = (
        await classed(ctx, trx, actor, { ids: input.enterpriseIds, regionCode: input.regionCode }, rules.table)
      ).filter((x) => !input.classes || input.classes.includes(x.c.class));
      const roster = await rosterOf(trx, actor, input.inspectorIds);
      const { id, result } = await recordDraw(ctx, trx, actor, {
        subject: input.subject,
        planId: null,
        plannedOn: input.plannedOn ?? null,
        pool: pool.map((x) => x.row),
        roster,
        count: input.count,
        teamSize,
        seed,
        waiveConflicts: false,
      });
      await appendAudit(trx, actor, {
        action: 'supervision.draw',
        entityType: 'supervision_draw',
        entityId: id,
        regionCode: actor.regionCode,
        at: now,
        after: { subject: input.subject, seed, count: input.count, teamSize, pool: pool.length, result },
      });
      return { id };
    }),
  );
  return getDraw(ctx, actor, (done.body as { id: string }).id);
}

export async function getDraw(ctx: AppContext, actor: Actor, id: string): Promise<DrawView> {
  const d = await repo.findDraw(ctx.db.kysely, actor.prefix, id);
  if (!d) throw new AppError('NOT_FOUND');
  return presentDraw(d);
}

/** The draws of the jurisdiction, newest first: 双随机 is recorded so that anyone can find and recompute it later. */
export async function listDraws(ctx: AppContext, actor: Actor, q: DrawListQuery): Promise<DrawPage> {
  checkRegionFilter(actor, q.regionCode);
  const { items, total } = await repo.listDraws(ctx.db.kysely, {
    regionPrefix: q.regionCode ? subtreePrefix(q.regionCode) : actor.prefix,
    year: q.year,
    published: q.published === undefined ? undefined : q.published === 'true',
    page: q.page,
    pageSize: q.pageSize,
  });
  return {
    items: await withRegionNames(ctx.db, items, presentDrawSummary),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Recomputes the draw from its recorded seed and inputs alone. */
export async function verifyDraw(ctx: AppContext, actor: Actor, id: string): Promise<DrawVerification> {
  const d = await repo.findDraw(ctx.db.kysely, actor.prefix, id);
  if (!d) throw new AppError('NOT_FOUND');
  const inputs = inputsOf(d);
  const recomputed = runDraw({
    seed: d.seed,
    count: inputs.count,
    teamSize: inputs.teamSize,
    waiveConflicts: inputs.waiveConflicts === true,
    enterprises: inputs.enterprises.map((e) => ({ id: e.id, lastTeam: e.lastTeam })),
    inspectors: inputs.inspectors.map((i) => i.userId),
  });
  const recomputedHash = resultHash(recomputed);
  return {
    identical: canonicalJson(recomputed) === canonicalJson(resultOf(d)) && recomputedHash === d.result_hash,
    resultHash: d.result_hash,
    recomputedHash,
  };
}

/** 一公开: the result goes on the public page, once. */
export async function publishDraw(ctx: AppContext, actor: Actor, id: string): Promise<DrawView> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await repo.lockKey(trx, `supervision_draw:${id}`);
    const d = await repo.findDraw(trx, actor.prefix, id);
    if (!d) throw new AppError('NOT_FOUND');
    if (d.published_on) throw new AppError('DRAW_PUBLISHED');
    await repo.insertPublication(trx, {
      region_code: d.region_code,
      draw_id: d.id,
      published_on: today(ctx),
      published_at: now,
      published_by: actor.userId,
      published_by_name: actor.displayName,
    });
    await appendAudit(trx, actor, {
      action: 'supervision.publish',
      entityType: 'supervision_draw',
      entityId: d.id,
      regionCode: d.region_code,
      at: now,
      after: { publishedOn: today(ctx) },
    });
  });
  return getDraw(ctx, actor, id);
}

// ————————————————————————————————————————— public (一公开)

export async function listPublicDraws(ctx: AppContext, q: PublicDrawQuery): Promise<PublicDrawPage> {
  const { items, total } = await repo.listPublished(ctx.db.kysely, {
    regionPrefix: q.regionCode ? subtreePrefix(q.regionCode) : '',
    page: q.page,
    pageSize: q.pageSize,
  });
  const out = [];
  for (const d of items) out.push(presentPublicSummary(d, await regionName(ctx.db, d.region_code)));
  return { items: out, total, page: q.page, pageSize: q.pageSize };
}

export async function getPublicDraw(ctx: AppContext, id: string): Promise<PublicDraw> {
  const d = await repo.findPublished(ctx.db.kysely, id);
  if (!d) throw new AppError('NOT_FOUND');
  return presentPublic(d, await regionName(ctx.db, d.region_code));
}

// ————————————————————————————————————————— plans

type ItemInsert = Parameters<typeof repo.insertItems>[1][number];

/** Key enterprises: `frequency` items each, months spread, a team per item that is not the previous one (回避). */
function keyItems(
  planId: string,
  actor: Actor,
  key: Classed[],
  p: { firstMonth: number; seed: string; teamSize: number; roster: repo.RosterRow[] },
): ItemInsert[] {
  const stream = randomStream(p.seed, 'plan');
  const officers = new Map(p.roster.map((r) => [r.id, { userId: r.id, name: r.name, cert: r.cert }]));
  const rosterIds = p.roster.map((r) => r.id);
  return key.flatMap(({ row, c }, i) => {
    let last = teamOf(row);
    return planMonths(c.frequency, p.firstMonth, i).map((month) => {
      const [team] = assignTeams([{ id: row.id, lastTeam: last }], rosterIds, p.teamSize, stream, true);
      const members = (team as DrawAssignment).team;
      last = members;
      return itemRow(
        planId,
        actor,
        row,
        c,
        'key',
        month,
        members.map((u) => officers.get(u) as TeamMember),
        team,
      );
    });
  });
}

function itemRow(
  planId: string,
  actor: Actor,
  row: repo.FactsRow,
  c: Classification,
  source: 'key' | 'random',
  month: number,
  team: TeamMember[],
  assignment: DrawAssignment | undefined,
): ItemInsert {
  return {
    id: uuidv7(),
    region_code: actor.regionCode,
    plan_id: planId,
    enterprise_id: row.id,
    enterprise_region_code: row.region_code,
    enterprise_name: row.name,
    class: c.class,
    reasons: JSON.stringify(c.reasons),
    source,
    month,
    team: JSON.stringify(team),
    conflict_waived: assignment?.conflictWaived ?? false,
  };
}

export async function createPlan(
  ctx: AppContext,
  actor: Actor,
  input: CreatePlanInput,
  idempotencyKey?: string,
): Promise<PlanView> {
  const now = ctx.now();
  const todayDate = today(ctx);
  const thisYear = Number(todayDate.slice(0, 4));
  if (input.year < thisYear) throw invalid('year', 'past', '不能为已经过去的年度制定监督检查计划');
  // A plan made during its year starts with the current month: the months already past cannot be planned.
  const firstMonth = input.year === thisYear ? Number(todayDate.slice(5, 7)) : 1;
  const teamSize = input.teamSize ?? 2;
  const seed = seedOf(input.seed);
  const done = await ctx.db.kysely.transaction().execute(async (trx) =>
    once(trx, { actor, key: idempotencyKey, regionCode: actor.regionCode, input, now }, async () => {
      await repo.lockKey(trx, `supervision_plan:${actor.regionCode}:${input.year}`);
      if (await repo.planOf(trx, actor.regionCode, input.year)) throw new AppError('PLAN_EXISTS');
      const rules = await effectiveRules(trx, actor.regionCode);
      const pool = await classed(ctx, trx, actor, { ids: input.enterpriseIds }, rules.table);
      if (pool.length === 0) {
        throw invalid('enterpriseIds', 'empty', '管辖范围内没有在营企业，无法制定监督检查计划');
      }
      const roster = await certifiedOfficers(trx, { orgId: actor.orgId });
      if (roster.length < teamSize)
        throw refusal(new DrawRefusal('roster_too_small'), { roster: roster.length, pool: 0, count: 0, teamSize });
      const key = pool.filter((x) => x.c.frequency > 0);
      const others = pool.filter((x) => x.c.frequency === 0);
      const randomCount = input.randomCount ?? Math.ceil((others.length * rules.table.randomPercent) / 100);
      if (randomCount > others.length) {
        throw invalid('randomCount', 'too_many', `随机抽取数量不能超过非重点检查企业数（${others.length}家）`);
      }
      const planId = uuidv7();
      const items = keyItems(planId, actor, key, { firstMonth, seed, teamSize, roster });
      let randomDrawId: string | null = null;
      if (randomCount > 0) {
        const draw = await recordDraw(ctx, trx, actor, {
          subject: `${input.year}年度监督检查计划随机抽查`,
          planId,
          plannedOn: null,
          pool: others.map((x) => x.row),
          roster,
          count: randomCount,
          teamSize,
          seed,
          waiveConflicts: true,
        });
        randomDrawId = draw.id;
        const byId = new Map(others.map((x) => [x.row.id, x]));
        draw.result.forEach((a, j) => {
          const x = byId.get(a.enterpriseId) as Classed;
          const team = a.team.map((u) => draw.inspectors.get(u) as TeamMember);
          items.push(itemRow(planId, actor, x.row, x.c, 'random', spreadMonth(j, randomCount, firstMonth), team, a));
        });
      }
      await repo.insertPlan(trx, {
        id: planId,
        region_code: actor.regionCode,
        year: input.year,
        bureau_name: actor.orgName,
        rules_region_code: rules.regionCode,
        rules_revision: rules.revision,
        first_month: firstMonth,
        team_size: teamSize,
        seed,
        random_draw_id: randomDrawId,
        item_count: items.length,
        created_by: actor.userId,
        created_by_name: actor.displayName,
        created_at: now,
      });
      await repo.insertItems(trx, items);
      await appendAudit(trx, actor, {
        action: 'supervision.plan',
        entityType: 'supervision_plan',
        entityId: planId,
        regionCode: actor.regionCode,
        at: now,
        after: {
          year: input.year,
          items: items.length,
          keyEnterprises: key.length,
          randomEnterprises: randomCount,
          randomDrawId,
          rulesRevision: rules.revision,
          seed,
        },
      });
      return { id: planId };
    }),
  );
  return getPlan(ctx, actor, (done.body as { id: string }).id);
}

interface Progress {
  items: { row: repo.ItemRow; status: ReturnType<typeof itemStatus>; done?: { id: string; inspectedOn: string } }[];
  total: Tally;
}

async function progressOf(ctx: AppContext, plan: repo.PlanRow): Promise<Progress> {
  const db = ctx.db.kysely;
  const [rows, inspections] = await Promise.all([
    repo.itemsOf(db, plan),
    repo.inspectionsFor(db, plan, subtreePrefix(plan.region_code)),
  ]);
  const matched = matchInspections(
    plan.year,
    rows.map((r) => ({ id: r.id, enterpriseId: r.enterprise_id, month: r.month })),
    inspections.map((i) => ({
      id: i.id,
      enterpriseId: i.enterprise_id,
      planItemId: i.plan_item_id,
      inspectedOn: i.inspected_on,
      byBureau: i.by_bureau,
    })),
  );
  const todayDate = today(ctx);
  const total = emptyTally();
  const items = rows.map((row) => {
    const m = matched.get(row.id);
    const status = itemStatus(plan.year, row.month, m !== undefined, todayDate);
    addToTally(total, status);
    return { row, status, done: m && { id: m.id, inspectedOn: m.inspectedOn } };
  });
  return { items, total };
}

/** Child region of `parent` that `code` falls in (the nation → provinces, … county → towns), or parent itself. */
function childOf(parent: string, code: string): string {
  const length = { national: 2, province: 4, city: 6, county: 9, town: 9 }[levelOfCode(parent)];
  const key = code.slice(0, length);
  return key.length < 6 ? key.padEnd(6, '0') : key;
}

async function summaryOf(ctx: AppContext, plan: repo.PlanRow, total: Tally): Promise<PlanSummary> {
  return {
    id: plan.id,
    regionCode: plan.region_code,
    regionName: await regionName(ctx.db, plan.region_code),
    bureauName: plan.bureau_name,
    year: plan.year,
    rulesRevision: plan.rules_revision,
    randomDrawId: plan.random_draw_id,
    createdAt: toShanghaiIso(new Date(plan.created_at)),
    createdBy: plan.created_by_name,
    progress: total,
  };
}

const months = () => Array.from({ length: 12 }, (_, i) => ({ month: i + 1, ...emptyTally() }));

export async function getPlan(ctx: AppContext, actor: Actor, id: string): Promise<PlanView> {
  const plan = await repo.findPlan(ctx.db.kysely, actor.prefix, id);
  if (!plan) throw new AppError('NOT_FOUND');
  const { items, total } = await progressOf(ctx, plan);
  const byMonth = months();
  const regions = new Map<string, Tally>();
  const classes = new Map<SupervisionClass, Tally>(SUPERVISION_CLASSES.map((c) => [c, emptyTally()]));
  for (const { row, status } of items) {
    addToTally(byMonth[row.month - 1] as Tally, status);
    const key = childOf(plan.region_code, row.enterprise_region_code);
    if (!regions.has(key)) regions.set(key, emptyTally());
    addToTally(regions.get(key) as Tally, status);
    addToTally(classes.get(row.class as SupervisionClass) as Tally, status);
  }
  const byRegion: RegionTally[] = [];
  for (const [code, t] of [...regions].sort(([a], [b]) => a.localeCompare(b))) {
    byRegion.push({ regionCode: code, label: await childLabel(ctx.db, plan.region_code, code), ...t });
  }
  return {
    ...(await summaryOf(ctx, plan, total)),
    firstMonth: plan.first_month,
    teamSize: plan.team_size,
    seed: plan.seed,
    items: items.map((i) => presentItem(i.row, i.status, i.done)),
    byMonth,
    byRegion,
    byClass: [...classes].map(([c, t]) => ({ class: c, ...t })),
  };
}

export async function listPlans(ctx: AppContext, actor: Actor, q: PlanListQuery): Promise<{ items: PlanSummary[] }> {
  checkRegionFilter(actor, q.regionCode);
  const plans = await repo.listPlans(ctx.db.kysely, {
    regionPrefix: q.regionCode ? subtreePrefix(q.regionCode) : actor.prefix,
    year: q.year,
  });
  const items: PlanSummary[] = [];
  for (const plan of plans) items.push(await summaryOf(ctx, plan, (await progressOf(ctx, plan)).total));
  return { items };
}

/** The plans of a region's bureaus for a year summed per child region: a city sees its own plan and its counties'. */
export async function planRollup(ctx: AppContext, actor: Actor, q: PlanProgressQuery): Promise<PlanRollup> {
  checkRegionFilter(actor, q.regionCode);
  const regionCode = q.regionCode ?? actor.regionCode;
  const plans = await repo.listPlans(ctx.db.kysely, { regionPrefix: subtreePrefix(regionCode), year: q.year });
  const rows = new Map<string, Tally & { plans: number }>();
  const byMonth = months();
  let total = { ...emptyTally(), plans: 0 };
  for (const plan of plans) {
    const { items, total: t } = await progressOf(ctx, plan);
    for (const { row, status } of items) addToTally(byMonth[row.month - 1] as Tally, status);
    const key = childOf(regionCode, plan.region_code);
    const prior = rows.get(key) ?? { ...emptyTally(), plans: 0 };
    rows.set(key, { ...sumTallies(prior, t), plans: prior.plans + 1 });
    total = { ...sumTallies(total, t), plans: total.plans + 1 };
  }
  const out: PlanRollup['rows'] = [];
  for (const [code, t] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
    out.push({ regionCode: code, label: await childLabel(ctx.db, regionCode, code), ...t });
  }
  return { regionCode, year: q.year, rows: out, total, byMonth };
}
