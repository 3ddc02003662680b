/**
 * Control indicators (控制指标, "保指标、压事故"): a region's yearly caps, handed down by its parent's bureau, and
 * the board of a region and its children — actual figures for the year to date against the caps and the pace of
 * the year, worst first. Rules and thresholds: domain/indicators.ts.
 *
 * Who sets a region's figures (allocation, 分解下达): the stats desk or the administrator of the bureau of the
 * region's PARENT — the ministry (000000) for a province, the province for its cities (and for counties directly
 * under it), a city for its counties, a county for its towns. The one exception: a province's own figures may
 * also be entered by the province's administrator, because the national figures come down on paper (国务院安委会
 * 下达) and the ministry may not keep them in this system. No other bureau sets its own figures.
 * Reads: a region in the actor's jurisdiction (404 outside it). Writes: 403 OUTSIDE_JURISDICTION outside it,
 * 403 NOT_ALLOCATOR inside it but not a direct child.
 */
import type { Kysely } from 'kysely';
import type {
  IndicatorBoard,
  IndicatorBoardQuery,
  IndicatorInput,
  IndicatorRow,
  IndicatorSetResult,
  IndicatorTargetView,
} from '../../../contracts/indicators.js';
import {
  type AllocationWarning,
  assessRegion,
  checkAllocation,
  effectiveCap,
  type Figures,
  INDICATORS,
  leadOverPace,
  type Pace,
  paceShare,
  startOfShanghaiYear,
  statusSeverity,
  yearPace,
} from '../../../domain/indicators.js';
import { toShanghaiIso } from '../../../domain/time.js';
import { type Actor, coversRegion } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { childrenOf, findRegion, type RegionView } from '../regions/repo.js';
import { statsBreakdown, statsSummary } from '../stats/service.js';
import { capsOf, presentTargets, sameValues } from './presenter.js';
import * as repo from './repo.js';

type Q = Kysely<Database>;

const ZERO: Figures = Object.freeze({ deaths: 0, accidents: 0, largerAccidents: 0 });

// ————————————————————————————————————————— who may set

/** The bureau of the parent region allocates; a province's administrator may also enter the province's own. */
function mayAllocate(actor: Actor, region: RegionView): boolean {
  if (region.parentCode === actor.regionCode) return true;
  return region.code === actor.regionCode && region.level === 'province' && actor.role === 'admin';
}

// ————————————————————————————————————————— PUT

function valuesOf(input: IndicatorInput): repo.IndicatorValues {
  return {
    death_cap: input.deathCap,
    accident_cap: input.accidentCap,
    larger_accident_cap: input.largerAccidentCap,
    death_reduction_pct: input.deathReductionPct ?? null,
    accident_reduction_pct: input.accidentReductionPct ?? null,
    note: input.note ? input.note : null,
  };
}

/** A region's caps against its children's (rows: the figures found for the year, by region code). */
function allocationAmong(parent: RegionView, children: readonly RegionView[], rows: Map<string, repo.IndicatorRow>) {
  const own = rows.get(parent.code);
  return checkAllocation(
    { name: parent.name, caps: own ? capsOf(own) : null },
    children.flatMap((c) => {
      const r = rows.get(c.code);
      return r ? [capsOf(r)] : [];
    }),
  );
}

async function indicatorsByCode(db: Q, year: number, regions: readonly RegionView[]) {
  const rows = await repo.findIndicators(
    db,
    year,
    regions.map((r) => r.code),
  );
  return new Map(rows.map((r) => [r.region_code, r]));
}

/** The caps of `parent` against its children's for the year, read in `db` (the writing transaction). */
async function allocationOf(db: Q, year: number, parent: RegionView) {
  const children = await childrenOf(db, parent.code);
  return allocationAmong(parent, children, await indicatorsByCode(db, year, [parent, ...children]));
}

