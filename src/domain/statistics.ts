/**
 * Statistical indicators, comparisons (同比/环比) and the wording of situation bulletins (事故情况通报).
 *
 * Indicators — 《生产安全事故统计管理办法》/统计调查制度 (regulations.md §2.2–2.3): 起数, 死亡人数,
 * 重伤人数 (含急性工业中毒), 直接经济损失. Deaths count the missing (死亡含失踪); injuries = serious + minor.
 * Money is exact yuan in data and 万元 with one decimal in text.
 *
 * Rounding: every rounding here is half-up on the exact value ("四舍五入"), done in integer arithmetic (BigInt) so
 * that sums up to 1e12 yuan never drift. Negative values round half away from zero, so the magnitude shown in text
 * is the same whichever way the change goes.
 *
 * Periods are half-open [from, to) instants, with calendar boundaries in Asia/Shanghai (see time.ts).
 */
import { shanghaiDay, startOfShanghaiDay } from './time.js';

// ─── Indicators and comparisons ──────────────────────────────────────────────────────────────────────────────

export interface Indicators {
  /** 起数. */
  accidents: number;
  /** 死亡人数, counting the missing (死亡含失踪). */
  deaths: number;
  /** 受伤人数 = 重伤 + 轻伤. */
  injuries: number;
  /** 重伤人数, 含急性工业中毒. */
  seriousInjuries: number;
  /** 直接经济损失, exact yuan. */
  directLossYuan: number;
}

export const INDICATOR_KEYS = ['accidents', 'deaths', 'injuries', 'seriousInjuries', 'directLossYuan'] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export type Direction = 'up' | 'down' | 'flat';

export interface IndicatorChange {
  current: number;
  previous: number;
  /** current − previous. */
  change: number;
  /**
   * change / previous × 100, one decimal, half-up on the exact ratio (signed: −3.8 for a fall).
   * null when previous is 0: "no percentage when the base is 0" (issue 3, scope 1).
   */
  changePct: number | null;
  /** From the exact values: 'flat' (持平) only when current equals previous. */
  direction: Direction;
}

export type Comparison = Record<IndicatorKey, IndicatorChange>;

export const ZERO_INDICATORS: Indicators = Object.freeze({
  accidents: 0,
  deaths: 0,
  injuries: 0,
  seriousInjuries: 0,
  directLossYuan: 0,
});

function assertCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
  }
}

/** |n| / d rounded half-up to an integer, exact for any safe integers (d > 0). */
function roundedQuotient(n: bigint, d: bigint): bigint {
  const abs = n < 0n ? -n : n;
  const q = (2n * abs + d) / (2n * d);
  return n < 0n ? -q : q;
}

/**
 * Percentage change in tenths of a percent (integer), half-up on the exact ratio; null when the base is 0.
 * E.g. 16,862,000 vs 3,910,000 yuan → 3313 (331.3 %).
 */
export function changeTenthsOfPercent(current: number, previous: number): number | null {
  assertCount(current, 'current');
  assertCount(previous, 'previous');
  if (previous === 0) return null;
  return Number(roundedQuotient(BigInt(current - previous) * 1000n, BigInt(previous)));
}

export function compareValue(current: number, previous: number): IndicatorChange {
  const tenths = changeTenthsOfPercent(current, previous);
  const change = current - previous;
  return {
    current,
    previous,
    change,
    // tenths / 10 is the double nearest to the one-decimal value (3313 / 10 === 331.3).
    changePct: tenths === null ? null : tenths / 10,
    direction: change > 0 ? 'up' : change < 0 ? 'down' : 'flat',
  };
}

/** 同比 or 环比 of every indicator: pass the current block and the comparison block. */
export function compare(current: Indicators, previous: Indicators): Comparison {
  const out = {} as Comparison;
  for (const key of INDICATOR_KEYS) out[key] = compareValue(current[key], previous[key]);
  return out;
}

// ─── Formatting for official text ───────────────────────────────────────────────────────────────────────────

