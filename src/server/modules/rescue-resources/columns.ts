/**
 * The .xlsx columns of rescue resources, one sheet per kind (救援队伍, 装备物资, 专家): the export writes them and the
 * import reads them back, so an exported file re-imports (its rows then are duplicates). Cells are read as the
 * registry import reads them (registry-import/columns.ts convert): enumerations by code or Chinese label, dates as
 * Excel dates, serial numbers or text, codes and phones as text.
 */
import {
  AVAILABILITY_LABELS,
  EQUIPMENT_CATEGORY_LABELS,
  READINESS_LABELS,
  type ResourceKind,
  SPECIALTY_LABELS,
  type Specialty,
  TEAM_LEVEL_LABELS,
} from '../../../contracts/rescue-resources.js';
import { type CellIssue, codeText, headerMapper, type RawCell } from '../imports/columns.js';
import { type RegistryColumn, convert as registryConvert } from '../registry-import/columns.js';

export const SHEET_NAMES: Record<ResourceKind, string> = { team: '救援队伍', equipment: '装备物资', expert: '专家' };
export const HELP_SHEET = '说明';

const labelList = (labels: Readonly<Record<string, string>>) => Object.values(labels).join('、');

/** Every kind's first columns. `creditCode`: the owning enterprise, by its 统一社会信用代码. */
const COMMON: readonly RegistryColumn[] = [
  {
    field: 'name',
    header: '名称',
    aliases: ['队伍名称', '专家姓名', '姓名', '装备物资名称'],
    kind: 'text',
    note: '不超过200字',
  },
  {
    field: 'regionCode',
    header: '所属地区代码',
    aliases: ['行政区划代码', '地区代码'],
    kind: 'code',
    text: true,
    note: '6位或9位行政区划代码，须在本单位管辖范围内；企业的资源可不填（为企业所在地区）',
  },
  {
    field: 'specialties',
    header: '专业',
    aliases: ['专业类别', '救援专业'],
    kind: 'text',
    note: `${labelList(SPECIALTY_LABELS)}；可填多项，以“、”或“,”分隔`,
  },
  { field: 'lng', header: '经度', kind: 'number', note: '十进制度（WGS84），73至136' },
  { field: 'lat', header: '纬度', kind: 'number', note: '十进制度（WGS84），3至54' },
  { field: 'address', header: '地址', aliases: ['驻地', '存放地点', '所在地址'], kind: 'text', note: '可不填' },
  {
    field: 'creditCode',
    header: '所属企业信用代码',
    aliases: ['企业统一社会信用代码'],
    kind: 'code',
    text: true,
    note: '企业自有的队伍、装备物资填写企业的统一社会信用代码，其他不填',
  },
  { field: 'contactName', header: '联系人', kind: 'text', note: '可不填' },
  { field: 'contactPhone', header: '联系电话', kind: 'text', text: true, note: '专家必填，其他可不填' },
];

const NOTE: RegistryColumn = { field: 'note', header: '备注', kind: 'text', note: '可不填' };

