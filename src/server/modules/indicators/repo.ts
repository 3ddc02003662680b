/** The only place with control-indicator SQL (控制指标, migration 0007). */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export interface IndicatorRow {
  year: number;
  region_code: string;
  death_cap: number;
  accident_cap: number;
  larger_accident_cap: number;
  death_reduction_pct: number | null;
  accident_reduction_pct: number | null;
  note: string | null;
  set_by_name: string;
  set_at: Date;
  version: number;
}

export type IndicatorValues = Pick<
  IndicatorRow,
  'death_cap' | 'accident_cap' | 'larger_accident_cap' | 'death_reduction_pct' | 'accident_reduction_pct' | 'note'
>;

/** The figures of these regions for the year (regions without figures have no row). */
export async function findIndicators(db: Q, year: number, codes: readonly string[]): Promise<IndicatorRow[]> {
  if (codes.length === 0) return [];
  return db
    .selectFrom('control_indicators as ci')
    .innerJoin('users as u', 'u.id', 'ci.set_by')
    .select([
      'ci.year',
      'ci.region_code',
      'ci.death_cap',
      'ci.accident_cap',
      'ci.larger_accident_cap',
      // numeric is a string from pg; the percentages have two decimals, exact in float8.
      sql<number | null>`ci.death_reduction_pct::float8`.as('death_reduction_pct'),
      sql<number | null>`ci.accident_reduction_pct::float8`.as('accident_reduction_pct'),
      'ci.note',
      'u.display_name as set_by_name',
      'ci.set_at',
      'ci.version',
    ])
    .where('ci.year', '=', year)
    .where('ci.region_code', 'in', codes)
    .orderBy('ci.region_code')
    .execute();
}

/** Serialises writers of one region's figures for one year until commit (read, compare, write, audit). */
export async function lockIndicator(db: Q, year: number, regionCode: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`control-indicator:${year}:${regionCode}`}))`.execute(db);
}

/** Inserts the figures or replaces them, counting the change in version. */
export async function upsertIndicator(
  db: Q,
  key: { year: number; regionCode: string },
  values: IndicatorValues,
  by: { userId: string; at: Date },
): Promise<void> {
  const row = { ...values, set_by: by.userId, set_at: by.at };
  await db
    .insertInto('control_indicators')
    .values({ year: key.year, region_code: key.regionCode, ...row })
    .onConflict((oc) =>
      oc.columns(['year', 'region_code']).doUpdateSet({ ...row, version: sql`control_indicators.version + 1` }),
    )
    .execute();
}
