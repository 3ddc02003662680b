/**
 * An uploaded file → its header and data rows. .xlsx by exceljs (workbook.ts); .csv as UTF-8 (with or without BOM),
 * UTF-16 (Excel's "Unicode text", saved as .txt: rename it .csv) or GBK/GB18030 — what Excel in China saves as "CSV" — detected from the bytes.
 * A file that cannot be read is a 400 with a Chinese message, never a 500.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { IMPORT_MAX_ROWS, type ImportFormat } from '../../../contracts/imports.js';
import { AppError } from '../../errors.js';
import type { RawCell } from './columns.js';
import { readWorkbookRows, readWorkbookSheets } from './workbook.js';

export interface SheetRow {
  /** Row number as the user sees it (the header is row 1). */
  row: number;
  cells: RawCell[];
}

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

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

function unreadable(reason: string): AppError {
  return new AppError(
    'IMPORT_FILE_UNREADABLE',
    [{ path: 'file', code: 'unreadable', message: reason }],
    `文件无法读取：${reason}`,
  );
}

/**
 * Which reader a file needs. Only a name ending in .xlsx or .csv (any case) is accepted — anything else, a .txt of
 * comma-separated text included, is 400 IMPORT_UNSUPPORTED_FORMAT; between those two the first bytes decide (an
 * .xlsx saved under a .csv name is still read as a workbook).
 */
export function detectFormat(fileName: string, buf: Buffer): ParsedFile['format'] {
  const ext = extensionOf(fileName.trim());
  if (buf.subarray(0, 4).equals(OLE_MAGIC) || ext === 'xls') {
    throw new AppError(
      'IMPORT_UNSUPPORTED_FORMAT',
      [{ path: 'file', code: 'xls', message: '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后导入' }],
      '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后导入',
    );
  }
  if (ext === 'xlsx' || ext === 'csv') {
    if (buf.subarray(0, 4).equals(ZIP_MAGIC)) return 'xlsx';
    if (ext === 'xlsx') throw unreadable('不是有效的 .xlsx 文件');
    return 'csv';
  }
  throw new AppError('IMPORT_UNSUPPORTED_FORMAT', [
    {
      path: 'file',
      code: 'unsupported',
      message: `不支持的文件类型${ext ? ` .${ext}` : ''}，请上传 .xlsx 或 .csv 文件`,
    },
  ]);
}

/** The text of a CSV file: BOM first; else strict UTF-8; else GB18030 (a superset of GBK, Excel's Chinese ANSI). */
export function decodeText(buf: Buffer): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return new TextDecoder('utf-8').decode(buf.subarray(3));
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

/** Comma, or the separator the header line uses most (tab for Excel's "Unicode text", semicolon in some locales). */
function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', '\t', ';'].map((d) => [d, firstLine.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

const isBlank = (cells: readonly RawCell[]) => cells.every((c) => c === null || String(c).trim() === '');

function tooMany(count: number): AppError {
  return new AppError(
    'IMPORT_TOO_MANY_ROWS',
    [{ path: 'file', code: 'too_many_rows', message: `共${count}行，单个文件最多${IMPORT_MAX_ROWS}行` }],
    `数据行过多：共${count}行，单个文件最多${IMPORT_MAX_ROWS}行，请拆分后分批导入`,
  );
}

function parseCsvRows(buf: Buffer): { header: RawCell[]; rows: SheetRow[] } {
  const text = decodeText(buf);
  let records: string[][];
  try {
    // Empty lines are kept as records so the numbering matches the rows Excel shows.
    records = parseCsv(text, {
      delimiter: delimiterOf(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (e) {
    const line = /line (\d+)/.exec((e as Error).message)?.[1];
    const where = line ? `第${line}行` : '';
    const what = (e as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED' ? '引号未闭合' : '格式错误';
    throw unreadable(`CSV ${where}${what}`);
  }
  const [header = [], ...data] = records;
  const rows: SheetRow[] = [];
  data.forEach((cells, i) => {
    if (!isBlank(cells)) rows.push({ row: i + 2, cells });
  });
  return { header, rows };
}

const noHeader = () =>
  new AppError('IMPORT_EMPTY', [{ path: 'file', code: 'no_header', message: '第1行须为列名（表头）' }]);
const noRows = () => new AppError('IMPORT_EMPTY', [{ path: 'file', code: 'no_rows', message: '表头以下没有数据行' }]);
const emptyFile = () => new AppError('IMPORT_EMPTY', [{ path: 'file', code: 'empty', message: '文件为空' }]);

/**
 * Every data sheet of an uploaded file (all sheets of an .xlsx but `skipSheets`, sheets with nothing in them left
 * out; a .csv as one sheet named ''). The row limit counts all sheets and is checked before anything is converted.
 */
export async function parseFileSheets(
  fileName: string,
  buf: Buffer,
  opts: { skipSheets: readonly string[] },
): Promise<ParsedSheets> {
  if (buf.length === 0) throw emptyFile();
  const format = detectFormat(fileName, buf);
  const all =
    format === 'xlsx'
      ? await readWorkbookSheets(buf, { maxRows: IMPORT_MAX_ROWS, tooMany, unreadable, skip: opts.skipSheets })
      : [{ name: '', ...parseCsvRows(buf) }];
  const total = all.reduce((n, s) => n + s.rows.length, 0);
  if (total > IMPORT_MAX_ROWS) throw tooMany(total);
  const sheets = all.filter((s) => !isBlank(s.header) || s.rows.length > 0);
  if (sheets.length === 0) throw noHeader();
  if (total === 0) throw noRows();
  return { format, sheets };
}

/** Header and non-blank data rows of an uploaded file; the row limit is checked before anything is converted. */
export async function parseFile(fileName: string, buf: Buffer): Promise<ParsedFile> {
  if (buf.length === 0) throw emptyFile();
  const format = detectFormat(fileName, buf);
  const sheet =
    format === 'xlsx'
      ? await readWorkbookRows(buf, { maxRows: IMPORT_MAX_ROWS, tooMany, unreadable })
      : parseCsvRows(buf);
  if (sheet.rows.length > IMPORT_MAX_ROWS) throw tooMany(sheet.rows.length);
  if (isBlank(sheet.header)) throw noHeader();
  if (sheet.rows.length === 0) throw noRows();
  return { format, ...sheet };
}
