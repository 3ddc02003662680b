/** The only SQL of on-site inspections (现场检查): inspections, their evidence, officers and imported checklist items. */
import { type Expression, type Insertable, type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import type { InspectionListQuery } from '../../../contracts/inspections.js';
import type { Actor } from '../../auth/actor.js';
import type { ChecklistItemsTable, Database, EvidenceTable, InspectionsTable } from '../../db/schema.js';
import { pageWithTotal } from '../../db/sql.js';

type Q = Kysely<Database>;

/** An inspection as read, with its enterprise's name (who recorded it by id is in the audit log). */
export type InspectionRow = Omit<Selectable<InspectionsTable>, 'recorded_by'> & { enterprise_name: string };

const SUMMARY_COLUMNS = [
  'i.id',
  'i.region_code',
  'i.enterprise_id',
  'e.name as enterprise_name',
  'i.bureau_region_code',
  'i.bureau_name',
  'i.kind',
  'i.plan_item_id',
  'i.started_at',
  'i.finished_at',
  'i.inspected_on',
  'i.place',
  'i.team',
  'i.item_count',
  'i.nonconforming',
  'i.recorded_by_name',
  'i.recorded_at',
] as const;

/** A bureau sees the inspections of its region subtree; an enterprise, those of itself (by credit code). */
function scoped(db: Q, actor: Actor) {
  const q = db
    .selectFrom('inspections as i')
    .innerJoin('enterprises as e', (j) =>
      j.onRef('e.region_code', '=', 'i.region_code').onRef('e.id', '=', 'i.enterprise_id'),
    );
  return actor.orgKind === 'enterprise'
    ? q.where('e.credit_code', '=', actor.creditCode ?? '')
    : q.where(sql<SqlBool>`i.region_code LIKE ${`${actor.prefix}%`}`);
}

export async function findInspection(db: Q, actor: Actor, id: string): Promise<InspectionRow | undefined> {
  const row = await scoped(db, actor)
    .select([
      ...SUMMARY_COLUMNS,
      'i.items',
      'i.findings',
      'i.representative_name',
      'i.signature',
      'i.signature_image',
      'i.refusal_witness',
    ])
    .select(sql<string>`i.inspected_on::text`.as('inspected_on'))
    .where('i.id', '=', id)
    .executeTakeFirst();
  return row as InspectionRow | undefined;
}

export type InspectionSummaryRow = Omit<
  InspectionRow,
  'items' | 'findings' | 'representative_name' | 'signature' | 'signature_image' | 'refusal_witness'
>;

export async function listInspections(db: Q, actor: Actor, f: InspectionListQuery) {
  let q = scoped(db, actor);
  if (f.regionCode) q = q.where('i.region_code', 'like', `${f.regionCode}%`);
  if (f.enterpriseId) q = q.where('i.enterprise_id', '=', f.enterpriseId);
  if (f.kind) q = q.where('i.kind', '=', f.kind);
  if (f.status === 'with_findings') q = q.where('i.nonconforming', '>', 0);
  if (f.status === 'clean') q = q.where('i.nonconforming', '=', 0);
  if (f.from) q = q.where('i.inspected_on', '>=', f.from);
  if (f.to) q = q.where('i.inspected_on', '<=', f.to);
  const page = await pageWithTotal(
    q
      .select(SUMMARY_COLUMNS)
      .select(sql<string>`i.inspected_on::text`.as('inspected_on'))
      .orderBy('i.inspected_on', 'desc')
      .orderBy('i.id', 'desc'),
    q,
    f,
  );
  return page as { items: InspectionSummaryRow[]; total: number };
}

export async function insertInspection(db: Q, row: Insertable<InspectionsTable>): Promise<void> {
  await db.insertInto('inspections').values(row).execute();
}

/** Whether a plan item of a bureau in the subtree names this enterprise (an inspection may carry it out). */
/** A plan item of the jurisdiction for this enterprise, in a plan of `year` (a plan's items are that year's visits). */
export async function planItemFits(
  db: Q,
  prefix: string,
  item: { id: string; enterpriseId: string; year: number },
): Promise<boolean> {
  const row = await db
    .selectFrom('supervision_plan_items as i')
    .innerJoin('supervision_plans as p', (j) =>
      j.onRef('p.region_code', '=', 'i.region_code').onRef('p.id', '=', 'i.plan_id'),
    )
    .select('i.id')
    .where('i.id', '=', item.id)
    .where('i.enterprise_id', '=', item.enterpriseId)
    .where('i.region_code', 'like', `${prefix}%`)
    .where('p.year', '=', item.year)
    .executeTakeFirst();
  return row !== undefined;
}

// ————————————————————————————————————————— evidence

export type EvidenceRow = Omit<EvidenceTable, 'captured_at' | 'uploaded_at'> & { captured_at: Date; uploaded_at: Date };

function evidenceScope(actor: Actor): Expression<SqlBool> {
  return actor.orgKind === 'enterprise'
    ? sql<SqlBool>`EXISTS (SELECT 1 FROM enterprises e WHERE e.region_code = v.region_code AND e.id = v.enterprise_id
        AND e.credit_code = ${actor.creditCode ?? ''})`
    : sql<SqlBool>`v.region_code LIKE ${`${actor.prefix}%`}`;
}

export async function findEvidence(db: Q, actor: Actor, id: string): Promise<EvidenceRow | undefined> {
  return db
    .selectFrom('evidence as v')
    .selectAll('v')
    .where('v.id', '=', id)
    .where(evidenceScope(actor))
    .executeTakeFirst() as Promise<EvidenceRow | undefined>;
}

/** The evidence rows of these ids, whoever's (the caller checks they fit), locked to attach them. */
export async function evidenceByIds(db: Q, ids: readonly string[]): Promise<EvidenceRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('evidence').selectAll().where('id', 'in', ids).forUpdate().execute() as Promise<EvidenceRow[]>;
}

