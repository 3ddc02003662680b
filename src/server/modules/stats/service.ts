/**
 * Statistics (统计分析): summary and breakdowns of a region's accidents over a period, against the same period
 * one year earlier (同比). Every function takes the actor; the region asked for must lie in its jurisdiction.
 * Figures come aggregated from the database (repo.ts); this file only names, orders and compares them.
 */
import type {
  BreakdownDimension,
  CompareWith,
  StatChangePct,
  StatComparison,
  StatFigures,
  StatsBreakdown,
  StatsBreakdownQuery,
  StatsBreakdownRow,
  StatsSummary,
  StatsSummaryQuery,
} from '../../../contracts/stats.js';
import { ACCIDENT_TYPE_ENTRIES, INDUSTRY_SECTIONS } from '../../../domain/codes.js';
import { DOMAIN_LABELS, DOMAINS } from '../../../domain/direct-report.js';
import { GRADE_LABELS, GRADES } from '../../../domain/grade.js';
import { ownRowLabel, subtreePrefix } from '../../../domain/region-code.js';
import {
  compare,
  INDICATOR_KEYS,
  periodContaining,
  previousPeriod,
  samePeriodLastYear,
} from '../../../domain/statistics.js';
import { shanghaiMonthsBetween, toShanghaiIso } from '../../../domain/time.js';
import { type Actor, coversRegion } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import { AppError, fieldError } from '../../errors.js';
import { childrenOf, findRegion, type RegionView } from '../regions/repo.js';
import * as repo from './repo.js';

// ————————————————————————————————————————— comparison (同比)

/** Both blocks and their differences, by compare() of the domain (change; percent one decimal, null on a base of 0). */
function comparison(current: StatFigures, previous: StatFigures): StatComparison {
  const cmp = compare(current, previous);
  const change = {} as StatFigures;
  const changePct = {} as StatChangePct;
  for (const k of INDICATOR_KEYS) {
    change[k] = cmp[k].change;
    changePct[k] = cmp[k].changePct;
  }
  return { current, previous, change, changePct };
}

function figuresOf(row: Partial<Record<string, unknown>>, prefix: string): StatFigures {
  const at = (name: string) => Number(row[`${prefix}${name}`] ?? 0);
  return {
    accidents: at('accidents'),
    deaths: at('deaths'),
    injuries: at('injuries'),
    seriousInjuries: at('serious_injuries'),
    directLossYuan: at('direct_loss_yuan'),
  };
}

// ————————————————————————————————————————— scope

interface Resolved {
  region: RegionView;
  scope: repo.StatsScope;
  period: { compare: CompareWith; from: string; to: string; previousFrom: string; previousTo: string };
}

/** The region (default: the actor's) inside the jurisdiction, and [from, to) with its 同比 or 环比 period. */
async function resolve(ctx: AppContext, actor: Actor, q: StatsSummaryQuery): Promise<Resolved> {
  const code = q.regionCode ?? actor.regionCode;
  // Outside the jurisdiction looks the same as not existing (no leak of what exists elsewhere).
  if (!coversRegion(actor, code)) throw new AppError('NOT_FOUND');
  const region = await findRegion(ctx.db.kysely, code);
  if (!region) throw new AppError('NOT_FOUND');
  const to = q.to ? new Date(q.to) : ctx.now();
  // Default: from 1 January (Asia/Shanghai) of the year the period ends in.
  const from = q.from ? new Date(q.from) : periodContaining('year', new Date(to.getTime() - 1)).from;
  if (from.getTime() >= to.getTime()) throw fieldError('from', 'after_to', '开始时间须早于结束时间');
  const compareWith = q.compare ?? 'lastYear';
  const against = compareWith === 'previous' ? previousPeriod : samePeriodLastYear;
  const { from: previousFrom, to: previousTo } = against({ from, to });
  return {
    region,
    scope: { prefix: subtreePrefix(region.code), from, to, previousFrom, previousTo },
    period: {
      compare: compareWith,
      from: toShanghaiIso(from),
      to: toShanghaiIso(to),
      previousFrom: toShanghaiIso(previousFrom),
      previousTo: toShanghaiIso(previousTo),
    },
  };
}

// ————————————————————————————————————————— summary

export async function statsSummary(ctx: AppContext, actor: Actor, q: StatsSummaryQuery): Promise<StatsSummary> {
  const { region, scope, period } = await resolve(ctx, actor, q);
  const row = await repo.summaryFigures(ctx.db.kysely, scope);
  return {
    regionCode: region.code,
    ...period,
    ...comparison(figuresOf(row, 'c_'), figuresOf(row, 'p_')),
    larger: comparison(figuresOf(row, 'lc_'), figuresOf(row, 'lp_')),
  };
}

// ————————————————————————————————————————— breakdown

interface KeyLabel {
  key: string;
  label: string;
}

