/**
 * 分类分级监管 and the 年度监督检查计划 (issue 10 §1). 安全生产法 第六十二条: 应急管理部门应当按照分类分级监督管理的
 * 要求，制定安全生产年度监督检查计划，并按照年度监督检查计划进行监督检查.
 *
 * - An enterprise's supervision class (A 重点 / B 一般 / C 常规) follows from facts the platform holds, through a rule
 *   table a provincial administrator may revise (shipped defaults below; reasons in docs/SUPERVISION.md). The highest
 *   class any rule gives wins; no rule → C. Every matching rule is listed as a reason, the deciding ones marked.
 * - A plan lists inspections by class frequency (key enterprises) plus a random share; each item has a month. Its
 *   progress (done / due / overdue) is computed from the inspections recorded, never stored.
 * Pure: no I/O, no Node APIs (the web app uses the tables and labels). The 双随机 draw is supervision-draw.ts.
 */
import type { LocalDate } from './calendar.js';
import { type LicenceState, SECTOR_LABELS, type Sector } from './enterprise.js';

export const SUPERVISION_CLASSES = ['A', 'B', 'C'] as const;
export type SupervisionClass = (typeof SUPERVISION_CLASSES)[number];

export const CLASS_LABELS: Record<SupervisionClass, string> = {
  A: 'A类（重点监管）',
  B: 'B类（一般监管）',
  C: 'C类（常规监管）',
};

/** A before B before C: the lower the rank, the closer the supervision. */
const RANK: Record<SupervisionClass, number> = { A: 0, B: 1, C: 2 };

export const CLASS_FACTS = [
  'industry',
  'sector',
  'major_hazard',
  'accidents',
  'licence',
  'open_major_dangers',
] as const;
export type ClassFact = (typeof CLASS_FACTS)[number];

export const CLASS_FACT_LABELS: Record<ClassFact, string> = {
  industry: '行业',
  sector: '监管行业',
  major_hazard: '重大危险源',
  accidents: '近12个月事故',
  licence: '许可证状态',
  open_major_dangers: '未销号重大事故隐患',
};

/** Licence states that make an enterprise a case for closer supervision (无证或证照失效经营的风险). */
export const FAILED_LICENCE_STATES = ['expired', 'suspended', 'revoked'] as const;
export type FailedLicenceState = (typeof FAILED_LICENCE_STATES)[number];

interface RuleBase {
  class: SupervisionClass;
  /** Why the rule is there (shown with the table). */
  reason: string;
}

export type ClassRule =
  /** GB/T 4754 门类 letter or 门类 + 大类; an enterprise's code matches when it starts with one of them. */
  | (RuleBase & { fact: 'industry'; codes: string[] })
  | (RuleBase & { fact: 'sector'; sectors: Sector[] })
  /** The highest 重大危险源 grade is this grade or higher (1 = 一级 is the highest). */
  | (RuleBase & { fact: 'major_hazard'; maxGrade: number })
  /** At least minCount accidents in the last 12 months, with at least minDeaths deaths in all. */
  | (RuleBase & { fact: 'accidents'; minCount: number; minDeaths: number })
  | (RuleBase & { fact: 'licence'; states: FailedLicenceState[] })
  | (RuleBase & { fact: 'open_major_dangers'; min: number });

export interface ClassTable {
  rules: ClassRule[];
  /** Inspections a year planned for each class (0: not a key enterprise; reached by the random share). */
  frequencies: Record<SupervisionClass, number>;
  /** The share (%) of the other enterprises drawn at random into a plan (双随机). */
  randomPercent: number;
}

export const MAX_FREQUENCY = 12;

/** The shipped table. Each line's reason is in docs/SUPERVISION.md. */
export const DEFAULT_CLASS_TABLE: ClassTable = {
  rules: [
    {
      fact: 'industry',
      codes: ['B', 'C25', 'C26', 'C31', 'C32'],
      class: 'A',
      reason: '采矿（非煤矿山）、石油煤炭加工、化工、黑色和有色金属冶炼：事故后果严重的高危行业',
    },
    {
      fact: 'sector',
      sectors: ['hazardous_chemicals', 'non_coal_mines', 'fireworks'],
      class: 'A',
      reason: '危险化学品、非煤矿山、烟花爆竹：实行安全生产许可的行业（国务院令第397号第二条）',
    },
    { fact: 'major_hazard', maxGrade: 2, class: 'A', reason: '一级、二级重大危险源（GB 18218-2018）' },
    { fact: 'major_hazard', maxGrade: 4, class: 'B', reason: '构成重大危险源（三级、四级）' },
    { fact: 'accidents', minCount: 1, minDeaths: 1, class: 'A', reason: '近12个月发生造成死亡的生产安全事故' },
    { fact: 'accidents', minCount: 1, minDeaths: 0, class: 'B', reason: '近12个月发生生产安全事故' },
    {
      fact: 'licence',
      states: ['expired', 'suspended', 'revoked'],
      class: 'A',
      reason: '许可证过期、暂扣或吊销：须查处是否无证（证照失效）生产经营',
    },
    {
      fact: 'open_major_dangers',
      min: 1,
      class: 'A',
      reason: '存在未销号的重大事故隐患（安全生产法第四十一条：挂牌督办）',
    },
    {
      fact: 'sector',
      sectors: ['industry_trade'],
      class: 'B',
      reason: '工贸行业（冶金、有色、建材、机械、轻工、纺织、烟草、商贸）',
    },
  ],
  frequencies: { A: 4, B: 2, C: 0 },
  randomPercent: 20,
};

