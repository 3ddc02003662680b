/**
 * The import's two uses of exceljs: reading an uploaded workbook's data sheet and writing the template.
 * (The shared wrapper documents/xlsx.ts writes report tables with a title above merged headers; an import sheet
 * needs its header in row 1, data validation lists and cell notes, so the template is built here directly.)
 */
import ExcelJS from 'exceljs';
import { ACCIDENT_TYPES, INDUSTRY_SECTIONS } from '../../../domain/codes.js';
import { DOMAIN_LABELS, DOMAINS } from '../../../domain/direct-report.js';
import type { AppError } from '../../errors.js';
import { IMPORT_COLUMNS, type ImportColumn, type RawCell, REQUIRED_FIELDS } from './columns.js';

/** The template's data sheet; an uploaded workbook without it is read from its first other sheet. */
export const DATA_SHEET = '事故数据';
const HELP_SHEET = '说明';
const CODES_SHEET = '代码表';

// ————————————————————————————————————————— reading

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

interface ReadOptions {
  maxRows: number;
  tooMany: (count: number) => AppError;
  unreadable: (reason: string) => AppError;
}

export async function readWorkbookRows(
  buf: Buffer,
  opts: ReadOptions,
): Promise<{ header: RawCell[]; rows: { row: number; cells: RawCell[] }[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw opts.unreadable('不是有效的 .xlsx 文件，或文件已损坏');
  }
  const ws = wb.getWorksheet(DATA_SHEET) ?? wb.worksheets.find((s) => s.name !== HELP_SHEET && s.name !== CODES_SHEET);
  if (!ws) throw opts.unreadable('工作簿中没有工作表');
  // Counted before anything is converted: a huge sheet is refused at once.
  if (ws.actualRowCount - 1 > opts.maxRows) throw opts.tooMany(ws.actualRowCount - 1);
  const cellsOf = (r: ExcelJS.Row) => (r.values as ExcelJS.CellValue[]).slice(1).map(plainValue);
  const header = cellsOf(ws.getRow(1));
  const rows: { row: number; cells: RawCell[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = cellsOf(r);
    if (cells.some((c) => c !== null && String(c).trim() !== '')) rows.push({ row: rowNumber, cells });
  });
  return { header, rows };
}

// ————————————————————————————————————————— the template

/** Rows of the data sheet that get the drop-down lists and number checks (more are allowed, without them). */
const VALIDATED_ROWS = 10_000;

const TYPE_CHOICES = Object.entries(ACCIDENT_TYPES).map(([code, name]) => `${code} ${name}`);
const DOMAIN_CHOICES = DOMAINS.map((d) => DOMAIN_LABELS[d]);

function validationOf(column: ImportColumn): ExcelJS.DataValidation | undefined {
  const list = (choices: readonly string[]): ExcelJS.DataValidation => ({
    type: 'list',
    allowBlank: true,
    formulae: [`"${choices.join(',')}"`],
    showErrorMessage: true,
    errorTitle: column.header,
    error: '请从下拉列表中选择',
  });
  switch (column.kind) {
    case 'type':
      return list(TYPE_CHOICES);
    case 'domain':
      return list(DOMAIN_CHOICES);
    case 'boolean':
      return list(['是', '否']);
    case 'number':
      return {
        type: 'whole',
        operator: 'greaterThanOrEqual',
        allowBlank: true,
        formulae: [0],
        showErrorMessage: true,
        errorTitle: column.header,
        error: '须为不小于0的整数',
      };
    default:
      return undefined;
  }
}

function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** exceljs writes a validation for a whole range (one sqref) through this model, which its typings leave out. */
function rangeValidations(ws: ExcelJS.Worksheet): { add(range: string, v: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } })
    .dataValidations;
}

const HEADER_FONT = { name: '黑体', size: 11 } as const;
const BODY_FONT = { name: '宋体', size: 11 } as const;

