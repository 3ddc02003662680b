/**
 * The import templates, written with exceljs (the generic pieces — addTemplateSheet, addHelpSheet, listValidation —
 * serve the registry import too). Uploaded workbooks are read by the shared upload pipeline (src/server/uploads).
 * (The shared wrapper documents/xlsx.ts writes report tables with a title above merged headers; an import sheet
 * needs its header in row 1, data validation lists and cell notes, so the template is built here directly.)
 */
import ExcelJS from 'exceljs';
import { ACCIDENT_TYPE_ENTRIES, INDUSTRY_SECTIONS } from '../../../domain/codes.js';
import { DOMAIN_LABELS, DOMAINS } from '../../../domain/direct-report.js';
import { IMPORT_COLUMNS, type ImportColumn, type RawCell, REQUIRED_FIELDS } from './columns.js';

/** The template's data sheet; an uploaded workbook without it is read from its first other sheet. */
export const DATA_SHEET = '事故数据';
export const HELP_SHEET = '说明';
export const CODES_SHEET = '代码表';

// ————————————————————————————————————————— the template

/** Rows of the data sheet that get the drop-down lists and number checks (more are allowed, without them). */
const VALIDATED_ROWS = 10_000;

const TYPE_CHOICES = ACCIDENT_TYPE_ENTRIES.map(([code, name]) => `${code} ${name}`);
const DOMAIN_CHOICES = DOMAINS.map((d) => DOMAIN_LABELS[d]);

export function columnLetter(index: number): string {
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

/** A column of an import template's data sheet. */
export interface TemplateColumn {
  header: string;
  /** The header's cell note and the 说明 sheet's line. */
  note: string;
  required: boolean;
  /** Stored as text (numFmt @): codes, so Excel keeps 370303 and the leading 0 of 01. */
  text?: boolean;
  /** A free-text column: wider. */
  wide?: boolean;
  validation?: ExcelJS.DataValidation;
}

/** A drop-down list; `strict: false` lets other values (e.g. several choices joined by 、) through with a hint. */
export function listValidation(
  header: string,
  choices: readonly string[],
  opts: { strict?: boolean; error?: string } = {},
): ExcelJS.DataValidation {
  const strict = opts.strict ?? true;
  return {
    type: 'list',
    allowBlank: true,
    formulae: [`"${choices.join(',')}"`],
    showErrorMessage: strict,
    ...(strict ? {} : { showInputMessage: true, promptTitle: header, prompt: opts.error ?? '' }),
    errorTitle: header,
    error: opts.error ?? '请从下拉列表中选择',
  };
}

/**
 * A data sheet of an import template: the header in row 1 (required ones in red, each with its note), frozen;
 * drop-downs and number checks over the first VALIDATED_ROWS rows; the example rows from row 2.
 */
export function addTemplateSheet(
  wb: ExcelJS.Workbook,
  name: string,
  columns: readonly TemplateColumn[],
  examples: readonly (readonly RawCell[])[],
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    width: Math.max(12, [...c.header].length * 2 + 4, c.wide ? 24 : 0),
    style: { font: BODY_FONT, ...(c.text ? { numFmt: '@' } : {}) },
  }));
  const header = ws.getRow(1);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { ...HEADER_FONT, color: { argb: c.required ? 'FFC00000' : 'FF000000' } };
    cell.note = `${c.required ? '必填。' : ''}${c.note}`;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    if (c.validation) {
      rangeValidations(ws).add(`${columnLetter(i)}2:${columnLetter(i)}${VALIDATED_ROWS + 1}`, c.validation);
    }
  });
  examples.forEach((example, r) => {
    const row = ws.getRow(r + 2);
    columns.forEach((_c, i) => {
      const value = example[i];
      if (value === undefined || value === null) return;
      const cell = row.getCell(i + 1);
      cell.value = value;
      if (value instanceof Date) {
        const midnight = value.getUTCHours() === 0 && value.getUTCMinutes() === 0;
        cell.numFmt = midnight ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm';
      }
    });
  });
  return ws;
}

function validationOf(column: ImportColumn): ExcelJS.DataValidation | undefined {
  switch (column.kind) {
    case 'type':
      return listValidation(column.header, TYPE_CHOICES);
    case 'domain':
      return listValidation(column.header, DOMAIN_CHOICES);
    case 'boolean':
      return listValidation(column.header, ['是', '否']);
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

function addDataSheet(wb: ExcelJS.Workbook, example: Readonly<Record<string, RawCell>>): void {
  addTemplateSheet(
    wb,
    DATA_SHEET,
    IMPORT_COLUMNS.map((c) => ({
      header: c.header,
      note: c.note,
      required: REQUIRED_FIELDS.has(c.field),
      text: c.kind === 'code' || c.kind === 'creditCode' || c.kind === 'type',
      wide: c.kind === 'text',
      validation: validationOf(c),
    })),
    [IMPORT_COLUMNS.map((c) => example[c.field] ?? null)],
  );
}

/**
 * The 说明 sheet: a title, numbered notes, then per data sheet a table of its columns (列名, 是否必填, 填写要求),
 * under a caption when there are several.
 */
export function addHelpSheet(
  wb: ExcelJS.Workbook,
  title: string,
  notes: readonly string[],
  tables: readonly { caption?: string; columns: readonly TemplateColumn[] }[],
  name = HELP_SHEET,
): void {
  const ws = wb.addWorksheet(name);
  ws.columns = [
    { key: 'a', width: 22 },
    { key: 'b', width: 10 },
    { key: 'c', width: 90 },
  ];
  ws.addRow([title]).font = { name: '黑体', size: 14, bold: true };
  for (const line of notes) ws.addRow([line]).font = BODY_FONT;
  for (const table of tables) {
    ws.addRow([]);
    if (table.caption) ws.addRow([table.caption]).font = { ...HEADER_FONT, size: 12, bold: true };
    const head = ws.addRow(['列名', '是否必填', '填写要求']);
    head.font = { ...HEADER_FONT, bold: true };
    for (const c of table.columns) ws.addRow([c.header, c.required ? '必填' : '选填', c.note]).font = BODY_FONT;
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
  const types = ACCIDENT_TYPE_ENTRIES;
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
  addHelpSheet(wb, '生产安全事故历史数据导入说明', notes, [
    {
      columns: IMPORT_COLUMNS.map((c) => ({ header: c.header, note: c.note, required: REQUIRED_FIELDS.has(c.field) })),
    },
  ]);
  addCodesSheet(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
