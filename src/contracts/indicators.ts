/** Control indicators (控制指标) contracts, shared by server and web. Rules and thresholds: domain/indicators.ts. */
import { z } from 'zod';
import {
  type AllocationWarning,
  type Figures,
  type Indicator,
  type IndicatorStatus,
  REDUCTION_PCT_DECIMALS,
} from '../domain/indicators.js';
import { count, expecting, regionCode, text } from './common.js';

export const MIN_INDICATOR_YEAR = 2000;
export const MAX_INDICATOR_YEAR = 2100;

const year = z.coerce
  .number(expecting('须为年份数字'))
  .int({ message: '须为整数年份' })
  .min(MIN_INDICATOR_YEAR, { message: `年份须在${MIN_INDICATOR_YEAR}年至${MAX_INDICATOR_YEAR}年之间` })
  .max(MAX_INDICATOR_YEAR, { message: `年份须在${MIN_INDICATOR_YEAR}年至${MAX_INDICATOR_YEAR}年之间` });

/** 同比下降 %: 0–100 with at most two decimals; null or left out = no reduction target. */
const reductionPct = z
  .number(expecting('须为数字'))
  .min(0, { message: '须在0至100之间' })
  .max(100, { message: '须在0至100之间' })
  .refine((v) => Math.abs(Math.round(v * 10 ** REDUCTION_PCT_DECIMALS) - v * 10 ** REDUCTION_PCT_DECIMALS) < 1e-6, {
    message: `最多${REDUCTION_PCT_DECIMALS}位小数`,
  })
  .nullable()
  .optional();

export const indicatorParams = z.object({ year, regionCode });
export const indicatorYearParams = z.object({ year });
export const indicatorBoardQuery = z.object({ regionCode: regionCode.optional() }).strict();
export type IndicatorBoardQuery = z.infer<typeof indicatorBoardQuery>;

/** PUT replaces the whole set of a region's figures for the year (idempotent). */
export const indicatorBody = z
  .object({
    /** 死亡人数控制数 (deaths include the missing). */
    deathCap: count,
    /** 事故起数控制数. */
    accidentCap: count,
    /** 较大事故起数控制数 (counts 较大 and above). */
    largerAccidentCap: count,
    deathReductionPct: reductionPct,
    accidentReductionPct: reductionPct,
    note: text(500).optional(),
  })
  .strict();
export type IndicatorInput = z.infer<typeof indicatorBody>;

/** A region's figures for a year as handed down. */
export interface IndicatorTargets {
  year: number;
  regionCode: string;
  deathCap: number;
  accidentCap: number;
  largerAccidentCap: number;
  deathReductionPct: number | null;
  accidentReductionPct: number | null;
  note: string | null;
  version: number;
  /** ISO 8601 with +08:00. */
  setAt: string;
  setByName: string;
}

export interface IndicatorTargetView extends IndicatorTargets {
  /**
   * The caps the status is computed against: each cap, or the reduction target when stricter —
   * floor(last year's actual × (1 − pct/100)) — once last year is over.
   */
  effective: Figures;
  /** Last year's actual deaths and accidents, when a reduction target is set and last year is over; else null. */
  lastYearActual: { deaths: number; accidents: number } | null;
}

/** 'none': no figures handed down for the year. */
export type BoardStatus = IndicatorStatus | 'none';

export interface IndicatorRow {
  code: string;
  name: string;
  target: IndicatorTargetView | null;
  /** Year to date (to now, or the whole year once it is over), accidents not written off: 死亡 counts the missing. */
  actual: Figures;
  /** actual / effective cap; null without a target or for a cap of 0. */
  ratio: Record<Indicator, number | null>;
  /** Per indicator; null without a target. */
  statuses: Record<Indicator, IndicatorStatus> | null;
  /** The worst of the indicators. */
  status: BoardStatus;
  /** Share of the year elapsed (0–1), the same for every row. */
  pace: number;
  /** Ahead of the allowed pace on some indicator (status yellow or red). */
  behind: boolean;
}

export interface IndicatorAllocation {
  /** The children's caps added up. */
  sum: Figures;
  /** The region's own caps; null when it has none for the year. */
  parent: Figures | null;
  exceeds: Record<Indicator, boolean>;
  warnings: AllocationWarning[];
}

export interface IndicatorBoard {
  year: number;
  pace: number;
  /** The instant the figures are for. */
  asOf: string;
  region: IndicatorRow;
  /** Worst first: red, yellow, green, then children without figures; ties by how far ahead of the pace. */
  children: IndicatorRow[];
  allocation: IndicatorAllocation;
}

export interface IndicatorSetResult {
  indicator: IndicatorTargets;
  /** false when the figures were already exactly these (nothing written, no audit row). */
  changed: boolean;
  /** Children's caps above a parent's, for the parent of the region and for the region itself. */
  warnings: AllocationWarning[];
}

export type { AllocationWarning, Figures as IndicatorFigures, Indicator, IndicatorStatus };
