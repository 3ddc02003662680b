/**
 * Bulletins (事故情况通报, issue 3 scope 4): the period a bulletin covers, its title, 主送, and its text composed from
 * figures. Pure: the server gathers the figures, this file writes the words; the .docx and the plain text are two
 * renderings of the same composed blocks.
 *
 * Layout of the text follows the usual 通报 of the bureaus: 标题, 主送, a lead sentence, 一、事故总体情况 (the
 * opening paragraph of statistics.ts, exactly), 二、分行业（领域）情况, 三、分地区情况, 四、分类型情况,
 * 五、较大及以上事故情况, 六、下步工作要求, then 发文机关署名 and 成文日期 (GB/T 9704-2012 7.3.5: Arabic numerals,
 * year, month and day in full: "2026年11月25日").
 */
import {
  compareValue,
  formatPercent,
  type Indicators,
  openingParagraph,
  type Period,
  periodContaining,
} from './statistics.js';
import { shanghaiDay } from './time.js';

export const BULLETIN_KINDS = ['weekly', 'monthly', 'quarterly', 'range'] as const;
export type BulletinKind = (typeof BULLETIN_KINDS)[number];

/** The names the work plans use: 周分析、月通报、季研判, and any period. */
export const BULLETIN_KIND_LABELS: Record<BulletinKind, string> = {
  weekly: '周分析',
  monthly: '月通报',
  quarterly: '季度研判',
  range: '任意时段',
};

const TITLE_SUFFIX: Record<BulletinKind, string> = {
  weekly: '生产安全事故情况分析',
  monthly: '生产安全事故情况通报',
  quarterly: '安全生产形势研判',
  range: '生产安全事故情况通报',
};

const UNIT_OF_KIND = { weekly: 'week', monthly: 'month', quarterly: 'quarter' } as const;

// ─── Dates ──────────────────────────────────────────────────────────────────────────────────────────────────

interface Ymd {
  y: number;
  m: number;
  d: number;
}

function ymd(at: Date): Ymd {
  const s = shanghaiDay(at);
  return { y: Number(s.slice(0, 4)), m: Number(s.slice(4, 6)), d: Number(s.slice(6, 8)) };
}

/** 成文日期 and other dates: "2026年11月25日" (Asia/Shanghai). */
export function chineseDate(at: Date): string {
  const { y, m, d } = ymd(at);
  return `${y}年${m}月${d}日`;
}

const same = (a: Date, b: Date) => a.getTime() === b.getTime();

/** The last calendar day inside [from, to). */
const lastDay = (p: Period) => new Date(p.to.getTime() - 1);

/** "2026年3月5日至4月10日", "2025年12月1日至2026年1月15日", or one day "2026年3月5日". */
export function dateRangeLabel(p: Period): string {
  const a = ymd(p.from);
  const b = ymd(lastDay(p));
  if (a.y === b.y && a.m === b.m && a.d === b.d) return chineseDate(p.from);
  if (a.y !== b.y) return `${chineseDate(p.from)}至${chineseDate(lastDay(p))}`;
  if (a.m !== b.m) return `${chineseDate(p.from)}至${b.m}月${b.d}日`;
  return `${chineseDate(p.from)}至${b.d}日`;
}

const QUARTER_NAMES = ['一', '二', '三', '四'];

/**
 * How a period is named, from its calendar shape: "2026年10月", "2026年第三季度", "2026年", "2026年1—10月" (from
 * 1 January to the end of a month), otherwise the date range.
 */
export function periodName(p: Period): string {
  const { y, m } = ymd(p.from);
  if (same(p.from, periodContaining('month', p.from).from) && same(p.to, periodContaining('month', p.from).to)) {
    return `${y}年${m}月`;
  }
  const quarter = periodContaining('quarter', p.from);
  if (same(p.from, quarter.from) && same(p.to, quarter.to)) return `${y}年第${QUARTER_NAMES[(m - 1) / 3]}季度`;
  const year = periodContaining('year', p.from);
  if (same(p.from, year.from)) {
    if (same(p.to, year.to)) return `${y}年`;
    const end = periodContaining('month', lastDay(p));
    if (same(p.to, end.to) && p.to.getTime() < year.to.getTime()) return `${y}年1—${ymd(lastDay(p)).m}月`;
  }
  return dateRangeLabel(p);
}

// ─── Period of a bulletin ───────────────────────────────────────────────────────────────────────────────────

export interface BulletinPeriod {
  /** What the bulletin covers: [from, to), `to` never after the moment it is produced. */
  period: Period;
  /** The whole calendar period asked for (a week, month, quarter, or the range); named in the title. */
  nominal: Period;
  /** True when the nominal period was still running: figures are "so far" (to = now). */
  ongoing: boolean;
}

