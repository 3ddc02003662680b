/**
 * 事故快报列表导出: the list as filtered on screen, as an .xlsx LibreOffice and Excel open — every report of the filter
 * up to EXPORT_MAX_ROWS, newest first, with its place, unit, figures, grade, where it is in the chain and its status.
 */
import type { ListAccidentsQuery } from '../../../contracts/accidents.js';
import { type AccidentDomain, DOMAIN_LABELS } from '../../../domain/direct-report.js';
import { CHAIN_LEVEL_LABELS, type ChainLevel } from '../../../domain/reporting-chain.js';
import { wanTenths } from '../../../domain/statistics.js';
import { shanghaiDay, shanghaiMinute } from '../../../domain/time.js';
import type { Actor } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { ExportFile } from '../../documents/download.js';
import { buildWorkbook, type ColumnSpec } from '../../documents/xlsx.js';
import { listAccidents } from './service.js';

/** The list's own count cap: an export never holds more than the list can count. */
export const EXPORT_MAX_ROWS = 10_000;

const STATUS_LABELS = { pending: '办理中', overdue: '已超时', done: '已办结' } as const;

const COLUMNS: ColumnSpec[] = [
  { key: 'reportNo', header: '报告编号', width: 18 },
  { key: 'occurredAt', header: '事故发生时间', width: 17 },
  { key: 'regionName', header: '发生地区', width: 24 },
  { key: 'unitName', header: '事故发生单位', width: 30 },
  { key: 'unitCreditCode', header: '统一社会信用代码', width: 20 },
  { key: 'domain', header: '领域' },
  { key: 'accidentType', header: '事故类别' },
  { key: 'industryCode', header: '行业代码' },
  { key: 'deaths', header: '死亡', group: '人员伤亡（人）', format: 'integer' },
  { key: 'missing', header: '失踪', group: '人员伤亡（人）', format: 'integer' },
  { key: 'seriousInjuries', header: '重伤', group: '人员伤亡（人）', format: 'integer' },
  { key: 'minorInjuries', header: '轻伤', group: '人员伤亡（人）', format: 'integer' },
  { key: 'directLossWan', header: '直接经济损失（万元）', format: 'decimal1' },
  { key: 'grade', header: '事故等级' },
  { key: 'holder', header: '当前所在层级' },
  { key: 'status', header: '办理状态' },
  { key: 'nextDueAt', header: '最近时限', width: 17 },
];

const local = (iso: string | null) => (iso ? shanghaiMinute(new Date(iso)) : null);

export async function exportAccidents(
  ctx: AppContext,
  actor: Actor,
  q: Omit<ListAccidentsQuery, 'page' | 'pageSize'>,
): Promise<ExportFile> {
  const list = await listAccidents(ctx, actor, { ...q, page: 1, pageSize: EXPORT_MAX_ROWS + 1 });
  const truncated = list.items.length > EXPORT_MAX_ROWS;
  const items = list.items.slice(0, EXPORT_MAX_ROWS);
  const now = ctx.now();
  const data = await buildWorkbook(
    [
      {
        name: '事故快报',
        title: `${actor.orgName}事故快报列表`,
        lines: [
          `导出时间：${shanghaiMinute(now)}　共${items.length}起${truncated ? `（仅导出最新${EXPORT_MAX_ROWS}起）` : ''}`,
        ],
        columns: COLUMNS,
        rows: items.map((a) => ({
          reportNo: a.reportNo,
          occurredAt: local(a.occurredAt),
          regionName: a.regionName,
          unitName: a.unitName,
          unitCreditCode: a.unitCreditCode,
          domain: DOMAIN_LABELS[a.domain as AccidentDomain] ?? a.domain,
          accidentType: a.accidentTypeName,
          industryCode: a.industryCode,
          deaths: a.deaths,
          missing: a.missing,
          seriousInjuries: a.seriousInjuries,
          minorInjuries: a.minorInjuries,
          // 万元 with one decimal, by the one rounding rule of every table (domain/statistics.ts).
          directLossWan: wanTenths(Number(a.directLossYuan)) / 10,
          grade: a.gradeLabel,
          holder: CHAIN_LEVEL_LABELS[a.holderLevel as ChainLevel] ?? a.holderLevel,
          status: STATUS_LABELS[a.status],
          nextDueAt: local(a.nextDueAt),
        })),
        ...(truncated
          ? { notes: [`超过${EXPORT_MAX_ROWS}起，仅导出最新的${EXPORT_MAX_ROWS}起，请缩小筛选范围后分批导出`] }
          : {}),
      },
    ],
    { creator: '安监', created: now },
  );
  return { fileName: `事故快报列表_${shanghaiDay(now)}.xlsx`, data, rows: items.length, truncated };
}
