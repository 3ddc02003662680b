/**
 * Reporting assessment (报送考核): the metrics, score and ranking of a region's direct children over a period,
 * and the same as an .xlsx. The counts come aggregated from the database in one statement (repo.ts); the score,
 * rates and ranking are the domain's (domain/assessment.ts). A bureau assesses its own jurisdiction only.
 */
import type {
  Assessment,
  AssessmentChildRow,
  AssessmentQuery,
  AssessmentRow,
  AssessmentShare,
} from '../../../contracts/assessment.js';
import {
  ASSESSMENT_METRIC_LABELS,
  ASSESSMENT_METRICS,
  ASSESSMENT_WEIGHTS,
  type AssessmentCounts,
  type AssessmentMetric,
  DUPLICATE_DEDUCTION,
  duplicateDeductionOf,
  percentOf,
  rankByScore,
  type Share,
  scoreOf,
} from '../../../domain/assessment.js';
import { subtreePrefix } from '../../../domain/region-code.js';
import { periodContaining } from '../../../domain/statistics.js';
import { shanghaiDay, toShanghaiIso } from '../../../domain/time.js';
import { type Actor, coversRegion } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import { attachment } from '../../documents/download.js';
import { buildWorkbook, type CellValue, type ColumnSpec } from '../../documents/xlsx.js';
import { AppError, fieldError } from '../../errors.js';
import { childrenOf, findRegion } from '../regions/repo.js';
import * as repo from './repo.js';

const share = (numerator: number, denominator: number): Share => ({ numerator, denominator });

/** The counts of one row of the statement; `own` picks the chain steps owed inside this row's region. */
function countsOf(row: repo.CountsRow | undefined, own: 'child' | 'region'): AssessmentCounts {
  if (!row) {
    return {
      accidents: 0,
      duplicates: 0,
      ...(Object.fromEntries(ASSESSMENT_METRICS.map((m) => [m, share(0, 0)])) as Record<AssessmentMetric, Share>),
    };
  }
  const steps =
    own === 'child'
      ? share(row.child_steps_on_time, row.child_steps_due)
      : share(row.region_steps_on_time, row.region_steps_due);
  return {
    accidents: row.accidents,
    duplicates: row.duplicates,
    receivedOnTime: share(row.received_on_time, row.accidents),
    forwardedOnTime: steps,
    nodesOnTime: share(row.nodes_on_time, row.nodes_due),
    followupCoverage: share(row.followups_covered, row.followups_due),
    completeness: share(row.complete, row.accidents),
  };
}

function rowOf(code: string, name: string, c: AssessmentCounts): AssessmentRow {
  const metrics = {} as Record<AssessmentMetric, AssessmentShare>;
  for (const m of ASSESSMENT_METRICS) metrics[m] = { ...c[m], rate: percentOf(c[m]) };
  return {
    code,
    name,
    accidents: c.accidents,
    metrics,
    duplicates: { count: c.duplicates, deduction: duplicateDeductionOf(c) },
    score: scoreOf(c),
  };
}

export async function assess(ctx: AppContext, actor: Actor, q: AssessmentQuery): Promise<Assessment> {
  const code = q.regionCode ?? actor.regionCode;
  // Outside the jurisdiction looks the same as not existing (a county cannot assess its city).
  if (!coversRegion(actor, code)) throw new AppError('NOT_FOUND');
  const region = await findRegion(ctx.db.kysely, code);
  if (!region) throw new AppError('NOT_FOUND');
  const now = ctx.now();
  const to = q.to ? new Date(q.to) : now;
  const from = q.from ? new Date(q.from) : periodContaining('year', new Date(to.getTime() - 1)).from;
  if (from.getTime() >= to.getTime()) throw fieldError('from', 'after_to', '开始时间须早于结束时间');

  const children = await childrenOf(ctx.db.kysely, region.code);
  const rows = await repo.assessmentCounts(ctx.db.kysely, {
    prefix: subtreePrefix(region.code),
    children: children.map((c) => ({ code: c.code, prefix: subtreePrefix(c.code) })),
    from,
    to,
    now,
  });
  const byChild = new Map(rows.filter((r) => !r.is_total && r.key !== null).map((r) => [r.key as string, r]));
  return {
    regionCode: region.code,
    regionName: region.fullName,
    from: toShanghaiIso(from),
    to: toShanghaiIso(to),
    asOf: toShanghaiIso(now),
    weights: { ...ASSESSMENT_WEIGHTS, duplicateDeduction: DUPLICATE_DEDUCTION },
    region: rowOf(
      region.code,
      region.name,
      countsOf(
        rows.find((r) => r.is_total),
        'region',
      ),
    ),
    children: rankByScore(children.map((c) => rowOf(c.code, c.name, countsOf(byChild.get(c.code), 'child')))),
  };
}

