/**
 * An uploaded file → its header and data rows, through the shared upload pipeline (src/server/uploads): .xlsx read
 * as a stream, .csv as UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text", saved as .txt: rename it .csv) or
 * GBK/GB18030 — what Excel in China saves as "CSV" — detected from the bytes; in a worker thread, stopping at the row
 * limit. A file that cannot be read is a 400 (or 413) with a Chinese message, never a 500.
 */
import { IMPORT_MAX_ROWS, type ImportFormat } from '../../../contracts/imports.js';
import { AppError } from '../../errors.js';
import type { TableRow } from '../../uploads/table-worker.js';
import { readTableFile } from '../../uploads/tables.js';
import type { RawCell } from './columns.js';

export type SheetRow = TableRow;

export interface ParsedFile {
  format: Exclude<ImportFormat, 'json'>;
  header: RawCell[];
  rows: SheetRow[];
}

/** A file with several data sheets (xlsx), or one (csv, named ''). */
export interface ParsedSheets {
  format: Exclude<ImportFormat, 'json'>;
  sheets: { name: string; header: RawCell[]; rows: SheetRow[] }[];
}

const isBlank = (cells: readonly RawCell[]) => cells.every((c) => c === null || String(c).trim() === '');

const noHeader = () =>
  new AppError('IMPORT_EMPTY', [{ path: 'file', code: 'no_header', message: '第1行须为列名（表头）' }]);
const noRows = () => new AppError('IMPORT_EMPTY', [{ path: 'file', code: 'no_rows', message: '表头以下没有数据行' }]);
const emptyFile = () => new AppError('IMPORT_EMPTY', [{ path: 'file', code: 'empty', message: '文件为空' }]);

/**
 * Every data sheet of an uploaded file (all sheets of an .xlsx but `skipSheets`, sheets with nothing in them left
 * out; a .csv as one sheet named ''). The row limit counts all sheets and stops the reading as soon as it is crossed.
 */
export async function parseFileSheets(
  fileName: string,
  buf: Buffer,
  opts: { skipSheets: readonly string[] },
): Promise<ParsedSheets> {
  if (buf.length === 0) throw emptyFile();
  const { format, sheets: all } = await readTableFile(fileName, buf, {
    maxRows: IMPORT_MAX_ROWS,
    skipSheets: opts.skipSheets,
  });
  const sheets = all.filter((s) => !isBlank(s.header) || s.rows.length > 0);
  if (sheets.length === 0) throw noHeader();
  if (sheets.every((s) => s.rows.length === 0)) throw noRows();
  return { format, sheets };
}

/** Header and non-blank data rows of an uploaded file's data sheet (`dataSheet` when it has one, else the first). */
export async function parseFile(
  fileName: string,
  buf: Buffer,
  opts: { dataSheet: string; skipSheets: readonly string[] },
): Promise<ParsedFile> {
  if (buf.length === 0) throw emptyFile();
  const { format, sheets } = await readTableFile(fileName, buf, {
    maxRows: IMPORT_MAX_ROWS,
    skipSheets: opts.skipSheets,
    preferSheet: opts.dataSheet,
  });
  const sheet = sheets[0];
  if (!sheet || isBlank(sheet.header)) throw noHeader();
  if (sheet.rows.length === 0) throw noRows();
  return { format, header: sheet.header, rows: sheet.rows };
}