export type BulletinPeriodError = 'from_required' | 'to_required' | 'after_to' | 'not_started';

/**
 * The period of a bulletin: weekly, monthly and quarterly take the calendar week (Monday first), month or quarter
 * containing `from` (default: now); a range needs both ends. A period still running is cut at `now`, so the 同比
 * compares the same days of last year, not a whole month with a part of one.
 */
export function bulletinPeriod(
  kind: BulletinKind,
  given: { from?: Date | undefined; to?: Date | undefined },
  now: Date,
): BulletinPeriod | { error: BulletinPeriodError; field: 'from' | 'to' } {
  let nominal: Period;
  if (kind === 'range') {
    if (!given.from) return { error: 'from_required', field: 'from' };
    if (!given.to) return { error: 'to_required', field: 'to' };
    nominal = { from: given.from, to: given.to };
    if (nominal.from.getTime() >= nominal.to.getTime()) return { error: 'after_to', field: 'from' };
  } else {
    nominal = periodContaining(UNIT_OF_KIND[kind], given.from ?? now);
  }
  if (nominal.from.getTime() >= now.getTime()) return { error: 'not_started', field: 'from' };
  // A period ending now or later is "so far" (a range posted with to = now is this year to date, seed 004).
  const ongoing = nominal.to.getTime() >= now.getTime();
  return { period: { from: nominal.from, to: ongoing ? now : nominal.to }, nominal, ongoing };
}

/**
 * The lead phrase of the opening paragraph: "截至到目前" for this year so far (seed 004), "11月1日以来" for another
 * period still running, else the period's name ("2026年10月", "2026年1—10月" …).
 */
export function asOfPhrase(bp: BulletinPeriod): string {
  if (!bp.ongoing) return periodName(bp.period);
  if (same(bp.period.from, periodContaining('year', bp.period.from).from)) return '截至到目前';
  const { m, d } = ymd(bp.period.from);
  return `${m}月${d}日以来`;
}

// ─── Names ──────────────────────────────────────────────────────────────────────────────────────────────────

/** 全国 / 全省 / 全市 / 全区 / 全县 … from the region's name; 本辖区 when the name has no usual ending. */
export function scopeLabel(level: string, name: string): string {
  if (level === 'national') return '全国';
  if (name.endsWith('自治区') || name.endsWith('特别行政区')) return '全区';
  for (const suffix of ['街道', '地区']) if (name.endsWith(suffix)) return `全${suffix}`;
  const last = name.slice(-1);
  return '省市县区州盟旗镇乡'.includes(last) && last !== '' ? `全${last}` : '本辖区';
}

/** "山东省2026年10月生产安全事故情况通报". */
export function bulletinTitle(kind: BulletinKind, regionName: string, nominal: Period): string {
  return `${regionName}${periodName(nominal)}${TITLE_SUFFIX[kind]}`;
}

/** 主送 by the level of the region reported on (ends with the full-width colon of GB/T 9704 7.3.2). */
export function defaultRecipients(level: string, scope: string): string {
  switch (level) {
    case 'national':
      return '各省、自治区、直辖市应急管理厅（局），新疆生产建设兵团应急管理局：';
    case 'province':
      return '各市应急管理局，省安委会有关成员单位：';
    case 'city':
      return '各区县应急管理局，市安委会有关成员单位：';
    default:
      return `各乡镇（街道），${scope.replace(/^全|^本/, '')}安委会有关成员单位：`;
  }
}

// ─── Sentences ──────────────────────────────────────────────────────────────────────────────────────────────

/** "减少5起、下降4%", "增加3起" (from a base of 0), "持平". */
function changeOf(current: number, previous: number, unit: string): string {
  const c = compareValue(current, previous);
  if (c.direction === 'flat') return '持平';
  const amount = `${c.direction === 'up' ? '增加' : '减少'}${Math.abs(c.change)}${unit}`;
  if (c.changePct === null) return amount;
  return `${amount}、${c.direction === 'up' ? '上升' : '下降'}${formatPercent(Math.abs(c.changePct))}%`;
}

export interface BreakdownLine {
  key: string;
  label: string;
  current: Indicators;
  previous: Indicators;
}

/**
 * One row of a breakdown as a clause: "{lead}12起、死亡3人，起数同比减少5起、下降29.4%，死亡人数同比持平", or
 * "{name}未发生事故（去年同期2起、死亡1人）" ("未发生坍塌事故（…）" for a name ending in 事故); null when nothing happened in
 * either period.
 */
