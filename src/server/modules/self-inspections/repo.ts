/** The only SQL of 企业自查: the records of enterprises' self-inspections. */
import { type Insertable, type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import type { SelfInspectionListQuery } from '../../../contracts/self-inspections.js';
import type { Actor } from '../../auth/actor.js';
import type { Database, SelfInspectionsTable } from '../../db/schema.js';
import { pageWithTotal } from '../../db/sql.js';

type Q = Kysely<Database>;

/** A self-inspection as read, with its enterprise's name (who recorded it by id is in the audit log). */
export type SelfInspectionRow = Omit<Selectable<SelfInspectionsTable>, 'recorded_by'> & { enterprise_name: string };
export type SelfInspectionSummaryRow = Omit<SelfInspectionRow, 'items' | 'findings'>;

const SUMMARY_COLUMNS = [
  's.id',
  's.region_code',
  's.enterprise_id',
  'e.name as enterprise_name',
  's.template_code',
  's.inspector_name',
  's.item_count',
  's.nonconforming',
  's.recorded_by_name',
  's.recorded_at',
] as const;

/** A bureau sees the self-inspections of its region subtree; an enterprise, its own (by credit code). */
function scoped(db: Q, actor: Actor) {
  const q = db
    .selectFrom('self_inspections as s')
    .innerJoin('enterprises as e', (j) =>
      j.onRef('e.region_code', '=', 's.region_code').onRef('e.id', '=', 's.enterprise_id'),
    );
  return actor.orgKind === 'enterprise'
    ? q.where('e.credit_code', '=', actor.creditCode ?? '')
    : q.where(sql<SqlBool>`s.region_code LIKE ${`${actor.prefix}%`}`);
}

export async function insertSelfInspection(db: Q, row: Insertable<SelfInspectionsTable>): Promise<void> {
  await db.insertInto('self_inspections').values(row).execute();
}

export async function findSelfInspection(db: Q, actor: Actor, id: string): Promise<SelfInspectionRow | undefined> {
  return scoped(db, actor)
    .select([...SUMMARY_COLUMNS, 's.items', 's.findings'])
    .select(sql<string>`s.inspected_on::text`.as('inspected_on'))
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export async function listSelfInspections(db: Q, actor: Actor, f: SelfInspectionListQuery) {
  let q = scoped(db, actor);
  if (f.regionCode) q = q.where('s.region_code', 'like', `${f.regionCode}%`);
  if (f.enterpriseId) q = q.where('s.enterprise_id', '=', f.enterpriseId);
  if (f.from) q = q.where('s.inspected_on', '>=', f.from);
  if (f.to) q = q.where('s.inspected_on', '<=', f.to);
  const page = await pageWithTotal(
    q
      .select(SUMMARY_COLUMNS)
      .select(sql<string>`s.inspected_on::text`.as('inspected_on'))
      .orderBy('s.inspected_on', 'desc')
      .orderBy('s.id', 'desc'),
    q,
    f,
  );
  return page as { items: SelfInspectionSummaryRow[]; total: number };
}
