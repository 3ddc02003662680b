/**
 * The import's columns: Chinese headers (the template's) → contract fields, and each cell → the value the contract
 * expects. Codes or the official names are accepted for 事故类别 (GB 6441-1986), 行业 (GB/T 4754-2017) and 领域;
 * times as Excel dates, Excel serial numbers or text such as "2025-03-04 08:30", all in Asia/Shanghai.
 */
import { type ImportField, importAccidentRow } from '../../../contracts/imports.js';
import { ACCIDENT_TYPE_ENTRIES, INDUSTRY_SECTIONS, isIndustryCode } from '../../../domain/codes.js';
import { DOMAIN_LABELS, DOMAINS } from '../../../domain/direct-report.js';

/** A cell as read from a file: text (csv), or what Excel stored. */
export type RawCell = string | number | boolean | Date | null;

/** How a cell is read (convertCell); shared with the registry import. */
export type CellKind =
  | 'text'
  | 'number'
  | 'datetime'
  | 'code'
  | 'creditCode'
  | 'industry'
  | 'type'
  | 'domain'
  | 'boolean';

/** What header matching needs of a column: the field it fills and the headers that name it. */
export interface HeaderColumn {
  field: string;
  header: string;
  /** Other headers seen in bureaus' own sheets for the same field. */
  aliases?: readonly string[];
}

export interface ImportColumn extends HeaderColumn {
  field: ImportField;
  kind: CellKind;
  /** What the 说明 sheet says about the column. */
  note: string;
}

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  {
    field: 'occurredAt',
    header: '事故发生时间',
    aliases: ['发生时间'],
    kind: 'datetime',
    note: '北京时间，如 2025-03-04 08:30；可为 Excel 日期时间单元格',
  },
  {
    field: 'regionCode',
    header: '行政区划代码',
    aliases: ['事发地代码', '区划代码'],
    kind: 'code',
    note: '事发地6位县级或9位乡镇行政区划代码（GB/T 2260），须在本单位管辖范围内',
  },
  { field: 'unitName', header: '事故单位', aliases: ['事故发生单位', '单位名称'], kind: 'text', note: '不超过200字' },
  {
    field: 'unitCreditCode',
    header: '统一社会信用代码',
    kind: 'creditCode',
    note: '18位，可不填',
  },
  {
    field: 'industryCode',
    header: '行业代码',
    aliases: ['行业类别', '行业'],
    kind: 'industry',
    note: 'GB/T 4754-2017 门类+大类（如 C26），或门类字母、门类名称（如 制造业）',
  },
  {
    field: 'accidentType',
    header: '事故类别',
    kind: 'type',
    note: 'GB 6441-1986 代码 01–20 或名称（如 中毒和窒息）',
  },
  {
    field: 'domain',
    header: '领域',
    kind: 'domain',
    note: `${DOMAINS.map((d) => DOMAIN_LABELS[d]).join('、')}；不填为工矿商贸`,
  },
  { field: 'deaths', header: '死亡人数', kind: 'number', note: '整数，不填为0' },
  {
    field: 'missing',
    header: '失踪人数',
    aliases: ['下落不明人数'],
    kind: 'number',
    note: '整数，不填为0；统计时计入死亡',
  },
  { field: 'seriousInjuries', header: '重伤人数', kind: 'number', note: '整数，不填为0；含急性工业中毒' },
  { field: 'minorInjuries', header: '轻伤人数', kind: 'number', note: '整数，不填为0' },
  {
    field: 'directLossYuan',
    header: '直接经济损失（元）',
    aliases: ['直接经济损失'],
    kind: 'number',
    note: '整数，单位元（不是万元），不填为0',
  },
  { field: 'address', header: '事故地点', aliases: ['事故发生地点'], kind: 'text', note: '不超过300字' },
  { field: 'summary', header: '简要经过', aliases: ['事故简要经过'], kind: 'text', note: '可不填' },
  { field: 'measuresTaken', header: '已采取措施', aliases: ['已经采取的措施'], kind: 'text', note: '可不填' },
  { field: 'reporterName', header: '报告人', kind: 'text', note: '可不填' },
  { field: 'reporterPhone', header: '联系电话', kind: 'text', note: '可不填' },
  {
    field: 'receivedAt',
    header: '接报时间',
    kind: 'datetime',
    note: '可不填（不填视同事故发生时间）；不得早于事故发生时间',
  },
  {
    field: 'reportNo',
    header: '报告编号',
    aliases: ['原报告编号'],
    kind: 'text',
    note: '原系统的报告编号，可不填；填写时作为本条记录的编号，同一区划内重复导入以编号识别',
  },
  {
    field: 'confirmNotDuplicate',
    header: '确认非重复',
    kind: 'boolean',
    note: '填“是”：确认与同一县区2小时内同一单位的已有报告不是同一起事故；不填为否',
  },
];

