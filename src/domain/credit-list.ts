/**
 * The serious-dishonesty list (安全生产严重失信主体名单, issue 13 §3): 《安全生产严重失信主体名单管理办法》
 * (应急管理部令第11号, in force 2023-10-01), regulations.md §5. Pure rules over plain facts.
 *
 * What a listing needs (Art. 3): 因生产安全事故或者违反安全生产法律法规，受到行政处罚，并且性质恶劣、情节严重. So every
 * suggestion starts from an administrative penalty decision, and goes to the bureau that made it (Art. 4: "谁处罚、谁决定、
 * 谁负责"). A suggestion is a proposal: the bureau decides whether the conduct is 性质恶劣、情节严重.
 *
 * The situations (regulations.md §5; the article numbers of 令第11号 were not retrieved, so each suggestion cites the
 * situation's own words):
 * - accident-related: (1) 特别重大、重大事故 — the unit, its 主要负责人 and the other responsible units and persons;
 *   (2) 12个月内累计发生2起以上较大事故 — the unit and its 主要负责人; (3) a fine of 2–5× under 安全生产法 第一百一十四条;
 *   (4) 瞒报、谎报事故 (迟报 and 漏报 are not); (5) a 主要负责人 who did not organise rescue at once, left the post during
 *   the investigation, or fled;
 * - other: (1) operating without a required licence, or while it is suspended (暂扣) or revoked (吊销); (4) evaluation,
 *   testing and inspection bodies and their staff that 租借资质、挂靠、出具虚假报告或者证书. Situations (2) and (3) of
 *   this group were not retrieved verbatim (regulations.md §12 item 2): they are not suggested automatically.
 *
 * The procedure (the national day-counts were not retrieved; the Shanxi rule, regulations.md §5 [secondary]): notice to
 * the party → objection period → decision (a document) → publication; an objection is decided and recorded. The listing
 * lasts 3 years from publication; early removal may be applied for after 12 months when its conditions are met; a
 * removal obtained by fraud is revoked and the listing restored; on expiry the entity leaves the list and its
 * publication stops.
 */
import { addCalendarDays, type LocalDate, type WorkingCalendar } from './calendar.js';
import { addMonths } from './case-clocks.js';
import type { Grade } from './grade.js';
import { checkDate } from './investigation.js';

const RULE = '《安全生产严重失信主体名单管理办法》（应急管理部令第11号）';

/** 令第11号 is in force from this day: penalties decided before it are not suggested (no retroactive listing). */
export const CREDIT_RULE_IN_FORCE_ON: LocalDate = '2023-10-01';

// ————————————————————————————————————————— facts