const monthLabel = (ym: string) => `${ym.slice(0, 4)}年${Number(ym.slice(5, 7))}月`;

function industryLabel(code: string): string {
  const section = INDUSTRY_SECTIONS[code.slice(0, 1)];
  if (!section) return code;
  return code.length === 1 ? section.name : `${section.name} ${code.slice(1)}大类`;
}

/** The rows every breakdown shows, zeros included, in order; and how the database groups the accidents. */
async function dimensionOf(
  ctx: AppContext,
  by: BreakdownDimension,
  q: StatsBreakdownQuery,
  r: Resolved,
): Promise<{
  expected: KeyLabel[];
  /** A row after all others, whatever the data (a region's own row, 本级, after its children). */
  last?: KeyLabel | undefined;
  key: repo.BreakdownKey;
  labelOf: (key: string) => string;
}> {
  switch (by) {
    case 'region': {
      const children = await childrenOf(ctx.db.kysely, r.region.code);
      // Accidents filed at the region itself (区本级, 县本级 …) have a row of their own.
      const selfLabel = children.length === 0 ? r.region.name : ownRowLabel(r.region);
      const names = new Map(children.map((c) => [c.code, c.name]));
      // Every county of a city, every city of a province, with its zeros; but a county's towns only where they hold
      // accidents (this period or the last): most towns have none, and a column of empty towns hides the ones that do.
      const expected = r.region.level === 'county' ? [] : children.map((c) => ({ key: c.code, label: c.name }));
      const own = r.region.level === 'county' || children.length === 0;
      return {
        expected,
        last: own ? { key: r.region.code, label: selfLabel } : undefined,
        key: {
          kind: 'region',
          self: r.region.code,
          children: children.map((c) => ({ code: c.code, prefix: subtreePrefix(c.code) })),
        },
        labelOf: (key) => (key === r.region.code ? selfLabel : (names.get(key) ?? key)),
      };
    }
    case 'industry':
      return {
        expected:
          (q.industryLevel ?? 'section') === 'section'
            ? Object.entries(INDUSTRY_SECTIONS).map(([key, s]) => ({ key, label: s.name }))
            : [],
        key: { kind: 'industry', level: q.industryLevel ?? 'section' },
        labelOf: industryLabel,
      };
    case 'type':
      return {
        expected: ACCIDENT_TYPE_ENTRIES.map(([key, label]) => ({ key, label })),
        key: { kind: 'type' },
        labelOf: (key) => key,
      };
    case 'grade':
      return {
        expected: GRADES.map((g) => ({ key: g, label: GRADE_LABELS[g] })),
        key: { kind: 'grade' },
        labelOf: (key) => key,
      };
    case 'domain':
      return {
        expected: DOMAINS.map((d) => ({ key: d, label: DOMAIN_LABELS[d] })),
        key: { kind: 'domain' },
        labelOf: (key) => key,
      };
    case 'month':
      return {
        expected: shanghaiMonthsBetween(r.scope.from, r.scope.to).map((m) => ({ key: m, label: monthLabel(m) })),
        key: { kind: 'month' },
        labelOf: monthLabel,
      };
  }
}

export async function statsBreakdown(ctx: AppContext, actor: Actor, q: StatsBreakdownQuery): Promise<StatsBreakdown> {
  const resolved = await resolve(ctx, actor, q);
  const grades = q.grades ?? 'all';
  const r = { ...resolved, scope: { ...resolved.scope, largerOnly: grades === 'larger' } };
  const dim = await dimensionOf(ctx, q.by, q, r);
  const found = await repo.breakdownFigures(ctx.db.kysely, r.scope, dim.key);
  const totalRow = found.find((x) => x.is_total);
  if (!totalRow) throw new Error('breakdown without a total row');
  const byKey = new Map(found.filter((x) => !x.is_total).map((x) => [x.key as string, x]));
  // The expected rows (zeros included), then any key the data has beyond them, so the rows add up to the total.
  const fixed = [...dim.expected, ...(dim.last ? [dim.last] : [])];
  const keys = [
    ...dim.expected,
    ...[...byKey.keys()]
      .filter((k) => !fixed.some((e) => e.key === k))
      .sort()
      .map((k) => ({ key: k, label: dim.labelOf(k) })),
    ...(dim.last ? [dim.last] : []),
  ];
  const rows: StatsBreakdownRow[] = keys.map(({ key, label }) => {
    const x = byKey.get(key) ?? {};
    return { key, label, ...comparison(figuresOf(x, 'c_'), figuresOf(x, 'p_')) };
  });
  return {
    regionCode: r.region.code,
    by: q.by,
    grades,
    ...r.period,
    rows,
    total: comparison(figuresOf(totalRow, 'c_'), figuresOf(totalRow, 'p_')),
  };
}