/** Fields the contract requires (no default): their columns must be in the file. */
export const REQUIRED_FIELDS: ReadonlySet<ImportField> = new Set(
  IMPORT_COLUMNS.filter((c) => !importAccidentRow.shape[c.field].safeParse(undefined).success).map((c) => c.field),
);

const COLUMN_OF_FIELD = new Map(IMPORT_COLUMNS.map((c) => [c.field, c]));

export function columnOf(field: string): ImportColumn | undefined {
  return COLUMN_OF_FIELD.get(field as ImportField);
}

/** Header text compared without spaces, with full-width brackets and letters folded (NFKC), case-insensitive. */
function normalizeHeader(h: string): string {
  return h.normalize('NFKC').replace(/\s+/g, '').replace(/\*/g, '').toLowerCase();
}

export interface HeaderMap<C extends HeaderColumn = ImportColumn> {
  /** Index of the cell in the row → column. */
  byIndex: Map<number, C>;
  ignored: string[];
  missing: string[];
}

/**
 * A header-row reader for a set of columns: which cell holds which field, which headers matched nothing, which
 * required ones lack. Headers match the column's header, an alias or the field name itself.
 */
export function headerMapper<C extends HeaderColumn>(
  columns: readonly C[],
  required: ReadonlySet<string>,
): (headers: readonly RawCell[]) => HeaderMap<C> {
  const byHeader = new Map<string, C>(
    columns.flatMap((c) => [c.header, ...(c.aliases ?? []), c.field].map((h) => [normalizeHeader(h), c] as const)),
  );
  return (headers) => {
    const byIndex = new Map<number, C>();
    const ignored: string[] = [];
    const seen = new Set<string>();
    headers.forEach((h, i) => {
      const text = h === null ? '' : String(h).trim();
      if (!text) return;
      const column = byHeader.get(normalizeHeader(text));
      // A second column for a field already read would silently win or lose: the first one counts.
      if (!column || seen.has(column.field)) {
        ignored.push(text);
        return;
      }
      seen.add(column.field);
      byIndex.set(i, column);
    });
    const missing = columns.filter((c) => required.has(c.field) && !seen.has(c.field)).map((c) => c.header);
    return { byIndex, ignored, missing };
  };
}

/** Reads the accident import's header row. */
export const mapHeaders: (headers: readonly RawCell[]) => HeaderMap = headerMapper(IMPORT_COLUMNS, REQUIRED_FIELDS);

// ————————————————————————————————————————— the templates' example rows

/**
 * How the templates mark their example rows: the unit / enterprise name (and a licence's number) starts with it.
 * A row so marked is refused (CellIssue EXAMPLE_ROW_ISSUE), so an example uploaded unchanged never becomes a
 * record; without the mark the example is a valid row (the tests keep it so).
 */
export const EXAMPLE_MARK = '（示例）';

/** Text starting with the example mark, full-width or not, spaces allowed: （示例）, (示例), ( 示例 ). */
export function isExampleMarked(value: unknown): boolean {
  return typeof value === 'string' && /^[(（]示例[)）]/.test(value.normalize('NFKC').replace(/\s+/g, ''));
}

export const EXAMPLE_ROW_ISSUE: CellIssue = {
  code: 'template_example',
  message: '这是模板中的示例行，请删除或替换为实际数据后再导入',
};

// ————————————————————————————————————————— cells → contract values

export interface CellIssue {
  code: string;
  message: string;
}

export type Converted = { value: unknown } | { issue: CellIssue };

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A wall-clock time in Asia/Shanghai (UTC+8, no daylight saving since 1991) as ISO 8601 with +08:00. */
function shanghaiIso(y: number, mo: number, d: number, h: number, mi: number, s: number): string | null {
  const probe = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  const valid =
    probe.getUTCFullYear() === y &&
    probe.getUTCMonth() === mo - 1 &&
    probe.getUTCDate() === d &&
    h < 24 &&
    mi < 60 &&
    s < 60;
  return valid ? `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}+08:00` : null;
}

/** Excel keeps local wall-clock time; exceljs hands it over as a Date whose UTC fields are that wall clock. */
export function fromWallClockDate(d: Date): string | null {
  // Serial numbers carry float noise (08:29:59.999): round to the second.
  const t = new Date(Math.round(d.getTime() / 1000) * 1000);
  return shanghaiIso(
    t.getUTCFullYear(),
    t.getUTCMonth() + 1,
    t.getUTCDate(),
    t.getUTCHours(),
    t.getUTCMinutes(),
    t.getUTCSeconds(),
  );
}

/** Day 0 of Excel's 1900 date system, as the serial numbers count it (past the 1900 leap-year bug). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  return fromWallClockDate(new Date(EXCEL_EPOCH_MS + serial * 86_400_000));
}

const DATE_TIME =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*[T\s]?\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})\s*(?:[:：分]\s*(\d{1,2}(?:\.\d+)?)\s*秒?|分)?)?$/;

/** Text times: ISO 8601 with an offset as is; "2025-03-04 08:30", "2025/3/4 8:30", "2025年3月4日8时30分" in Asia/Shanghai. */
export function textToIso(text: string): string | null {
  const s = text.trim();
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/i.test(s)) return s;
  const m = DATE_TIME.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = m.slice(1).map((v) => (v === undefined ? 0 : Math.floor(Number(v))));
  return shanghaiIso(y as number, mo as number, d as number, h as number, mi as number, sec as number);
}