/** What the platform knows about an enterprise on the day of the classification. */
export interface ClassFacts {
  industryCode: string;
  sectors: readonly Sector[];
  /** The highest grade of its major hazard units in use (1 = 一级), null when it has none. */
  topHazardGrade: number | null;
  accidents12m: { count: number; deaths: number };
  /** Its licences that are not valid on the day (their type label and state). */
  failedLicences: readonly { label: string; state: LicenceState }[];
  openMajorDangers: number;
}

export interface ClassReason {
  fact: ClassFact;
  class: SupervisionClass;
  /** The fact as found, e.g. "重大危险源最高为二级". */
  text: string;
  /** The rule's own reason. */
  rule: string;
  /** True when this rule sets the enterprise's class (its class is the one given). */
  decisive: boolean;
}

export interface Classification {
  class: SupervisionClass;
  frequency: number;
  reasons: ClassReason[];
}

const GRADE_WORDS = ['', '一级', '二级', '三级', '四级'];

/** The fact a rule found, in words; null when the rule does not apply. */
function match(rule: ClassRule, f: ClassFacts): string | null {
  switch (rule.fact) {
    case 'industry': {
      const code = rule.codes.find((c) => f.industryCode.startsWith(c));
      return code ? `行业代码 ${f.industryCode} 属于 ${code}` : null;
    }
    case 'sector': {
      const hit = f.sectors.filter((s) => rule.sectors.includes(s));
      return hit.length ? `监管行业：${hit.map((s) => SECTOR_LABELS[s]).join('、')}` : null;
    }
    case 'major_hazard':
      return f.topHazardGrade !== null && f.topHazardGrade <= rule.maxGrade
        ? `重大危险源最高为${GRADE_WORDS[f.topHazardGrade] ?? f.topHazardGrade}`
        : null;
    case 'accidents':
      return f.accidents12m.count >= rule.minCount && f.accidents12m.deaths >= rule.minDeaths
        ? `近12个月发生事故${f.accidents12m.count}起，死亡${f.accidents12m.deaths}人`
        : null;
    case 'licence': {
      const hit = f.failedLicences.filter((l) => (rule.states as string[]).includes(l.state));
      return hit.length ? `许可证：${hit.map((l) => `${l.label}（${LICENCE_WORDS[l.state]}）`).join('、')}` : null;
    }
    case 'open_major_dangers':
      return f.openMajorDangers >= rule.min ? `未销号重大事故隐患${f.openMajorDangers}项` : null;
  }
}

const LICENCE_WORDS: Record<LicenceState, string> = {
  valid: '有效',
  expired: '过期',
  suspended: '暂扣',
  revoked: '吊销',
};

/** The class the table gives the facts: the closest class any rule sets, C when none applies. */
export function classify(facts: ClassFacts, table: ClassTable): Classification {
  const hits = table.rules.flatMap((rule) => {
    const text = match(rule, facts);
    return text === null ? [] : [{ fact: rule.fact, class: rule.class, text, rule: rule.reason }];
  });
  const cls = hits.reduce<SupervisionClass>((best, h) => (RANK[h.class] < RANK[best] ? h.class : best), 'C');
  return {
    class: cls,
    frequency: table.frequencies[cls],
    reasons: hits
      .map((h) => ({ ...h, decisive: h.class === cls }))
      .sort((a, b) => RANK[a.class] - RANK[b.class] || Number(b.decisive) - Number(a.decisive)),
  };
}

export interface TableProblem {
  path: string;
  code: string;
  message: string;
}

/**
 * What the schema cannot say about a table: a closer class must not be inspected less often than a looser one
 * (A ≥ B ≥ C), and a rule must not be empty.
 */
