import type { EnterpriseListQuery } from '../../../contracts/enterprises.js';
import {
  daysUntil,
  ENTERPRISE_STATUS_LABELS,
  type EnterpriseStatus,
  LICENCE_STATE_LABELS,
  LICENCE_TYPE_LABELS,
  type LicenceRecordedStatus,
  type LicenceType,
  licenceState,
  SCALE_LABELS,
  type Scale,
  SECTOR_LABELS,
  type Sector,
} from '../../../domain/enterprise.js';
import { shanghaiDate, shanghaiDay, shanghaiMinute } from '../../../domain/time.js';
import type { Actor } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { ExportFile } from '../../documents/download.js';
import { buildWorkbook, type ColumnSpec, type SheetSpec } from '../../documents/xlsx.js';
import { allEnterprises } from '../enterprises/repo.js';
import { checkFilterRegion } from '../enterprises/service.js';
import { regionName, regionNames } from '../regions/lookup.js';
import { ENTERPRISE_COLUMNS, LICENCE_COLUMNS, type RegistryColumn, SHEET_NAMES } from './columns.js';
import * as repo from './repo.js';

/** Rows of an export; a larger list is cut there (a note says so). */
export const EXPORT_MAX_ROWS = 50_000;

const GRADE_LABELS: Record<number, string> = { 1: '一级', 2: '二级', 3: '三级', 4: '四级' };

const exportColumn = (c: RegistryColumn, format?: ColumnSpec['format']): ColumnSpec => ({
  key: c.field,
  header: c.header,
  ...(format ? { format } : {}),
});

const ENTERPRISE_EXPORT_COLUMNS: ColumnSpec[] = [
  ...ENTERPRISE_COLUMNS.flatMap((c) => {
    if (c.field === 'regionCode') return [exportColumn(c), { key: 'regionName', header: '所在地区' }];
    if (c.field === 'longitude' || c.field === 'latitude') return [exportColumn(c, { numFmt: '0.000000' })];
    if (c.field === 'employees') return [exportColumn(c, 'integer')];
    return [exportColumn(c)];
  }),
  { key: 'majorHazardCount', header: '重大危险源数', format: 'integer' },
  { key: 'topHazardGrade', header: '最高级别' },
];

const LICENCE_EXPORT_COLUMNS: ColumnSpec[] = [
  ...LICENCE_COLUMNS.flatMap((c) =>
    c.field === 'creditCode'
      ? [exportColumn(c), { key: 'enterpriseName', header: '企业名称' }, { key: 'regionCode', header: '所在地区代码' }]
      : [exportColumn(c)],
  ),
  { key: 'state', header: '当前状态' },
  { key: 'daysLeft', header: '剩余天数', format: 'integer' },
];

/** The label of what the list covers: the filter region's name, or the actor's own region / unit. */
async function scopeName(ctx: AppContext, actor: Actor, regionCode: string | undefined): Promise<string> {
  if (actor.orgKind === 'enterprise') return actor.orgName;
  const code = regionCode ?? actor.regionCode;
  return regionName(ctx.db, code);
}

export type EnterpriseExportQuery = Omit<EnterpriseListQuery, 'page' | 'pageSize'>;