/** unit: 生产经营单位; principal: its 主要负责人; person: another responsible person; agency: 评价/认证/检测/检验机构. */
export const SUBJECT_KINDS = ['unit', 'principal', 'person', 'agency', 'agency_staff'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** What a penalty decision found. */
export const CONDUCTS = [
  'accident_responsibility',
  'concealed',
  'misreported',
  'late_report',
  'omitted_report',
  'no_rescue',
  'left_post',
  'fled',
  'unlicensed',
  'licence_suspended',
  'licence_revoked',
  'leased_qualification',
  'affiliated',
  'false_report',
] as const;
export type Conduct = (typeof CONDUCTS)[number];

export interface PenaltyDecisionFact {
  id: string;
  subjectId: string;
  subjectKind: SubjectKind;
  /** The bureau that decided the penalty (谁处罚). */
  bureauId: string;
  decidedOn: LocalDate;
  /** The accident the penalty is for, if any. */
  accident: { id: string; grade: Grade; occurredOn: LocalDate } | null;
  conduct: readonly Conduct[];
  /** 安全生产法 第一百一十四条第二款: the multiple applied (2–5), or null. */
  fineMultiple: number | null;
}

// ————————————————————————————————————————— situations

export const SITUATIONS = [
  'major_accident',
  'repeated_larger_accidents',
  'multiplied_fine',
  'concealed_accident',
  'principal_misconduct',
  'unlicensed_operation',
  'false_certification',
] as const;
export type Situation = (typeof SITUATIONS)[number];

export const SITUATION_LABELS: Record<Situation, string> = {
  major_accident: '发生特别重大、重大生产安全事故',
  repeated_larger_accidents: '12个月内累计发生2起以上较大生产安全事故',
  multiplied_fine: '依照安全生产法第一百一十四条按罚款数额的2倍以上5倍以下处以罚款（情节特别严重、影响特别恶劣）',
  concealed_accident: '瞒报、谎报生产安全事故',
  principal_misconduct: '主要负责人在事故发生后不立即组织抢救、在事故调查处理期间擅离职守或者逃匿',
  unlicensed_operation: '未依法取得安全生产相关许可，或者许可被暂扣、吊销期间从事相关生产经营活动',
  false_certification: '安全评价、认证、检测、检验机构及其人员租借资质、挂靠、出具虚假报告或者证书',
};

/** Who each situation lists (regulations.md §5). */
const SITUATION_SUBJECTS: Record<Situation, readonly SubjectKind[]> = {
  major_accident: ['unit', 'principal', 'person'],
  repeated_larger_accidents: ['unit', 'principal'],
  multiplied_fine: ['unit'],
  concealed_accident: ['unit', 'principal', 'person'],
  principal_misconduct: ['principal'],
  // Who this situation lists was not retrieved: the unit (a 个人经营的投资人 is entered as the unit).
  unlicensed_operation: ['unit'],
  false_certification: ['agency', 'agency_staff'],
};

export interface CreditSuggestion {
  subjectId: string;
  subjectKind: SubjectKind;
  situation: Situation;
  /** The bureau that decides (the one that made the penalty decision; for 2 较大 accidents, the later one's). */
  bureauId: string;
  penaltyIds: string[];
  accidentIds: string[];
  basis: string[];
}

export class CreditInputError extends Error {
  override readonly name = 'CreditInputError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Whether `earlier` falls within the 12 months that end on `later` (both days counted): one year and a day apart is
 * outside, as in case-clocks.ts closureCandidate. 2025-03-10 and 2026-03-09 are within; 2025-03-10 and 2026-03-10
 * (exactly 12 months) are not.
 */
export function within12Months(earlier: LocalDate, later: LocalDate): boolean {
  return earlier <= later && earlier >= addCalendarDays(addMonths(later, -12), 1);
}

const has = (p: PenaltyDecisionFact, ...c: Conduct[]) => c.some((x) => p.conduct.includes(x));

function single(p: PenaltyDecisionFact): Situation[] {
  const out: Situation[] = [];
  const grade = p.accident?.grade;
  if ((grade === 'major' || grade === 'especially_major') && has(p, 'accident_responsibility'))
    out.push('major_accident');
  if (p.fineMultiple !== null) out.push('multiplied_fine');
  if (has(p, 'concealed', 'misreported')) out.push('concealed_accident');
  if (has(p, 'no_rescue', 'left_post', 'fled')) out.push('principal_misconduct');
  if (has(p, 'unlicensed', 'licence_suspended', 'licence_revoked')) out.push('unlicensed_operation');
  if (has(p, 'leased_qualification', 'affiliated', 'false_report')) out.push('false_certification');
  return out.filter((s) => SITUATION_SUBJECTS[s].includes(p.subjectKind));
}

function validate(p: PenaltyDecisionFact, i: number): void {
  checkDate(p.decidedOn, `penalties.${i}.decidedOn`);
  if (p.accident) checkDate(p.accident.occurredOn, `penalties.${i}.accident.occurredOn`);
  const m = p.fineMultiple;
  if (m !== null && !(Number.isFinite(m) && m >= 2 && m <= 5)) {
    throw new CreditInputError(`penalties.${i}.fineMultiple`, '第一百一十四条第二款的倍数须在2倍至5倍之间');
  }
  if (m !== null && p.subjectKind !== 'unit') {
    throw new CreditInputError(`penalties.${i}.fineMultiple`, '第一百一十四条的倍数罚款只适用于事故发生单位');
  }
}

/**
 * The suggestions from penalty decisions: one per subject and situation and decision (the 较大-accident situation: one
 * per subject, from the latest pair of accidents within 12 months). Decisions before `inForceOn` are left out.
 */
export function creditSuggestions(
  penalties: readonly PenaltyDecisionFact[],
  opts: { inForceOn?: LocalDate } = {},
): CreditSuggestion[] {
  penalties.forEach(validate);
  const from = opts.inForceOn ?? CREDIT_RULE_IN_FORCE_ON;
  const current = penalties.filter((p) => p.decidedOn >= from);
  const out: CreditSuggestion[] = [];
  for (const p of current) {
    for (const situation of single(p)) {
      out.push({
        subjectId: p.subjectId,
        subjectKind: p.subjectKind,
        situation,
        bureauId: p.bureauId,
        penaltyIds: [p.id],
        accidentIds: p.accident ? [p.accident.id] : [],
        basis: basisOf(situation, p),
      });
    }
  }
  out.push(...repeatedLarger(current));
  return out;
}

function basisOf(situation: Situation, p: PenaltyDecisionFact | null): string[] {
  const basis = [`${RULE}：${SITUATION_LABELS[situation]}的，列入严重失信主体名单`];
  const detail =
    situation === 'multiplied_fine' && p?.fineMultiple
      ? `安全生产法第一百一十四条第二款：本案按${p.fineMultiple}倍处以罚款`
      : null;
  return withDetail(basis, detail);
}

/** The situation, its detail, then who decides (令第11号 第四条, regulations.md §5). */
function withDetail(basis: string[], detail: string | null): string[] {
  return [
    ...basis.slice(0, 1),
    ...(detail ? [detail] : []),
    `${RULE}第四条：按照"谁处罚、谁决定、谁负责"的原则，由作出行政处罚决定的应急管理部门负责`,
  ];
}

/** 12个月内累计发生2起以上较大事故: distinct 较大 accidents the subject was penalised for, the window on their dates. */
function repeatedLarger(penalties: readonly PenaltyDecisionFact[]): CreditSuggestion[] {
  const bySubject = new Map<string, PenaltyDecisionFact[]>();
  for (const p of penalties) {
    if (p.accident?.grade !== 'larger' || !has(p, 'accident_responsibility')) continue;
    if (!SITUATION_SUBJECTS.repeated_larger_accidents.includes(p.subjectKind)) continue;
    bySubject.set(p.subjectId, [...(bySubject.get(p.subjectId) ?? []), p]);
  }
  const out: CreditSuggestion[] = [];
  for (const list of bySubject.values()) {
    // One decision per accident (the latest, should there be several), ordered by the accident's date.
    const perAccident = new Map<string, PenaltyDecisionFact>();
    for (const p of list) {
      const id = (p.accident as { id: string }).id;
      const held = perAccident.get(id);
      if (!held || p.decidedOn > held.decidedOn) perAccident.set(id, p);
    }
    const ordered = [...perAccident.values()].sort((a, b) =>
      (a.accident as { occurredOn: string }).occurredOn < (b.accident as { occurredOn: string }).occurredOn ? -1 : 1,
    );
    const occurred = (p: PenaltyDecisionFact) => (p.accident as { occurredOn: LocalDate }).occurredOn;
    // The latest accident that has another within the 12 months before it, with all of them in that window.
    for (let j = ordered.length - 1; j >= 1; j--) {
      const last = ordered[j] as PenaltyDecisionFact;
      const window = ordered.slice(0, j + 1).filter((p) => within12Months(occurred(p), occurred(last)));
      if (window.length < 2) continue;
      const decider = window.reduce((a, b) => (b.decidedOn > a.decidedOn ? b : a));
      out.push({
        subjectId: last.subjectId,
        subjectKind: last.subjectKind,
        situation: 'repeated_larger_accidents',
        bureauId: decider.bureauId,
        penaltyIds: window.map((p) => p.id),
        accidentIds: window.map((p) => (p.accident as { id: string }).id),
        basis: withDetail(
          basisOf('repeated_larger_accidents', null),
          `较大事故${window.length}起，分别发生于${window.map(occurred).join('、')}`,
        ),
      });
      break;
    }
  }
  return out;
}

// ————————————————————————————————————————— the procedure

export const LISTING_STATES = [
  'suggested',
  'notified',
  'objected',
  'decided',
  'published',
  'withdrawn',
  'removed',
  'expired',
] as const;
export type ListingState = (typeof LISTING_STATES)[number];

export const LISTING_STATE_LABELS: Record<ListingState, string> = {
  suggested: '拟列入（待告知）',
  notified: '已告知（异议期）',
  objected: '异议处理中',
  decided: '已作出列入决定',
  published: '公示中',
  withdrawn: '不予列入',
  removed: '已提前移出',
  expired: '期满移出',
};

/**
 * The stored moves (a move not listed is refused). objected → decided: the objection dismissed (recorded);
 * objected → withdrawn: upheld. removed → published: the removal revoked for fraud, the listing restored. expired is
 * never stored as a move: it follows from the date (listingState).
 */
export const LISTING_MOVES: Record<ListingState, readonly ListingState[]> = {
  suggested: ['notified', 'withdrawn'],
  notified: ['objected', 'decided', 'withdrawn'],
  objected: ['decided', 'withdrawn'],
  decided: ['published'],
  published: ['removed'],
  withdrawn: [],
  removed: ['published'],
  expired: [],
};

export function canMoveListing(from: ListingState, to: ListingState): boolean {
  return LISTING_MOVES[from].includes(to);
}

/**
 * The objection period after the notice is served: 5 working days by default. The national day-count was not
 * retrieved (regulations.md §12 item 2; the Shanxi rule says "参照有关规定"): 5 working days as for a hearing request
 * (行政处罚法 第六十四条, 第八十五条), configurable.
 */
export const DEFAULT_OBJECTION_WORKING_DAYS = 5;

export function objectionEndsOn(
  cal: WorkingCalendar,
  noticeServedOn: LocalDate,
  workingDays: number = DEFAULT_OBJECTION_WORKING_DAYS,
): LocalDate {
  return cal.addWorkingDays(checkDate(noticeServedOn, 'noticeServedOn'), workingDays);
}

export type DecisionBlocker = 'not_notified' | 'objection_period_running' | 'objection_undecided' | 'objection_upheld';

/**
 * Whether the listing decision may be made on `today`: after the notice, once the objection period has ended without
 * an objection, or once the objection has been decided and dismissed.
 */
export function decisionBlocker(
  cal: WorkingCalendar,
  p: {
    noticeServedOn: LocalDate | null;
    objection: { filedOn: LocalDate; outcome: 'upheld' | 'dismissed' | null } | null;
    today: LocalDate;
    objectionWorkingDays?: number;
  },
): DecisionBlocker | null {
  if (p.noticeServedOn === null) return 'not_notified';
  if (p.objection) {
    if (p.objection.outcome === null) return 'objection_undecided';
    return p.objection.outcome === 'upheld' ? 'objection_upheld' : null;
  }
  return p.today > objectionEndsOn(cal, p.noticeServedOn, p.objectionWorkingDays) ? null : 'objection_period_running';
}

// ————————————————————————————————————————— term, early removal, expiry

export const LISTING_TERM_MONTHS = 36;
export const EARLY_REMOVAL_AFTER_MONTHS = 12;

/**
 * The last day on the list: 3 years from publication (民法典 第二百零一条, 第二百零二条: the publication day is not
 * counted; the corresponding day, or the month's last day). Not moved off a holiday (第二百零三条 moves the last day for
 * doing an act; this is the end of a measure, which must not outlast its term). From the next day it has expired.
 */
export function listingEndsOn(publishedOn: LocalDate): LocalDate {
  return addMonths(checkDate(publishedOn, 'publishedOn'), LISTING_TERM_MONTHS);
}

/** The first day an early removal may be applied for: once 12 months on the list are complete (满12个月). */
export function earlyRemovalOpensOn(publishedOn: LocalDate): LocalDate {
  return addCalendarDays(addMonths(checkDate(publishedOn, 'publishedOn'), EARLY_REMOVAL_AFTER_MONTHS), 1);
}

/** The state on `today`: a published listing past its last day has expired (automatically: nothing is stored). */
export function listingState(stored: ListingState, publishedOn: LocalDate | null, today: LocalDate): ListingState {
  if (stored === 'published' && publishedOn !== null && today > listingEndsOn(publishedOn)) return 'expired';
  return stored;
}

/** Shown on the public page: published and not expired (removed, withdrawn and expired entries disappear). */
export function isPubliclyListed(stored: ListingState, publishedOn: LocalDate | null, today: LocalDate): boolean {
  return listingState(stored, publishedOn, today) === 'published';
}

/**
 * The conditions of an early removal (信用修复). The Shanxi rule says only "if conditions are met"; these are the
 * defaults (a province may add to them): the penalty is carried out, the hazards and violations corrected, a public
 * credit commitment made, and no new penalty while listed.
 */
export const EARLY_REMOVAL_CONDITIONS = [
  'penalty_fulfilled',
  'corrected',
  'credit_commitment',
  'no_new_penalty',
] as const;
export type EarlyRemovalCondition = (typeof EARLY_REMOVAL_CONDITIONS)[number];

export const EARLY_REMOVAL_CONDITION_LABELS: Record<EarlyRemovalCondition, string> = {
  penalty_fulfilled: '已履行行政处罚决定',
  corrected: '已整改到位',
  credit_commitment: '已作出信用承诺并公开',
  no_new_penalty: '列入期间未再因安全生产违法行为受到行政处罚',
};

export type EarlyRemovalRefusal = 'not_listed' | 'too_early' | 'conditions_unmet';

export interface EarlyRemovalCheck {
  allowed: boolean;
  refusal: EarlyRemovalRefusal | null;
  opensOn: LocalDate | null;
  unmet: EarlyRemovalCondition[];
}

export function earlyRemovalCheck(p: {
  state: ListingState;
  publishedOn: LocalDate | null;
  appliedOn: LocalDate;
  met: readonly EarlyRemovalCondition[];
  required?: readonly EarlyRemovalCondition[];
}): EarlyRemovalCheck {
  checkDate(p.appliedOn, 'appliedOn');
  const unmet = (p.required ?? EARLY_REMOVAL_CONDITIONS).filter((c) => !p.met.includes(c));
  if (p.publishedOn === null || listingState(p.state, p.publishedOn, p.appliedOn) !== 'published') {
    return { allowed: false, refusal: 'not_listed', opensOn: null, unmet };
  }
  const opensOn = earlyRemovalOpensOn(p.publishedOn);
  if (p.appliedOn < opensOn) return { allowed: false, refusal: 'too_early', opensOn, unmet };
  if (unmet.length > 0) return { allowed: false, refusal: 'conditions_unmet', opensOn, unmet };
  return { allowed: true, refusal: null, opensOn, unmet };
}

/**
 * A removal obtained by fraud is revoked and the listing restored (Shanxi rule, regulations.md §5). The restored
 * listing keeps its publication day, so its term ends when it would have: the removal is void, as if never made. It
 * is public again at once, unless the term has run out meanwhile.
 */
export function restoreAfterFraud(p: { state: ListingState; publishedOn: LocalDate; today: LocalDate }): {
  state: ListingState;
  endsOn: LocalDate;
} {
  if (p.state !== 'removed') throw new CreditInputError('state', '仅已提前移出的名单可因弄虚作假撤销移出');
  return { state: listingState('published', p.publishedOn, p.today), endsOn: listingEndsOn(p.publishedOn) };
}
