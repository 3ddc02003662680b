/**
 * 执法统计 (issue 11 §5): cases, decisions by kind, amounts, hearings, appeals and transfers by child region over a
 * period, from the daily counts kept with every change (case_stats_daily); the same figures as an .xlsx; the
 * court-transfer list; and 行政处罚决定公开, the public page of decisions without personal data.
 */
import type {
  CaseStats,
  CaseStatsQuery,
  CaseStatsRow,
  CourtListItem,
  PublicDecision,
} from '../../../contracts/cases.js';
import { type LocalDate, unlessCalendarGap, type WorkingCalendar } from '../../../domain/calendar.js';
import { courtClosesOn, courtOpensOn, lateFee, paymentDueOn } from '../../../domain/case-clocks.js';
import { PENALTY_KIND_LABELS, type PenaltyKind } from '../../../domain/discretion-defaults.js';
import { CHILD_KEY_LENGTH, levelOfCode, subtreePrefix } from '../../../domain/region-code.js';
import { shanghaiDate, shanghaiDay } from '../../../domain/time.js';
import { type Actor, checkRegionFilter } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { ExportFile } from '../../documents/download.js';
import { buildWorkbook, type CellValue, type ColumnSpec } from '../../documents/xlsx.js';
import { AppError } from '../../errors.js';
import { workingCalendar } from '../calendar/service.js';
import { childLabel, regionName, withRegionNames } from '../regions/lookup.js';
import { resolveViolations, tableOfVersion } from './discretion.js';
import * as repo from './repo.js';

const ZERO = Object.fromEntries(repo.STAT_METRICS.map((m) => [m, 0])) as Record<repo.StatMetric, number>;

function statsRow(regionCode: string, label: string, r: Record<repo.StatMetric, number>): CaseStatsRow {
  return {
    regionCode,
    label,
    opened: r.opened,
    closed: r.closed,
    decided: r.decided,
    byKind: {
      warning: r.warning,
      fine: r.fine,
      confiscation: r.confiscation,
      suspension: r.suspension,
      licence: r.licence,
      closure: r.closure,
    },
    finedYuan: r.fined_yuan,
    collectedYuan: r.collected_fen / 100,
    hearings: r.hearings,
    reviews: r.reviews,
    reviewsChanged: r.reviews_changed,
    litigations: r.litigations,
    litigationsChanged: r.litigations_changed,
    court: r.court,
    police: r.police,
    daily: r.daily,
    noPenalty: r.no_penalty,
  };
}

export async function caseStats(ctx: AppContext, actor: Actor, q: CaseStatsQuery): Promise<CaseStats> {
  if (actor.orgKind !== 'bureau') throw new AppError('FORBIDDEN');
  checkRegionFilter(actor, q.regionCode);
  const regionCode = q.regionCode ?? actor.regionCode;
  const keyLength = CHILD_KEY_LENGTH[levelOfCode(regionCode)];
  const raw = await repo.stats(ctx.db.kysely, { prefix: subtreePrefix(regionCode), keyLength, from: q.from, to: q.to });
  const rows: CaseStatsRow[] = [];
  for (const r of raw) {
    const code = r.key.length < 6 ? r.key.padEnd(6, '0') : r.key;
    rows.push(statsRow(code, await childLabel(ctx.db, regionCode, code), r));
  }
  const sum = raw.reduce(
    (a, r) => Object.fromEntries(repo.STAT_METRICS.map((m) => [m, a[m] + r[m]])) as Record<repo.StatMetric, number>,
    ZERO,
  );
  return { regionCode, from: q.from, to: q.to, rows, total: statsRow(regionCode, '合计', sum) };
}

const COLUMNS: ColumnSpec[] = [
  { key: 'label', header: '地区', width: 14 },
  { key: 'opened', header: '立案', group: '案件（件）', format: 'integer' },
  { key: 'closed', header: '结案', group: '案件（件）', format: 'integer' },
  { key: 'decided', header: '作出处罚决定', group: '案件（件）', format: 'integer' },
  { key: 'warning', header: '警告', group: '处罚种类（件）', format: 'integer' },
  { key: 'fine', header: '罚款', group: '处罚种类（件）', format: 'integer' },
  { key: 'confiscation', header: '没收', group: '处罚种类（件）', format: 'integer' },
  { key: 'suspension', header: '责令停产停业', group: '处罚种类（件）', format: 'integer' },
  { key: 'licence', header: '暂扣吊销许可', group: '处罚种类（件）', format: 'integer' },
  { key: 'closure', header: '关闭', group: '处罚种类（件）', format: 'integer' },
  { key: 'finedYuan', header: '决定罚款', group: '金额（元）', format: 'integer' },
  { key: 'collectedYuan', header: '实缴（含加处罚款）', group: '金额（元）', format: { numFmt: '#,##0.00' } },
  { key: 'hearings', header: '听证', format: 'integer' },
  { key: 'reviews', header: '复议', group: '行政复议', format: 'integer' },
  { key: 'reviewsChanged', header: '变更撤销', group: '行政复议', format: 'integer' },
  { key: 'litigations', header: '诉讼', group: '行政诉讼', format: 'integer' },
  { key: 'litigationsChanged', header: '变更撤销', group: '行政诉讼', format: 'integer' },
  { key: 'court', header: '申请法院强制执行', format: 'integer' },
  { key: 'police', header: '移送公安', format: 'integer' },
  { key: 'daily', header: '按日连续处罚', format: 'integer' },
  { key: 'noPenalty', header: '不予处罚', format: 'integer' },
];

