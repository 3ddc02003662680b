/**
 * 行政处罚自由裁量基准: the platform's national default table for the penalty articles of 《中华人民共和国安全生产法》
 * (2021年6月10日第三次修正, in force 2021-09-01) that 应急管理部门 apply most: 第九十三条 to 第一百一十二条.
 *
 * Source of every `lawText`: LawRefBook/Laws `社会法/安全生产法(2021-06-10).md` (identical in that repository's
 * `社会法/安全生产法.md`). Quoted verbatim, except that the ASCII ':' the copy puts after an article's lead-in was
 * written as '：'. Articles left out: 第一百条 (refers to the laws on dangerous goods), 第一百零七条 (处分 by the unit,
 * no fine), 第一百一十一条 (governments and departments, 处分 only). 第一百一十三条 (关闭) and 第一百一十四条 (accident
 * fines on the unit) lie outside 93–112.
 *
 * How the platform splits a statutory range into 情节 steps (a province or bureau may override the table):
 * - Two ranges (first instance, then 逾期未改正 / 拒不改正 / 拒不执行): the first range is cut at its quarter and its
 *   half: 轻微 = lowest quarter, 一般 = second quarter, 较重 = upper half. A 轻微 step that starts at 0 also says when
 *   《行政处罚法》第三十三条 applies (不予 / 可以不予行政处罚); that is the only way a step reaches "no fine". 严重 = the
 *   second range, whole, with the other penalties the law attaches to it (停产停业整顿 …).
 * - One range: four quarters, 轻微 → 严重.
 * - Cuts are rounded to the nearest whole 千元 (half up). Ranges are in whole yuan and inclusive, so a step starts one
 *   yuan above the one before it. Where the law's two ranges share a boundary ("十万元以下" then "十万元以上"), the
 *   boundary amount belongs to the lower step and the 严重 step starts one yuan above it.
 * - Fines on 直接负责的主管人员和其他直接责任人员 that the law sets at the first instance are split at the same cuts.
 * - Accident-related fines on persons follow the graded bands of 《生产安全事故罚款处罚规定》(应急管理部令第14号,
 *   in force 2024-03-01) as recorded in /work/shared/domain/regulations.md §10.3 (Arts 11, 20, 21); the rule's own
 *   text was not re-read for this table. Its percentage bands touch at their boundaries (20–30%, 30–40% …): the
 *   accident grade, not the percentage, picks the band, so touching percentages are not ambiguous.
 *
 * Codes: `aqsf-<article>` for an article with one violation, `-<n>` for its 第（n）项, `-k<n>` for its 第n款, and a
 * trailing letter for distinct acts within one 款 or sentence. Codes are stable: never renumber one.
 */

/** 情节 steps of a discretion benchmark, from the lightest. */
export const CIRCUMSTANCES = ['minor', 'general', 'serious', 'severe'] as const; // 轻微 / 一般 / 较重 / 严重
export type Circumstance = (typeof CIRCUMSTANCES)[number];

export const CIRCUMSTANCE_LABELS: Record<Circumstance, string> = {
  minor: '轻微',
  general: '一般',
  serious: '较重',
  severe: '严重',
};

/** Kinds of penalty (行政处罚法 第九条 as applied in 安全生产 enforcement). */
export const PENALTY_KINDS = [
  'warning',
  'fine',
  'confiscation',
  'suspension',
  'licence',
  'closure',
  'detention',
] as const;
// 警告, 罚款, 没收违法所得/非法财物, 责令停产停业(整顿), 暂扣/吊销许可, 关闭, 拘留(公安)
export type PenaltyKind = (typeof PENALTY_KINDS)[number];

export const PENALTY_KIND_LABELS: Record<PenaltyKind, string> = {
  warning: '警告',
  fine: '罚款',
  confiscation: '没收违法所得、非法财物',
  suspension: '责令停产停业（整顿）',
  licence: '暂扣、吊销许可证件或者资格',
  closure: '关闭',
  detention: '行政拘留',
};

/** Whole yuan, min ≤ max, both inclusive; "以下" ranges start at 0. */
export interface YuanRange {
  minYuan: number;
  maxYuan: number;
}

/** A share of the person's 上一年年收入, in per cent, both ends inclusive. */
export interface PercentRange {
  min: number;
  max: number;
}

export interface DiscretionStep {
  circumstance: Circumstance;
  /** when this step applies, in Chinese (e.g. "首次发现，未造成危害后果，立即改正"; "逾期未改正"). */
  conditions: string;
  /** fine on the unit (单位), if any */
  unitFine?: YuanRange;
  /** fine on 直接负责的主管人员和其他直接责任人员 or the named person, if any */
  personFine?: YuanRange;
  /** % of 上一年年收入 for the person (Arts 95, 96, 110), if any */
  incomePercent?: PercentRange;
  /** other penalties at this step (the fines above are not repeated here) */
  alsoKinds: PenaltyKind[];
}

/** The law's own ranges for an entry, as read in `lawText`, in the order the law gives them. */
export interface StatutoryRanges {
  /** fines on the unit: the first-instance range, then the 逾期未改正 / 拒不改正 range */
  unit?: YuanRange[];
  /** fines on the named person or on 直接负责的主管人员和其他直接责任人员 */
  person?: YuanRange[];
  /** % of 上一年年收入 */
  incomePercent?: PercentRange;
}

