/**
 * Control indicators (控制指标, "保指标、压事故"): yearly caps per region — 死亡人数, 事故起数 and 较大事故起数 —
 * handed down from province to city to county, tracked against the share of the year elapsed (issue 3, scope 5).
 *
 * Thresholds (documented in docs/API.md, "Control indicators"):
 * - pace = share of the calendar year elapsed in Asia/Shanghai: 0 at 1 January 00:00, 1 at 31 December 24:00.
 * - ratio = actual / cap; none (null) for a cap of 0.
 * - red    — the cap is exceeded (actual > cap), or ratio > pace + RED_MARGIN_PERCENT / 100: more than ten
 *            percentage points ahead of the year, i.e. at this rate the cap will be exceeded well before year end.
 * - yellow — not red, and ratio > pace: ahead of the allowed pace (this includes a cap used up, actual = cap,
 *            before the year ends — the ratio is then 1 > pace).
 * - green  — otherwise: at or under the pace; a cap met exactly at year end; a cap of 0 with nothing happened.
 *   A cap of 0 with actual 0 is green, not "used up": 较大事故控制数 is 0 for most counties, and a rule that
 *   made them yellow from 1 January would paint every county yellow all year and tell nobody anything.
 * Every comparison is exact (integer arithmetic on milliseconds and counts), so each boundary falls where the
 * table in indicators.test.ts says, with no floating-point drift.
 */
import { DAY_MS, HOUR_MS } from './time.js';

export const INDICATORS = ['deaths', 'accidents', 'largerAccidents'] as const;
export type Indicator = (typeof INDICATORS)[number];
/** A figure per indicator: caps, actual counts or sums. */
export type Figures = Record<Indicator, number>;

/** The official names (统计指标; 较大事故 per 493号令 第三条). */
export const INDICATOR_LABELS: Record<Indicator, string> = {
  deaths: '死亡人数',
  accidents: '事故起数',
  largerAccidents: '较大事故起数',
};

/** Red when the ratio runs more than this many percentage points ahead of the pace. */
export const RED_MARGIN_PERCENT = 10;

export const STATUSES = ['green', 'yellow', 'red'] as const;
export type IndicatorStatus = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<IndicatorStatus, string> = { green: '绿', yellow: '黄', red: '红' };

const SEVERITY: Record<IndicatorStatus, number> = { green: 0, yellow: 1, red: 2 };

// ─── Pace (时间进度) ─────────────────────────────────────────────────────────────────────────────────────────

/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991). */
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/** 1 January 00:00 Asia/Shanghai of the year. */
export function startOfShanghaiYear(year: number): Date {
  return new Date(Date.UTC(year, 0, 1) - SHANGHAI_OFFSET_MS);
}

/** The Asia/Shanghai calendar year of the instant. */
export function shanghaiYear(at: Date): number {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).getUTCFullYear();
}

/** The share of a year elapsed, kept as the exact fraction elapsedMs / yearMs. */
export interface Pace {
  elapsedMs: number;
  yearMs: number;
}

/**
 * How much of `year` has passed at `at`, Asia/Shanghai: 0 up to 1 January 00:00, 1 from 31 December 24:00
 * (an instant in a later year: 1; in an earlier year: 0). A leap year has 366 days.
 */
export function yearPace(year: number, at: Date): Pace {
  const start = startOfShanghaiYear(year).getTime();
  const yearMs = startOfShanghaiYear(year + 1).getTime() - start;
  const elapsedMs = Math.min(Math.max(at.getTime() - start, 0), yearMs);
  return { elapsedMs, yearMs };
}

/** The pace as a number in [0, 1], for display. */
export function paceShare(p: Pace): number {
  return p.elapsedMs / p.yearMs;
}

/** Days in the year (365 or 366). */
export function yearDays(year: number): number {
  return yearPace(year, new Date(0)).yearMs / DAY_MS;
}

// ─── Status of one indicator ────────────────────────────────────────────────────────────────────────────────

export interface Assessment {
  /** actual / cap; null for a cap of 0. */
  ratio: number | null;
  status: IndicatorStatus;
}

function assertCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
  }
}

/** One indicator's actual against its cap at the given pace (rules and thresholds: top of this file). */
export function assessIndicator(actual: number, cap: number, pace: Pace): Assessment {
  assertCount(actual, 'actual');
  assertCount(cap, 'cap');
  if (cap === 0) return { ratio: null, status: actual > 0 ? 'red' : 'green' };
  const ratio = actual / cap;
  if (actual > cap) return { ratio, status: 'red' };
  // With a = actual, c = cap, e/y = pace, m = RED_MARGIN_PERCENT:
  //   a/c > e/y + m/100  ⇔  100·a·y > 100·e·c + m·y·c     and     a/c > e/y  ⇔  a·y > e·c
  const a = BigInt(actual);
  const c = BigInt(cap);
  const e = BigInt(pace.elapsedMs);
  const y = BigInt(pace.yearMs);
  if (100n * a * y > 100n * e * c + BigInt(RED_MARGIN_PERCENT) * y * c) return { ratio, status: 'red' };
  if (a * y > e * c) return { ratio, status: 'yellow' };
  return { ratio, status: 'green' };
}