function addDataSheet(wb: ExcelJS.Workbook, example: Readonly<Record<string, RawCell>>): void {
  const ws = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = IMPORT_COLUMNS.map((c) => ({
    key: c.field,
    width: Math.max(12, [...c.header].length * 2 + 4, c.kind === 'text' ? 24 : 0),
    // Codes stay text: Excel would turn 370303 into a number and drop the leading 0 of 01.
    style: {
      font: BODY_FONT,
      ...(c.kind === 'code' || c.kind === 'creditCode' || c.kind === 'type' ? { numFmt: '@' } : {}),
    },
  }));
  const header = ws.getRow(1);
  IMPORT_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    const required = REQUIRED_FIELDS.has(c.field);
    cell.font = { ...HEADER_FONT, color: { argb: required ? 'FFC00000' : 'FF000000' } };
    cell.note = `${required ? '必填。' : ''}${c.note}`;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    const validation = validationOf(c);
    if (validation) rangeValidations(ws).add(`${columnLetter(i)}2:${columnLetter(i)}${VALIDATED_ROWS + 1}`, validation);
  });
  const row = ws.getRow(2);
  IMPORT_COLUMNS.forEach((c, i) => {
    const value = example[c.field];
    if (value === undefined || value === null) return;
    const cell = row.getCell(i + 1);
    cell.value = value;
    if (value instanceof Date) cell.numFmt = 'yyyy-mm-dd hh:mm';
  });
}

function addHelpSheet(wb: ExcelJS.Workbook, notes: readonly string[]): void {
  const ws = wb.addWorksheet(HELP_SHEET);
  ws.columns = [
    { key: 'a', width: 22 },
    { key: 'b', width: 10 },
    { key: 'c', width: 90 },
  ];
  ws.addRow(['生产安全事故历史数据导入说明']).font = { name: '黑体', size: 14, bold: true };
  for (const line of notes) ws.addRow([line]).font = BODY_FONT;
  ws.addRow([]);
  const head = ws.addRow(['列名', '是否必填', '填写要求']);
  head.font = { ...HEADER_FONT, bold: true };
  for (const c of IMPORT_COLUMNS) {
    ws.addRow([c.header, REQUIRED_FIELDS.has(c.field) ? '必填' : '选填', c.note]).font = BODY_FONT;
  }
}

function addCodesSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(CODES_SHEET);
  ws.columns = [
    { key: 'a', width: 14 },
    { key: 'b', width: 36 },
    { key: 'c', width: 4 },
    { key: 'd', width: 10 },
    { key: 'e', width: 36 },
    { key: 'f', width: 14 },
  ];
  const head = ws.addRow([
    '事故类别代码',
    '事故类别（GB 6441-1986）',
    '',
    '行业门类',
    '门类名称（GB/T 4754-2017）',
    '大类代码范围',
  ]);
  head.font = { ...HEADER_FONT, bold: true };
  const types = Object.entries(ACCIDENT_TYPES);
  const sections = Object.entries(INDUSTRY_SECTIONS);
  for (let i = 0; i < Math.max(types.length, sections.length); i++) {
    const [code, name] = types[i] ?? ['', ''];
    const [letter, s] = sections[i] ?? ['', undefined];
    const range = s ? `${letter}${String(s.from).padStart(2, '0')}–${letter}${String(s.to).padStart(2, '0')}` : '';
    ws.addRow([code, name, '', letter, s?.name ?? '', range]).font = BODY_FONT;
  }
  ws.addRow([]);
  ws.addRow(['领域', DOMAIN_CHOICES.join('、')]).font = BODY_FONT;
}

/** The import template: the data sheet (headers, drop-downs, one example row), the instructions and the code tables. */
export async function buildTemplate(
  example: Readonly<Record<string, RawCell>>,
  notes: readonly string[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '安监';
  addDataSheet(wb, example);
  addHelpSheet(wb, notes);
  addCodesSheet(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
