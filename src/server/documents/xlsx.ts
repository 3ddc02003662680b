/**
 * Excel workbooks for reports and exports — the one module that touches exceljs (barely maintained: keep it behind
 * this wrapper so it can be swapped). Generic: it knows tables, not statistics.
 *
 * Stable API (other modules rely on it; extend, do not change):
 *
 *   import { buildWorkbook, type SheetSpec } from '../../documents/xlsx.js';
 *   const buffer: Buffer = await buildWorkbook([{
 *     name: '分地区',                                   // sheet tab (≤ 31 chars, no []:*?/\)
 *     title: '山东省生产安全事故统计表',                 // row 1, merged over all columns, 宋体 bold 16
 *     lines: ['统计时段：2026年10月', '单位：起、人、万元'], // optional rows under the title (unit line, period …)
 *     columns: [                                       // leaf columns in order
 *       { key: 'label', header: '地区', width: 16 },
 *       { key: 'cur', header: '本期', group: '起数', format: 'integer' },
 *       { key: 'prev', header: '去年同期', group: '起数', format: 'integer' },
 *     ],
 *     rows: [{ label: '济南市', cur: 3, prev: 4 }],   // values: number | string | null (null = empty cell)
 *     totals: { label: '合计', cur: 3, prev: 4 },      // optional bold last row
 *     notes: ['制表：…'],                               // optional lines under the table
 *   }]);
 *
 * Headers: consecutive columns with the same `group` get one merged group cell above their own headers (two
 * header rows); a column without a group spans both header rows (merged vertically). With no group at all there
 * is a single header row. Formats: 'text' (default), 'integer' (#,##0), 'decimal1' (#,##0.0, e.g. 万元),
 * 'percent1' (0.0 — a percentage already ×100, as "增减率(%)" columns show it), or any Excel numFmt string.
 * Fonts: title 宋体, headers 黑体, body 仿宋 (Chinese report convention); all cells thin-bordered; header rows frozen.
 * Landscape A4, fit to page. Serve it with XLSX_CONTENT_TYPE and attachment(fileName) from ./download.ts.
 *
 *   const [sheet] = await readWorkbook(buffer);   // values by [row][col] (1-based), merges, numFmts, fonts
 */

import ExcelJS from 'exceljs';
import { neutraliseFormula } from '../../domain/spreadsheet-text.js';

export type CellValue = number | string | null;

export type ColumnFormat = 'text' | 'integer' | 'decimal1' | 'percent1' | { numFmt: string };

export interface ColumnSpec {
  /** Property of each row object shown in this column. */
  key: string;
  header: string;
  /** Group header: consecutive columns with the same group share one merged cell above. */
  group?: string;
  /** Width in characters (a CJK character counts about 2). Default: from the header and format. */
  width?: number;
  format?: ColumnFormat;
}

export interface SheetSpec {
  name: string;
  title: string;
  /** Rows under the title, each merged across the table: the period, the unit line (单位：起、人、万元) … */
  lines?: readonly string[];
  columns: readonly ColumnSpec[];
  rows: readonly Readonly<Record<string, CellValue>>[];
  /** The 合计 row, in bold after the body. */
  totals?: Readonly<Record<string, CellValue>>;
  notes?: readonly string[];
}

export interface WorkbookMeta {
  creator?: string;
  /** Fixed creation time (tests; reproducible files). Default: now. */
  created?: Date;
}

const FONTS = {
  title: { name: '宋体', size: 16, bold: true },
  line: { name: '仿宋', size: 11 },
  header: { name: '黑体', size: 11 },
  body: { name: '仿宋', size: 11 },
  totals: { name: '仿宋', size: 11, bold: true },
} as const;

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

const NUM_FMT: Record<Exclude<ColumnFormat, 'text' | { numFmt: string }>, string> = {
  integer: '#,##0',
  decimal1: '#,##0.0',
  percent1: '0.0',
};

function numFmtOf(format: ColumnFormat | undefined): string | undefined {
  if (format === undefined || format === 'text') return undefined;
  return typeof format === 'string' ? NUM_FMT[format] : format.numFmt;
}

