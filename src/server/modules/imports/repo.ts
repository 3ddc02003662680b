/** The only place with SQL for historical imports (accident_imports, and the natural-key lookup on accidents). */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { ImportRowResult } from '../../../contracts/imports.js';
import type { AccidentImportsTable, Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export type ImportRow = Selectable<AccidentImportsTable> & { created_by_name: string };

const withCreator = (db: Q) =>
  db
    .selectFrom('accident_imports as i')
    .innerJoin('users as u', 'u.id', 'i.created_by')
    .selectAll('i')
    .select('u.display_name as created_by_name');

/** The import with this id, or the one this user started with this Idempotency-Key. */
export async function findImport(
  db: Q,
  by: { id: string } | { userId: string; idempotencyKey: string },
): Promise<ImportRow | undefined> {
  const q = withCreator(db);
  return (
    'id' in by
      ? q.where('i.id', '=', by.id)
      : q.where('i.created_by', '=', by.userId).where('i.idempotency_key', '=', by.idempotencyKey)
  ).executeTakeFirst();
}

/** The import if its region lies under the prefix (the reader's jurisdiction). */
export async function findImportInScope(db: Q, id: string, prefix: string): Promise<ImportRow | undefined> {
  return withCreator(db).where('i.id', '=', id).where('i.region_code', 'like', `${prefix}%`).executeTakeFirst();
}

export async function listImportsInScope(
  db: Q,
  prefix: string,
  page: { page: number; pageSize: number },
): Promise<{ items: ImportRow[]; total: number }> {
  const [items, count] = await Promise.all([
    withCreator(db)
      .where('i.region_code', 'like', `${prefix}%`)
      .orderBy('i.created_at', 'desc')
      .orderBy('i.id', 'desc')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    db
      .selectFrom('accident_imports')
      .where('region_code', 'like', `${prefix}%`)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.n };
}

export interface NewImport {
  id: string;
  region_code: string;
  created_by: string;
  idempotency_key: string | null;
  request_hash: string;
  file_name: string;
  file_sha256: string;
  format: 'xlsx' | 'csv' | 'json';
  dry_run: boolean;
  total: number;
  ignored_columns: string[];
  now: Date;
}

/** Records a new import as running; false when the id or the user's key is taken (a retry, or a race with one). */
export async function insertImport(db: Q, i: NewImport): Promise<boolean> {
  const { now, ...row } = i;
  const inserted = await db
    .insertInto('accident_imports')
    .values({ ...row, status: 'running', created_at: now, updated_at: now })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export interface ImportCounts {
  processed: number;
  created: number;
  duplicates: number;
  invalid: number;
}

export async function updateProgress(db: Q, id: string, counts: ImportCounts, now: Date): Promise<void> {
  await db
    .updateTable('accident_imports')
    .set({ ...counts, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function finishImport(
  db: Q,
  id: string,
  end: {
    status: 'done' | 'failed';
    counts: ImportCounts;
    results: ImportRowResult[] | null;
    error: string | null;
    now: Date;
  },
): Promise<void> {
  await db
    .updateTable('accident_imports')
    .set({
      ...end.counts,
      status: end.status,
      results: end.results ? JSON.stringify(end.results) : null,
      error: end.error,
      updated_at: end.now,
      finished_at: end.now,
    })
    .where('id', '=', id)
    .execute();
}

export interface NaturalKey {
  regionCode: string;
  importKey: string;
  reportNo?: string | undefined;
}

/** `region|key` for a natural key, `region#no` for a report number: how findImported's answers are looked up. */
export const keyRef = (regionCode: string, importKey: string) => `${regionCode}|${importKey}`;
export const reportNoRef = (regionCode: string, reportNo: string) => `${regionCode}#${reportNo}`;

/**
 * The accidents these rows were imported as before, in one statement: the same natural key in the same region,
 * or — where a row gave its own report number — the same report number there (an export brought back, or a
 * record filed here earlier). Answers keyRef / reportNoRef → accident id.
 */
export async function findImported(db: Q, keys: readonly NaturalKey[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (keys.length === 0) return found;
  const numbered = keys.filter((k) => k.reportNo);
  const rows = await db
    .selectFrom('accidents')
    .select(['id', 'region_code', 'import_key', 'report_no'])
    .where((eb) =>
      eb.or([
        eb(
          eb.refTuple('region_code', 'import_key'),
          'in',
          keys.map((k) => eb.tuple(k.regionCode, k.importKey)),
        ),
        ...(numbered.length > 0
          ? [
              eb(
                eb.refTuple('region_code', 'report_no'),
                'in',
                numbered.map((k) => eb.tuple(k.regionCode, k.reportNo as string)),
              ),
            ]
          : []),
      ]),
    )
    .execute();
  for (const r of rows) {
    if (r.import_key) found.set(keyRef(r.region_code, r.import_key), r.id);
    found.set(reportNoRef(r.region_code, r.report_no), r.id);
  }
  return found;
}