export function tableProblems(table: ClassTable): TableProblem[] {
  const problems: TableProblem[] = [];
  const f = table.frequencies;
  if (f.A < f.B) problems.push({ path: 'frequencies.A', code: 'order', message: 'A类的检查频次不能低于B类' });
  if (f.B < f.C) problems.push({ path: 'frequencies.B', code: 'order', message: 'B类的检查频次不能低于C类' });
  table.rules.forEach((r, i) => {
    const empty =
      (r.fact === 'industry' && r.codes.length === 0) ||
      (r.fact === 'sector' && r.sectors.length === 0) ||
      (r.fact === 'licence' && r.states.length === 0);
    if (empty) problems.push({ path: `rules.${i}`, code: 'empty', message: '规则须至少列出一项' });
  });
  return problems;
}

// ————————————————————————————————————————— the plan's months and progress

/**
 * The months of an enterprise's `frequency` inspections in a plan that starts in `firstMonth`: spread evenly over
 * the months left, each enterprise shifted by `stagger` inside its interval so the work does not pile up in the
 * first month of every quarter. Always within firstMonth..12.
 */
export function planMonths(frequency: number, firstMonth: number, stagger: number): number[] {
  const left = 13 - firstMonth;
  const width = Math.max(1, Math.floor(left / frequency));
  return Array.from(
    { length: frequency },
    (_, k) => firstMonth + Math.floor((k * left) / frequency) + (stagger % width),
  );
}

/** The month of the j-th of `count` enterprises drawn at random, spread over the months left. */
export function spreadMonth(j: number, count: number, firstMonth: number): number {
  return firstMonth + Math.floor((j * (13 - firstMonth)) / Math.max(1, count));
}

export const ITEM_STATUSES = ['done', 'due', 'overdue'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = { done: '已完成', due: '待检查', overdue: '已逾期' };

const monthKey = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

/** done when an inspection counts for it; overdue once its month is past in Asia/Shanghai; due until then. */
export function itemStatus(year: number, month: number, done: boolean, today: LocalDate): ItemStatus {
  if (done) return 'done';
  return today.slice(0, 7) > monthKey(year, month) ? 'overdue' : 'due';
}

export interface PlanItemRef {
  id: string;
  enterpriseId: string;
  month: number;
}

export interface InspectionRef {
  id: string;
  enterpriseId: string;
  planItemId: string | null;
  inspectedOn: LocalDate;
  /** By the plan's bureau (only these count without a link). */
  byBureau: boolean;
}

/**
 * Which inspection carries out which plan item, each inspection counting once. An inspection linked to an item
 * (plan_item_id) counts for it. Otherwise an inspection of the enterprise by the plan's bureau in the plan's year
 * counts for the earliest open item of that enterprise whose month has begun by the inspection's day.
 */
export function matchInspections(
  year: number,
  items: readonly PlanItemRef[],
  inspections: readonly InspectionRef[],
): Map<string, InspectionRef> {
  const done = new Map<string, InspectionRef>();
  const used = new Set<string>();
  const byDate = [...inspections].sort(
    (a, b) => a.inspectedOn.localeCompare(b.inspectedOn) || a.id.localeCompare(b.id),
  );
  const itemIds = new Set(items.map((i) => i.id));
  for (const ins of byDate) {
    if (ins.planItemId && itemIds.has(ins.planItemId) && !done.has(ins.planItemId)) {
      done.set(ins.planItemId, ins);
      used.add(ins.id);
    }
  }
  const open = [...items].filter((i) => !done.has(i.id)).sort((a, b) => a.month - b.month || a.id.localeCompare(b.id));
  for (const ins of byDate) {
    if (used.has(ins.id) || !ins.byBureau || !ins.inspectedOn.startsWith(`${year}-`)) continue;
    const item = open.find(
      (i) =>
        !done.has(i.id) && i.enterpriseId === ins.enterpriseId && ins.inspectedOn >= `${monthKey(year, i.month)}-01`,
    );
    if (item) {
      done.set(item.id, ins);
      used.add(ins.id);
    }
  }
  return done;
}

export interface Tally {
  planned: number;
  done: number;
  due: number;
  overdue: number;
}

export const emptyTally = (): Tally => ({ planned: 0, done: 0, due: 0, overdue: 0 });

export function addToTally(t: Tally, status: ItemStatus): void {
  t.planned += 1;
  t[status] += 1;
}

export function sumTallies(a: Tally, b: Tally): Tally {
  return { planned: a.planned + b.planned, done: a.done + b.done, due: a.due + b.due, overdue: a.overdue + b.overdue };
}