const TIME_ISSUE: CellIssue = { code: 'invalid_datetime', message: '无法识别的时间，请填写如 2025-03-04 08:30' };

function toDateTime(v: Exclude<RawCell, null>): Converted {
  const iso =
    v instanceof Date ? fromWallClockDate(v) : typeof v === 'number' ? excelSerialToIso(v) : textToIso(String(v));
  return iso ? { value: iso } : { issue: TIME_ISSUE };
}

/** Integers as numbers; "1,200,000" and " 3 " too. Anything else goes to the schema as text (须为数字). */
function toNumber(v: Exclude<RawCell, null>): Converted {
  if (typeof v === 'number') return { value: v };
  const s = String(v).replace(/[,，\s]/g, '');
  return { value: /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s };
}

/** Numbers Excel stored for a code column (370303, 19) back to the code's text. */
export function codeText(v: Exclude<RawCell, null>): string {
  return typeof v === 'number' && Number.isInteger(v) ? String(v) : String(v).normalize('NFKC').trim();
}

const TYPE_BY_NAME = new Map(ACCIDENT_TYPE_ENTRIES.map(([code, name]) => [name, code]));

/** 事故类别: "19", 19, "中毒和窒息", "19 中毒和窒息" → "19". */
function toAccidentType(v: Exclude<RawCell, null>): string {
  const s = codeText(v).replace(/\s+/g, '');
  const code = /^(\d{1,2})(\D.*)?$/.exec(s);
  if (code) return pad(Number(code[1]));
  return TYPE_BY_NAME.get(s) ?? s;
}

const SECTION_BY_NAME = new Map(
  Object.entries(INDUSTRY_SECTIONS).map(([letter, section]) => [section.name.replace(/\s+/g, ''), letter]),
);

function sectionOfDivision(division: number): string | undefined {
  return Object.entries(INDUSTRY_SECTIONS).find(([, s]) => division >= s.from && division <= s.to)?.[0];
}

/**
 * 行业: "C26", "c26", "C2614" (中类/小类 roll up to their 大类), "26" (the 门类 follows from the 大类), "C", or the
 * 门类's name "制造业" → "C26" / "C". Anything else goes to the schema as written (and is refused there).
 */
function toIndustry(v: Exclude<RawCell, null>): string {
  const s = codeText(v).replace(/\s+/g, '').toUpperCase();
  const lettered = /^([A-T])(\d{2})\d{0,2}$/.exec(s);
  if (lettered) return `${lettered[1]}${lettered[2]}`;
  const digits = /^(\d{2})\d{0,2}$/.exec(s);
  if (digits) {
    const section = sectionOfDivision(Number(digits[1]));
    if (section && isIndustryCode(`${section}${digits[1]}`)) return `${section}${digits[1]}`;
  }
  return SECTION_BY_NAME.get(codeText(v).replace(/\s+/g, '')) ?? s;
}

const DOMAIN_BY_LABEL = new Map<string, string>(DOMAINS.map((d) => [DOMAIN_LABELS[d], d]));

function toDomain(v: Exclude<RawCell, null>): string {
  const s = codeText(v).replace(/\s+/g, '');
  return DOMAIN_BY_LABEL.get(s) ?? s;
}

const YES = new Set(['是', 'true', '1', 'y', 'yes', '确认']);
const NO = new Set(['否', 'false', '0', 'n', 'no']);

function toBoolean(v: Exclude<RawCell, null>): Converted {
  if (typeof v === 'boolean') return { value: v };
  const s = codeText(v).toLowerCase();
  if (YES.has(s)) return { value: true };
  if (NO.has(s)) return { value: false };
  return { issue: { code: 'invalid_boolean', message: '须填“是”或“否”' } };
}

/** A cell's value as the contract expects it; an empty cell is absent (the schema's default or "不能为空"). */
export function convertCell(column: { kind: CellKind }, cell: RawCell): Converted | undefined {
  if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return undefined;
  switch (column.kind) {
    case 'datetime':
      return toDateTime(cell);
    case 'number':
      return toNumber(cell);
    case 'boolean':
      return toBoolean(cell);
    case 'code':
      return { value: codeText(cell) };
    case 'creditCode':
      return { value: codeText(cell).toUpperCase() };
    case 'industry':
      return { value: toIndustry(cell) };
    case 'type':
      return { value: toAccidentType(cell) };
    case 'domain':
      return { value: toDomain(cell) };
    case 'text':
      return { value: cell instanceof Date ? (fromWallClockDate(cell) ?? String(cell)) : String(cell) };
  }
}
