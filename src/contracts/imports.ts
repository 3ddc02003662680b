/**
 * Historical import (历史数据导入) contracts, shared by server and web: past accidents entered from .xlsx, .csv or
 * a JSON array for statistics, validated row by row with the quick report's own schema.
 */
import { z } from 'zod';
import { createAccidentBody } from './accidents.js';
import { pageQuery, text } from './common.js';

/** Data rows per file; a larger file is refused (413) — split it. */
export const IMPORT_MAX_ROWS = 50_000;
/** Size of an uploaded .xlsx / .csv file. */
export const IMPORT_MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Size of a JSON array body (a record is about 0.5 KB as JSON). */
export const IMPORT_MAX_JSON_BYTES = 32 * 1024 * 1024;

/**
 * One record of an import: the fields of POST /api/accidents, plus the row's own report number (报告编号, from the
 * system the record comes from). A duty-log link means nothing for a past record.
 */
export const importAccidentRow = createAccidentBody.omit({ dutyLogId: true }).extend({
  reportNo: text(50).min(1, { message: '不能为空' }).optional(),
});
export type ImportAccidentRow = z.infer<typeof importAccidentRow>;
export type ImportField = keyof ImportAccidentRow;

export const importQuery = z
  .object({
    /** true: validate every row (duplicates included) and write nothing. */
    dryRun: z.enum(['true', 'false'], { message: '须为 true 或 false' }).default('false'),
    /**
     * Chosen by the client (a UUID) so it can poll GET /api/accidents/imports/:id while the upload is running;
     * sending the same id again is an idempotent retry, like the Idempotency-Key header.
     */
    importId: z.uuid({ message: '须为 UUID' }).optional(),
  })
  .strict();
export type ImportQuery = z.infer<typeof importQuery>;

export const importListQuery = z.object({ ...pageQuery }).strict();

export const IMPORT_ROW_STATUSES = ['created', 'duplicate', 'invalid'] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];

export const IMPORT_STATUSES = ['running', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const IMPORT_FORMATS = ['xlsx', 'csv', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportRowError {
  /** Contract field (occurredAt, regionCode …) or `row` for the row as a whole. */
  field: string;
  code: string;
  message: string;
  /** The file's column header for the field (xlsx / csv). */
  column?: string;
}

export interface ImportRowResult {
  /** Row number as the user sees it: the header is row 1 in xlsx / csv; the element's 1-based index in JSON. */
  row: number;
  status: ImportRowStatus;
  /** created: the new accident; duplicate: the accident it duplicates (when known and readable). */
  id?: string;
  errors?: ImportRowError[];
}

/** An import: progress while it runs (rows empty), then the per-row results. */
export interface ImportView {
  importId: string;
  status: ImportStatus;
  dryRun: boolean;
  fileName: string;
  format: ImportFormat;
  fileSha256: string;
  regionCode: string;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
  total: number;
  processed: number;
  created: number;
  duplicates: number;
  invalid: number;
  /** Columns of the file that matched no field and were not read. */
  ignoredColumns: string[];
  error: string | null;
  rows: ImportRowResult[];
}

export type ImportListItem = Omit<ImportView, 'rows'>;