export async function exportEnterprises(ctx: AppContext, actor: Actor, q: EnterpriseExportQuery): Promise<ExportFile> {
  checkFilterRegion(actor, q.regionCode);
  const found = await allEnterprises(ctx.db.kysely, actor, q, EXPORT_MAX_ROWS + 1);
  const truncated = found.length > EXPORT_MAX_ROWS;
  const list = truncated ? found.slice(0, EXPORT_MAX_ROWS) : found;
  const names = await regionNames(
    ctx.db,
    list.map((e) => e.region_code),
  );
  const where = await scopeName(ctx, actor, q.regionCode);
  const now = ctx.now();
  const spec: SheetSpec = {
    name: SHEET_NAMES.enterprises,
    title: `${where}企业名录`,
    lines: [
      `导出时间：${shanghaiMinute(now)}　共${list.length}家${truncated ? `（仅导出前${EXPORT_MAX_ROWS}家）` : ''}`,
    ],
    columns: ENTERPRISE_EXPORT_COLUMNS,
    rows: list.map((e) => ({
      creditCode: e.credit_code,
      name: e.name,
      regionCode: e.region_code,
      regionName: names.get(e.region_code) ?? e.region_code,
      address: e.address,
      longitude: e.longitude === null ? null : Number(e.longitude),
      latitude: e.latitude === null ? null : Number(e.latitude),
      industryCode: e.industry_code,
      sectors: e.sectors.map((s) => SECTOR_LABELS[s as Sector] ?? s).join('、'),
      scale: e.scale ? (SCALE_LABELS[e.scale as Scale] ?? e.scale) : null,
      legalRepresentative: e.legal_representative,
      principalName: e.principal_name,
      principalPhone: e.principal_phone,
      safetyManagerName: e.safety_manager_name,
      safetyManagerPhone: e.safety_manager_phone,
      employees: e.employees,
      status: ENTERPRISE_STATUS_LABELS[e.status as EnterpriseStatus] ?? e.status,
      majorHazardCount: e.major_hazard_count,
      topHazardGrade: e.top_hazard_grade === null ? null : (GRADE_LABELS[e.top_hazard_grade] ?? null),
    })),
    ...(truncated
      ? { notes: [`列表超过${EXPORT_MAX_ROWS}家，仅导出前${EXPORT_MAX_ROWS}家，请缩小筛选范围后分批导出`] }
      : {}),
  };
  const data = await buildWorkbook([spec], { creator: '安监', created: now });
  return { fileName: `${where}企业名录_${shanghaiDay(now)}.xlsx`, data, rows: list.length, truncated };
}

export interface LicenceExportQuery {
  regionCode?: string | undefined;
  type?: LicenceType | undefined;
  state?: 'valid' | 'suspended' | 'revoked' | 'expired' | undefined;
}

export async function exportLicences(ctx: AppContext, actor: Actor, q: LicenceExportQuery): Promise<ExportFile> {
  checkFilterRegion(actor, q.regionCode);
  const now = ctx.now();
  const today = shanghaiDate(now);
  const found = await repo.allLicences(ctx.db.kysely, actor, { ...q, today }, EXPORT_MAX_ROWS + 1);
  const truncated = found.length > EXPORT_MAX_ROWS;
  const list = truncated ? found.slice(0, EXPORT_MAX_ROWS) : found;
  const where = await scopeName(ctx, actor, q.regionCode);
  const spec: SheetSpec = {
    name: SHEET_NAMES.licences,
    title: `${where}安全生产许可证台账`,
    lines: [
      `导出时间：${shanghaiMinute(now)}　共${list.length}张${truncated ? `（仅导出前${EXPORT_MAX_ROWS}张）` : ''}　当前状态和剩余天数按${today}计`,
    ],
    columns: LICENCE_EXPORT_COLUMNS,
    rows: list.map((l) => {
      const recorded = l.status as LicenceRecordedStatus;
      return {
        creditCode: l.credit_code,
        enterpriseName: l.enterprise_name,
        regionCode: l.region_code,
        type: LICENCE_TYPE_LABELS[l.type as LicenceType] ?? l.type,
        number: l.number,
        scope: l.scope,
        issuer: l.issuer,
        validFrom: l.valid_from,
        validTo: l.valid_to,
        status: LICENCE_STATE_LABELS[recorded] ?? l.status,
        state: LICENCE_STATE_LABELS[licenceState(recorded, l.valid_to, today)],
        daysLeft: daysUntil(today, l.valid_to),
      };
    }),
    ...(truncated
      ? { notes: [`超过${EXPORT_MAX_ROWS}张，仅导出前${EXPORT_MAX_ROWS}张，请缩小筛选范围后分批导出`] }
      : {}),
  };
  const data = await buildWorkbook([spec], { creator: '安监', created: now });
  return { fileName: `${where}许可证台账_${shanghaiDay(now)}.xlsx`, data, rows: list.length, truncated };
}
