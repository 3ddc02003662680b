/**
 * A stored bulletin as a GB/T 9704 Word document: the composed blocks in order, with the breakdown tables and the
 * figures where the composition places them.
 *
 * Figures are native Word charts (official-docx.ts, DrawingML with the data cached in the chart and in an embedded
 * workbook), which Word and LibreOffice draw themselves — no rasteriser needed: 图1 the accidents month by month this
 * year against the same months of last year, 图2 the accidents by industry 门类 this period against last year's
 * (horizontal bars, for the long names). The charts show 起数; each is followed by its table with the deaths (and,
 * by industry, injuries and losses, as the other breakdowns), so the printed bulletin has the exact figures and the
 * deaths. See docs/API.md.
 */
import type { Bulletin, BulletinBody } from '../../../contracts/bulletins.js';
import type { DocumentLayout, LayoutBlock, TableBlock } from '../../../contracts/documents.js';
import type { StatComparison, StatsBreakdownRow } from '../../../contracts/stats.js';
import type { BulletinBlock } from '../../../domain/bulletin.js';
import { type ReportLine, reportTable } from '../../../domain/report-table.js';
import { formatWanTenths } from '../../../domain/statistics.js';
import { buildOfficialDocx } from '../../documents/official-docx.js';

/** "+5", "-3", "0". */
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

const FIGURE_HEADER = ['起数', '同比增减', '死亡', '同比增减', '受伤', '同比增减', '直接经济损失(万元)', '同比增减'];

/** A row of a breakdown table as printed: counts, and 万元 in the report table's apportioned tenths ("186.0"). */
function figureCells(line: ReportLine): string[] {
  const { accidents, deaths, injuries, directLossWan } = line.cells;
  const tenths = (v: number) => Math.round(v * 10);
  return [
    String(accidents.current),
    signed(accidents.change),
    String(deaths.current),
    signed(deaths.change),
    String(injuries.current),
    signed(injuries.change),
    formatWanTenths(tenths(directLossWan.current)),
    formatWanTenths(tenths(directLossWan.change), { signed: true }),
  ];
}

/**
 * A breakdown as a table: rows with anything in either period, then 合计. The 万元 columns are rounded as the
 * report table rounds them (largest remainder: the printed rows add up to the printed 合计, and so do their 同比).
 */
function breakdownTable(
  title: string,
  keyHeader: string,
  rows: StatsBreakdownRow[],
  total: StatComparison,
): TableBlock {
  const table = reportTable(rows, total);
  const shown = table.rows.filter((_, i) => {
    const r = rows[i] as StatsBreakdownRow;
    return r.current.accidents > 0 || r.previous.accidents > 0;
  });
  return {
    kind: 'table',
    title,
    header: [[keyHeader, ...FIGURE_HEADER]],
    rows: [...shown.map((r) => [r.label, ...figureCells(r)]), ['合计', ...figureCells(table.total)]],
    widths: [3, 1, 1.3, 1, 1.3, 1, 1.3, 2, 1.8],
    note: '注：死亡含失踪，受伤含重伤和轻伤；同比增减为本期减去年同期；直接经济损失按合计数平衡取舍至0.1万元。',
  };
}

/** "2026-03" → "3月": the trend is within one year (1 January to the period's end). */
const monthOf = (key: string) => `${Number(key.slice(5, 7))}月`;

/** 图 and 表 of the monthly trend: the chart compares the accidents, the table adds the deaths. */
function trendFigure(body: BulletinBody, figure: number, table: number): LayoutBlock[] {
  return [
    {
      kind: 'chart',
      title: `图${figure} 事故起数月度趋势（今年与去年同期）`,
      categories: body.trend.map((r) => monthOf(r.key)),
      series: [
        { name: '今年', values: body.trend.map((r) => r.current.accidents) },
        { name: '去年同期', values: body.trend.map((r) => r.previous.accidents) },
      ],
      valueAxisTitle: '事故起数（起）',
    },
    {
      kind: 'table',
      title: `表${table} 事故起数和死亡人数月度情况`,
      header: [['月份', '今年起数', '去年同期起数', '今年死亡', '去年同期死亡']],
      rows: body.trend.map((r) => [
        r.label,
        String(r.current.accidents),
        String(r.previous.accidents),
        String(r.current.deaths),
        String(r.previous.deaths),
      ]),
      widths: [2, 1, 1, 1, 1],
      note: '注：死亡含失踪。',
    },
  ];
}

/**
 * 图 and 表 by industry (GB/T 4754 门类 with accidents in either period): horizontal bars of the accidents, as the
 * names are long, most this period first as the text names them; the table in 门类 order as the other breakdowns, with
 * deaths, injuries and losses. Nothing when no industry had any.
 */
function industryFigure(body: BulletinBody, figure: number, table: number): LayoutBlock[] {
  const rows = body.breakdowns.industry.filter((r) => r.current.accidents > 0 || r.previous.accidents > 0);
  if (rows.length === 0) return [];
  const charted = rows.toSorted(
    (a, b) => b.current.accidents - a.current.accidents || b.previous.accidents - a.previous.accidents,
  );
  return [
    {
      kind: 'chart',
      type: 'bar',
      title: `图${figure} 分行业事故起数（本期与去年同期）`,
      categories: charted.map((r) => r.label),
      series: [
        { name: '本期', values: charted.map((r) => r.current.accidents) },
        { name: '去年同期', values: charted.map((r) => r.previous.accidents) },
      ],
      valueAxisTitle: '事故起数（起）',
      heightMm: Math.min(180, Math.max(70, 25 + 11 * rows.length)),
    },
    breakdownTable(`表${table} 分行业事故情况`, '行业门类', body.breakdowns.industry, body.summary),
  ];
}

function docBlocks(body: BulletinBody): LayoutBlock[] {
  const total: StatComparison = body.summary;
  let tables = 0;
  let charts = 0;
  const out: LayoutBlock[] = [];
  for (const b of body.composed.blocks as BulletinBlock[]) {
    switch (b.kind) {
      case 'table': {
        tables += 1;
        const spec = {
          domain: { title: '分领域事故情况', key: '领域' },
          region: { title: '分地区事故情况', key: '地区' },
          type: { title: '分类型事故情况', key: '事故类型' },
        }[b.ref];
        out.push(breakdownTable(`表${tables} ${spec.title}`, spec.key, body.breakdowns[b.ref], total));
        break;
      }
      case 'chart': {
        const figure = b.ref === 'trend' ? trendFigure : industryFigure;
        const blocks = figure(body, charts + 1, tables + 1);
        if (blocks.length > 0) {
          charts += 1;
          tables += 1;
        }
        out.push(...blocks);
        break;
      }
      default:
        out.push(b);
    }
  }
  return out;
}

/** The bulletin as laid out on paper: the .docx and the browser's print view (GET /api/bulletins/:id/layout). */
export function bulletinLayout(b: Bulletin): DocumentLayout {
  const c = b.body.composed;
  return {
    title: c.title,
    recipients: c.recipients,
    blocks: docBlocks(b.body),
    signature: c.issuingOrgan,
    date: c.dateText,
  };
}

export async function bulletinDocx(b: Bulletin): Promise<Buffer> {
  return buildOfficialDocx({ ...bulletinLayout(b), description: `${b.kind} ${b.periodFrom} – ${b.periodTo}` });
}

export const bulletinFileName = (b: Bulletin, ext: 'docx' | 'txt') => `${b.title}.${ext}`;