/** Display width of a string: CJK and full-width characters count 2. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1;
  return w;
}

/** Decimals a number format shows ('#,##0.0' → 1); integers and custom formats without a point → 0. */
function decimalsOf(format: ColumnFormat | undefined): number {
  const fmt = numFmtOf(format) ?? '';
  const point = fmt.indexOf('.');
  return point < 0 ? 0 : fmt.slice(point + 1).replace(/[^0#]/g, '').length;
}

/** A cell as the spreadsheet shows it: numbers with the column's thousands separators and decimals. */
function shownText(v: CellValue, format: ColumnFormat | undefined): string {
  if (typeof v !== 'number') return String(v);
  const d = decimalsOf(format);
  const grouped = (numFmtOf(format) ?? '').includes(',');
  return v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d, useGrouping: grouped });
}

/**
 * Wide enough for the widest value shown, the 合计 row included (a too-narrow numeric column prints "###"); a bold
 * total needs about one character more. A spec's width is a minimum, never a cut.
 */
function columnWidth(c: ColumnSpec, rows: SheetSpec['rows'], totals: SheetSpec['totals']): number {
  let w = displayWidth(c.header);
  for (const row of rows) {
    const v = row[c.key];
    if (v !== null && v !== undefined) w = Math.max(w, displayWidth(shownText(v, c.format)));
  }
  const total = totals?.[c.key];
  if (total !== null && total !== undefined) w = Math.max(w, displayWidth(shownText(total, c.format)) + 1);
  const width = Math.max(c.width ?? 0, Math.min(Math.max(w + 2, 8), 60));
  // exceljs writes no <col> for a width of exactly 9 (its own default), which leaves the column at Excel's 8.43.
  return width === EXCELJS_DEFAULT_WIDTH ? width + 0.5 : width;
}

const EXCELJS_DEFAULT_WIDTH = 9;

/** Runs of consecutive columns sharing a group (1-based column numbers). */
function groupRuns(columns: readonly ColumnSpec[]): { group: string | undefined; first: number; last: number }[] {
  const runs: { group: string | undefined; first: number; last: number }[] = [];
  columns.forEach((c, i) => {
    const prev = runs[runs.length - 1];
    if (prev && c.group !== undefined && prev.group === c.group) prev.last = i + 1;
    else runs.push({ group: c.group, first: i + 1, last: i + 1 });
  });
  return runs;
}