/** Integer tenths → "8047.5"; a zero tenth is dropped ("2167", not "2167.0"). */
function formatTenths(tenths: bigint): string {
  const sign = tenths < 0n ? '-' : '';
  const abs = tenths < 0n ? -tenths : tenths;
  const whole = abs / 10n;
  const tenth = abs % 10n;
  return `${sign}${whole}${tenth === 0n ? '' : `.${tenth}`}`;
}

/**
 * Yuan → 万元 with one decimal, half-up, trailing ".0" dropped: 80,475,000 → "8047.5", 21,670,000 → "2167",
 * 49,999 → "5", 450 → "0". The sign is kept ("-2167"); bulletin text passes magnitudes.
 */
export function formatWanYuan(yuan: number): string {
  if (!Number.isSafeInteger(yuan)) throw new RangeError(`yuan must be an integer, got ${yuan}`);
  return formatTenths(roundedQuotient(BigInt(yuan), 1000n));
}

/**
 * A one-decimal percentage (as `changePct` gives it) → text: 3.8 → "3.8", 331.3 → "331.3".
 * A whole number is written without ".0" (20.0 → "20"): the issue's sample has no such case, and this is the
 * same rule as for 万元 above, so the two series in a sentence read alike. The sign is kept; text passes magnitudes.
 */
export function formatPercent(pct: number): string {
  if (!Number.isFinite(pct)) throw new RangeError(`percentage must be finite, got ${pct}`);
  // pct carries one decimal, so ×10 is within a rounding error of an integer.
  return formatTenths(BigInt(Math.round(pct * 10)));
}

// ─── Figures in tables and on screens ─────────────────────────────────────────────────────────────────────────
// One rule for every table, screen and file (the report table, its .xlsx, the bulletin's tables, the cockpit):
// 万元 with one decimal always ("186.0"), thousands grouped ("1,885.1"); a 同比 of a loss is the change of the
// rounded figures (so a column of changes adds up like the columns it compares); percentages with one decimal
// always ("-34.0"). Official prose keeps formatWanYuan / formatPercent above.

/** Yuan → tenths of 万元, half-up (1 tenth = 1,000 yuan): the figure a table prints. */
export function wanTenths(yuan: number): number {
  if (!Number.isSafeInteger(yuan)) throw new RangeError(`yuan must be an integer, got ${yuan}`);
  return Number(roundedQuotient(BigInt(yuan), 1000n));
}

const GROUPED_1 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Tenths of 万元 → "1,885.1", "186.0", "-11,126.5"; `signed`: "+816.5" for a positive change. */
export function formatWanTenths(tenths: number, { signed = false }: { signed?: boolean } = {}): string {
  if (!Number.isSafeInteger(tenths)) throw new RangeError(`tenths must be an integer, got ${tenths}`);
  const text = GROUPED_1.format(tenths / 10);
  return signed && tenths > 0 ? `+${text}` : text;
}

/** A one-decimal percentage (as `changePct` gives it) → "-34.0", "3.8", "0.0". */
export function formatPercentFixed(pct: number): string {
  if (!Number.isFinite(pct)) throw new RangeError(`percentage must be finite, got ${pct}`);
  const tenths = Math.round(pct * 10);
  return `${tenths < 0 ? '-' : ''}${Math.floor(Math.abs(tenths) / 10)}.${Math.abs(tenths) % 10}`;
}

// ─── The opening paragraph of a bulletin ────────────────────────────────────────────────────────────────────

export interface OpeningParagraphInput {
  /** The scope word: 全省 / 全市 / 全县 / 本辖区. */
  scopeLabel: string;
  /** The lead phrase: 截至到目前 / 2026年1—10月 / 本周 … */
  asOfLabel: string;
  /** All accidents (not written off) in the period. */
  current: Indicators;
  /** The same figures for the comparison period (同比: the same period last year). */
  previous: Indicators;
  /** 较大及以上 accidents in the period. */
  largerCurrent: Indicators;
  largerPrevious: Indicators;
}