export interface ViolationEntry {
  /** stable code, e.g. 'aqsf-97-1' (law, article, item) */
  code: string;
  /** the act, short, in Chinese, as an inspector names it (e.g. "未按照规定对从业人员进行安全生产教育和培训") */
  title: string;
  /** the clause violated (违法条款), e.g. '《中华人民共和国安全生产法》第二十八条第一款' */
  violatedClause: string;
  /** the clause of the penalty (处罚依据), e.g. '《中华人民共和国安全生产法》第九十七条第（三）项' */
  penaltyClause: string;
  /** whom the penalty targets: the unit, or a person (主要负责人, 其他负责人, 个人经营的投资人 …) */
  party: 'unit' | 'person';
  /** the penalty clause verbatim */
  lawText: string;
  /** the law's ranges, as read in lawText */
  statutory: StatutoryRanges;
  /** the highest fine in yuan the law allows on `party` (fixed-amount part only), or null when it sets none in yuan */
  statutoryMaxYuan: number | null;
  /** the statutory range the steps split (the whole of the law's range for the first instance, and the 逾期未改正 range) */
  steps: DiscretionStep[];
  /** what the steps cannot express (multiples of 违法所得, daily penalties, the source of graded bands) */
  note?: string;
}

export interface DiscretionTable {
  version: string;
  title: string;
  effectiveFrom: string;
  entries: ViolationEntry[];
}

// ---------------------------------------------------------------------------------------------------------------
// Building the steps

const LAW = '《中华人民共和国安全生产法》';
const ITEM_MARKS = ['（一）', '（二）', '（三）', '（四）', '（五）', '（六）', '（七）', '（八）'] as const;

const yuan = (minYuan: number, maxYuan: number): YuanRange => ({ minYuan, maxYuan });
const WAN = 10_000;

const roundToThousand = (amount: number): number => Math.round(amount / 1000) * 1000;

/** Cuts a range at the given fractions (rounded to 千元) into contiguous, non-overlapping whole-yuan ranges. */
export function splitRange(range: YuanRange, cuts: readonly number[]): YuanRange[] {
  const parts: YuanRange[] = [];
  let start = range.minYuan;
  for (const cut of cuts) {
    const end = roundToThousand(range.minYuan + (range.maxYuan - range.minYuan) * cut);
    parts.push(yuan(start, end));
    start = end + 1;
  }
  parts.push(yuan(start, range.maxYuan));
  return parts;
}

/** 轻微 | 一般 | 较重 of a first-instance range. */
const FIRST_INSTANCE_CUTS = [0.25, 0.5] as const;
/** 轻微 | 一般 | 较重 | 严重 of a single range. */
const QUARTER_CUTS = [0.25, 0.5, 0.75] as const;

/** The 严重 range starts one yuan above the first-instance range when the two share a boundary. */
function above(range: YuanRange, previous: YuanRange | undefined): YuanRange {
  return previous && range.minYuan <= previous.maxYuan ? yuan(previous.maxYuan + 1, range.maxYuan) : range;
}

const ARTICLE_33 =
  '符合《中华人民共和国行政处罚法》第三十三条第一款规定情形的（违法行为轻微并及时改正，没有造成危害后果；初次违法且危害后果轻微并及时改正），依法不予或者可以不予行政处罚';

const MINOR = '首次被发现，违法行为轻微，未造成危害后果，立即改正或者在限期内改正';
const GENERAL = '违法情节一般：涉及范围较小、持续时间较短，未造成危害后果，积极配合调查并按要求改正';
const SERIOUS =
  '违法情节较重：涉及多个场所、岗位或者多名人员，持续时间较长，已形成事故隐患或者造成一定危害后果，或者二年内因同类违法行为受过行政处罚';
const SEVERE_SINGLE =
  '违法情节严重：造成危害后果或者恶劣社会影响，拒不配合调查，或者二年内因同类违法行为受过二次以上行政处罚';

/** The three first-instance conditions; the 轻微 one names 行政处罚法 第三十三条 when the range starts at 0. */
function firstInstanceConditions(startsAtZero: boolean): readonly [string, string, string] {
  return [startsAtZero ? `${MINOR}；${ARTICLE_33}` : MINOR, GENERAL, SERIOUS];
}

interface Tier {
  unit?: YuanRange;
  person?: YuanRange;
  kinds: PenaltyKind[];
}

/** 轻微 / 一般 / 较重 split the first-instance range; 严重 is the 逾期未改正 (or 拒不执行) range, whole. */
function tieredSteps(first: Tier, severe: Tier & { conditions: string }): DiscretionStep[] {
  const unitParts = first.unit && splitRange(first.unit, FIRST_INSTANCE_CUTS);
  const personParts = first.person && splitRange(first.person, FIRST_INSTANCE_CUTS);
  const conditions = firstInstanceConditions((first.unit ?? first.person)?.minYuan === 0);
  const steps: DiscretionStep[] = (['minor', 'general', 'serious'] as const).map((circumstance, i) => ({
    circumstance,
    conditions: conditions[i] ?? '',
    ...(unitParts?.[i] ? { unitFine: unitParts[i] } : {}),
    ...(personParts?.[i] ? { personFine: personParts[i] } : {}),
    alsoKinds: [...first.kinds],
  }));
  steps.push({
    circumstance: 'severe',
    conditions: severe.conditions,
    ...(severe.unit ? { unitFine: above(severe.unit, first.unit) } : {}),
    ...(severe.person ? { personFine: above(severe.person, first.person) } : {}),
    alsoKinds: [...severe.kinds],
  });
  return steps;
}

/** One range split into four quarters, 轻微 → 严重. */
function quarteredSteps(spec: Tier & { conditions?: readonly [string, string, string, string] }): DiscretionStep[] {
  const unitParts = spec.unit && splitRange(spec.unit, QUARTER_CUTS);
  const personParts = spec.person && splitRange(spec.person, QUARTER_CUTS);
  const conditions = spec.conditions ?? [
    ...firstInstanceConditions((spec.unit ?? spec.person)?.minYuan === 0),
    SEVERE_SINGLE,
  ];
  return CIRCUMSTANCES.map((circumstance, i) => ({
    circumstance,
    conditions: conditions[i] ?? '',
    ...(unitParts?.[i] ? { unitFine: unitParts[i] } : {}),
    ...(personParts?.[i] ? { personFine: personParts[i] } : {}),
    alsoKinds: [...spec.kinds],
  }));
}

