/**
 * 预案备案、演练统计 (issue 12 §4, this module's share): by child region over a period — filing duties, filed, on time
 * and overdue, the filing rate, the answers (complete, incomplete, deemed), drills held and with a 评估报告, and the drills
 * and evaluations overdue today — aggregated in SQL (repo.stats); the same figures as an .xlsx.
 */
import type { PlanStats, PlanStatsQuery, PlanStatsRow } from '../../../contracts/emergency-plans.js';
import { CHILD_KEY_LENGTH, levelOfCode, subtreePrefix } from '../../../domain/region-code.js';
import { shanghaiDate, shanghaiDay } from '../../../domain/time.js';
import { type Actor, checkRegionFilter } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { ExportFile } from '../../documents/download.js';
import { buildWorkbook, type CellValue, type ColumnSpec } from '../../documents/xlsx.js';
import { AppError } from '../../errors.js';
import { childLabel, regionName } from '../regions/lookup.js';
import * as repo from './repo.js';

type Raw = Omit<repo.StatsRaw, 'key'>;
const METRICS: (keyof Raw)[] = [
  'plans',
  'filing_due',
  'filed',
  'filed_on_time',
  'filing_overdue',
  'decided_complete',
  'decided_incomplete',
  'deemed',
  'drills',
  'drills_evaluated',
  'drill_overdue',
  'evaluation_overdue',
];

function statsRow(regionCode: string, label: string, r: Raw): PlanStatsRow {
  return {
    regionCode,
    label,
    plans: r.plans,
    filingDue: r.filing_due,
    filed: r.filed,
    filedOnTime: r.filed_on_time,
    filingOverdue: r.filing_overdue,
    filingRate: r.filing_due > 0 ? Math.round((r.filed / r.filing_due) * 1000) / 1000 : null,
    decidedComplete: r.decided_complete,
    decidedIncomplete: r.decided_incomplete,
    deemed: r.deemed,
    drills: r.drills,
    drillsEvaluated: r.drills_evaluated,
    drillOverdue: r.drill_overdue,
    evaluationOverdue: r.evaluation_overdue,
  };
}

export async function planStats(ctx: AppContext, actor: Actor, q: PlanStatsQuery): Promise<PlanStats> {
  if (actor.orgKind !== 'bureau') throw new AppError('FORBIDDEN');
  checkRegionFilter(actor, q.regionCode);
  const regionCode = q.regionCode ?? actor.regionCode;
  const today = shanghaiDate(ctx.now());
  const raw = await repo.stats(ctx.db.kysely, {
    prefix: subtreePrefix(regionCode),
    keyLength: CHILD_KEY_LENGTH[levelOfCode(regionCode)],
    from: q.from,
    to: q.to,
    today,
  });
  const rows: PlanStatsRow[] = [];
  for (const r of raw) {
    const code = r.key.length < 6 ? r.key.padEnd(6, '0') : r.key;
    rows.push(statsRow(code, await childLabel(ctx.db, regionCode, code), r));
  }
  const zero = Object.fromEntries(METRICS.map((m) => [m, 0])) as Raw;
  const sum = raw.reduce((a, r) => Object.fromEntries(METRICS.map((m) => [m, a[m] + r[m]])) as Raw, zero);
  return { regionCode, from: q.from, to: q.to, today, rows, total: statsRow(regionCode, '合计', sum) };
}

const COLUMNS: ColumnSpec[] = [
  { key: 'label', header: '地区', width: 14 },
  { key: 'plans', header: '预案总数（件）', format: 'integer' },
  { key: 'filingDue', header: '应备案', group: '备案（件）', format: 'integer' },
  { key: 'filed', header: '已备案', group: '备案（件）', format: 'integer' },
  { key: 'filedOnTime', header: '按时备案', group: '备案（件）', format: 'integer' },
  { key: 'filingOverdue', header: '逾期未备案', group: '备案（件）', format: 'integer' },
  // A fraction (filed / filingDue), shown as a percentage: 'percent1' is for figures already ×100.
  { key: 'filingRate', header: '备案率', group: '备案（件）', format: { numFmt: '0.0%' } },
  { key: 'decidedComplete', header: '予以备案', group: '审核（件）', format: 'integer' },
  { key: 'decidedIncomplete', header: '告知补正', group: '审核（件）', format: 'integer' },
  { key: 'deemed', header: '视为备案', group: '审核（件）', format: 'integer' },
  { key: 'drills', header: '开展演练', group: '演练（次）', format: 'integer' },
  { key: 'drillsEvaluated', header: '有评估报告', group: '演练（次）', format: 'integer' },
  { key: 'drillOverdue', header: '演练逾期（件）', format: 'integer' },
  { key: 'evaluationOverdue', header: '评估逾期（件）', format: 'integer' },
];

const cells = (r: PlanStatsRow): Record<string, CellValue> => ({ ...r }) as unknown as Record<string, CellValue>;

export async function exportPlanStats(ctx: AppContext, actor: Actor, q: PlanStatsQuery): Promise<ExportFile> {
  const stats = await planStats(ctx, actor, q);
  const region = await regionName(ctx.db, stats.regionCode);
  const now = ctx.now();
  const data = await buildWorkbook(
    [
      {
        name: '预案备案演练统计',
        title: `${region}生产安全事故应急预案备案和演练情况统计表`,
        lines: [`统计时段：${stats.from}至${stats.to}`],
        columns: COLUMNS,
        rows: stats.rows.map(cells),
        totals: cells(stats.total),
        notes: [
          '注：应备案按备案期限（发布之日起20个工作日）届满日计；按时备案指在期限内报送且予以备案或视为备案；审核按答复日计；' +
            `演练按演练日期计；演练逾期、评估逾期为截至${stats.today}的情况。`,
          `制表单位：${actor.orgName}`,
        ],
      },
    ],
    { creator: '安监', created: now },
  );
  return {
    fileName: `${region}预案备案演练统计_${shanghaiDay(now)}.xlsx`,
    data,
    rows: stats.rows.length,
    truncated: false,
  };
}