/** The four figures of a bulletin sentence, in the order of the sample: 起, 人 (死亡), 人 (受伤), 万元. */
const SENTENCE_ITEMS = [
  { key: 'accidents', unit: '起' },
  { key: 'deaths', unit: '人' },
  { key: 'injuries', unit: '人' },
  { key: 'directLossYuan', unit: '万元' },
] as const satisfies readonly { key: IndicatorKey; unit: string }[];

const AMOUNT_WORDS = { up: '增加', down: '减少' } as const;
const PERCENT_WORDS = { up: '上升', down: '下降' } as const;

/** "减少122起、2人、77人和增加2167万元": items joined by "、", the last by "和". */
function joinSeries(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join('、')}和${items[items.length - 1]}`;
}

interface SeriesItem {
  /** null: 持平. */
  direction: 'up' | 'down' | null;
  /** The figure with its unit, e.g. "122起" or "3.8%"; ignored when flat. */
  text: string;
}

/**
 * Wording of a series, derived from seed 004 ("同比增加6起、47人、持平和1295.2万元，分别上升20.7%、45.6%、持平和331.3%"):
 * the direction word is written before the first non-flat item and again whenever the direction differs from the
 * last non-flat item's; a flat item is just "持平" and does not break the current direction group.
 */
function seriesText(items: readonly SeriesItem[], words: { up: string; down: string }): string {
  let last: 'up' | 'down' | null = null;
  const parts = items.map((item) => {
    if (item.direction === null) return '持平';
    const word = item.direction === last ? '' : words[item.direction];
    last = item.direction;
    return `${word}${item.text}`;
  });
  return joinSeries(parts);
}

function figureText(key: IndicatorKey, value: number): string {
  return key === 'directLossYuan' ? formatWanYuan(value) : String(value);
}

const BASE_ZERO_NOTE = '（上年同期为零）';

/**
 * "同比减少122起、2人、77人和增加2167万元，分别下降3.8%、0.3%、4.5%和上升36.9%" (no leading "，", no final "。").
 *
 * Rules beyond the sample, chosen here:
 * - every figure flat → "同比均持平" (no percentage series);
 * - the whole comparison block is zero (nothing happened last year) → "上年同期未发生";
 * - a figure that changed from a base of 0 keeps its place in the amount series with the note "（上年同期为零）" and is
 *   left out of the percentage series (no percentage when the base is 0); "分别" is written only when two or
 *   more percentages remain, and the percentage series is dropped when none but 持平 remain;
 * - direction follows the exact values, so a loss change under 500 yuan reads "增加0万元", never hidden as 持平.
 */
function changeClause(current: Indicators, previous: Indicators): string {
  const cmp = compare(current, previous);
  const changes = SENTENCE_ITEMS.map(({ key, unit }) => ({ key, unit, c: cmp[key] }));
  if (changes.every(({ c }) => c.direction === 'flat')) return '同比均持平';
  if (SENTENCE_ITEMS.every(({ key }) => previous[key] === 0)) return '上年同期未发生';

  const amounts = seriesText(
    changes.map(({ key, unit, c }) => ({
      direction: c.direction === 'flat' ? null : c.direction,
      text: `${figureText(key, Math.abs(c.change))}${unit}${c.changePct === null ? BASE_ZERO_NOTE : ''}`,
    })),
    AMOUNT_WORDS,
  );

  // A figure that went from 0 to 0 is 持平 in both series; only a change from a base of 0 has no percentage.
  const withBase = changes.filter(({ c }) => c.changePct !== null || c.direction === 'flat');
  const percentItems: SeriesItem[] = withBase.map(({ c }) => ({
    direction: c.direction === 'flat' ? null : c.direction,
    text: `${formatPercent(Math.abs(c.changePct ?? 0))}%`,
  }));
  if (percentItems.every((item) => item.direction === null)) return `同比${amounts}`;
  const percents = seriesText(percentItems, PERCENT_WORDS);
  return `同比${amounts}，${percentItems.length > 1 ? '分别' : ''}${percents}`;
}

/** "发生各类事故3059起，死亡692人，受伤1649人，直接经济损失8047.5万元" after the given verb phrase. */
function figuresText(lead: string, v: Indicators): string {
  return `${lead}${v.accidents}起，死亡${v.deaths}人，受伤${v.injuries}人，直接经济损失${formatWanYuan(v.directLossYuan)}万元`;
}

/**
 * The opening paragraph of a bulletin (issue 3 scope 4, seed 004):
 *
 * 截至到目前，全省共发生各类事故3059起，死亡692人，受伤1649人，直接经济损失8047.5万元，同比减少122起、2人、77人和增加
 * 2167万元，分别下降3.8%、0.3%、4.5%和上升36.9%。其中，发生较大事故35起，死亡150人，受伤57人，直接经济损失1686.2万元，
 * 同比增加6起、47人、持平和1295.2万元，分别上升20.7%、45.6%、持平和331.3%。
 *
 * Besides the rules of `changeClause`:
 * - no accident in the period → "{asOf}，{scope}未发生生产安全事故" + the comparison when last year had some, and no
 *   其中 sentence (it would only repeat the zero);
 * - no 较大及以上 accident in the period → "其中，未发生较大及以上事故。" when last year had none either, otherwise
 *   "其中，未发生较大及以上事故，同比减少…" with the usual series.
 * The 其中 sentence names the block "较大事故", as the sample does for the 较大及以上 figures.
 */
export function openingParagraph(input: OpeningParagraphInput): string {
  const { scopeLabel, asOfLabel, current, previous, largerCurrent, largerPrevious } = input;
  for (const block of [current, previous, largerCurrent, largerPrevious]) {
    for (const key of INDICATOR_KEYS) assertCount(block[key], key);
  }

  if (current.accidents === 0) {
    const none = `${asOfLabel}，${scopeLabel}未发生生产安全事故`;
    return previous.accidents === 0 ? `${none}。` : `${none}，${changeClause(current, previous)}。`;
  }

  const first = `${asOfLabel}，${figuresText(`${scopeLabel}共发生各类事故`, current)}，${changeClause(current, previous)}。`;

  let second: string;
  if (largerCurrent.accidents === 0) {
    second =
      largerPrevious.accidents === 0
        ? '其中，未发生较大及以上事故。'
        : `其中，未发生较大及以上事故，${changeClause(largerCurrent, largerPrevious)}。`;
  } else {
    second = `其中，${figuresText('发生较大事故', largerCurrent)}，${changeClause(largerCurrent, largerPrevious)}。`;
  }
  return first + second;
}

// ─── Periods (Asia/Shanghai) ────────────────────────────────────────────────────────────────────────────────

/** A half-open interval of instants [from, to). */
export interface Period {
  from: Date;
  to: Date;
}

export type PeriodUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';

interface CivilDate {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
}

function civilOf(at: Date): CivilDate {
  const d = shanghaiDay(at);
  return { year: Number(d.slice(0, 4)), month: Number(d.slice(4, 6)), day: Number(d.slice(6, 8)) };
}

/** 00:00 Asia/Shanghai of a calendar date; month and day may overflow (month 13 = January of the next year). */
function shanghaiMidnight(year: number, month: number, day: number): Date {
  // UTC midnight of a date is 08:00 of the same date in Shanghai, so its Shanghai day start is the date's 00:00.
  return startOfShanghaiDay(new Date(Date.UTC(year, month - 1, day)));
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function assertPeriod(p: Period): void {
  if (!(p.from.getTime() <= p.to.getTime())) {
    throw new RangeError(`period must have from ≤ to, got ${p.from.toISOString()} – ${p.to.toISOString()}`);
  }
}

/**
 * The calendar day, week (Monday 00:00 to the next Monday, as in GB/T 7408 / ISO 8601), month, quarter
 * (1–3, 4–6, 7–9, 10–12月) or year containing the instant, in Asia/Shanghai.
 */
export function periodContaining(unit: PeriodUnit, at: Date): Period {
  const { year, month, day } = civilOf(at);
  switch (unit) {
    case 'day':
      return { from: shanghaiMidnight(year, month, day), to: shanghaiMidnight(year, month, day + 1) };
    case 'week': {
      // 0 = Monday … 6 = Sunday, from the civil date (weekday of UTC midnight of that date).
      const mondayBased = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
      return {
        from: shanghaiMidnight(year, month, day - mondayBased),
        to: shanghaiMidnight(year, month, day - mondayBased + 7),
      };
    }
    case 'month':
      return { from: shanghaiMidnight(year, month, 1), to: shanghaiMidnight(year, month + 1, 1) };
    case 'quarter': {
      const first = month - ((month - 1) % 3);
      return { from: shanghaiMidnight(year, first, 1), to: shanghaiMidnight(year, first + 3, 1) };
    }
    case 'year':
      return { from: shanghaiMidnight(year, 1, 1), to: shanghaiMidnight(year + 1, 1, 1) };
  }
}

/**
 * From 1 January 00:00 (Asia/Shanghai) of the instant's year up to the instant: "截至到目前", or "1—N月" when `at`
 * is the first instant of month N+1. Empty at 1 January 00:00 itself.
 */
export function yearToDate(at: Date): Period {
  return { from: periodContaining('year', at).from, to: at };
}

/**
 * The same instant one calendar year earlier, with 29 February handled per end of the interval:
 * a start on 29 February moves to 28 February (same clock time); an end on 29 February moves to the end of
 * 28 February (1 March 00:00), so that the last day counted is 28 February.
 */
function shiftBackOneYear(at: Date, end: 'from' | 'to'): Date {
  const { year, month, day } = civilOf(at);
  const timeOfDay = at.getTime() - shanghaiMidnight(year, month, day).getTime();
  if (month === 2 && day === 29 && !isLeapYear(year - 1)) {
    return end === 'from'
      ? new Date(shanghaiMidnight(year - 1, 2, 28).getTime() + timeOfDay)
      : shanghaiMidnight(year - 1, 3, 1);
  }
  return new Date(shanghaiMidnight(year - 1, month, day).getTime() + timeOfDay);
}

/**
 * 同比: the same period of the previous year, calendar dates (not weekdays) moved back one year in Asia/Shanghai.
 * [2024-01-01, 2024-03-01) → [2023-01-01, 2023-03-01); a period ending with 2024-02-28 (to = 02-29 00:00) also
 * ends with 2023-02-28; February 2025 → all of February 2024, leap day included (a month boundary stays one).
 * A single calendar day maps to a single day: 2024-02-29 → 2023-02-28, and 2025-02-28 → 2024-02-28 only.
 */
export function samePeriodLastYear(period: Period): Period {
  assertPeriod(period);
  const day = periodContaining('day', period.from);
  if (day.from.getTime() === period.from.getTime() && day.to.getTime() === period.to.getTime()) {
    return periodContaining('day', shiftBackOneYear(period.from, 'from'));
  }
  return { from: shiftBackOneYear(period.from, 'from'), to: shiftBackOneYear(period.to, 'to') };
}

const CALENDAR_UNITS = ['year', 'quarter', 'month'] as const;

/**
 * 环比: the period just before. A whole calendar month, quarter or year is compared with the previous month,
 * quarter or year (March ← February, not the 31 days before March); any other period — a day, a Monday-based
 * week, an arbitrary range — with the period of equal length ending where it starts. (Asia/Shanghai has no
 * daylight saving, so days and weeks are of fixed length.)
 */
export function previousPeriod(period: Period): Period {
  assertPeriod(period);
  for (const unit of CALENDAR_UNITS) {
    const whole = periodContaining(unit, period.from);
    if (whole.from.getTime() === period.from.getTime() && whole.to.getTime() === period.to.getTime()) {
      return periodContaining(unit, new Date(period.from.getTime() - 1));
    }
  }
  const length = period.to.getTime() - period.from.getTime();
  return { from: new Date(period.from.getTime() - length), to: period.from };
}
