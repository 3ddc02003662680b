/** 隐患排查治理统计表: the statistics of GET /api/hidden-dangers/stats as an .xlsx (one row per child region, 合计). */
import type { DangerStats, DangerStatsQuery, DangerStatsRow } from '../../../contracts/hidden-dangers.js';
import { shanghaiDay } from '../../../domain/time.js';
import type { Actor } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { ExportFile } from '../../documents/download.js';
import { buildWorkbook, type CellValue, type ColumnSpec } from '../../documents/xlsx.js';
import { regionName } from '../regions/lookup.js';
import { dangerStats } from './service.js';

const COLUMNS: ColumnSpec[] = [
  { key: 'label', header: '地区', width: 14 },
  { key: 'inspections', header: '检查次数', group: '现场检查', format: 'integer' },
  { key: 'enterprisesInspected', header: '检查企业（家）', group: '现场检查', format: 'integer' },
  { key: 'ordersIssued', header: '下达指令书（份）', group: '现场检查', format: 'integer' },
  { key: 'found', header: '合计', group: '排查隐患（项）', format: 'integer' },
  { key: 'general', header: '一般', group: '排查隐患（项）', format: 'integer' },
  { key: 'major', header: '重大', group: '排查隐患（项）', format: 'integer' },
  { key: 'closed', header: '已整改', group: '整改情况（项）', format: 'integer' },
  { key: 'closedOnTime', header: '按期整改', group: '整改情况（项）', format: 'integer' },
  { key: 'overdue', header: '逾期未改', group: '整改情况（项）', format: 'integer' },
  { key: 'awaitingRecheck', header: '待复查', group: '整改情况（项）', format: 'integer' },
  { key: 'rechecked', header: '已复查', group: '整改情况（项）', format: 'integer' },
  { key: 'supervised', header: '重大隐患挂牌督办', format: 'integer' },
  { key: 'rectificationRate', header: '整改率(%)', format: 'percent1' },
  { key: 'recheckRate', header: '复查率(%)', format: 'percent1' },
];

function cells(r: DangerStatsRow): Record<string, CellValue> {
  return {
    ...r,
    rectificationRate: r.rectificationRate ?? '—',
    recheckRate: r.recheckRate ?? '—',
  } as unknown as Record<string, CellValue>;
}

export async function exportDangerStats(ctx: AppContext, actor: Actor, q: DangerStatsQuery): Promise<ExportFile> {
  const stats: DangerStats = await dangerStats(ctx, actor, q);
  const region = await regionName(ctx.db, stats.regionCode);
  const now = ctx.now();
  const data = await buildWorkbook(
    [
      {
        name: '隐患排查治理',
        title: `${region}事故隐患排查治理情况统计表`,
        lines: [`统计时段：${stats.from}至${stats.to}（按发现日期）`, '单位：项'],
        columns: COLUMNS,
        rows: stats.rows.map(cells),
        totals: cells(stats.total),
        notes: [
          '注：整改率＝已整改（含当场整改）÷排查隐患；复查率＝已复查÷报告整改完成；逾期未改按统计当日计。',
          `制表单位：${actor.orgName}`,
        ],
      },
    ],
    { creator: '安监', created: now },
  );
  return {
    fileName: `${region}隐患排查治理统计_${shanghaiDay(now)}.xlsx`,
    data,
    rows: stats.rows.length,
    truncated: false,
  };
}
