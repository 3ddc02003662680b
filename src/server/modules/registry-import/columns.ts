/**
 * The registry import's two tables — 企业 and 许可证 — as columns: Chinese headers (the template's, the export's)
 * → the fields of POST /api/enterprises and POST /api/enterprises/:id/licences, and each cell → the value those
 * schemas expect. Enumerations accept the code or the Chinese label (规模 小型 or small, 监管行业 危险化学品、工贸,
 * 许可证类型 危险化学品安全生产许可证 or hc_production); dates as Excel dates, serial numbers or text (2026-12-01,
 * 2026/12/1, 2026年12月1日, 20261201). Text, numbers, region codes and 行业 are read as the accident import reads them
 * (imports/columns.ts).
 */
import { type CreateEnterpriseInput, createEnterpriseBody, createLicenceBody } from '../../../contracts/enterprises.js';
import {
  ENTERPRISE_STATUS_LABELS,
  LICENCE_STATE_LABELS,
  LICENCE_TYPE_LABELS,
  SCALE_LABELS,
  SECTOR_LABELS,
} from '../../../domain/enterprise.js';
import {
  type CellIssue,
  type CellKind,
  type Converted,
  codeText,
  convertCell,
  excelSerialToIso,
  fromWallClockDate,
  type HeaderColumn,
  headerMapper,
  type RawCell,
  textToIso,
} from '../imports/columns.js';

export type SheetKind = 'enterprises' | 'licences';

/** Sheet names of the template (and of the export), and what a CSV of either kind is reported as. */
export const SHEET_NAMES: Record<SheetKind, string> = { enterprises: '企业', licences: '许可证' };

/** Code → Chinese label of an enumeration. */
type Labels = Readonly<Record<string, string>>;

type Kind = Extract<CellKind, 'text' | 'number' | 'code' | 'industry'> | 'date' | 'choice' | 'sectors';

export interface RegistryColumn<F extends string = string> extends HeaderColumn {
  field: F;
  kind: Kind;
  /** 'choice' and 'sectors': the accepted codes and their labels. */
  labels?: Labels;
  note: string;
  /** Kept as text in the template (numFmt @): codes and phone numbers. */
  text?: boolean;
}

type EnterpriseField = keyof CreateEnterpriseInput;
type LicenceField = 'creditCode' | keyof typeof createLicenceBody.shape;

const RECORDED_STATUS_LABELS: Labels = {
  valid: LICENCE_STATE_LABELS.valid,
  suspended: LICENCE_STATE_LABELS.suspended,
  revoked: LICENCE_STATE_LABELS.revoked,
};

const labelList = (labels: Labels) => Object.values(labels).join('、');