const maxOf = (ranges: readonly YuanRange[] | undefined): number | null =>
  ranges && ranges.length > 0 ? Math.max(...ranges.map((r) => r.maxYuan)) : null;

type EntrySpec = Omit<ViolationEntry, 'statutoryMaxYuan' | 'violatedClause' | 'penaltyClause'> & {
  violated: string;
  penalty: string;
};

/** Fills in the law's name and the statutory maximum on the entry's party. */
function entry(spec: EntrySpec): ViolationEntry {
  const { violated, penalty, ...rest } = spec;
  return {
    ...rest,
    violatedClause: `${LAW}${violated}`,
    penaltyClause: `${LAW}${penalty}`,
    statutoryMaxYuan: maxOf(spec.party === 'unit' ? spec.statutory.unit : spec.statutory.person),
  };
}

interface ArticleItems {
  /** e.g. 97 */
  article: number;
  /** e.g. '第九十七条' */
  articleName: string;
  /** the lead-in, verbatim, ending with '：' */
  chapeau: string;
  /** each 项, verbatim without its mark, with the clause it breaks */
  items: readonly (readonly [text: string, violated: string])[];
  party: 'unit' | 'person';
  statutory: StatutoryRanges;
  steps: DiscretionStep[];
  note?: string;
}

/** One entry per 项 of an article whose 项 share one penalty; every entry gets the same steps. */
function perItem(spec: ArticleItems): ViolationEntry[] {
  return spec.items.map(([text, violated], i) => {
    const mark = ITEM_MARKS[i] ?? `（${i + 1}）`;
    return entry({
      code: `aqsf-${spec.article}-${i + 1}`,
      title: text.replace(/的[；。]$/, ''),
      violated,
      penalty: `${spec.articleName}第${mark}项`,
      party: spec.party,
      lawText: `${spec.chapeau}\n${mark}${text}`,
      statutory: spec.statutory,
      steps: spec.steps.map((s) => ({ ...s, alsoKinds: [...s.alsoKinds] })),
      ...(spec.note ? { note: spec.note } : {}),
    });
  });
}

const OVERDUE = '责令限期改正，逾期未改正';

// ---------------------------------------------------------------------------------------------------------------
// 第九十三条 — 第九十六条: 资金投入 and the duties of 主要负责人 and other managers

const ART_93_K1 =
  '生产经营单位的决策机构、主要负责人或者个人经营的投资人不依照本法规定保证安全生产所必需的资金投入，致使生产经营单位不具备安全生产条件的，责令限期改正，提供必需的资金；逾期未改正的，责令生产经营单位停产停业整顿。';
const ART_93_K2 =
  '有前款违法行为，导致发生生产安全事故的，对生产经营单位的主要负责人给予撤职处分，对个人经营的投资人处二万元以上二十万元以下的罚款；构成犯罪的，依照刑法有关规定追究刑事责任。';

const ART_94 =
  '生产经营单位的主要负责人未履行本法规定的安全生产管理职责的，责令限期改正，处二万元以上五万元以下的罚款；逾期未改正的，处五万元以上十万元以下的罚款，责令生产经营单位停产停业整顿。';

const ART_95_CHAPEAU =
  '生产经营单位的主要负责人未履行本法规定的安全生产管理职责，导致发生生产安全事故的，由应急管理部门依照下列规定处以罚款：';
const ART_95_ITEMS = [
  ['发生一般事故的，处上一年年收入百分之四十的罚款；', '一般事故', 40],
  ['发生较大事故的，处上一年年收入百分之六十的罚款；', '较大事故', 60],
  ['发生重大事故的，处上一年年收入百分之八十的罚款；', '重大事故', 80],
  ['发生特别重大事故的，处上一年年收入百分之一百的罚款。', '特别重大事故', 100],
] as const;

const ART_96 =
  '生产经营单位的其他负责人和安全生产管理人员未履行本法规定的安全生产管理职责的，责令限期改正，处一万元以上三万元以下的罚款；导致发生生产安全事故的，暂停或者吊销其与安全生产有关的资格，并处上一年年收入百分之二十以上百分之五十以下的罚款；构成犯罪的，依照刑法有关规定追究刑事责任。';

const RULE_14 = '《生产安全事故罚款处罚规定》（应急管理部令第14号）';

