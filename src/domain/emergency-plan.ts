/**
 * Emergency plans (应急预案) and their filing (备案), drills (演练) and evaluation (评估): 《生产安全事故应急预案管理办法》
 * (应急管理部令第2号, 2019), regulations.md §6, and 《生产安全事故应急条例》(国务院令第708号). Pure rules, no I/O.
 *
 * How "the last day still on time" is counted (every `…On` of the API is that day, Asia/Shanghai):
 * - working-day periods (备案 20 个工作日, 审核 5 个工作日) are counted on the official calendar (calendar.ts): the day
 *   of publication (or of receipt) is not counted (民法典 第二百零一条), weekends and 法定节假日 are skipped and 调休
 *   working days count; the n-th working day after it is the last day;
 * - month and year periods (演练 每年 / 每半年, 评估 每三年) end on the same day of the month (民法典 第二百零二条; a
 *   month without that day ends on its last day) and, when that day is a 法定休假日, on the first working day after it
 *   (第二百零三条) — so they need the calendar of the year they end in, and are unknown (CalendarGapError, never a
 *   Monday–Friday guess) until that year's notice is loaded; `nominalOn` then gives the unmoved day;
 * - a duty met on its last day is on time; it is overdue from 00:00 of the next day (the last day ends at 24:00,
 *   第二百零三条).
 */
import { type LocalDate, unlessCalendarGap, type WorkingCalendar } from './calendar.js';
import { addMonths } from './case-clocks.js';
import type { Sector } from './enterprise.js';