export const ENTERPRISE_COLUMNS: readonly RegistryColumn<EnterpriseField>[] = [
  {
    field: 'creditCode',
    header: '统一社会信用代码',
    aliases: ['信用代码', '社会信用代码'],
    kind: 'code',
    text: true,
    note: '18位（GB 32100-2015），字母大写；已登记的企业以此识别，重复导入不重复登记',
  },
  { field: 'name', header: '企业名称', aliases: ['单位名称', '企业（单位）名称'], kind: 'text', note: '不超过200字' },
  {
    field: 'regionCode',
    header: '所在地区代码',
    aliases: ['行政区划代码', '区划代码', '地区代码'],
    kind: 'code',
    text: true,
    note: '企业属地的6位县级或9位乡镇（街道）行政区划代码（GB/T 2260），须在本单位管辖范围内',
  },
  {
    field: 'address',
    header: '详细地址',
    aliases: ['地址', '生产经营地址', '注册地址'],
    kind: 'text',
    note: '生产经营场所地址，不超过300字',
  },
  { field: 'longitude', header: '经度', kind: 'number', note: '十进制度，73至136，可不填' },
  { field: 'latitude', header: '纬度', kind: 'number', note: '十进制度，3至54，可不填' },
  {
    field: 'industryCode',
    header: '行业代码',
    aliases: ['国民经济行业代码', '行业类别', '所属行业'],
    kind: 'industry',
    text: true,
    note: 'GB/T 4754-2017 门类+大类（如 C26），或门类字母、门类名称（如 制造业）；中类、小类代码按所属大类登记',
  },
  {
    field: 'sectors',
    header: '监管行业',
    aliases: ['监管类别', '行业领域'],
    kind: 'sectors',
    labels: SECTOR_LABELS,
    note: `${labelList(SECTOR_LABELS)}；可填多项，以“、”或“,”分隔`,
  },
  {
    field: 'scale',
    header: '规模',
    aliases: ['企业规模'],
    kind: 'choice',
    labels: SCALE_LABELS,
    note: `${labelList(SCALE_LABELS)}，可不填`,
  },
  { field: 'legalRepresentative', header: '法定代表人', kind: 'text', note: '可不填' },
  { field: 'principalName', header: '主要负责人', kind: 'text', note: '可不填' },
  {
    field: 'principalPhone',
    header: '主要负责人电话',
    aliases: ['主要负责人联系电话'],
    kind: 'text',
    text: true,
    note: '可不填',
  },
  { field: 'safetyManagerName', header: '安全管理人员', aliases: ['安全负责人'], kind: 'text', note: '可不填' },
  {
    field: 'safetyManagerPhone',
    header: '安全管理人员电话',
    aliases: ['安全管理人员联系电话', '安全负责人电话'],
    kind: 'text',
    text: true,
    note: '可不填',
  },
  {
    field: 'employees',
    header: '从业人员数',
    aliases: ['从业人数', '职工人数'],
    kind: 'number',
    note: '整数，可不填',
  },
  {
    field: 'status',
    header: '经营状态',
    aliases: ['企业状态'],
    kind: 'choice',
    labels: ENTERPRISE_STATUS_LABELS,
    note: `${labelList(ENTERPRISE_STATUS_LABELS)}；不填为正常生产经营`,
  },
];

export const LICENCE_COLUMNS: readonly RegistryColumn<LicenceField>[] = [
  {
    field: 'creditCode',
    header: '统一社会信用代码',
    aliases: ['信用代码', '持证单位信用代码'],
    kind: 'code',
    text: true,
    note: '持证企业的统一社会信用代码：本文件“企业”表中的企业，或已登记的企业',
  },
  {
    field: 'type',
    header: '许可证类型',
    aliases: ['证照类型', '许可证种类'],
    kind: 'choice',
    labels: LICENCE_TYPE_LABELS,
    note: labelList(LICENCE_TYPE_LABELS),
  },
  {
    field: 'number',
    header: '许可证编号',
    aliases: ['证书编号', '许可证号'],
    kind: 'text',
    note: '不超过60字；同一类型的编号只登记一次，重复导入不重复登记',
  },
  { field: 'scope', header: '许可范围', aliases: ['许可经营范围'], kind: 'text', note: '可不填' },
  { field: 'issuer', header: '发证机关', aliases: ['发证单位'], kind: 'text', note: '不超过100字' },
  {
    field: 'validFrom',
    header: '有效期起',
    aliases: ['有效期自', '有效期开始'],
    kind: 'date',
    note: '日期，如 2024-01-01，可为 Excel 日期',
  },
  {
    field: 'validTo',
    header: '有效期至',
    aliases: ['有效期截止', '到期日期'],
    kind: 'date',
    note: '日期，不早于有效期起；过期与否由本日期判断',
  },
  {
    field: 'status',
    header: '状态',
    aliases: ['许可证状态'],
    kind: 'choice',
    labels: RECORDED_STATUS_LABELS,
    note: `${labelList(RECORDED_STATUS_LABELS)}（发证机关的决定）；不填为有效`,
  },
];

/** Fields without a default in the schema: their columns must be in the file. */
export const ENTERPRISE_REQUIRED: ReadonlySet<string> = new Set(
  ENTERPRISE_COLUMNS.filter((c) => !createEnterpriseBody.shape[c.field].safeParse(undefined).success).map(
    (c) => c.field,
  ),
);
export const LICENCE_REQUIRED: ReadonlySet<string> = new Set([
  'creditCode',
  ...LICENCE_COLUMNS.filter(
    (c) => c.field !== 'creditCode' && !createLicenceBody.shape[c.field].safeParse(undefined).success,
  ).map((c) => c.field),
]);

