/**
 * The statistical report table (统计月报): per breakdown row and for the 合计 row, each indicator's 本期, 去年同期,
 * 增减 and 增减率(%), with the direct loss in 万元 to one decimal.
 *
 * Totals reconcile to the unit: a table printed in 万元 must add up as printed, so the loss column is rounded as a
 * whole (largest-remainder apportionment of the tenths of 万元, the usual 强制平衡 of statistical tables): the 合计
 * is the half-up rounding of the exact total (the same figure as the bulletin text, formatWanYuan), and the rows
 * are their exact values rounded down plus one tenth for the largest remainders until they add up to it. 增减 is
 * then 本期 − 去年同期 as printed (so each row reconciles across too); 增减率 comes from the exact yuan.
 */
import { changeTenthsOfPercent, compareValue, INDICATOR_KEYS, type Indicators } from './statistics.js';

/** The report's indicator groups, in column order, with their printed headers. */
export const REPORT_INDICATORS = [
  { key: 'accidents', label: '起数' },
  { key: 'deaths', label: '死亡(含失踪)' },
  { key: 'injuries', label: '受伤' },
  { key: 'seriousInjuries', label: '其中重伤' },
  { key: 'directLossWan', label: '直接经济损失(万元)' },
] as const;

export type ReportIndicatorKey = (typeof REPORT_INDICATORS)[number]['key'];

/** The sub-columns under each indicator. */
export const REPORT_SUBCOLUMNS = [
  { key: 'current', label: '本期' },
  { key: 'previous', label: '去年同期' },
  { key: 'change', label: '增减' },
  { key: 'changePct', label: '增减率(%)' },
] as const;

export const REPORT_UNIT_LINE = '单位：起、人、万元';
export const TOTAL_LABEL = '合计';

export interface ReportCell {
  current: number;
  previous: number;
  change: number;
  /** One decimal; null when 去年同期 is 0 (no percentage on a zero base). */
  changePct: number | null;
}

/** Indicator → cell: counts in 起/人, the direct loss in 万元 with one decimal. */
export type ReportCells = Record<ReportIndicatorKey, ReportCell>;

export interface ReportLine {
  key: string;
  label: string;
  cells: ReportCells;
}

export interface ReportInputRow {
  key: string;
  label: string;
  current: Indicators;
  previous: Indicators;
}

export interface ReportTable {
  rows: ReportLine[];
  total: ReportLine;
}

const YUAN_PER_TENTH_WAN = 1000n;

function assertYuan(v: number): void {
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`yuan must be a non-negative integer, got ${v}`);
}

/**
 * Largest-remainder rounding of yuan amounts to tenths of 万元 (1 tenth = 1,000 yuan): returns the rows' tenths,
 * which add up to the half-up rounding of the exact total. Ties in remainder go to the earlier row.
 * 3 rows of 450 yuan (total 1,350 → 0.1万元 half-up) → [1, 0, 0].
 */
export function apportionTenths(yuan: readonly number[]): { rows: number[]; total: number } {
  for (const v of yuan) assertYuan(v);
  const exact = yuan.map((v) => BigInt(v));
  const sum = exact.reduce((a, b) => a + b, 0n);
  const total = (2n * sum + YUAN_PER_TENTH_WAN) / (2n * YUAN_PER_TENTH_WAN);
  const rows = exact.map((v) => v / YUAN_PER_TENTH_WAN);
  let missing = total - rows.reduce((a, b) => a + b, 0n);
  const byRemainder = exact
    .map((v, i) => ({ i, r: v % YUAN_PER_TENTH_WAN }))
    .filter((x) => x.r > 0n)
    .sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of byRemainder) {
    if (missing <= 0n) break;
    rows[i] = (rows[i] as bigint) + 1n;
    missing -= 1n;
  }
  return { rows: rows.map(Number), total: Number(total) };
}

function countCell(current: number, previous: number): ReportCell {
  const { change, changePct } = compareValue(current, previous);
  return { current, previous, change, changePct };
}

/** A loss cell from printed tenths of 万元 and the exact yuan (for the percentage). */
function lossCell(curTenths: number, prevTenths: number, curYuan: number, prevYuan: number): ReportCell {
  const pct = changeTenthsOfPercent(curYuan, prevYuan);
  return {
    current: curTenths / 10,
    previous: prevTenths / 10,
    // Integer tenths first, so 8047.5 − 5880.5 is 2167 and not 2166.9999999999995.
    change: (curTenths - prevTenths) / 10,
    changePct: pct === null ? null : pct / 10,
  };
}

function sumIndicators(blocks: readonly Indicators[]): Indicators {
  const out: Indicators = { accidents: 0, deaths: 0, injuries: 0, seriousInjuries: 0, directLossYuan: 0 };
  for (const b of blocks) for (const k of INDICATOR_KEYS) out[k] += b[k];
  return out;
}

/**
 * The report table of breakdown rows (whose figures must add up to the total: the statistics engine guarantees it
 * for every breakdown, and a mismatch here is a bug, so it throws) and the 合计 row.
 */
export function reportTable(rows: readonly ReportInputRow[], total: { current: Indicators; previous: Indicators }) {
  const sums = {
    current: sumIndicators(rows.map((r) => r.current)),
    previous: sumIndicators(rows.map((r) => r.previous)),
  };
  for (const period of ['current', 'previous'] as const) {
    for (const k of INDICATOR_KEYS) {
      if (sums[period][k] !== total[period][k]) {
        throw new RangeError(
          `rows do not add up to the total: ${period}.${k} ${sums[period][k]} ≠ ${total[period][k]}`,
        );
      }
    }
  }
  const cur = apportionTenths(rows.map((r) => r.current.directLossYuan));
  const prev = apportionTenths(rows.map((r) => r.previous.directLossYuan));

  const line = (
    key: string,
    label: string,
    c: Indicators,
    p: Indicators,
    curTenths: number,
    prevTenths: number,
  ): ReportLine => ({
    key,
    label,
    cells: {
      accidents: countCell(c.accidents, p.accidents),
      deaths: countCell(c.deaths, p.deaths),
      injuries: countCell(c.injuries, p.injuries),
      seriousInjuries: countCell(c.seriousInjuries, p.seriousInjuries),
      directLossWan: lossCell(curTenths, prevTenths, c.directLossYuan, p.directLossYuan),
    },
  });

  return {
    rows: rows.map((r, i) => line(r.key, r.label, r.current, r.previous, cur.rows[i] ?? 0, prev.rows[i] ?? 0)),
    total: line('total', TOTAL_LABEL, total.current, total.previous, cur.total, prev.total),
  } satisfies ReportTable;
}
