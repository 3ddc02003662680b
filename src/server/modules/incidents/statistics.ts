/**
 * 应急处置统计 (issue 12 §4): incidents by response level and by child region over a period (by the time the bureau
 * learned of the accident), with their response times — report → first dispatch → first on site — averaged and their
 * median, aggregated in SQL (repo.incidentStats); the same as an .xlsx.
 */
import type { IncidentStats, IncidentStatsQuery, IncidentStatsRow } from '../../../contracts/incidents.js';
import { RESPONSE_LEVEL_LABELS, type ResponseLevel } from '../../../domain/incident.js';
import { CHILD_KEY_LENGTH, levelOfCode, subtreePrefix } from '../../../domain/region-code.js';
import { type Actor, checkRegionFilter } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { ExportFile } from '../../documents/download.js';
import { buildWorkbook, type CellValue, type ColumnSpec } from '../../documents/xlsx.js';
import { AppError } from '../../errors.js';
import { childLabel, regionName } from '../regions/lookup.js';
import * as repo from './repo.js';

/** The start of a local date in Asia/Shanghai (UTC+8, no daylight saving). */
const startOf = (day: string) => new Date(`${day}T00:00:00+08:00`);
const nextDay = (day: string) => new Date(startOf(day).getTime() + 24 * 3600_000);

function row(regionCode: string, regionName: string, r: repo.StatsRow): IncidentStatsRow {
  return {
    regionCode,
    regionName,
    level: r.level as ResponseLevel,
    incidents: r.incidents,
    open: r.open,
    dispatched: r.dispatched,
    onSite: r.on_site,
    avgReportToDispatchMin: r.avg_rd,
    medianReportToDispatchMin: r.med_rd,
    avgDispatchToOnSiteMin: r.avg_ds,
    avgReportToOnSiteMin: r.avg_ro,
    medianReportToOnSiteMin: r.med_ro,
  };
}

export async function incidentStats(ctx: AppContext, actor: Actor, q: IncidentStatsQuery): Promise<IncidentStats> {
  if (actor.orgKind !== 'bureau') throw new AppError('FORBIDDEN');
  checkRegionFilter(actor, q.regionCode);
  const regionCode = q.regionCode ?? actor.regionCode;
  const prefix = subtreePrefix(regionCode);
  const period = { prefix, from: startOf(q.from), to: nextDay(q.to) };
  const byRegion = await repo.incidentStats(ctx.db.kysely, {
    ...period,
    keyLength: CHILD_KEY_LENGTH[levelOfCode(regionCode)],
  });
  const totals = await repo.incidentStats(ctx.db.kysely, { ...period, keyLength: null });
  const rows: IncidentStatsRow[] = [];
  for (const r of byRegion) {
    const code = r.key.length < 6 ? r.key.padEnd(6, '0') : r.key;
    rows.push(row(code, await childLabel(ctx.db, regionCode, code), r));
  }
  const name = await regionName(ctx.db, regionCode);
  return {
    regionCode,
    regionName: name,
    from: q.from,
    to: q.to,
    rows,
    totals: totals.map((r) => row(regionCode, '合计', r)),
  };
}

const COLUMNS: ColumnSpec[] = [
  { key: 'regionName', header: '地区', width: 14 },
  { key: 'level', header: '响应级别', width: 10 },
  { key: 'incidents', header: '事件', group: '数量（起）', format: 'integer' },
  { key: 'open', header: '处置中', group: '数量（起）', format: 'integer' },
  { key: 'dispatched', header: '已调派', group: '数量（起）', format: 'integer' },
  { key: 'onSite', header: '已到场', group: '数量（起）', format: 'integer' },
  { key: 'avgReportToDispatchMin', header: '平均', group: '接报至首次调派（分钟）', format: 'decimal1' },
  { key: 'medianReportToDispatchMin', header: '中位数', group: '接报至首次调派（分钟）', format: 'decimal1' },
  { key: 'avgDispatchToOnSiteMin', header: '平均', group: '调派至首支到场（分钟）', format: 'decimal1' },
  { key: 'avgReportToOnSiteMin', header: '平均', group: '接报至首支到场（分钟）', format: 'decimal1' },
  { key: 'medianReportToOnSiteMin', header: '中位数', group: '接报至首支到场（分钟）', format: 'decimal1' },
];

const cells = (r: IncidentStatsRow): Record<string, CellValue> => ({
  ...(r as unknown as Record<string, CellValue>),
  level: RESPONSE_LEVEL_LABELS[r.level],
});

export async function exportIncidentStats(ctx: AppContext, actor: Actor, q: IncidentStatsQuery): Promise<ExportFile> {
  const stats = await incidentStats(ctx, actor, q);
  const rows = [...stats.rows, ...stats.totals].map(cells);
  const data = await buildWorkbook(
    [
      {
        name: '应急处置统计',
        title: `${stats.regionName}生产安全事故应急处置统计表`,
        lines: [`统计时段：${stats.from}至${stats.to}（按接报时间）`],
        columns: COLUMNS,
        rows,
        notes: [
          '注：各事件的响应时间按整分钟计（不足一分钟的舍去），平均值保留一位小数，中位数可能为两个整分钟之间的值；“接报”为事故快报的接报时间，“调派”“到场”为各救援力量报告的时间。',
        ],
      },
    ],
    { created: ctx.now() },
  );
  return { fileName: `应急处置统计-${stats.from}至${stats.to}.xlsx`, data, rows: rows.length, truncated: false };
}