export const COLUMNS: Record<ResourceKind, readonly RegistryColumn[]> = {
  team: [
    ...COMMON,
    {
      field: 'level',
      header: '级别',
      aliases: ['队伍级别'],
      kind: 'choice',
      labels: TEAM_LEVEL_LABELS,
      note: labelList(TEAM_LEVEL_LABELS),
    },
    { field: 'members', header: '队员人数', aliases: ['人数'], kind: 'number', note: '整数' },
    { field: 'dutyPhone', header: '值班电话', aliases: ['24小时值班电话'], kind: 'text', text: true, note: '必填' },
    {
      field: 'readiness',
      header: '战备状态',
      kind: 'choice',
      labels: READINESS_LABELS,
      note: `${labelList(READINESS_LABELS)}；不填为随时待命`,
    },
    NOTE,
  ],
  equipment: [
    ...COMMON,
    {
      field: 'category',
      header: '类别',
      kind: 'choice',
      labels: EQUIPMENT_CATEGORY_LABELS,
      note: `${labelList(EQUIPMENT_CATEGORY_LABELS)}；不填为救援装备`,
    },
    {
      field: 'equipmentType',
      header: '装备物资类型',
      aliases: ['类型', '型号'],
      kind: 'text',
      note: '如 大流量排水泵、正压式空气呼吸器',
    },
    { field: 'quantity', header: '数量', kind: 'number', note: '不小于0，最多两位小数' },
    { field: 'unit', header: '计量单位', aliases: ['单位'], kind: 'text', note: '如 台、套、吨' },
    { field: 'ownerName', header: '所属单位', aliases: ['产权单位', '管理单位'], kind: 'text', note: '必填' },
    { field: 'maintainedOn', header: '上次维护日期', aliases: ['维护日期'], kind: 'date', note: '日期，可不填' },
    { field: 'nextMaintenanceOn', header: '下次维护日期', kind: 'date', note: '日期，不早于上次维护日期，可不填' },
    NOTE,
  ],
  expert: [
    ...COMMON,
    { field: 'organization', header: '工作单位', kind: 'text', note: '可不填' },
    { field: 'title', header: '职称', aliases: ['职务职称'], kind: 'text', note: '可不填' },
    {
      field: 'availability',
      header: '可参与情况',
      aliases: ['可用状态'],
      kind: 'choice',
      labels: AVAILABILITY_LABELS,
      note: `${labelList(AVAILABILITY_LABELS)}；不填为可随时参与`,
    },
    NOTE,
  ],
};

const REQUIRED: Record<ResourceKind, ReadonlySet<string>> = {
  team: new Set(['name', 'specialties', 'lng', 'lat', 'level', 'members', 'dutyPhone']),
  equipment: new Set(['name', 'specialties', 'lng', 'lat', 'equipmentType', 'quantity', 'unit', 'ownerName']),
  expert: new Set(['name', 'specialties', 'lng', 'lat', 'contactPhone']),
};

export const mapHeaders: Record<ResourceKind, ReturnType<typeof headerMapper<RegistryColumn>>> = {
  team: headerMapper(COLUMNS.team, REQUIRED.team),
  equipment: headerMapper(COLUMNS.equipment, REQUIRED.equipment),
  expert: headerMapper(COLUMNS.expert, REQUIRED.expert),
};

/** Columns only one kind has: what tells a sheet named otherwise (a CSV) which kind it holds. */
export const DISTINCTIVE: Record<ResourceKind, ReadonlySet<string>> = {
  team: new Set(['level', 'members', 'dutyPhone', 'readiness']),
  equipment: new Set(['category', 'equipmentType', 'quantity', 'unit', 'ownerName']),
  expert: new Set(['organization', 'title', 'availability']),
};

const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
const SPECIALTY_BY_TEXT = new Map<string, Specialty>(
  Object.entries(SPECIALTY_LABELS).flatMap(([code, label]) => [
    [fold(code), code as Specialty],
    [fold(label), code as Specialty],
  ]),
);

/** 专业: one or several, by code or label, separated by 、 , ， ; ； / or spaces. */
function toSpecialties(cell: Exclude<RawCell, null>): { value: Specialty[] } | { issue: CellIssue } {
  const parts = codeText(cell)
    .split(/[、,，;；/\s]+/)
    .filter((p) => p !== '');
  const codes: Specialty[] = [];
  for (const p of parts) {
    const code = SPECIALTY_BY_TEXT.get(fold(p));
    if (!code) {
      return { issue: { code: 'unknown_specialty', message: `“${p}”不是专业，须为 ${labelList(SPECIALTY_LABELS)}` } };
    }
    if (!codes.includes(code)) codes.push(code);
  }
  return { value: codes };
}

/** A cell's value as the contract expects it; an empty cell is absent. */
export function convert(column: RegistryColumn, cell: RawCell) {
  if (column.field === 'specialties') {
    if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return undefined;
    return toSpecialties(cell);
  }
  return registryConvert(column, cell);
}
