/**
 * Worker thread: an uploaded table file (.xlsx or .csv) → its sheets' header and non-blank data rows. Everything is
 * read as a stream and stops as soon as the row limit is crossed, so a 600 KB file of 2 million tiny rows costs the
 * first 50,001 rows, not a workbook of 2 million. Runs only inside worker-pool.ts's budgets.
 */
import { Readable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import { AppError } from '../errors.js';
import type { RawCell } from '../modules/imports/columns.js';
import { scanSheets } from './sheet-scan.js';
import { tooManyRows, unreadable } from './table-errors.js';
import { isJobEntry, serveJob } from './worker-pool.js';

export interface TableRow {
  /** Row number as the user sees it (the header is row 1). */
  row: number;
  cells: RawCell[];
}

export interface TableSheet {
  name: string;
  header: RawCell[];
  rows: TableRow[];
}

export interface TableJob {
  format: 'xlsx' | 'csv';
  data: Uint8Array;
  maxRows: number;
  /** Sheets never read as data (instructions, code tables). */
  skipSheets: readonly string[];
  /** Read only this sheet when the workbook has it, else only the first other sheet; absent: every sheet. */
  preferSheet?: string;
  /** A sheet's XML may not inflate beyond this. */
  maxSheetBytes: number;
}

const isBlank = (cells: readonly RawCell[]) => cells.every((c) => c === null || String(c).trim() === '');

/** Counts data rows across all sheets read, and stops the read at the first row past the limit. */
function rowCounter(maxRows: number) {
  let count = 0;
  return () => {
    count += 1;
    if (count > maxRows) throw tooManyRows(maxRows);
  };
}

// ————————————————————————————————————————— xlsx

/** What Excel stored in a cell, as a plain value: rich text joined, a formula's result, a link's text. */
function plainValue(v: ExcelJS.CellValue): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('result' in v) return plainValue((v.result ?? null) as ExcelJS.CellValue);
  if ('formula' in v || 'sharedFormula' in v) return null;
  if ('text' in v) return plainValue(v.text as ExcelJS.CellValue);
  if ('error' in v) return String(v.error);
  return null;
}

const cellsOf = (row: ExcelJS.Row) => ((row.values ?? []) as ExcelJS.CellValue[]).slice(1).map(plainValue);

interface SheetModel {
  name: string;
}

async function readXlsx(job: TableJob): Promise<TableSheet[]> {
  await scanSheets(
    Buffer.from(job.data.buffer, job.data.byteOffset, job.data.byteLength),
    job.maxRows,
    job.maxSheetBytes,
  );
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(job.data)]), {
    sharedStrings: 'cache',
    styles: 'cache', // dates are numbers with a date format: the styles tell which
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const count = rowCounter(job.maxRows);
  const sheets: TableSheet[] = [];
  for await (const ws of reader) {
    const name = (ws as unknown as { name: string }).name;
    if (job.skipSheets.includes(name)) continue;
    const names = ((reader as unknown as { model?: { sheets?: SheetModel[] } }).model?.sheets ?? []).map((s) => s.name);
    if (job.preferSheet && names.includes(job.preferSheet) && name !== job.preferSheet) continue;
    const sheet: TableSheet = { name, header: [], rows: [] };
    for await (const row of ws) {
      const cells = cellsOf(row);
      if (row.number === 1) sheet.header = cells;
      else if (!isBlank(cells)) {
        count();
        sheet.rows.push({ row: row.number, cells });
      }
    }
    sheets.push(sheet);
    if (job.preferSheet) break;
  }
  if (sheets.length === 0) throw unreadable('工作簿中没有工作表');
  return sheets;
}

// ————————————————————————————————————————— csv

/** The text of a CSV file: BOM first; else strict UTF-8; else GB18030 (a superset of GBK, Excel's Chinese ANSI). */
export function decodeText(buf: Uint8Array): string {
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

async function readCsv(job: TableJob): Promise<TableSheet[]> {
  const text = decodeText(job.data);
  const count = rowCounter(job.maxRows);
  // Empty lines are kept as records so the numbering matches the rows Excel shows.
  const parser = Readable.from([text]).pipe(
    parseCsv({ delimiter: delimiterOf(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: false }),
  );
  const sheet: TableSheet = { name: '', header: [], rows: [] };
  let line = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      line += 1;
      if (line === 1) sheet.header = cells;
      else if (!isBlank(cells)) {
        count();
        sheet.rows.push({ row: line, cells });
      }
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    const at = /line (\d+)/.exec((e as Error).message)?.[1];
    const what = (e as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED' ? '引号未闭合' : '格式错误';
    throw unreadable(`CSV ${at ? `第${at}行` : ''}${what}`);
  } finally {
    parser.destroy();
  }
  return [sheet];
}

export async function readTable(job: TableJob): Promise<TableSheet[]> {
  try {
    return job.format === 'xlsx' ? await readXlsx(job) : await readCsv(job);
  } catch (e) {
    if (e instanceof AppError) throw e;
    // Whatever the reader trips over in a damaged or hostile file is the file's fault, not ours.
    throw unreadable(job.format === 'xlsx' ? '不是有效的 .xlsx 文件，或文件已损坏' : '文件内容无法解析');
  }
}

// Only when started as the job's worker (not when a test or the main thread imports the module).
if (parentPort && isJobEntry(workerData, import.meta.url)) serveJob(parentPort, readTable);
