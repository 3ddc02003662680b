/**
 * The one reader of uploaded table files (.xlsx, .csv) for every import: the format from the name and the first
 * bytes, the workbook's declared sizes checked before anything is inflated, then the rows read in a worker thread
 * within a memory and time budget (worker-pool.ts, table-worker.ts).
 */
import { AppError } from '../errors.js';
import { unreadable } from './table-errors.js';
import type { TableSheet } from './table-worker.js';
import { runJob } from './worker-pool.js';
import { type ZipBudget, zipEntries, zipOverBudget } from './zip.js';

export type TableFormat = 'xlsx' | 'csv';

/**
 * Inflated sizes an import workbook may declare. 50,000 rows of 40 filled columns take about 80 MB of sheet XML;
 * the 2-million-row file of the review declares about 100 MB, the 6-million-row one about 300 MB.
 */
const XLSX_BUDGET: ZipBudget = {
  maxEntries: 2_000,
  maxEntryBytes: 160 * 1024 * 1024,
  maxSharedStringsBytes: 64 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
};
/** Per parse: enough for 50,000 rows of a full template, far below what would crowd the process. */
const JOB_BUDGET = { maxHeapMb: 192, timeoutMs: 30_000 };

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/**
 * Which reader a file needs. Only a name ending in .xlsx or .csv (any case) is accepted — anything else, a .txt of
 * comma-separated text included, is 400 IMPORT_UNSUPPORTED_FORMAT; between those two the first bytes decide (an
 * .xlsx saved under a .csv name is still read as a workbook).
 */
export function detectFormat(fileName: string, buf: Buffer): TableFormat {
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

/** A workbook whose parts would inflate beyond the budget is refused before any of it is inflated. */
function checkWorkbookSizes(buf: Buffer): void {
  const entries = zipEntries(buf);
  if (!entries) throw unreadable('不是有效的 .xlsx 文件，或文件已损坏');
  const over = zipOverBudget(entries, XLSX_BUDGET);
  if (over) {
    throw new AppError(
      'IMPORT_FILE_TOO_LARGE',
      [{ path: 'file', code: 'inflated_too_large', message: over }],
      `文件过大：${over}，请拆分后分批导入`,
    );
  }
}

export interface ReadTableOptions {
  maxRows: number;
  skipSheets: readonly string[];
  preferSheet?: string;
}

/** The sheets of an uploaded file with their header and non-blank data rows, or the AppError that explains why not. */
export async function readTableFile(
  fileName: string,
  buf: Buffer,
  opts: ReadTableOptions,
): Promise<{ format: TableFormat; sheets: TableSheet[] }> {
  const format = detectFormat(fileName, buf);
  if (format === 'xlsx') checkWorkbookSizes(buf);
  const sheets = await runJob<unknown, TableSheet[]>(
    new URL('./table-worker.ts', import.meta.url),
    { format, data: buf, maxSheetBytes: XLSX_BUDGET.maxEntryBytes, ...opts },
    JOB_BUDGET,
  );
  return { format, sheets };
}