export const PLAN_KINDS = ['comprehensive', 'special', 'onsite'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
/** 第六条: 综合应急预案, 专项应急预案, 现场处置方案. */
export const PLAN_KIND_LABELS: Record<PlanKind, string> = {
  comprehensive: '综合应急预案',
  special: '专项应急预案',
  onsite: '现场处置方案',
};

/** Whose plan: a production unit's (生产经营单位) or a government's or department's (第二十五条, 第三十二条). */
export const PLAN_OWNERS = ['enterprise', 'government'] as const;
export type PlanOwner = (typeof PLAN_OWNERS)[number];

/** 第二十一条: 评审 (with its 书面评审纪要) is mandatory for the listed classes; the others may do 论证. */
export const REVIEW_KINDS = ['review', 'demonstration'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export const REVIEW_KIND_LABELS: Record<ReviewKind, string> = { review: '评审', demonstration: '论证' };

/** 第二十六条: 备案 within 20 working days of publication. */
export const FILING_WORKING_DAYS = 20;
/** 第二十八条: the department checks the materials within 5 working days. */
export const CHECK_WORKING_DAYS = 5;
/** 第三十三条第一款: 综合 or 专项 drill at least once a year. */
export const PLAN_DRILL_MONTHS = 12;
/** 第三十三条第一款: 现场处置方案 drill at least every half year; 第二款: high-risk units, every half year. */
export const ONSITE_DRILL_MONTHS = 6;
export const HIGH_RISK_DRILL_MONTHS = 6;
/** 第三十二条 (and 708号令 第八条): governments and departments drill at least every 2 years. */
export const GOVERNMENT_DRILL_MONTHS = 24;
/** 第三十五条: the listed classes evaluate their plans every 3 years. */
export const EVALUATION_MONTHS = 36;

// ————————————————————————————————————————— who must do what, from the enterprise registry

/**
 * The classes of the 办法 an enterprise falls in, read from the registry's fields (enterprise.ts, 0011_enterprises.sql):
 * its supervision sectors, its GB/T 4754 industry (门类 + 大类), its scale and whether it has 重大危险源.
 *
 * - dangerous_goods: 易燃易爆物品、危险化学品等危险物品的生产、经营、储存、运输单位 — the sectors 危险化学品 and 烟花爆竹
 *   (the registry does not tell 生产 from 经营 or 使用: every unit of the sector is counted, which includes the
 *   第二十一条 "使用危险化学品达到国家规定数量的化工企业"), and any unit with a 重大危险源 (it stores dangerous goods);
 * - mine: 矿山 — the sector 非煤矿山 or 门类 B (采矿业);
 * - metal_smelting: 金属冶炼 — 大类 C31 (黑色金属冶炼和压延加工业), C32 (有色金属冶炼和压延加工业);
 * - construction: 建筑施工 — 门类 E (建筑业);
 * - crowded_place: 宾馆、商场、娱乐场所、旅游景区 — 大类 H61 (住宿业), F52 (零售业), R90 (娱乐业), N78 (公共设施管理业,
 *   游览景区管理);
 * - medium_or_larger: 中型规模以上 (scale 大型 or 中型).
 * 城市轨道交通运营 (小类 5412) is inside 大类 G54 with road transport and cannot be told apart at the registry's two digits:
 * it is not derived (a limit of the registry, not a rule).
 */
export const ENTERPRISE_CLASSES = [
  'dangerous_goods',
  'mine',
  'metal_smelting',
  'construction',
  'crowded_place',
  'medium_or_larger',
] as const;
export type EnterpriseClass = (typeof ENTERPRISE_CLASSES)[number];
export const ENTERPRISE_CLASS_LABELS: Record<EnterpriseClass, string> = {
  dangerous_goods: '危险物品生产、经营、储存、运输单位',
  mine: '矿山',
  metal_smelting: '金属冶炼',
  construction: '建筑施工',
  crowded_place: '人员密集场所经营单位',
  medium_or_larger: '中型规模以上生产经营单位',
};

export interface RegistryFacts {
  sectors: readonly (Sector | string)[];
  industryCode: string;
  scale: string | null;
  majorHazardCount: number;
}

export function enterpriseClasses(e: RegistryFacts): EnterpriseClass[] {
  const division = e.industryCode.slice(0, 3);
  const section = e.industryCode.slice(0, 1);
  const has = (s: string) => e.sectors.includes(s);
  const out: EnterpriseClass[] = [];
  if (has('hazardous_chemicals') || has('fireworks') || e.majorHazardCount > 0) out.push('dangerous_goods');
  if (has('non_coal_mines') || section === 'B') out.push('mine');
  if (division === 'C31' || division === 'C32') out.push('metal_smelting');
  if (section === 'E') out.push('construction');
  if (['H61', 'F52', 'R90', 'N78'].includes(division)) out.push('crowded_place');
  if (e.scale === 'large' || e.scale === 'medium') out.push('medium_or_larger');
  return out;
}

/** 第二十六条 (and 708号令 第七条): the units that must file; the same list drills every half year (第三十三条第二款). */
const FILING_CLASSES: readonly EnterpriseClass[] = [
  'dangerous_goods',
  'mine',
  'metal_smelting',
  'construction',
  'crowded_place',
];
/** 第二十一条: 评审 mandatory (矿山、金属冶炼、危险物品、使用危化品的化工、烟花爆竹、中型规模以上). */
const REVIEW_CLASSES: readonly EnterpriseClass[] = ['dangerous_goods', 'mine', 'metal_smelting', 'medium_or_larger'];
/** 第三十五条: every 3 years an evaluation (the 第二十一条 list and 建筑施工). */
const EVALUATION_CLASSES: readonly EnterpriseClass[] = [...REVIEW_CLASSES, 'construction'];

export interface PlanDuties {
  classes: EnterpriseClass[];
  /** 第二十六条: files each plan (and each revision 第三十七条 names) within 20 working days. */
  filingRequired: boolean;
  /** 第二十一条: 评审 with its 书面评审纪要; otherwise 论证 is enough. */
  reviewRequired: boolean;
  /** 第三十三条第二款: a drill at least every half year, reported to the department. */
  highRisk: boolean;
  /** 第三十五条: evaluated every 3 years. */
  evaluationRequired: boolean;
}

export function planDuties(e: RegistryFacts): PlanDuties {
  const classes = enterpriseClasses(e);
  const any = (list: readonly EnterpriseClass[]) => classes.some((c) => list.includes(c));
  return {
    classes,
    filingRequired: any(FILING_CLASSES),
    reviewRequired: any(REVIEW_CLASSES),
    highRisk: any(FILING_CLASSES),
    evaluationRequired: any(EVALUATION_CLASSES),
  };
}

/** A government's or department's plan: filed with 同级人民政府 (第二十五条, off the platform), drilled every 2 years. */
export const GOVERNMENT_DUTIES: PlanDuties = {
  classes: [],
  filingRequired: false,
  reviewRequired: false,
  highRisk: false,
  evaluationRequired: false,
};

// ————————————————————————————————————————— filing

export function filingDueOn(cal: WorkingCalendar, publishedOn: LocalDate): LocalDate {
  return cal.addWorkingDays(publishedOn, FILING_WORKING_DAYS);
}

/**
 * The versions whose filing duty is open or was last met (第二十六条, 第三十七条): the latest version that must be filed
 * (the one to submit: filing it files the plan as it now stands) and the day its duty ends. A revision that must be filed
 * again does not erase the duty of an earlier version still unfiled: that duty arose on its publication (第二十六条,
 * 20 working days) and 第三十七条 adds a new one, it does not discharge the old. So the duty runs from the earliest
 * version that must be filed after the last one filed (complete or deemed): its last day stays, overdue if passed,
 * until the latest version is filed. `filed` lists the versions with a complete or deemed answer.
 */
export function filingTarget(
  versions: readonly { revision: number; publishedOn: LocalDate; requiresFiling: boolean }[],
  filed: readonly number[],
): { revision: number; fromPublishedOn: LocalDate } | null {
  const toFile = versions.filter((v) => v.requiresFiling).sort((a, b) => a.revision - b.revision);
  const last = toFile.at(-1);
  if (!last) return null;
  const before = filed.filter((r) => r < last.revision);
  const floor = before.length ? Math.max(...before) : 0;
  const first = toFile.find((v) => v.revision > floor) ?? last;
  return { revision: last.revision, fromPublishedOn: first.publishedOn };
}

/** The bureau's answer is due 5 working days after the materials were received; unanswered, the plan is deemed filed. */
export function checkDueOn(cal: WorkingCalendar, receivedOn: LocalDate): LocalDate {
  return cal.addWorkingDays(receivedOn, CHECK_WORKING_DAYS);
}

/** 第二十七条: what a filing carries. The 评审意见 only for the 第二十一条 classes. */
export const FILING_MATERIALS = ['application', 'review_opinion', 'plan_document', 'risk_and_resources'] as const;
export type FilingMaterial = (typeof FILING_MATERIALS)[number];
export const FILING_MATERIAL_LABELS: Record<FilingMaterial, string> = {
  application: '生产经营单位生产安全事故应急预案备案申报表',
  review_opinion: '应急预案评审意见',
  plan_document: '应急预案电子文档',
  risk_and_resources: '风险评估结果和应急资源调查清单',
};

export function requiredMaterials(reviewRequired: boolean): FilingMaterial[] {
  return FILING_MATERIALS.filter((m) => m !== 'review_opinion' || reviewRequired);
}

/** The materials the 第二十七条 list asks for that a filing lacks (the bureau may name others in its notice). */
export function missingMaterials(reviewRequired: boolean, submitted: readonly string[]): FilingMaterial[] {
  return requiredMaterials(reviewRequired).filter((m) => !submitted.includes(m));
}

/**
 * The state of a revision's filing:
 * - not_required: the unit is not of the 第二十六条 classes (or the revision needs no re-filing, 第三十七条);
 * - pending: not yet filed, its last day not passed; overdue: passed;
 * - submitted: received, awaiting the bureau's check (5 working days);
 * - filed: complete, a 备案登记表 with its number; incomplete: the one notice of what is missing, to be filed again;
 * - deemed: no answer by the check's last day, and so filed (第二十八条).
 */
export const FILING_STATUSES = [
  'not_required',
  'pending',
  'overdue',
  'submitted',
  'filed',
  'incomplete',
  'deemed',
] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];
export const FILING_STATUS_LABELS: Record<FilingStatus, string> = {
  not_required: '无需备案',
  pending: '待备案',
  overdue: '逾期未备案',
  submitted: '已报备待审核',
  filed: '已备案',
  incomplete: '材料不齐（已一次性告知）',
  deemed: '视为已备案',
};

export type FilingOutcome = 'complete' | 'incomplete' | 'deemed';

export function filingStatus(p: {
  required: boolean;
  dueOn: LocalDate | null;
  today: LocalDate;
  /** The latest submission and its outcome, if any. */
  last: { outcome: FilingOutcome | null } | null;
}): FilingStatus {
  if (p.last?.outcome === 'complete') return 'filed';
  if (p.last?.outcome === 'deemed') return 'deemed';
  if (p.last && p.last.outcome === null) return 'submitted';
  if (!p.required) return 'not_required';
  if (p.last?.outcome === 'incomplete') return 'incomplete';
  return p.dueOn !== null && p.today > p.dueOn ? 'overdue' : 'pending';
}

/** Whether the filing duty is met (the clock stops). */
export const FILING_DONE: ReadonlySet<FilingStatus> = new Set(['not_required', 'filed', 'deemed']);

// ————————————————————————————————————————— periods of months

export interface PeriodDue {
  /** The last day still on time, or null while its year has no official calendar. */
  dueOn: LocalDate | null;
  /** The day the months end on, before moving off a 法定休假日. */
  nominalOn: LocalDate;
}

/** `months` months from `from` (民法典 第二百零二条), moved off a 法定休假日 (第二百零三条). */
export function monthsDue(cal: WorkingCalendar, from: LocalDate, months: number): PeriodDue {
  const nominalOn = addMonths(from, months);
  return { dueOn: unlessCalendarGap(() => cal.lastDayOfPeriod(nominalOn)), nominalOn };
}

/** Overdue once the last day has passed; a period still waiting for its calendar year ends in the future. */
export function isOverdue(due: PeriodDue | LocalDate | null, today: LocalDate): boolean {
  if (due === null) return false;
  if (typeof due === 'string') return today > due;
  return due.dueOn !== null ? today > due.dueOn : today > due.nominalOn;
}

// ————————————————————————————————————————— drills

export const DRILL_FORMS = ['tabletop', 'live'] as const;
export type DrillForm = (typeof DRILL_FORMS)[number];
export const DRILL_FORM_LABELS: Record<DrillForm, string> = { tabletop: '桌面演练', live: '实战演练' };

/**
 * The drill duties (第三十三条, 第三十二条). The frequencies are minimums for the unit, not per plan (regulations.md §6: the
 * ministry's replies), so they are counted per owner (an enterprise, or a government's region):
 * - plan: a drill of any 综合 or 专项 plan of the unit at least once a year — while the unit has such a plan;
 * - onsite: a drill of any 现场处置方案 of the unit at least every half year — while it has one;
 * - high_risk: for the 第三十三条第二款 units, a drill of any of its plans at least every half year;
 * - government: a government's or department's plans, at least every 2 years.
 * - a drill meets high_risk only once reported to the 县级以上 department (第三十三条第二款, 708号令 第八条: "并将演练情况
 *   报送"); an unreported one is shown as 未报告 (`unreportedOn`) and still meets plan / onsite.
 * Each runs from the unit's latest drill that meets it, else from the publication of its earliest current plan that
 * the duty concerns (a new plan is drilled within its first period).
 */
export const DRILL_DUTIES = ['plan', 'onsite', 'high_risk', 'government'] as const;
export type DrillDuty = (typeof DRILL_DUTIES)[number];
export const DRILL_DUTY_LABELS: Record<DrillDuty, string> = {
  plan: '综合/专项预案演练（每年至少一次）',
  onsite: '现场处置方案演练（每半年至少一次）',
  high_risk: '高危行业单位演练（每半年至少一次，报送演练情况）',
  government: '政府部门预案演练（每两年至少一次）',
};
const DUTY_MONTHS: Record<DrillDuty, number> = {
  plan: PLAN_DRILL_MONTHS,
  onsite: ONSITE_DRILL_MONTHS,
  high_risk: HIGH_RISK_DRILL_MONTHS,
  government: GOVERNMENT_DRILL_MONTHS,
};

/** The duties a drill of a plan of this kind meets, for this owner. */
export function dutiesMetBy(owner: PlanOwner, kind: PlanKind, highRisk: boolean): DrillDuty[] {
  if (owner === 'government') return ['government'];
  return [kind === 'onsite' ? 'onsite' : 'plan', ...(highRisk ? (['high_risk'] as const) : [])];
}

export interface OwnerPlanFacts {
  id: string;
  kind: PlanKind;
  /** Publication of the plan's first version (its drills are counted from then). */
  publishedOn: LocalDate;
}

export interface DrillFacts {
  planKind: PlanKind;
  drilledOn: LocalDate;
  /** The day it was reported to the 县级以上 department (第三十三条第二款), if it was. */
  reportedOn?: LocalDate | null;
}

export interface DrillClock {
  duty: DrillDuty;
  /** Where the period runs from: the latest drill meeting it, else the earliest plan's publication. */
  fromOn: LocalDate;
  lastDrilledOn: LocalDate | null;
  /**
   * high_risk only: the latest drill held after `lastDrilledOn` that was never reported to the department — it does not
   * meet the duty (第三十三条第二款 "并将演练情况报送…"), and is shown as 未报告.
   */
  unreportedOn: LocalDate | null;
  due: PeriodDue;
}

/** The owner's drill clocks, one per duty that applies. */
export function drillClocks(
  cal: WorkingCalendar,
  p: { owner: PlanOwner; highRisk: boolean; plans: readonly OwnerPlanFacts[]; drills: readonly DrillFacts[] },
): DrillClock[] {
  const out: DrillClock[] = [];
  for (const duty of DRILL_DUTIES) {
    const concerns = (kind: PlanKind) => dutiesMetBy(p.owner, kind, p.highRisk).includes(duty);
    const plans = p.plans.filter((x) => concerns(x.kind));
    if (plans.length === 0) continue;
    const held = p.drills.filter((d) => concerns(d.planKind));
    // 第三十三条第二款: a high-risk unit's half-yearly drill counts once reported to the department.
    const meets = duty === 'high_risk' ? held.filter((d) => Boolean(d.reportedOn)) : held;
    const latest = (days: LocalDate[]) => (days.length ? days.reduce((a, b) => (a > b ? a : b)) : null);
    const lastDrilledOn = latest(meets.map((d) => d.drilledOn));
    const unreportedOn =
      duty === 'high_risk'
        ? latest(
            held
              .filter((d) => !d.reportedOn && (!lastDrilledOn || d.drilledOn > lastDrilledOn))
              .map((d) => d.drilledOn),
          )
        : null;
    const fromOn = lastDrilledOn ?? plans.map((x) => x.publishedOn).reduce((a, b) => (a < b ? a : b));
    out.push({ duty, fromOn, lastDrilledOn, unreportedOn, due: monthsDue(cal, fromOn, DUTY_MONTHS[duty]) });
  }
  return out;
}

/** The earliest of the clocks a plan's drill would meet: the plan's next drill due. */
export function nextDrillDue(
  clocks: readonly DrillClock[],
  owner: PlanOwner,
  kind: PlanKind,
  highRisk: boolean,
): DrillClock | null {
  const met = dutiesMetBy(owner, kind, highRisk);
  const mine = clocks.filter((c) => met.includes(c.duty));
  if (mine.length === 0) return null;
  return mine.reduce((a, b) => (b.due.nominalOn < a.due.nominalOn ? b : a));
}

// ————————————————————————————————————————— evaluation (第三十五条)

/** Every 3 years from the latest evaluation, else from the publication of the plan's current version. */
export function evaluationDue(
  cal: WorkingCalendar,
  p: { required: boolean; publishedOn: LocalDate; lastEvaluatedOn: LocalDate | null },
): PeriodDue | null {
  if (!p.required) return null;
  const from = p.lastEvaluatedOn && p.lastEvaluatedOn > p.publishedOn ? p.lastEvaluatedOn : p.publishedOn;
  return monthsDue(cal, from, EVALUATION_MONTHS);
}

// ————————————————————————————————————————— revision (第三十六条, 第三十七条)

/** 第三十六条: the occasions on which a plan is revised in time. */
export const REVISION_TRIGGERS = [
  'law_changed',
  'command_changed',
  'risk_changed',
  'resources_changed',
  'drill_problem',
  'rescue_problem',
  'evaluation',
  'other',
] as const;
export type RevisionTrigger = (typeof REVISION_TRIGGERS)[number];
export const REVISION_TRIGGER_LABELS: Record<RevisionTrigger, string> = {
  law_changed: '依据的法律、法规、规章、标准及上位预案中的有关规定发生重大变化',
  command_changed: '应急指挥机构及其职责发生调整',
  risk_changed: '安全生产面临的风险发生重大变化',
  resources_changed: '重要应急资源发生重大变化',
  drill_problem: '在应急演练中发现需要修订预案的重大问题',
  rescue_problem: '在事故应急救援中发现需要修订预案的重大问题',
  evaluation: '应急预案评估认为需要修订',
  other: '编制单位认为应当修订的其他情况',
};

/** What a revision changes. 第三十七条: the first four need the plan filed again. */
export const REVISION_CHANGES = [
  'command_structure',
  'procedures',
  'main_measures',
  'response_levels',
  'contacts',
  'resources',
  'other',
] as const;
export type RevisionChange = (typeof REVISION_CHANGES)[number];
export const REVISION_CHANGE_LABELS: Record<RevisionChange, string> = {
  command_structure: '组织指挥体系',
  procedures: '应急处置程序',
  main_measures: '主要处置措施',
  response_levels: '应急响应分级',
  contacts: '通讯联络方式',
  resources: '应急资源清单',
  other: '其他内容',
};
const REFILING_CHANGES: ReadonlySet<RevisionChange> = new Set([
  'command_structure',
  'procedures',
  'main_measures',
  'response_levels',
]);

/** 第三十七条: a revision changing 组织指挥体系、处置程序、主要处置措施 or 响应分级 is filed again (by a unit that files). */
export function revisionNeedsRefiling(changes: readonly RevisionChange[]): boolean {
  return changes.some((c) => REFILING_CHANGES.has(c));
}