export function breakdownClause(name: string, lead: string, row: BreakdownLine): string | null {
  const { current: c, previous: p } = row;
  if (c.accidents === 0 && p.accidents === 0) return null;
  // A type's name already ends in 事故 (坍塌事故): "未发生坍塌事故", never "坍塌事故未发生事故".
  const none = name.endsWith('事故') ? `未发生${name}` : `${name}未发生事故`;
  if (c.accidents === 0) return `${none}（去年同期${p.accidents}起、死亡${p.deaths}人）`;
  return (
    `${lead}${c.accidents}起、死亡${c.deaths}人，起数同比${changeOf(c.accidents, p.accidents, '起')}，` +
    `死亡人数同比${changeOf(c.deaths, p.deaths, '人')}`
  );
}

/** Rows by 本期 起数, then 死亡, descending (stable); rows with nothing in either period left out. */
function ranked(rows: readonly BreakdownLine[]): BreakdownLine[] {
  return rows
    .filter((r) => r.current.accidents > 0 || r.previous.accidents > 0)
    .map((r, i) => ({ r, i }))
    .sort(
      (a, b) => b.r.current.accidents - a.r.current.accidents || b.r.current.deaths - a.r.current.deaths || a.i - b.i,
    )
    .map(({ r }) => r);
}

function clauses(rows: readonly BreakdownLine[], name: (r: BreakdownLine) => string, lead: (n: string) => string) {
  return ranked(rows)
    .map((r) => breakdownClause(name(r), lead(name(r)), r))
    .filter((s): s is string => s !== null);
}

/** Clauses joined by "；" into a sentence, or the fallback when there are none. */
function sentence(prefix: string, parts: readonly string[], none: string): string {
  return parts.length === 0 ? none : `${prefix}${parts.join('；')}。`;
}

// ─── The whole bulletin ─────────────────────────────────────────────────────────────────────────────────────

export interface LargerAccident {
  occurredAt: Date;
  regionName: string;
  unitName: string;
  typeLabel: string;
  gradeLabel: string;
  deaths: number;
  injuries: number;
  summary: string;
}

export interface BulletinFigures {
  summary: { current: Indicators; previous: Indicators; largerCurrent: Indicators; largerPrevious: Indicators };
  byDomain: BreakdownLine[];
  byIndustry: BreakdownLine[];
  byRegion: BreakdownLine[];
  byType: BreakdownLine[];
  /** 较大及以上 accidents of the period in time order (possibly cut at a limit; the summary has the count). */
  larger: LargerAccident[];
}

export interface BulletinHeader {
  kind: BulletinKind;
  regionName: string;
  regionLevel: string;
  bulletinPeriod: BulletinPeriod;
  issuingOrgan: string;
  /** Default: by the region's level. */
  recipients?: string | undefined;
  /** 成文日期. */
  date: Date;
}

/**
 * The blocks of a bulletin in reading order. `table` and `chart` name figures the .docx shows at that point
 * (tables of the breakdowns, the trend and industry charts); the plain text leaves them out.
 */
export type BulletinBlock =
  | { kind: 'h1' | 'h2' | 'p'; text: string }
  | { kind: 'table'; ref: 'domain' | 'region' | 'type' }
  | { kind: 'chart'; ref: 'trend' | 'industry' };

export interface ComposedBulletin {
  title: string;
  recipients: string;
  blocks: BulletinBlock[];
  issuingOrgan: string;
  dateText: string;
}

const MAX_SUMMARY_CHARS = 120;

function brief(text: string): string {
  const t = text.trim().replace(/\s+/g, '');
  const chars = [...t];
  const cut = chars.length > MAX_SUMMARY_CHARS ? `${chars.slice(0, MAX_SUMMARY_CHARS).join('')}……` : t;
  return cut && !/[。！？…]$/.test(cut) ? `${cut}。` : cut;
}

function largerItem(a: LargerAccident, n: number): string {
  const casualties = [a.deaths > 0 ? `${a.deaths}人死亡` : '', a.injuries > 0 ? `${a.injuries}人受伤` : '']
    .filter(Boolean)
    .join('、');
  return (
    // "较大事故" names the grade; before the type it is "较大": 发生一起较大高处坠落事故.
    `${n}. ${chineseDate(a.occurredAt)}，${a.regionName}${a.unitName}发生一起${a.gradeLabel.replace(/事故$/, '')}${a.typeLabel}事故` +
    `${casualties ? `，造成${casualties}` : ''}。${brief(a.summary)}`
  );
}

