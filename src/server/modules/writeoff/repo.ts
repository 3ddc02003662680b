/** The only place with write-off (核销) SQL. */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { WriteoffListQuery } from '../../../contracts/writeoff.js';
import { subtreePrefix } from '../../../domain/region-code.js';
import type { WriteoffStatus } from '../../../domain/writeoff.js';
import type { Database, WriteoffRequestsTable } from '../../db/schema.js';

type Q = Kysely<Database>;

export type RequestRow = Selectable<WriteoffRequestsTable>;

/** A request with what its list and card show of the accident. */
export type RequestWithAccident = RequestRow & {
  report_no: string;
  unit_name: string;
  occurred_at: Date | string;
  accident_grade: string;
  deaths: number;
  missing: number;
  serious_injuries: number;
  written_off_at: Date | string | null;
};

function withAccident(db: Q) {
  return db
    .selectFrom('writeoff_requests as w')
    .innerJoin('accidents as a', (j) =>
      j.onRef('a.region_code', '=', 'w.region_code').onRef('a.id', '=', 'w.accident_id'),
    )
    .selectAll('w')
    .select([
      'a.report_no',
      'a.unit_name',
      'a.occurred_at',
      'a.grade as accident_grade',
      'a.deaths',
      'a.missing',
      'a.serious_injuries',
      'a.written_off_at',
    ]);
}

export async function insertRequest(db: Q, row: RequestRow): Promise<void> {
  await db.insertInto('writeoff_requests').values(row).execute();
}

export async function findRequest(db: Q, id: string): Promise<RequestWithAccident | undefined> {
  return (await withAccident(db).where('w.id', '=', id).executeTakeFirst()) as RequestWithAccident | undefined;
}

/** The request row alone, locked until commit (a decision and a withdrawal cannot both pass). */
export async function lockRequest(db: Q, id: string): Promise<RequestRow | undefined> {
  return db.selectFrom('writeoff_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function pendingRequestOf(
  db: Q,
  a: { region_code: string; id: string },
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('writeoff_requests')
    .select('id')
    .where('region_code', '=', a.region_code)
    .where('accident_id', '=', a.id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

/** Every request about one accident, oldest first: its write-off history. */
export async function historyOf(db: Q, a: { region_code: string; id: string }): Promise<RequestWithAccident[]> {
  return (await withAccident(db)
    .where('w.region_code', '=', a.region_code)
    .where('w.accident_id', '=', a.id)
    .orderBy('w.requested_at')
    .orderBy('w.id')
    .execute()) as RequestWithAccident[];
}

export interface ListScope {
  /** The actor's jurisdiction prefix ('' for the national level). */
  prefix: string;
  /** The approver's region when only the requests it decides are wanted. */
  approverRegionCode?: string | undefined;
}

/** A page of the requests about accidents in the scope, newest first, and their exact count. */
export async function listRequests(
  db: Q,
  scope: ListScope,
  f: WriteoffListQuery,
): Promise<{ items: RequestWithAccident[]; total: number }> {
  let q = withAccident(db).where('w.region_code', 'like', `${scope.prefix}%`);
  if (f.regionCode) q = q.where('w.region_code', 'like', `${subtreePrefix(f.regionCode)}%`);
  if (scope.approverRegionCode) q = q.where('w.approver_region_code', '=', scope.approverRegionCode);
  if (f.status) q = q.where('w.status', '=', f.status);
  const [items, count] = await Promise.all([
    q
      .orderBy('w.requested_at', 'desc')
      .orderBy('w.id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items as RequestWithAccident[], total: count.n };
}

export interface Decision {
  status: WriteoffStatus;
  decided_by: string;
  decided_by_name: string;
  decided_by_org: string;
  decided_at: Date;
  decision_note: string | null;
}

export async function decideRequest(db: Q, r: { region_code: string; id: string }, d: Decision): Promise<void> {
  await db
    .updateTable('writeoff_requests')
    .set(d)
    .where('region_code', '=', r.region_code)
    .where('id', '=', r.id)
    .where('status', '=', 'pending')
    .execute();
}

/**
 * 核销: the accident leaves every statistic from now on (the statistics read rows with written_off_at IS NULL; the
 * rollup triggers of migration 0006 follow this update in the same transaction). Returns false when it already was.
 */
export async function markWrittenOff(db: Q, a: { region_code: string; id: string }, at: Date): Promise<boolean> {
  const row = await db
    .updateTable('accidents')
    .set({ written_off_at: at, updated_at: at })
    .where('region_code', '=', a.region_code)
    .where('id', '=', a.id)
    .where('written_off_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
