/**
 * 应急资源 as .xlsx (documents/xlsx.ts): the register as filtered on screen, one sheet per kind in the import's columns
 * (columns.ts; an export re-imports), the blank import template, and the statistics by region and specialty.
 */
import {
  AVAILABILITY_LABELS,
  EQUIPMENT_CATEGORY_LABELS,
  READINESS_LABELS,
  RESOURCE_KINDS,
  type RescueResource,
  type ResourceExportQuery,
  type ResourceKind,
  type ResourceStatsQuery,
  type ResourceStatsRow,
  SPECIALTIES,
  SPECIALTY_LABELS,
  TEAM_LEVEL_LABELS,
} from '../../../contracts/rescue-resources.js';
import { shanghaiDay, shanghaiMinute } from '../../../domain/time.js';
import type { Actor } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { ExportFile } from '../../documents/download.js';
import { buildWorkbook, type CellValue, type ColumnSpec, type SheetSpec } from '../../documents/xlsx.js';
import { COLUMNS, HELP_SHEET, SHEET_NAMES } from './columns.js';
import { listResources, statistics } from './service.js';

/** Rows of an export per kind; a larger list is cut there (a line says so). */
export const EXPORT_MAX_ROWS = 20_000;

function columnsOf(kind: ResourceKind): ColumnSpec[] {
  return COLUMNS[kind].flatMap((c): ColumnSpec[] => {
    const spec: ColumnSpec = { key: c.field, header: c.header, ...(c.text ? { format: 'text' as const } : {}) };
    if (c.field === 'regionCode') return [spec, { key: 'regionName', header: '所属地区', width: 24 }];
    if (c.field === 'creditCode') return [spec, { key: 'enterpriseName', header: '所属企业', width: 24 }];
    if (c.field === 'lng' || c.field === 'lat') return [{ ...spec, format: { numFmt: '0.000000' } }];
    if (c.field === 'name' || c.field === 'address') return [{ ...spec, width: 28 }];
    return [spec];
  });
}

function rowOf(r: RescueResource, creditCodes: Map<string, string>): Record<string, CellValue> {
  return {
    name: r.name,
    regionCode: r.regionCode,
    regionName: r.regionName,
    specialties: r.specialties.map((s) => SPECIALTY_LABELS[s]).join('、'),
    lng: r.lng,
    lat: r.lat,
    address: r.address,
    creditCode: r.enterpriseId ? (creditCodes.get(r.enterpriseId) ?? null) : null,
    enterpriseName: r.enterpriseName,
    contactName: r.contactName,
    contactPhone: r.contactPhone,
    level: r.level ? TEAM_LEVEL_LABELS[r.level] : null,
    members: r.members,
    dutyPhone: r.dutyPhone,
    readiness: r.readiness ? READINESS_LABELS[r.readiness] : null,
    category: r.category ? EQUIPMENT_CATEGORY_LABELS[r.category] : null,
    equipmentType: r.equipmentType,
    quantity: r.quantity,
    unit: r.unit,
    ownerName: r.ownerName,
    maintainedOn: r.maintainedOn,
    nextMaintenanceOn: r.nextMaintenanceOn,
    organization: r.organization,
    title: r.title,
    availability: r.availability ? AVAILABILITY_LABELS[r.availability] : null,
    note: r.note,
  };
}

export async function exportResources(ctx: AppContext, actor: Actor, q: ResourceExportQuery): Promise<ExportFile> {
  const now = ctx.now();
  const kinds = q.kind ? [q.kind] : RESOURCE_KINDS;
  const sheets: SheetSpec[] = [];
  let rows = 0;
  let truncated = false;
  for (const kind of kinds) {
    const page = await listResources(ctx, actor, {
      ...q,
      kind,
      retired: 'false',
      page: 1,
      pageSize: EXPORT_MAX_ROWS + 1,
    });
    const items = page.items.slice(0, EXPORT_MAX_ROWS);
    const cut = page.items.length > EXPORT_MAX_ROWS;
    truncated ||= cut;
    rows += items.length;
    const creditCodes = await enterpriseCodes(ctx, items);
    sheets.push({
      name: SHEET_NAMES[kind],
      title: `${actor.orgName}${SHEET_NAMES[kind]}名录`,
      lines: [`导出时间：${shanghaiMinute(now)}　共${items.length}条${cut ? `（仅导出前${EXPORT_MAX_ROWS}条）` : ''}`],
      columns: columnsOf(kind),
      rows: items.map((r) => rowOf(r, creditCodes)),
    });
  }
  const data = await buildWorkbook(sheets, { creator: '安监', created: now });
  return { fileName: `应急资源_${shanghaiDay(now)}.xlsx`, data, rows, truncated };
}