const cells = (r: CaseStatsRow): Record<string, CellValue> => {
  const { byKind, ...rest } = r;
  return { ...rest, ...byKind } as unknown as Record<string, CellValue>;
};

export async function exportCaseStats(ctx: AppContext, actor: Actor, q: CaseStatsQuery): Promise<ExportFile> {
  const stats = await caseStats(ctx, actor, q);
  const region = await regionName(ctx.db, stats.regionCode);
  const now = ctx.now();
  const data = await buildWorkbook(
    [
      {
        name: '行政执法统计',
        title: `${region}安全生产行政执法统计表`,
        lines: [`统计时段：${stats.from}至${stats.to}（按各事项发生日期）`],
        columns: COLUMNS,
        rows: stats.rows.map(cells),
        totals: cells(stats.total),
        notes: [
          '注：立案按立案审批日，结案按结案审批日，处罚按决定日，实缴按缴款日，复议、诉讼按申请日（变更撤销按决定日）计。',
          `制表单位：${actor.orgName}`,
        ],
      },
    ],
    { creator: '安监', created: now },
  );
  return {
    fileName: `${region}行政执法统计_${shanghaiDay(now)}.xlsx`,
    data,
    rows: stats.rows.length,
    truncated: false,
  };
}

/**
 * 移送法院强制执行清单: decided, served, unpaid past the payment day — with the 催告, the day the court may first be asked
 * (催告 + 10 working days, after the appeal periods) and the last day (行政强制法 第五十三条, 第五十四条).
 */
export async function courtList(ctx: AppContext, actor: Actor): Promise<{ items: CourtListItem[] }> {
  if (actor.orgKind !== 'bureau') throw new AppError('FORBIDDEN');
  const today = shanghaiDate(ctx.now());
  const cal = await workingCalendar(ctx);
  const rows = await repo.unpaidCases(ctx.db.kysely, actor, today);
  const items = await withRegionNames(ctx.db, rows, (c, name) => courtItem(cal, c, name, today));
  return { items };
}

function courtItem(cal: WorkingCalendar, c: repo.CaseRow, regionName: string, today: LocalDate): CourtListItem {
  const served = c.served_on as LocalDate;
  // A day in a year without an official calendar is not known yet (null), never guessed.
  const dueOn = unlessCalendarGap(() => paymentDueOn(cal, served));
  return {
    id: c.id,
    regionCode: c.region_code,
    regionName,
    partyName: c.party_name,
    cause: c.cause,
    status: c.status,
    fineYuan: c.fine_yuan ?? 0,
    servedOn: served,
    paymentDueOn: dueOn,
    lateFeeYuan: dueOn ? lateFee(c.fine_yuan ?? 0, dueOn, today).lateFeeYuan : null,
    reminderServedOn: c.reminder_served_on,
    courtOpensOn: c.reminder_served_on
      ? unlessCalendarGap(() => courtOpensOn(cal, c.reminder_served_on as LocalDate))
      : null,
    courtClosesOn: unlessCalendarGap(() => courtClosesOn(cal, served)),
    courtAppliedOn: c.court_applied_on,
  };
}

/** 统一社会信用代码 stays (it is public); a person's name keeps its surname only; 身份证号 never shows. */
function redactedParty(kind: string, name: string): string {
  return kind === 'unit' ? name : `${[...name][0] ?? ''}某`;
}

/**
 * 行政处罚决定公开 (行政处罚法 第四十八条): decisions of a region, without personal data — a person appears as 张某, with no
 * number, address or phone; withdrawn ones are gone.
 */
export async function publicDecisions(
  ctx: AppContext,
  q: { regionCode?: string | undefined; page: number; pageSize: number },
): Promise<{ items: PublicDecision[]; total: number; page: number; pageSize: number }> {
  const prefix = q.regionCode ? subtreePrefix(q.regionCode) : '';
  const { rows, total } = await repo.publicDecisions(ctx.db.kysely, { prefix, page: q.page, pageSize: q.pageSize });
  const items: PublicDecision[] = [];
  const tables = new Map<string, Awaited<ReturnType<typeof tableOfVersion>>>();
  for (const r of rows) {
    const table = tables.get(r.discretion_version) ?? (await tableOfVersion(ctx.db.kysely, r.discretion_version));
    tables.set(r.discretion_version, table);
    const violations = resolveViolations(table, r.party_kind as 'unit' | 'person', r.violations as never).map(
      (v) => v.entry.penaltyClause,
    );
    items.push({
      id: r.id,
      regionName: await regionName(ctx.db, r.region_code),
      number: r.number,
      issuer: r.issuer_org,
      partyName: redactedParty(r.party_kind, r.party_name),
      creditCode: r.party_kind === 'unit' ? r.party_credit_code : null,
      cause: r.cause,
      basis: violations,
      penalty: r.kinds
        .map((k) => (k === 'fine' && r.fine_yuan ? `罚款${r.fine_yuan}元` : PENALTY_KIND_LABELS[k as PenaltyKind]))
        .join('，'),
      decidedOn: r.decided_on,
    });
  }
  return { items, total, page: q.page, pageSize: q.pageSize };
}
