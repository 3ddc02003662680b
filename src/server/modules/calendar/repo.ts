/** SQL of the loaded holiday schedules (holiday_schedules, migration 0013). */
import { type Kysely, sql } from 'kysely';
import type { HolidayPeriod } from '../../../domain/holiday-schedules.js';
import type { Database } from '../../db/schema.js';

export interface LoadedSchedule {
  year: number;
  revision: number;
  source: string;
  periods: HolidayPeriod[];
  loadedBy: string;
  loadedAt: Date;
}

/** The latest revision of every loaded year. */
export async function latestSchedules(db: Kysely<Database>): Promise<LoadedSchedule[]> {
  const rows = await db
    .selectFrom('holiday_schedules as h')
    .innerJoin('users as u', 'u.id', 'h.loaded_by')
    .select(['h.year', 'h.revision', 'h.source', 'h.periods', 'h.loaded_at', 'u.display_name'])
    .where(({ eb, selectFrom }) =>
      eb(
        'h.revision',
        '=',
        selectFrom('holiday_schedules as l')
          .select(sql<number>`max(l.revision)`.as('m'))
          .whereRef('l.year', '=', 'h.year'),
      ),
    )
    .orderBy('h.year')
    .execute();
  return rows.map((r) => ({
    year: r.year,
    revision: r.revision,
    source: r.source,
    // In the notice's order of fields (jsonb keeps its own key order).
    periods: (r.periods as HolidayPeriod[]).map(({ name, from, to, workdays }) => ({ name, from, to, workdays })),
    loadedBy: r.display_name,
    loadedAt: new Date(r.loaded_at),
  }));
}

/** Appends the next revision of a year (the year's rows locked by the insert's key: concurrent loads queue). */
export async function insertRevision(
  trx: Kysely<Database>,
  s: { year: number; source: string; periods: HolidayPeriod[]; loadedBy: string; loadedAt: Date },
): Promise<number> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`holiday-schedule:${s.year}`}))`.execute(trx);
  const { next } = await trx
    .selectFrom('holiday_schedules')
    .select(sql<number>`coalesce(max(revision), 0)::int + 1`.as('next'))
    .where('year', '=', s.year)
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('holiday_schedules')
    .values({
      year: s.year,
      revision: next,
      source: s.source,
      periods: JSON.stringify(s.periods),
      loaded_by: s.loadedBy,
      loaded_at: s.loadedAt,
    })
    .execute();
  return next;
}