async function enterpriseCodes(ctx: AppContext, items: readonly RescueResource[]): Promise<Map<string, string>> {
  const ids = [...new Set(items.map((r) => r.enterpriseId).filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = await ctx.db.kysely
    .selectFrom('enterprises')
    .select(['id', 'credit_code'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.credit_code]));
}

/** The import template: the three sheets with their headers, and 说明 with every column's rule. */
export async function resourceTemplate(ctx: AppContext): Promise<Buffer> {
  const sheets: SheetSpec[] = RESOURCE_KINDS.map((kind) => ({
    name: SHEET_NAMES[kind],
    title: `${SHEET_NAMES[kind]}导入`,
    columns: COLUMNS[kind].map((c) => ({
      key: c.field,
      header: c.header,
      ...(c.text ? { format: 'text' as const } : {}),
    })),
    rows: [],
  }));
  sheets.push({
    name: HELP_SHEET,
    title: '应急资源导入说明',
    lines: ['每个工作表一类资源；同一地区同名的同类资源只登记一次，重复导入不重复登记。'],
    columns: [
      { key: 'sheet', header: '工作表' },
      { key: 'header', header: '列', width: 20 },
      { key: 'note', header: '填写要求', width: 80 },
    ],
    rows: RESOURCE_KINDS.flatMap((kind) =>
      COLUMNS[kind].map((c) => ({ sheet: SHEET_NAMES[kind], header: c.header, note: c.note })),
    ),
  });
  return buildWorkbook(sheets, { creator: '安监', created: ctx.now() });
}

const STATS_COLUMNS: ColumnSpec[] = [
  { key: 'regionName', header: '地区', width: 18 },
  { key: 'highRisk', header: '高危企业', group: '第十条所列企业', format: 'integer' },
  { key: 'ownTeam', header: '有自建队伍', group: '第十条所列企业', format: 'integer' },
  { key: 'agreement', header: '有有效协议', group: '第十条所列企业', format: 'integer' },
  { key: 'uncovered', header: '无队伍无协议', group: '第十条所列企业', format: 'integer' },
  { key: 'teams', header: '队伍', group: '应急资源', format: 'integer' },
  { key: 'teamMembers', header: '队员', group: '应急资源', format: 'integer' },
  { key: 'equipment', header: '装备物资', group: '应急资源', format: 'integer' },
  { key: 'experts', header: '专家', group: '应急资源', format: 'integer' },
  ...SPECIALTIES.map((s) => ({
    key: `s_${s}`,
    header: SPECIALTY_LABELS[s],
    group: '按专业（队伍/装备物资/专家）',
    width: 12,
  })),
];

function statsRow(r: ResourceStatsRow): Record<string, CellValue> {
  return {
    regionName: r.regionName,
    highRisk: r.highRisk,
    ownTeam: r.ownTeam,
    agreement: r.agreement,
    uncovered: r.uncovered,
    teams: r.teams,
    teamMembers: r.teamMembers,
    equipment: r.equipment,
    experts: r.experts,
    ...Object.fromEntries(
      SPECIALTIES.map((s) => {
        const v = r.bySpecialty[s];
        return [`s_${s}`, `${v.teams}/${v.equipment}/${v.experts}`];
      }),
    ),
  };
}

export async function exportStatistics(ctx: AppContext, actor: Actor, q: ResourceStatsQuery): Promise<ExportFile> {
  const stats = await statistics(ctx, actor, q);
  const now = ctx.now();
  const data = await buildWorkbook(
    [
      {
        name: '应急资源统计',
        title: `${stats.total.regionName}应急资源统计`,
        lines: [`统计日期：${stats.on}（救助协议以该日是否在有效期内计）　导出时间：${shanghaiMinute(now)}`],
        columns: STATS_COLUMNS,
        rows: stats.rows.map(statsRow),
        totals: { ...statsRow(stats.total), regionName: '合计' },
        notes: [
          '第十条所列企业：《生产安全事故应急条例》第十条所列的危险物品、矿山、金属冶炼、建筑施工等生产经营单位（按企业档案的监管行业和行业代码识别），仅计正常生产经营的企业。',
          '一项资源具有多个专业的，在每个专业下各计一次。',
        ],
      },
    ],
    { creator: '安监', created: now },
  );
  return { fileName: `应急资源统计_${stats.on}.xlsx`, data, rows: stats.rows.length, truncated: false };
}