export async function evidenceOf(db: Q, inspection: { region_code: string; id: string }): Promise<EvidenceRow[]> {
  return db
    .selectFrom('evidence')
    .selectAll()
    .where('region_code', '=', inspection.region_code)
    .where('inspection_id', '=', inspection.id)
    .orderBy('captured_at')
    .execute() as Promise<EvidenceRow[]>;
}

/** Inserts the evidence unless its id exists; true when this call inserted it. */
export async function insertEvidence(db: Q, row: Insertable<EvidenceTable>): Promise<boolean> {
  const r = await db
    .insertInto('evidence')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function attachEvidence(
  db: Q,
  inspection: { region_code: string; id: string },
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('evidence')
    .set({ inspection_id: inspection.id })
    .where('region_code', '=', inspection.region_code)
    .where('id', 'in', ids)
    .execute();
}

// ————————————————————————————————————————— dangers found

function dangerBriefs(db: Q, regionCode: string) {
  return db
    .selectFrom('hidden_dangers')
    .select(['id', 'level', 'description', 'rectification'])
    .select([
      sql<string | null>`deadline::text`.as('deadline'),
      sql<string | null>`completed_on::text`.as('completed_on'),
      sql<string | null>`closed_on::text`.as('closed_on'),
    ])
    .where('region_code', '=', regionCode)
    .orderBy('created_at');
}
export type DangerBrief = Awaited<ReturnType<typeof dangersOf>>[number];

/** The dangers an inspection found, as they stand now. */
export async function dangersOf(db: Q, inspection: { region_code: string; id: string }) {
  return dangerBriefs(db, inspection.region_code).where('inspection_id', '=', inspection.id).execute();
}

/** Dangers of a region by id (a self-inspection's, whose items carry them), as they stand now. */
export async function dangersById(db: Q, regionCode: string, ids: readonly string[]): Promise<DangerBrief[]> {
  if (ids.length === 0) return [];
  return dangerBriefs(db, regionCode).where('id', 'in', ids).execute();
}

// ————————————————————————————————————————— imported checklist items

/** The current revision of each item a province imported. */
export async function importedItems(db: Q, provinceCode: string) {
  return db
    .selectFrom('checklist_items as c')
    .selectAll('c')
    .where('c.region_code', '=', provinceCode)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('checklist_items as n')
            .select('n.code')
            .whereRef('n.region_code', '=', 'c.region_code')
            .whereRef('n.code', '=', 'c.code')
            .whereRef('n.revision', '>', 'c.revision'),
        ),
      ),
    )
    .orderBy('c.code')
    .execute();
}

export async function insertChecklistItems(db: Q, rows: Insertable<ChecklistItemsTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('checklist_items').values(rows).execute();
}