export async function setIndicator(
  ctx: AppContext,
  actor: Actor,
  year: number,
  regionCode: string,
  input: IndicatorInput,
): Promise<IndicatorSetResult> {
  if (!coversRegion(actor, regionCode)) throw new AppError('OUTSIDE_JURISDICTION');
  const region = await findRegion(ctx.db.kysely, regionCode);
  if (!region) throw new AppError('NOT_FOUND');
  if (!mayAllocate(actor, region)) throw new AppError('NOT_ALLOCATOR');
  const values = valuesOf(input);
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    await repo.lockIndicator(trx, year, regionCode);
    const [prior] = await repo.findIndicators(trx, year, [regionCode]);
    const changed = !prior || !sameValues(prior, values);
    if (changed) await repo.upsertIndicator(trx, { year, regionCode }, values, { userId: actor.userId, at: now });
    const [row] = await repo.findIndicators(trx, year, [regionCode]);
    if (!row) throw new Error('control indicator not stored');
    const indicator = presentTargets(row);
    // Both directions: this region among its siblings (against the parent), and its own children against it.
    const parent = region.parentCode ? await findRegion(trx, region.parentCode) : undefined;
    const warnings: AllocationWarning[] = [
      ...(parent ? (await allocationOf(trx, year, parent)).warnings : []),
      ...(await allocationOf(trx, year, region)).warnings,
    ];
    if (changed) {
      await appendAudit(trx, actor, {
        action: 'indicator.set',
        entityType: 'control_indicator',
        entityId: `${year}:${regionCode}`,
        regionCode,
        at: now,
        before: prior ? presentTargets(prior) : null,
        after: indicator,
      });
    }
    return { indicator, changed, warnings };
  });
}

// ————————————————————————————————————————— GET board

interface Span {
  from: Date;
  to: Date;
}

/** The half-open span of `year` up to now: [1 January, min(now, next 1 January)); null before the year starts. */
function yearToDate(year: number, now: Date): Span | null {
  const from = startOfShanghaiYear(year);
  const end = startOfShanghaiYear(year + 1);
  const to = now.getTime() < end.getTime() ? now : end;
  return to.getTime() > from.getTime() ? { from, to } : null;
}

/**
 * The figures of a region and of each child over the span, from the statistics module (accidents not written
 * off; 死亡 counts the missing; 较大 counts 较大 and above), in three statements whatever the number of children:
 * the region's summary, its breakdown by child region, and the children's 较大及以上 counts.
 */
async function actualsOf(
  ctx: AppContext,
  actor: Actor,
  region: RegionView,
  children: readonly RegionView[],
  span: Span | null,
): Promise<Map<string, Figures>> {
  const out = new Map([region, ...children].map((r) => [r.code, { ...ZERO }]));
  if (!span) return out;
  const q = { regionCode: region.code, from: toShanghaiIso(span.from), to: toShanghaiIso(span.to) };
  const [summary, breakdown, larger] = await Promise.all([
    statsSummary(ctx, actor, q),
    children.length ? statsBreakdown(ctx, actor, { ...q, by: 'region' }) : null,
    children.length ? statsBreakdown(ctx, actor, { ...q, by: 'region', grades: 'larger' }) : null,
  ]);
  out.set(region.code, {
    deaths: summary.current.deaths,
    accidents: summary.current.accidents,
    largerAccidents: summary.larger.current.accidents,
  });
  for (const row of breakdown?.rows ?? []) {
    // The region's own row (县本级) is not a child; the region's figures are the summary's.
    const f = row.key === region.code ? undefined : out.get(row.key);
    if (f) Object.assign(f, { deaths: row.current.deaths, accidents: row.current.accidents });
  }
  for (const row of larger?.rows ?? []) {
    const f = row.key === region.code ? undefined : out.get(row.key);
    if (f) f.largerAccidents = row.current.accidents;
  }
  return out;
}