export const WORK_REQUIREMENTS =
  '各地区、各有关部门要坚持人民至上、生命至上，深刻汲取事故教训，严格落实安全生产责任制，深入开展重点行业领域' +
  '安全隐患排查整治，盯紧事故多发的行业、地区和类型，严防各类生产安全事故发生，坚决遏制较大及以上事故；要严格执行' +
  '《生产安全事故报告和调查处理条例》，做到事故信息报告及时、准确、完整，杜绝迟报、漏报、谎报、瞒报。';

export function composeBulletin(h: BulletinHeader, f: BulletinFigures): ComposedBulletin {
  const scope = scopeLabel(h.regionLevel, h.regionName);
  const asOf = asOfPhrase(h.bulletinPeriod);
  const s = f.summary;
  const opening = openingParagraph({
    scopeLabel: scope,
    asOfLabel: asOf,
    current: s.current,
    previous: s.previous,
    largerCurrent: s.largerCurrent,
    largerPrevious: s.largerPrevious,
  });
  const blocks: BulletinBlock[] = [
    { kind: 'p', text: `现将${asOf === '截至到目前' ? '今年以来' : asOf}${scope}生产安全事故情况通报如下：` },
    { kind: 'h1', text: '一、事故总体情况' },
    { kind: 'p', text: opening },
    { kind: 'chart', ref: 'trend' },
    { kind: 'h1', text: '二、分行业（领域）情况' },
    { kind: 'h2', text: '（一）分领域情况。' },
    {
      kind: 'p',
      text: sentence(
        '',
        clauses(
          f.byDomain,
          (r) => `${r.label}领域`,
          (n) => `${n}发生事故`,
        ),
        '各领域均未发生生产安全事故。',
      ),
    },
    { kind: 'table', ref: 'domain' },
    { kind: 'h2', text: '（二）分行业情况。' },
    {
      kind: 'p',
      text: sentence(
        '',
        clauses(
          f.byIndustry,
          (r) => r.label,
          (n) => `${n}发生事故`,
        ),
        '各行业均未发生生产安全事故。',
      ),
    },
    { kind: 'chart', ref: 'industry' },
    { kind: 'h1', text: '三、分地区情况' },
    {
      kind: 'p',
      text: sentence(
        '',
        clauses(
          f.byRegion,
          (r) => r.label,
          (n) => `${n}发生事故`,
        ),
        '各地区均未发生生产安全事故。',
      ),
    },
    { kind: 'table', ref: 'region' },
    { kind: 'h1', text: '四、分类型情况' },
    {
      kind: 'p',
      text: sentence(
        '从事故类型看，',
        clauses(
          f.byType,
          (r) => `${r.label}事故`,
          (n) => n,
        ),
        '未发生生产安全事故。',
      ),
    },
    { kind: 'table', ref: 'type' },
    { kind: 'h1', text: '五、较大及以上事故情况' },
  ];
  if (s.largerCurrent.accidents === 0) {
    blocks.push({ kind: 'p', text: `${asOf}，${scope}未发生较大及以上生产安全事故。` });
  } else {
    blocks.push({
      kind: 'p',
      text:
        `${asOf}，${scope}共发生较大及以上事故${s.largerCurrent.accidents}起，死亡${s.largerCurrent.deaths}人，` +
        `受伤${s.largerCurrent.injuries}人，${f.larger.length < s.largerCurrent.accidents ? `以下列出前${f.larger.length}起：` : '具体如下：'}`,
    });
    f.larger.forEach((a, i) => {
      blocks.push({ kind: 'p', text: largerItem(a, i + 1) });
    });
  }
  blocks.push({ kind: 'h1', text: '六、下步工作要求' }, { kind: 'p', text: WORK_REQUIREMENTS });
  return {
    title: bulletinTitle(h.kind, h.regionName, h.bulletinPeriod.nominal),
    recipients: h.recipients?.trim() || defaultRecipients(h.regionLevel, scope),
    blocks,
    issuingOrgan: h.issuingOrgan,
    dateText: chineseDate(h.date),
  };
}

const INDENT = '\u3000\u3000';

/** The plain-text rendering: title, 主送, indented paragraphs and headings, then 署名 and 成文日期. */
export function bulletinText(b: ComposedBulletin): string {
  const lines = [b.title, '', b.recipients];
  for (const block of b.blocks) {
    if (block.kind === 'p' || block.kind === 'h1' || block.kind === 'h2') lines.push(`${INDENT}${block.text}`);
  }
  lines.push('', b.issuingOrgan, b.dateText, '');
  return lines.join('\n');
}