/** Sheet names may not hold []:*?/\ and are at most 31 characters. */
function safeSheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base.slice(0, 28)}(${n})`;
  taken.add(candidate);
  return candidate;
}

function styleHeader(cell: ExcelJS.Cell): void {
  cell.font = { ...FONTS.header };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  cell.border = THIN;
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
}

function writeHeaders(ws: ExcelJS.Worksheet, spec: SheetSpec, top: number): number {
  const grouped = spec.columns.some((c) => c.group !== undefined);
  const headerRows = grouped ? 2 : 1;
  for (const run of groupRuns(spec.columns)) {
    if (run.group === undefined) {
      for (let col = run.first; col <= run.last; col++) {
        const c = spec.columns[col - 1] as ColumnSpec;
        ws.getCell(top, col).value = c.header;
        if (grouped) ws.mergeCells(top, col, top + 1, col);
      }
    } else {
      ws.getCell(top, run.first).value = run.group;
      if (run.last > run.first) ws.mergeCells(top, run.first, top, run.last);
      for (let col = run.first; col <= run.last; col++) {
        ws.getCell(top + 1, col).value = (spec.columns[col - 1] as ColumnSpec).header;
      }
    }
  }
  for (let r = top; r < top + headerRows; r++) {
    for (let col = 1; col <= spec.columns.length; col++) styleHeader(ws.getCell(r, col));
  }
  return headerRows;
}

function writeBodyRow(
  ws: ExcelJS.Worksheet,
  spec: SheetSpec,
  at: number,
  row: SheetSpec['rows'][number],
  bold: boolean,
) {
  spec.columns.forEach((c, i) => {
    const cell = ws.getCell(at, i + 1);
    const v = row[c.key];
    // Data may come from users (a unit's name, a phone number): never a formula, even after a CSV round trip.
    cell.value = v === undefined ? null : typeof v === 'string' ? neutraliseFormula(v) : v;
    cell.font = { ...(bold ? FONTS.totals : FONTS.body) };
    cell.border = THIN;
    const fmt = numFmtOf(c.format);
    if (fmt) cell.numFmt = fmt;
    cell.alignment = { vertical: 'middle', horizontal: typeof v === 'number' ? 'right' : i === 0 ? 'left' : 'center' };
  });
}

/** A merged full-width row with a text (title, unit line, note). */
function writeLine(ws: ExcelJS.Worksheet, at: number, width: number, text: string, font: Partial<ExcelJS.Font>) {
  const cell = ws.getCell(at, 1);
  cell.value = text;
  cell.font = { ...font };
  if (width > 1) ws.mergeCells(at, 1, at, width);
  return cell;
}

function addSheet(wb: ExcelJS.Workbook, spec: SheetSpec, name: string): void {
  const width = spec.columns.length;
  const ws = wb.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true } });
  let at = 1;
  const title = writeLine(ws, at, width, spec.title, FONTS.title);
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(at).height = 30;
  at++;
  for (const line of spec.lines ?? []) {
    // The unit line sits right as printed statistical tables do; other lines left.
    const cell = writeLine(ws, at++, width, line, FONTS.line);
    cell.alignment = { horizontal: line.startsWith('单位') ? 'right' : 'left' };
  }
  const headerTop = at;
  at += writeHeaders(ws, spec, headerTop);
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: at - 1 }];
  for (const row of spec.rows) writeBodyRow(ws, spec, at++, row, false);
  if (spec.totals) writeBodyRow(ws, spec, at++, spec.totals, true);
  for (const note of spec.notes ?? []) writeLine(ws, at++, width, note, FONTS.line);
  spec.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = columnWidth(c, spec.rows, spec.totals);
  });
}

/** An .xlsx file with one sheet per spec, as a Buffer. */
export async function buildWorkbook(sheets: readonly SheetSpec[], meta: WorkbookMeta = {}): Promise<Buffer> {
  if (sheets.length === 0) throw new RangeError('a workbook needs at least one sheet');
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.creator ?? 'Anjian';
  wb.created = meta.created ?? new Date();
  wb.modified = wb.created;
  const taken = new Set<string>();
  for (const spec of sheets) addSheet(wb, spec, safeSheetName(spec.name, taken));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface SheetContents {
  name: string;
  /** Cell values by row and column (1-based, as Excel counts; index 0 unused); merged cells repeat nothing. */
  rows: CellValue[][];
  /** Merged ranges, e.g. "B4:E4". */
  merges: string[];
  /** Number format by address, e.g. { R6: '#,##0.0' }. */
  numFmts: Record<string, string>;
  fonts: Record<string, string | undefined>;
}

/** Reads a workbook back (tests, and whoever needs to check a generated file): values, merges, formats. */
export async function readWorkbook(buffer: Buffer): Promise<SheetContents[]> {
  const wb = new ExcelJS.Workbook();
  // exceljs types its input as its own Buffer interface; a Node Buffer is what it reads.
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const rows: CellValue[][] = [];
    const numFmts: Record<string, string> = {};
    const fonts: Record<string, string | undefined> = {};
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const values: CellValue[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const v = cell.value;
        values[c] =
          typeof v === 'number' || typeof v === 'string' ? v : v === null || v === undefined ? null : String(v);
        if (cell.numFmt) numFmts[cell.address] = cell.numFmt;
        fonts[cell.address] = cell.font?.name;
      });
      rows[r] = values;
    });
    return { name: ws.name, rows, merges: [...(ws.model.merges ?? [])], numFmts, fonts };
  });
}