function targetView(row: repo.IndicatorRow, lastYear: Figures | undefined): IndicatorTargetView {
  const caps = capsOf(row);
  const hasReduction = row.death_reduction_pct !== null || row.accident_reduction_pct !== null;
  const last = hasReduction && lastYear ? { deaths: lastYear.deaths, accidents: lastYear.accidents } : null;
  return {
    ...presentTargets(row),
    effective: {
      deaths: effectiveCap(caps.deaths, last?.deaths ?? null, row.death_reduction_pct),
      accidents: effectiveCap(caps.accidents, last?.accidents ?? null, row.accident_reduction_pct),
      largerAccidents: caps.largerAccidents,
    },
    lastYearActual: last,
  };
}

const NO_RATIO = Object.freeze({ deaths: null, accidents: null, largerAccidents: null });

function boardRow(region: RegionView, target: IndicatorTargetView | null, actual: Figures, pace: Pace): IndicatorRow {
  const row = { code: region.code, name: region.name, target, actual, pace: paceShare(pace) };
  if (!target) return { ...row, ratio: { ...NO_RATIO }, statuses: null, status: 'none', behind: false };
  const a = assessRegion(actual, target.effective, pace);
  const ratio = { ...NO_RATIO } as IndicatorRow['ratio'];
  const statuses = {} as NonNullable<IndicatorRow['statuses']>;
  for (const k of INDICATORS) {
    ratio[k] = a.indicators[k].ratio;
    statuses[k] = a.indicators[k].status;
  }
  return { ...row, ratio, statuses, status: a.status, behind: a.status !== 'green' };
}

/** Worst first: red, yellow, green, then no figures; ties by how far ahead of the pace, then by code. */
function worstFirst(pace: Pace) {
  const rank = (r: IndicatorRow) => (r.status === 'none' ? -1 : statusSeverity(r.status));
  const lead = (r: IndicatorRow) =>
    r.target ? leadOverPace(assessRegion(r.actual, r.target.effective, pace), pace) : Number.NEGATIVE_INFINITY;
  return (x: IndicatorRow, y: IndicatorRow) => {
    const byRank = rank(y) - rank(x);
    if (byRank !== 0) return byRank;
    const lx = lead(x);
    const ly = lead(y);
    if (lx !== ly) return lx < ly ? 1 : -1;
    return x.code < y.code ? -1 : 1;
  };
}

export async function indicatorBoard(
  ctx: AppContext,
  actor: Actor,
  year: number,
  q: IndicatorBoardQuery,
): Promise<IndicatorBoard> {
  const code = q.regionCode ?? actor.regionCode;
  // Outside the jurisdiction looks the same as not existing (no leak of what exists elsewhere).
  if (!coversRegion(actor, code)) throw new AppError('NOT_FOUND');
  const db = ctx.db.kysely;
  const region = await findRegion(db, code);
  if (!region) throw new AppError('NOT_FOUND');
  const children = await childrenOf(db, code);
  const regions = [region, ...children];
  const rows = await indicatorsByCode(db, year, regions);
  const now = ctx.now();
  const pace = yearPace(year, now);
  const span = yearToDate(year, now);
  // Last year counts for a reduction target only once it is over (a part of it would make the target too strict).
  const lastYearOver = now.getTime() >= startOfShanghaiYear(year).getTime();
  const anyReduction = [...rows.values()].some(
    (r) => r.death_reduction_pct !== null || r.accident_reduction_pct !== null,
  );
  const [actual, lastYear] = await Promise.all([
    actualsOf(ctx, actor, region, children, span),
    lastYearOver && anyReduction ? actualsOf(ctx, actor, region, children, yearToDate(year - 1, now)) : null,
  ]);
  const board = regions.map((r) => {
    const row = rows.get(r.code);
    return boardRow(r, row ? targetView(row, lastYear?.get(r.code)) : null, actual.get(r.code) ?? ZERO, pace);
  });
  const [own, ...kids] = board as [IndicatorRow, ...IndicatorRow[]];
  return {
    year,
    pace: paceShare(pace),
    asOf: toShanghaiIso(now),
    region: own,
    children: kids.sort(worstFirst(pace)),
    allocation: allocationAmong(region, children, rows),
  };
}