/** The worst of the statuses (red > yellow > green); green for none. */
export function worstStatus(statuses: readonly IndicatorStatus[]): IndicatorStatus {
  return statuses.reduce<IndicatorStatus>((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst), 'green');
}

export function statusSeverity(s: IndicatorStatus): number {
  return SEVERITY[s];
}

export interface RegionAssessment {
  /** Per indicator. */
  indicators: Record<Indicator, Assessment>;
  /** The region's status: the worst of its indicators. */
  status: IndicatorStatus;
}

/** Every indicator of a region against its caps, and the region's overall (worst) status. */
export function assessRegion(actual: Figures, caps: Figures, pace: Pace): RegionAssessment {
  const indicators = {} as Record<Indicator, Assessment>;
  for (const k of INDICATORS) indicators[k] = assessIndicator(actual[k], caps[k], pace);
  return { indicators, status: worstStatus(INDICATORS.map((k) => indicators[k].status)) };
}

/**
 * How far a region runs ahead of the pace: the largest ratio − pace over its indicators (a cap of 0 that has
 * been exceeded counts as +∞; −∞ when no indicator has a ratio). Orders regions of the same status.
 */
export function leadOverPace(a: RegionAssessment, pace: Pace): number {
  const share = paceShare(pace);
  let lead = Number.NEGATIVE_INFINITY;
  for (const k of INDICATORS) {
    const { ratio, status } = a.indicators[k];
    const v = ratio === null ? (status === 'red' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY) : ratio - share;
    if (v > lead) lead = v;
  }
  return lead;
}

// ─── Reduction targets (同比下降) ────────────────────────────────────────────────────────────────────────────

/** A reduction percentage has at most two decimals (e.g. 5, 7.5, 12.25). */
export const REDUCTION_PCT_DECIMALS = 2;
const PCT_SCALE = 10 ** REDUCTION_PCT_DECIMALS;

/**
 * The cap implied by "同比下降 pct%" against last year's actual: floor(lastYearActual × (1 − pct/100)).
 * Rounded down because the figures are whole people or accidents and the target is a ceiling: 692 deaths with
 * 5 % → 657.4 → 657, since 658 would be a fall of only 4.9 %, short of the target. Computed on integers
 * (pct in hundredths) so that e.g. 100 × (1 − 0.07), which is 92.999… in floating point, gives 93.
 */
export function reductionCap(lastYearActual: number, pct: number): number {
  assertCount(lastYearActual, 'lastYearActual');
  const hundredths = Math.round(pct * PCT_SCALE);
  if (!(pct >= 0 && pct <= 100) || Math.abs(hundredths - pct * PCT_SCALE) > 1e-6) {
    throw new RangeError(`pct must be 0–100 with at most ${REDUCTION_PCT_DECIMALS} decimals, got ${pct}`);
  }
  const scale = 100 * PCT_SCALE;
  return Number((BigInt(lastYearActual) * BigInt(scale - hundredths)) / BigInt(scale));
}

/**
 * The cap a region is held to: the cap handed down, or the reduction target when that is stricter (a region
 * must meet both: "死亡人数控制在N人以内" and "同比下降p%").
 */
export function effectiveCap(cap: number, lastYearActual: number | null, pct: number | null): number {
  if (pct === null || lastYearActual === null) return cap;
  return Math.min(cap, reductionCap(lastYearActual, pct));
}

// ─── Allocation (分解下达) ──────────────────────────────────────────────────────────────────────────────────

export interface AllocationWarning {
  indicator: Indicator;
  /** The children's caps added up. */
  sum: number;
  /** The parent's cap. */
  cap: number;
  message: string;
}

export interface Allocation {
  /** Sum of the children's caps (children without caps add nothing). */
  sum: Figures;
  /** The parent's caps; null when the parent has none for the year. */
  parent: Figures | null;
  /** Per indicator: the children's sum exceeds the parent's cap. */
  exceeds: Record<Indicator, boolean>;
  warnings: AllocationWarning[];
}

/**
 * Children's caps against the parent's: a sum above the parent's cap is a warning, not an error — a parent
 * may deliberately hand down more than its own cap (children rarely all reach theirs), but should know it.
 */
export function checkAllocation(
  parent: { name: string; caps: Figures | null },
  children: readonly Figures[],
): Allocation {
  const sum = { deaths: 0, accidents: 0, largerAccidents: 0 };
  for (const c of children) for (const k of INDICATORS) sum[k] += c[k];
  const exceeds = { deaths: false, accidents: false, largerAccidents: false };
  const warnings: AllocationWarning[] = [];
  for (const k of INDICATORS) {
    const cap = parent.caps?.[k];
    if (cap === undefined || sum[k] <= cap) continue;
    exceeds[k] = true;
    warnings.push({
      indicator: k,
      sum: sum[k],
      cap,
      message: `${parent.name}各下级${INDICATOR_LABELS[k]}控制数合计${sum[k]}，超过${parent.name}控制数${cap}（超出${sum[k] - cap}）`,
    });
  }
  return { sum, parent: parent.caps, exceeds, warnings };
}
