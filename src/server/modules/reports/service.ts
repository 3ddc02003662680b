/**
 * Statistical report tables (统计月报, issue 3 scope 3): a breakdown of the statistics (by 领域, 行业门类 or 地区)
 * as a two-level table — per indicator 本期, 去年同期, 增减, 增减率(%) — with a 合计 row, on screen (JSON) and as
 * .xlsx. The figures are the stats module's (statsBreakdown: jurisdiction, period defaults, written-off rows
 * excluded); this file only shapes them (domain/report-table.ts rounds 万元 so the rows add up to 合计).
 */
import type { ReportDimension, StatsReport, StatsReportLine, StatsReportQuery } from '../../../contracts/reports.js';
import { chineseDate, periodName } from '../../../domain/bulletin.js';
import {
  REPORT_INDICATORS,
  REPORT_SUBCOLUMNS,
  REPORT_UNIT_LINE,
  type ReportCell,
  reportTable,
} from '../../../domain/report-table.js';
import type { Actor } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import { buildWorkbook, type CellValue, type ColumnSpec } from '../../documents/xlsx.js';
import { AppError } from '../../errors.js';
import { findRegion } from '../regions/repo.js';
import { statsBreakdown } from '../stats/service.js';

const DIMENSION_NAMES: Record<ReportDimension, { title: string; keyHeader: string }> = {
  domain: { title: '分领域', keyHeader: '行业领域' },
  industry: { title: '分行业', keyHeader: '行业门类' },
  region: { title: '分地区', keyHeader: '地区' },
};

export async function statsReport(ctx: AppContext, actor: Actor, q: StatsReportQuery): Promise<StatsReport> {
  // statsBreakdown checks the jurisdiction (404 outside it) and resolves the period and its 同比.
  const b = await statsBreakdown(ctx, actor, {
    regionCode: q.regionCode,
    from: q.from,
    to: q.to,
    by: q.by,
    industryLevel: 'section',
  });
  const region = await findRegion(ctx.db.kysely, b.regionCode);
  if (!region) throw new AppError('NOT_FOUND');
  const table = reportTable(b.rows, b.total);
  const names = DIMENSION_NAMES[q.by];
  return {
    regionCode: b.regionCode,
    regionName: region.name,
    by: q.by,
    from: b.from,
    to: b.to,
    previousFrom: b.previousFrom,
    previousTo: b.previousTo,
    title: `${region.name}生产安全事故统计表（${names.title}）`,
    periodLabel: periodName({ from: new Date(b.from), to: new Date(b.to) }),
    unitLine: REPORT_UNIT_LINE,
    keyHeader: names.keyHeader,
    rows: table.rows,
    total: table.total,
  };
}

// ————————————————————————————————————————— .xlsx

/** No percentage on a zero base: printed "—", as statistical tables do. */
const NO_PERCENT = '—';

const SUB_FORMATS = { current: 'integer', previous: 'integer', change: 'integer', changePct: 'percent1' } as const;

function columns(report: StatsReport): ColumnSpec[] {
  const cols: ColumnSpec[] = [{ key: 'label', header: report.keyHeader, width: 22 }];
  for (const ind of REPORT_INDICATORS) {
    for (const sub of REPORT_SUBCOLUMNS) {
      const loss = ind.key === 'directLossWan' && sub.key !== 'changePct';
      cols.push({
        key: `${ind.key}.${sub.key}`,
        header: sub.label,
        group: ind.label,
        format: loss ? 'decimal1' : SUB_FORMATS[sub.key],
        width: sub.key === 'changePct' ? 10 : 9,
      });
    }
  }
  return cols;
}

function flatten(line: StatsReportLine): Record<string, CellValue> {
  const out: Record<string, CellValue> = { label: line.label };
  for (const ind of REPORT_INDICATORS) {
    const cell: ReportCell = line.cells[ind.key];
    for (const sub of REPORT_SUBCOLUMNS) out[`${ind.key}.${sub.key}`] = cell[sub.key] ?? NO_PERCENT;
  }
  return out;
}

export function reportFileName(report: StatsReport): string {
  return `${report.regionName}${report.periodLabel}生产安全事故统计表（${DIMENSION_NAMES[report.by].title}）.xlsx`;
}

export async function reportWorkbook(report: StatsReport, actor: Actor, now: Date): Promise<Buffer> {
  return buildWorkbook(
    [
      {
        name: DIMENSION_NAMES[report.by].title,
        title: report.title,
        lines: [`统计时段：${report.periodLabel}（同比：去年同期）`, report.unitLine],
        columns: columns(report),
        rows: report.rows.map(flatten),
        totals: flatten(report.total),
        notes: [
          '注：死亡含失踪；受伤含重伤和轻伤；已核销的事故不计入；增减率以去年同期为基数，去年同期为零的不计算（—）；' +
            '直接经济损失按四舍五入保留一位小数，各行与合计平衡。',
          `制表单位：${actor.orgName}　　制表日期：${chineseDate(now)}`,
        ],
      },
    ],
    { created: now },
  );
}