// ————————————————————————————————————————— export

const dateText = (iso: string) => {
  const d = shanghaiDay(new Date(iso));
  return `${d.slice(0, 4)}年${Number(d.slice(4, 6))}月${Number(d.slice(6, 8))}日`;
};

const COLUMNS: ColumnSpec[] = [
  { key: 'rank', header: '排名', format: 'integer', width: 6 },
  { key: 'name', header: '地区', width: 16 },
  { key: 'score', header: '得分', format: 'decimal1', width: 8 },
  { key: 'accidents', header: '事故起数', format: 'integer' },
  ...ASSESSMENT_METRICS.flatMap((m): ColumnSpec[] => [
    { key: `${m}.n`, header: '达标', group: ASSESSMENT_METRIC_LABELS[m], format: 'integer' },
    { key: `${m}.d`, header: '应计', group: ASSESSMENT_METRIC_LABELS[m], format: 'integer' },
    { key: `${m}.rate`, header: '比率(%)', group: ASSESSMENT_METRIC_LABELS[m], format: 'percent1' },
  ]),
  { key: 'duplicates', header: '起数', group: ASSESSMENT_METRIC_LABELS.duplicates, format: 'integer' },
  { key: 'deduction', header: '扣分', group: ASSESSMENT_METRIC_LABELS.duplicates, format: 'decimal1' },
];

function cells(r: AssessmentRow, rank: number | null): Record<string, CellValue> {
  const out: Record<string, CellValue> = {
    rank,
    name: r.name,
    score: r.score,
    accidents: r.accidents,
    duplicates: r.duplicates.count,
    deduction: r.duplicates.deduction,
  };
  for (const m of ASSESSMENT_METRICS) {
    out[`${m}.n`] = r.metrics[m].numerator;
    out[`${m}.d`] = r.metrics[m].denominator;
    out[`${m}.rate`] = r.metrics[m].rate;
  }
  return out;
}

export async function exportAssessment(
  ctx: AppContext,
  actor: Actor,
  q: AssessmentQuery,
): Promise<{ fileName: string; disposition: string; body: Buffer }> {
  const a = await assess(ctx, actor, q);
  const weights = ASSESSMENT_METRICS.map((m) => `${ASSESSMENT_METRIC_LABELS[m]}${ASSESSMENT_WEIGHTS[m]}分`).join('、');
  const body = await buildWorkbook(
    [
      {
        name: '报送考核',
        title: `${a.regionName}事故信息报送考核排名`,
        lines: [`考核时段：${dateText(a.from)}至${dateText(a.to)}（不含截止时刻）`, '单位：起、%、分'],
        columns: COLUMNS,
        rows: a.children.map((c: AssessmentChildRow) => cells(c, c.rank)),
        totals: cells({ ...a.region, name: `${a.region.name}（全辖区）` }, null),
        notes: [
          `权重：${weights}；重复报送按占比扣分（全部重复扣${DUPLICATE_DEDUCTION}分）。`,
          '尚未到期且未完成的时限不计入；期内无事故的地区不评分、不排名。',
          `计算时间：${dateText(a.asOf)}，已核销的记录不计入。`,
        ],
      },
    ],
    { created: ctx.now() },
  );
  const fileName = `报送考核_${a.regionName}_${shanghaiDay(new Date(a.from))}-${shanghaiDay(new Date(a.to))}.xlsx`;
  return { fileName, disposition: attachment(fileName), body };
}
