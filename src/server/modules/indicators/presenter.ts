/** The only way control-indicator rows leave the server. */
import type { IndicatorTargets } from '../../../contracts/indicators.js';
import type { Figures } from '../../../domain/indicators.js';
import { toShanghaiIso } from '../../../domain/time.js';
import type { IndicatorRow, IndicatorValues } from './repo.js';

export function presentTargets(r: IndicatorRow): IndicatorTargets {
  return {
    year: r.year,
    regionCode: r.region_code,
    deathCap: r.death_cap,
    accidentCap: r.accident_cap,
    largerAccidentCap: r.larger_accident_cap,
    deathReductionPct: r.death_reduction_pct,
    accidentReductionPct: r.accident_reduction_pct,
    note: r.note,
    version: r.version,
    setAt: toShanghaiIso(new Date(r.set_at)),
    setByName: r.set_by_name,
  };
}

/** The caps as handed down, per indicator. */
export function capsOf(r: Pick<IndicatorRow, 'death_cap' | 'accident_cap' | 'larger_accident_cap'>): Figures {
  return { deaths: r.death_cap, accidents: r.accident_cap, largerAccidents: r.larger_accident_cap };
}

/** Whether a stored row already holds exactly these figures (a repeated PUT changes nothing). */
export function sameValues(r: IndicatorRow, v: IndicatorValues): boolean {
  return (
    r.death_cap === v.death_cap &&
    r.accident_cap === v.accident_cap &&
    r.larger_accident_cap === v.larger_accident_cap &&
    r.death_reduction_pct === v.death_reduction_pct &&
    r.accident_reduction_pct === v.accident_reduction_pct &&
    r.note === v.note
  );
}