export const COLUMNS: Record<SheetKind, readonly RegistryColumn[]> = {
  enterprises: ENTERPRISE_COLUMNS,
  licences: LICENCE_COLUMNS,
};
export const REQUIRED: Record<SheetKind, ReadonlySet<string>> = {
  enterprises: ENTERPRISE_REQUIRED,
  licences: LICENCE_REQUIRED,
};
export const mapHeaders = {
  enterprises: headerMapper(ENTERPRISE_COLUMNS, ENTERPRISE_REQUIRED),
  licences: headerMapper(LICENCE_COLUMNS, LICENCE_REQUIRED),
};

/** Fields only one of the tables has: what tells a sheet named otherwise (a CSV, "Sheet1") which table it is. */
export const DISTINCTIVE: Record<SheetKind, ReadonlySet<string>> = {
  enterprises: new Set(['name', 'address', 'industryCode', 'sectors', 'regionCode']),
  licences: new Set(['type', 'number', 'issuer', 'validFrom', 'validTo']),
};

// ————————————————————————————————————————— cells → contract values

const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

const codeByLabel = new WeakMap<Labels, Map<string, string>>();

/** The code for a code or a label (compared without spaces, full-width folded, case-insensitive). */
function codeOf(labels: Labels, value: string): string | undefined {
  let map = codeByLabel.get(labels);
  if (!map) {
    map = new Map(
      Object.entries(labels).flatMap(([code, label]) => [[fold(code), code] as const, [fold(label), code]]),
    );
    codeByLabel.set(labels, map);
  }
  return map.get(fold(value));
}

function toChoice(labels: Labels, cell: Exclude<RawCell, null>): Converted {
  const code = codeOf(labels, codeText(cell));
  return code ? { value: code } : { issue: { code: 'invalid_choice', message: `须为 ${labelList(labels)} 之一` } };
}

/** 监管行业: one or several, separated by 、 , ， ; ； / or spaces. */
function toSectors(cell: Exclude<RawCell, null>): Converted {
  const parts = codeText(cell)
    .split(/[、,，;；/\s]+/)
    .filter((p) => p !== '');
  const codes: string[] = [];
  for (const p of parts) {
    const code = codeOf(SECTOR_LABELS, p);
    if (!code) {
      return {
        issue: { code: 'unknown_sector', message: `“${p}”不是监管行业，须为 ${labelList(SECTOR_LABELS)}` },
      };
    }
    codes.push(code);
  }
  return { value: codes };
}

const DATE_ISSUE: CellIssue = { code: 'invalid_date', message: '无法识别的日期，请填写如 2026-12-01' };

/** A calendar date 'YYYY-MM-DD': an Excel date (its wall-clock day), a serial number, or text. */
function toDate(cell: Exclude<RawCell, null>): Converted {
  let iso: string | null;
  if (cell instanceof Date) iso = fromWallClockDate(cell);
  else if (typeof cell === 'number') iso = excelSerialToIso(cell);
  else {
    const s = String(cell).normalize('NFKC').trim();
    const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
    iso = textToIso(compact ? `${compact[1]}-${compact[2]}-${compact[3]}` : s);
  }
  return iso ? { value: iso.slice(0, 10) } : { issue: DATE_ISSUE };
}

/** A cell's value as the schema expects it; an empty cell is absent (the schema's default or "不能为空"). */
export function convert(column: RegistryColumn, cell: RawCell): Converted | undefined {
  if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return undefined;
  switch (column.kind) {
    case 'date':
      return toDate(cell);
    case 'choice':
      return toChoice(column.labels ?? {}, cell);
    case 'sectors':
      return toSectors(cell);
    default:
      return convertCell({ kind: column.kind }, cell);
  }
}

/** The template's sheets that hold no data: skipped when a file is read. */
export const HELP_SHEET = '说明';
export const CODES_SHEET = '代码表';