const DUTIES_ENTRIES: ViolationEntry[] = [
  entry({
    code: 'aqsf-93-k1',
    title: '不依照规定保证安全生产所必需的资金投入，致使生产经营单位不具备安全生产条件',
    violated: '第二十三条第一款',
    penalty: '第九十三条第一款',
    party: 'unit',
    lawText: ART_93_K1,
    statutory: {},
    steps: [
      {
        circumstance: 'general',
        conditions: '首次被发现：责令限期改正，提供必需的资金（责令改正不是行政处罚，本款不设罚款）',
        alsoKinds: [],
      },
      { circumstance: 'severe', conditions: `${OVERDUE}：责令生产经营单位停产停业整顿`, alsoKinds: ['suspension'] },
    ],
  }),
  entry({
    code: 'aqsf-93-k2',
    title: '个人经营的投资人未保证安全生产所必需的资金投入，导致发生生产安全事故',
    violated: '第二十三条第一款',
    penalty: '第九十三条第二款',
    party: 'person',
    lawText: `${ART_93_K1}\n${ART_93_K2}`,
    statutory: { person: [yuan(2 * WAN, 20 * WAN)] },
    steps: [
      {
        circumstance: 'minor',
        conditions: `发生一般事故（${RULE_14}第二十一条）`,
        personFine: yuan(2 * WAN, 5 * WAN),
        alsoKinds: [],
      },
      {
        circumstance: 'general',
        conditions: `发生较大事故（${RULE_14}第二十一条）`,
        personFine: yuan(5 * WAN + 1, 10 * WAN),
        alsoKinds: [],
      },
      {
        circumstance: 'serious',
        conditions: `发生重大事故（${RULE_14}第二十一条）`,
        personFine: yuan(10 * WAN + 1, 15 * WAN),
        alsoKinds: [],
      },
      {
        circumstance: 'severe',
        conditions: `发生特别重大事故（${RULE_14}第二十一条）`,
        personFine: yuan(15 * WAN + 1, 20 * WAN),
        alsoKinds: [],
      },
    ],
    note: `罚款对象为个人经营的投资人；对主要负责人给予撤职处分不属于应急管理部门的行政处罚。分档依${RULE_14}第二十一条按事故等级确定（据 regulations.md §10.3 记载，未复核原文）。`,
  }),
  entry({
    code: 'aqsf-94',
    title: '生产经营单位的主要负责人未履行本法规定的安全生产管理职责',
    violated: '第二十一条',
    penalty: '第九十四条第一款',
    party: 'person',
    lawText: ART_94,
    statutory: { person: [yuan(2 * WAN, 5 * WAN), yuan(5 * WAN, 10 * WAN)] },
    steps: tieredSteps(
      { person: yuan(2 * WAN, 5 * WAN), kinds: [] },
      {
        person: yuan(5 * WAN, 10 * WAN),
        kinds: ['suspension'],
        conditions: `${OVERDUE}：并责令生产经营单位停产停业整顿`,
      },
    ),
    note: '导致发生生产安全事故的，依第九十五条处罚（见 aqsf-95-*）；撤职处分不属于应急管理部门的行政处罚。',
  }),
  ...ART_95_ITEMS.map(([text, grade, percent], i) =>
    entry({
      code: `aqsf-95-${i + 1}`,
      title: `主要负责人未履行安全生产管理职责，导致发生${grade}`,
      violated: '第二十一条',
      penalty: `第九十五条第${ITEM_MARKS[i]}项`,
      party: 'person',
      lawText: `${ART_95_CHAPEAU}\n${ITEM_MARKS[i]}${text}`,
      statutory: { incomePercent: { min: percent, max: percent } },
      steps: [
        {
          circumstance: 'general',
          conditions: `发生${grade}（比例由法律确定，无裁量幅度）`,
          incomePercent: { min: percent, max: percent },
          alsoKinds: [],
        },
      ],
      note: `上一年年收入难以确定的，依${RULE_14}第四条按本省上一年度城镇单位就业人员平均工资的五倍以上十倍以下计算（据 regulations.md §10.3 记载）。`,
    }),
  ),
  entry({
    code: 'aqsf-96a',
    title: '生产经营单位的其他负责人、安全生产管理人员未履行本法规定的安全生产管理职责',
    violated: '第五条、第二十五条第一款',
    penalty: '第九十六条',
    party: 'person',
    lawText: ART_96,
    statutory: { person: [yuan(1 * WAN, 3 * WAN)] },
    steps: quarteredSteps({ person: yuan(1 * WAN, 3 * WAN), kinds: [] }),
  }),
  entry({
    code: 'aqsf-96b',
    title: '其他负责人、安全生产管理人员未履行安全生产管理职责，导致发生生产安全事故',
    violated: '第五条、第二十五条第一款',
    penalty: '第九十六条',
    party: 'person',
    lawText: ART_96,
    statutory: { incomePercent: { min: 20, max: 50 } },
    steps: (
      [
        ['minor', '一般事故', 20, 30],
        ['general', '较大事故', 30, 40],
        ['serious', '重大事故', 40, 50],
        ['severe', '特别重大事故', 50, 50],
      ] as const
    ).map(([circumstance, grade, min, max]) => ({
      circumstance,
      conditions: `发生${grade}（${RULE_14}第二十条）`,
      incomePercent: { min, max },
      alsoKinds: ['licence'],
    })),
    note: `暂停或者吊销其与安全生产有关的资格，并处罚款。分档依${RULE_14}第二十条按事故等级确定（据 regulations.md §10.3 记载，未复核原文）。`,
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// 第九十七条 — 第九十九条

const ART_97 = perItem({
  article: 97,
  articleName: '第九十七条',
  chapeau:
    '生产经营单位有下列行为之一的，责令限期改正，处十万元以下的罚款；逾期未改正的，责令停产停业整顿，并处十万元以上二十万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处二万元以上五万元以下的罚款：',
  items: [
    ['未按照规定设置安全生产管理机构或者配备安全生产管理人员、注册安全工程师的；', '第二十四条、第二十七条第三款'],
    [
      '危险物品的生产、经营、储存、装卸单位以及矿山、金属冶炼、建筑施工、运输单位的主要负责人和安全生产管理人员未按照规定经考核合格的；',
      '第二十七条第二款',
    ],
    [
      '未按照规定对从业人员、被派遣劳动者、实习学生进行安全生产教育和培训，或者未按照规定如实告知有关的安全生产事项的；',
      '第二十八条第一款至第三款、第四十四条第一款',
    ],
    ['未如实记录安全生产教育和培训情况的；', '第二十八条第四款'],
    ['未将事故隐患排查治理情况如实记录或者未向从业人员通报的；', '第四十一条第二款'],
    ['未按照规定制定生产安全事故应急救援预案或者未定期组织演练的；', '第八十一条'],
    ['特种作业人员未按照规定经专门的安全作业培训并取得相应资格，上岗作业的。', '第三十条第一款'],
  ],
  party: 'unit',
  statutory: { unit: [yuan(0, 10 * WAN), yuan(10 * WAN, 20 * WAN)], person: [yuan(2 * WAN, 5 * WAN)] },
  steps: tieredSteps(
    { unit: yuan(0, 10 * WAN), kinds: [] },
    {
      unit: yuan(10 * WAN, 20 * WAN),
      person: yuan(2 * WAN, 5 * WAN),
      kinds: ['suspension'],
      conditions: `${OVERDUE}：责令停产停业整顿，并处罚款，对直接负责的主管人员和其他直接责任人员处罚款`,
    },
  ),
});

const ART_98 = perItem({
  article: 98,
  articleName: '第九十八条',
  chapeau:
    '生产经营单位有下列行为之一的，责令停止建设或者停产停业整顿，限期改正，并处十万元以上五十万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处二万元以上五万元以下的罚款；逾期未改正的，处五十万元以上一百万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处五万元以上十万元以下的罚款；构成犯罪的，依照刑法有关规定追究刑事责任：',
  items: [
    ['未按照规定对矿山、金属冶炼建设项目或者用于生产、储存、装卸危险物品的建设项目进行安全评价的；', '第三十二条'],
    [
      '矿山、金属冶炼建设项目或者用于生产、储存、装卸危险物品的建设项目没有安全设施设计或者安全设施设计未按照规定报经有关部门审查同意的；',
      '第三十三条第二款',
    ],
    [
      '矿山、金属冶炼建设项目或者用于生产、储存、装卸危险物品的建设项目的施工单位未按照批准的安全设施设计施工的；',
      '第三十四条第一款',
    ],
    [
      '矿山、金属冶炼建设项目或者用于生产、储存、装卸危险物品的建设项目竣工投入生产或者使用前，安全设施未经验收合格的。',
      '第三十四条第二款',
    ],
  ],
  party: 'unit',
  statutory: {
    unit: [yuan(10 * WAN, 50 * WAN), yuan(50 * WAN, 100 * WAN)],
    person: [yuan(2 * WAN, 5 * WAN), yuan(5 * WAN, 10 * WAN)],
  },
  steps: tieredSteps(
    { unit: yuan(10 * WAN, 50 * WAN), person: yuan(2 * WAN, 5 * WAN), kinds: ['suspension'] },
    {
      unit: yuan(50 * WAN, 100 * WAN),
      person: yuan(5 * WAN, 10 * WAN),
      kinds: ['suspension'],
      conditions: '责令停止建设或者停产停业整顿、限期改正，逾期未改正',
    },
  ),
  note: '每一档均责令停止建设或者停产停业整顿，限期改正。',
});

const ART_99 = perItem({
  article: 99,
  articleName: '第九十九条',
  chapeau:
    '生产经营单位有下列行为之一的，责令限期改正，处五万元以下的罚款；逾期未改正的，处五万元以上二十万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处一万元以上二万元以下的罚款；情节严重的，责令停产停业整顿；构成犯罪的，依照刑法有关规定追究刑事责任：',
  items: [
    ['未在有较大危险因素的生产经营场所和有关设施、设备上设置明显的安全警示标志的；', '第三十五条'],
    ['安全设备的安装、使用、检测、改造和报废不符合国家标准或者行业标准的；', '第三十六条第一款'],
    ['未对安全设备进行经常性维护、保养和定期检测的；', '第三十六条第二款'],
    [
      '关闭、破坏直接关系生产安全的监控、报警、防护、救生设备、设施，或者篡改、隐瞒、销毁其相关数据、信息的；',
      '第三十六条第三款',
    ],
    ['未为从业人员提供符合国家标准或者行业标准的劳动防护用品的；', '第四十五条'],
    [
      '危险物品的容器、运输工具，以及涉及人身安全、危险性较大的海洋石油开采特种设备和矿山井下特种设备未经具有专业资质的机构检测、检验合格，取得安全使用证或者安全标志，投入使用的；',
      '第三十七条',
    ],
    ['使用应当淘汰的危及生产安全的工艺、设备的；', '第三十八条第三款'],
    ['餐饮等行业的生产经营单位使用燃气未安装可燃气体报警装置的。', '第三十六条第四款'],
  ],
  party: 'unit',
  statutory: { unit: [yuan(0, 5 * WAN), yuan(5 * WAN, 20 * WAN)], person: [yuan(1 * WAN, 2 * WAN)] },
  steps: tieredSteps(
    { unit: yuan(0, 5 * WAN), kinds: [] },
    {
      unit: yuan(5 * WAN, 20 * WAN),
      person: yuan(1 * WAN, 2 * WAN),
      kinds: ['suspension'],
      conditions: `${OVERDUE}：处罚款，对直接负责的主管人员和其他直接责任人员处罚款；责令停产停业整顿仅适用于情节严重的`,
    },
  ),
});

// ---------------------------------------------------------------------------------------------------------------
// 第一百零一条 — 第一百零六条

const ART_101 = perItem({
  article: 101,
  articleName: '第一百零一条',
  chapeau:
    '生产经营单位有下列行为之一的，责令限期改正，处十万元以下的罚款；逾期未改正的，责令停产停业整顿，并处十万元以上二十万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处二万元以上五万元以下的罚款；构成犯罪的，依照刑法有关规定追究刑事责任：',
  items: [
    [
      '生产、经营、运输、储存、使用危险物品或者处置废弃危险物品，未建立专门安全管理制度、未采取可靠的安全措施的；',
      '第三十九条第二款',
    ],
    ['对重大危险源未登记建档，未进行定期检测、评估、监控，未制定应急预案，或者未告知应急措施的；', '第四十条第一款'],
    [
      '进行爆破、吊装、动火、临时用电以及国务院应急管理部门会同国务院有关部门规定的其他危险作业，未安排专门人员进行现场安全管理的；',
      '第四十三条',
    ],
    ['未建立安全风险分级管控制度或者未按照安全风险分级采取相应管控措施的；', '第四十一条第一款'],
    ['未建立事故隐患排查治理制度，或者重大事故隐患排查治理情况未按照规定报告的。', '第四十一条第二款'],
  ],
  party: 'unit',
  statutory: { unit: [yuan(0, 10 * WAN), yuan(10 * WAN, 20 * WAN)], person: [yuan(2 * WAN, 5 * WAN)] },
  steps: tieredSteps(
    { unit: yuan(0, 10 * WAN), kinds: [] },
    {
      unit: yuan(10 * WAN, 20 * WAN),
      person: yuan(2 * WAN, 5 * WAN),
      kinds: ['suspension'],
      conditions: `${OVERDUE}：责令停产停业整顿，并处罚款，对直接负责的主管人员和其他直接责任人员处罚款`,
    },
  ),
});

const ART_102 =
  '生产经营单位未采取措施消除事故隐患的，责令立即消除或者限期消除，处五万元以下的罚款；生产经营单位拒不执行的，责令停产停业整顿，对其直接负责的主管人员和其他直接责任人员处五万元以上十万元以下的罚款；构成犯罪的，依照刑法有关规定追究刑事责任。';

const ART_103_K1 =
  '生产经营单位将生产经营项目、场所、设备发包或者出租给不具备安全生产条件或者相应资质的单位或者个人的，责令限期改正，没收违法所得；违法所得十万元以上的，并处违法所得二倍以上五倍以下的罚款；没有违法所得或者违法所得不足十万元的，单处或者并处十万元以上二十万元以下的罚款；对其直接负责的主管人员和其他直接责任人员处一万元以上二万元以下的罚款；导致发生生产安全事故给他人造成损害的，与承包方、承租方承担连带赔偿责任。';
const ART_103_K2 =
  '生产经营单位未与承包单位、承租单位签订专门的安全生产管理协议或者未在承包合同、租赁合同中明确各自的安全生产管理职责，或者未对承包单位、承租单位的安全生产统一协调、管理的，责令限期改正，处五万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处一万元以下的罚款；逾期未改正的，责令停产停业整顿。';
const ART_103_K3A =
  '矿山、金属冶炼建设项目和用于生产、储存、装卸危险物品的建设项目的施工单位未按照规定对施工项目进行安全管理的，责令限期改正，处十万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处二万元以下的罚款；逾期未改正的，责令停产停业整顿。';
const ART_103_K3B =
  '以上施工单位倒卖、出租、出借、挂靠或者以其他形式非法转让施工资质的，责令停产停业整顿，吊销资质证书，没收违法所得；违法所得十万元以上的，并处违法所得二倍以上五倍以下的罚款，没有违法所得或者违法所得不足十万元的，单处或者并处十万元以上二十万元以下的罚款；对其直接负责的主管人员和其他直接责任人员处五万元以上十万元以下的罚款；构成犯罪的，依照刑法有关规定追究刑事责任。';

const ILLEGAL_INCOME_NOTE =
  '表中单位罚款档次适用于没有违法所得或者违法所得不足十万元的情形（单处或者并处）；违法所得十万元以上的，没收违法所得并处违法所得二倍以上五倍以下的罚款，不适用表中金额。';

const ART_104 =
  '两个以上生产经营单位在同一作业区域内进行可能危及对方安全生产的生产经营活动，未签订安全生产管理协议或者未指定专职安全生产管理人员进行安全检查与协调的，责令限期改正，处五万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处一万元以下的罚款；逾期未改正的，责令停产停业。';

const ART_105 = perItem({
  article: 105,
  articleName: '第一百零五条',
  chapeau:
    '生产经营单位有下列行为之一的，责令限期改正，处五万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处一万元以下的罚款；逾期未改正的，责令停产停业整顿；构成犯罪的，依照刑法有关规定追究刑事责任：',
  items: [
    [
      '生产、经营、储存、使用危险物品的车间、商店、仓库与员工宿舍在同一座建筑内，或者与员工宿舍的距离不符合安全要求的；',
      '第四十二条第一款',
    ],
    [
      '生产经营场所和员工宿舍未设有符合紧急疏散需要、标志明显、保持畅通的出口、疏散通道，或者占用、锁闭、封堵生产经营场所或者员工宿舍出口、疏散通道的。',
      '第四十二条第二款',
    ],
  ],
  party: 'unit',
  statutory: { unit: [yuan(0, 5 * WAN)], person: [yuan(0, 1 * WAN)] },
  steps: tieredSteps(
    { unit: yuan(0, 5 * WAN), person: yuan(0, 1 * WAN), kinds: [] },
    { kinds: ['suspension'], conditions: `${OVERDUE}：责令停产停业整顿` },
  ),
});

const ART_106 =
  '生产经营单位与从业人员订立协议，免除或者减轻其对从业人员因生产安全事故伤亡依法应承担的责任的，该协议无效；对生产经营单位的主要负责人、个人经营的投资人处二万元以上十万元以下的罚款。';

const CONTRACT_ENTRIES: ViolationEntry[] = [
  entry({
    code: 'aqsf-102',
    title: '未采取措施消除事故隐患',
    violated: '第四十一条第二款',
    penalty: '第一百零二条',
    party: 'unit',
    lawText: ART_102,
    statutory: { unit: [yuan(0, 5 * WAN)], person: [yuan(5 * WAN, 10 * WAN)] },
    steps: tieredSteps(
      { unit: yuan(0, 5 * WAN), kinds: [] },
      {
        person: yuan(5 * WAN, 10 * WAN),
        kinds: ['suspension'],
        conditions:
          '责令立即消除或者限期消除，生产经营单位拒不执行：责令停产停业整顿，对直接负责的主管人员和其他直接责任人员处罚款',
      },
    ),
  }),
  entry({
    code: 'aqsf-103-k1',
    title: '将生产经营项目、场所、设备发包或者出租给不具备安全生产条件或者相应资质的单位或者个人',
    violated: '第四十九条第一款',
    penalty: '第一百零三条第一款',
    party: 'unit',
    lawText: ART_103_K1,
    statutory: { unit: [yuan(10 * WAN, 20 * WAN)], person: [yuan(1 * WAN, 2 * WAN)] },
    steps: quarteredSteps({ unit: yuan(10 * WAN, 20 * WAN), person: yuan(1 * WAN, 2 * WAN), kinds: ['confiscation'] }),
    note: `责令限期改正；有违法所得的，没收违法所得。${ILLEGAL_INCOME_NOTE}`,
  }),
  entry({
    code: 'aqsf-103-k2',
    title: '未与承包单位、承租单位签订专门的安全生产管理协议或者未明确各自的安全生产管理职责，或者未对其统一协调、管理',
    violated: '第四十九条第二款',
    penalty: '第一百零三条第二款',
    party: 'unit',
    lawText: ART_103_K2,
    statutory: { unit: [yuan(0, 5 * WAN)], person: [yuan(0, 1 * WAN)] },
    steps: tieredSteps(
      { unit: yuan(0, 5 * WAN), person: yuan(0, 1 * WAN), kinds: [] },
      { kinds: ['suspension'], conditions: `${OVERDUE}：责令停产停业整顿` },
    ),
  }),
  entry({
    code: 'aqsf-103-k3a',
    title: '矿山、金属冶炼和危险物品建设项目的施工单位未按照规定对施工项目进行安全管理',
    violated: '第四十九条第三款',
    penalty: '第一百零三条第三款',
    party: 'unit',
    lawText: ART_103_K3A,
    statutory: { unit: [yuan(0, 10 * WAN)], person: [yuan(0, 2 * WAN)] },
    steps: tieredSteps(
      { unit: yuan(0, 10 * WAN), person: yuan(0, 2 * WAN), kinds: [] },
      { kinds: ['suspension'], conditions: `${OVERDUE}：责令停产停业整顿` },
    ),
  }),
  entry({
    code: 'aqsf-103-k3b',
    title: '矿山、金属冶炼和危险物品建设项目的施工单位倒卖、出租、出借、挂靠或者以其他形式非法转让施工资质',
    violated: '第四十九条第三款',
    penalty: '第一百零三条第三款',
    party: 'unit',
    lawText: ART_103_K3B,
    statutory: { unit: [yuan(10 * WAN, 20 * WAN)], person: [yuan(5 * WAN, 10 * WAN)] },
    steps: quarteredSteps({
      unit: yuan(10 * WAN, 20 * WAN),
      person: yuan(5 * WAN, 10 * WAN),
      kinds: ['suspension', 'licence', 'confiscation'],
    }),
    note: `每一档均责令停产停业整顿，吊销资质证书，没收违法所得。${ILLEGAL_INCOME_NOTE}`,
  }),
  entry({
    code: 'aqsf-104',
    title: '同一作业区域内未签订安全生产管理协议或者未指定专职安全生产管理人员进行安全检查与协调',
    violated: '第四十八条',
    penalty: '第一百零四条',
    party: 'unit',
    lawText: ART_104,
    statutory: { unit: [yuan(0, 5 * WAN)], person: [yuan(0, 1 * WAN)] },
    steps: tieredSteps(
      { unit: yuan(0, 5 * WAN), person: yuan(0, 1 * WAN), kinds: [] },
      { kinds: ['suspension'], conditions: `${OVERDUE}：责令停产停业` },
    ),
  }),
  ...ART_105,
  entry({
    code: 'aqsf-106',
    title: '与从业人员订立协议，免除或者减轻其对从业人员因生产安全事故伤亡依法应承担的责任',
    violated: '第五十二条第二款',
    penalty: '第一百零六条',
    party: 'person',
    lawText: ART_106,
    statutory: { person: [yuan(2 * WAN, 10 * WAN)] },
    steps: quarteredSteps({ person: yuan(2 * WAN, 10 * WAN), kinds: [] }),
    note: '罚款对象为生产经营单位的主要负责人、个人经营的投资人；该协议无效。',
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// 第一百零八条 — 第一百一十二条

const ART_108 =
  '违反本法规定，生产经营单位拒绝、阻碍负有安全生产监督管理职责的部门依法实施监督检查的，责令改正；拒不改正的，处二万元以上二十万元以下的罚款；对其直接负责的主管人员和其他直接责任人员处一万元以上二万元以下的罚款；构成犯罪的，依照刑法有关规定追究刑事责任。';

const ART_109 =
  '高危行业、领域的生产经营单位未按照国家规定投保安全生产责任保险的，责令限期改正，处五万元以上十万元以下的罚款；逾期未改正的，处十万元以上二十万元以下的罚款。';

const ART_110_K1 =
  '生产经营单位的主要负责人在本单位发生生产安全事故时，不立即组织抢救或者在事故调查处理期间擅离职守或者逃匿的，给予降级、撤职的处分，并由应急管理部门处上一年年收入百分之六十至百分之一百的罚款；对逃匿的处十五日以下拘留；构成犯罪的，依照刑法有关规定追究刑事责任。';
const ART_110_K2 = '生产经营单位的主要负责人对生产安全事故隐瞒不报、谎报或者迟报的，依照前款规定处罚。';

const ART_112 =
  '生产经营单位违反本法规定，被责令改正且受到罚款处罚，拒不改正的，负有安全生产监督管理职责的部门可以自作出责令改正之日的次日起，按照原处罚数额按日连续处罚。';

const REFUSED = '责令改正，拒不改正';

/** 第一百一十条: 60–80% in general, 80–100% when the act made things worse (令第14号 第十一条). */
function article110Steps(extraKinds: PenaltyKind[]): DiscretionStep[] {
  return [
    {
      circumstance: 'general',
      conditions: `未贻误事故抢救、未造成事故扩大、未影响事故调查，也未造成重大社会影响（${RULE_14}第十一条）`,
      incomePercent: { min: 60, max: 80 },
      alsoKinds: [...extraKinds],
    },
    {
      circumstance: 'severe',
      conditions: `贻误事故抢救或者造成事故扩大，影响事故调查，或者造成重大社会影响（${RULE_14}第十一条）`,
      incomePercent: { min: 80, max: 100 },
      alsoKinds: [...extraKinds],
    },
  ];
}

const ARTICLE_110_NOTE = `降级、撤职的处分不属于应急管理部门的行政处罚。分档依${RULE_14}第十一条（据 regulations.md §10.3 记载，未复核原文）。`;
const DETENTION_NOTE =
  '对逃匿的处十五日以下拘留，由公安机关依照治安管理处罚的规定决定（第一百一十五条），应急管理部门移送。';

const ART_110: ViolationEntry[] = [
  ...(
    [
      ['a', '主要负责人在本单位发生生产安全事故时不立即组织抢救', [] as PenaltyKind[]],
      ['b', '主要负责人在事故调查处理期间擅离职守', [] as PenaltyKind[]],
      ['c', '主要负责人在事故调查处理期间逃匿', ['detention'] as PenaltyKind[]],
    ] as const
  ).map(([letter, title, kinds]) =>
    entry({
      code: `aqsf-110-k1${letter}`,
      title,
      violated: '第五十条',
      penalty: '第一百一十条第一款',
      party: 'person',
      lawText: ART_110_K1,
      statutory: { incomePercent: { min: 60, max: 100 } },
      steps: article110Steps(kinds),
      note: kinds.length > 0 ? `${ARTICLE_110_NOTE}${DETENTION_NOTE}` : ARTICLE_110_NOTE,
    }),
  ),
  ...(
    [
      ['a', '主要负责人对生产安全事故隐瞒不报'],
      ['b', '主要负责人对生产安全事故谎报'],
      ['c', '主要负责人对生产安全事故迟报'],
    ] as const
  ).map(([letter, title]) =>
    entry({
      code: `aqsf-110-k2${letter}`,
      title,
      violated: '第八十三条第二款',
      penalty: '第一百一十条第二款',
      party: 'person',
      lawText: `${ART_110_K1}\n${ART_110_K2}`,
      statutory: { incomePercent: { min: 60, max: 100 } },
      steps: article110Steps([]),
      note: ARTICLE_110_NOTE,
    }),
  ),
];

const LATE_ENTRIES: ViolationEntry[] = [
  entry({
    code: 'aqsf-108',
    title: '拒绝、阻碍负有安全生产监督管理职责的部门依法实施监督检查',
    violated: '第六十六条',
    penalty: '第一百零八条',
    party: 'unit',
    lawText: ART_108,
    statutory: { unit: [yuan(2 * WAN, 20 * WAN)], person: [yuan(1 * WAN, 2 * WAN)] },
    steps: quarteredSteps({
      unit: yuan(2 * WAN, 20 * WAN),
      person: yuan(1 * WAN, 2 * WAN),
      kinds: [],
      conditions: [
        `${REFUSED}，拒绝、阻碍的时间短，未造成其他后果`,
        `${REFUSED}，拖延、推诿，致使监督检查未能按时完成`,
        `${REFUSED}，以暴力、威胁以外的方式阻碍监督检查，或者隐匿、销毁有关资料`,
        `${REFUSED}，以暴力、威胁方法阻碍监督检查，或者致使违法行为、事故隐患未能被查处`,
      ],
    }),
    note: '首次拒绝、阻碍的，先责令改正（不罚款）；拒不改正的，才适用表中罚款。',
  }),
  entry({
    code: 'aqsf-109',
    title: '高危行业、领域的生产经营单位未按照国家规定投保安全生产责任保险',
    violated: '第五十一条第二款',
    penalty: '第一百零九条',
    party: 'unit',
    lawText: ART_109,
    statutory: { unit: [yuan(5 * WAN, 10 * WAN), yuan(10 * WAN, 20 * WAN)] },
    steps: tieredSteps(
      { unit: yuan(5 * WAN, 10 * WAN), kinds: [] },
      { unit: yuan(10 * WAN, 20 * WAN), kinds: [], conditions: OVERDUE },
    ),
  }),
  ...ART_110,
  entry({
    code: 'aqsf-112',
    title: '被责令改正且受到罚款处罚，拒不改正（按日连续处罚）',
    violated: '（原违法行为所违反的条款）',
    penalty: '第一百一十二条',
    party: 'unit',
    lawText: ART_112,
    statutory: {},
    steps: [],
    note: '按日连续处罚：自作出责令改正之日的次日起，按照原处罚数额按日连续处罚；数额由原处罚决定确定，本表不设档次。',
  }),
];

export const NATIONAL_DISCRETION_TABLE: DiscretionTable = {
  version: '2021-09-01.1',
  title: '《中华人民共和国安全生产法》行政处罚自由裁量基准（平台默认，第九十三条至第一百一十二条）',
  effectiveFrom: '2021-09-01',
  entries: [...DUTIES_ENTRIES, ...ART_97, ...ART_98, ...ART_99, ...ART_101, ...CONTRACT_ENTRIES, ...LATE_ENTRIES],
};

const BY_CODE = new Map(NATIONAL_DISCRETION_TABLE.entries.map((e) => [e.code, e]));

/** The entry with this code, if the table has it. */
export function violationByCode(code: string): ViolationEntry | undefined {
  return BY_CODE.get(code);
}
