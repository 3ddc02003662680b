/**
 * Reporting assessment (报送考核): how well a region reports its accidents, as a 0–100 score from the data.
 *
 * Each metric is a share numerator / denominator over the accidents that occurred in the period (written-off
 * records excluded). The per-accident rules are the functions below; the database computes the same counts in
 * one statement (src/server/modules/assessment/repo.ts) and the tests check that the two agree.
 *
 *   接报及时率   receivedOnTime    the county received the report within 1 h of the accident
 *                                  (493号令 第九条, 21号令 第六条) — every accident counts
 *   上报及时率   forwardedOnTime   each level's step of the chain done within 2 h of receipt: forwarded below the
 *                                  target level, signed (签收) at or above it (第十条/第十一条, 21号令 第七条) —
 *                                  steps owed by bureaus inside the assessed region, once done or overdue
 *   直报节点按时率 nodesOnTime      the 24 h / 7 d / 30 d direct-report nodes done by their time — once done or due
 *   续报覆盖率   followupCoverage  accidents with the follow-ups required (21号令 第十一条: at least 1 续报 a day for
 *                                  一般/较大, 2 for 重大/特别重大; counted here as at least 1 resp. 2 follow-ups, as
 *                                  the rule does not say for how many days) — once the 7 d node has fallen due or
 *                                  the follow-ups are in
 *   要素完整率   completeness      records holding all 第十二条 content (unit, place, 经过, 已采取的措施:
 *                                  isCompleteReport in direct-report.ts)
 *   重复报送     duplicates        records that repeat an earlier one by the filing rule (same county, occurrence
 *                                  within ±2 h, same unit name or credit code) or carry the flag `duplicate`:
 *                                  a deduction, not a share
 *
 * Not yet due and not done (a step, node or follow-up still inside its time) is not judged: it is in no
 * denominator until it is done or overdue.
 */
import { directReportNodes, type NodeFacts } from './direct-report.js';
import type { Grade } from './grade.js';
import {
  type ChainEntryState,
  type ChainLevel,
  type DeadlineStatus,
  deadlineStatus,
  entryDoneAt,
  isUnitLate,
} from './reporting-chain.js';
import { DAY_MS, HOUR_MS } from './time.js';

export const ASSESSMENT_METRICS = [
  'receivedOnTime',
  'forwardedOnTime',
  'nodesOnTime',
  'followupCoverage',
  'completeness',
] as const;
export type AssessmentMetric = (typeof ASSESSMENT_METRICS)[number];

/**
 * The weights (points out of 100). Timeliness of the chain and of the direct-report nodes weigh most (they are
 * the legal deadlines and what 迟报 is judged by, 令第14号 第五条); receipt follows (the 1-hour step is the
 * unit's, the bureau only records it); coverage and completeness of content last.
 * A metric with no denominator (nothing due yet, or no chain step owed inside the region — e.g. towns) is left
 * out and the other weights are scaled up to 100, so a region is not rewarded or punished for what it did not owe.
 */
export const ASSESSMENT_WEIGHTS: Readonly<Record<AssessmentMetric, number>> = Object.freeze({
  receivedOnTime: 20,
  forwardedOnTime: 25,
  nodesOnTime: 25,
  followupCoverage: 15,
  completeness: 15,
});

/** Points deducted for a duplicate share of 100 % (so 1 duplicate in 10 records costs 2 points). */
export const DUPLICATE_DEDUCTION = 20;

export const ASSESSMENT_METRIC_LABELS: Record<AssessmentMetric | 'duplicates', string> = {
  receivedOnTime: '接报及时率',
  forwardedOnTime: '上报及时率',
  nodesOnTime: '直报节点按时率',
  followupCoverage: '续报覆盖率',
  completeness: '要素完整率',
  duplicates: '重复报送',
};

// ————————————————————————————————————————— per accident

/** How one deadline is judged: done in time, late (done late or overdue), or still open (not counted). */
export type Judgement = 'on_time' | 'late' | 'open';

export function judge(status: DeadlineStatus): Judgement {
  switch (status) {
    case 'done':
      return 'on_time';
    case 'done_late':
    case 'overdue':
      return 'late';
    case 'pending':
      return 'open';
  }
}

/** 接报: on time when the county received it within 1 h of the accident (exactly 1 h is on time). */
export function receivedOnTime(occurredAt: Date, receivedAt: Date): boolean {
  return !isUnitLate(occurredAt, receivedAt);
}

/**
 * One level's step of the chain, or null when the level owes nothing: not part of the chain there, passed over
 * (越级, or below a bureau that filed directly), or not reached (the level below is then the late one).
 */
export function chainStepJudgement(entry: ChainEntryState, target: ChainLevel, now: Date): Judgement | null {
  if (entry.applicable === false || entry.skipped || !entry.receivedAt || !entry.dueAt) return null;
  return judge(deadlineStatus(entry.dueAt, entryDoneAt(entry, target), now));
}

/** The three direct-report nodes. */
export function nodeJudgements(facts: NodeFacts, now: Date): Judgement[] {
  return directReportNodes(facts, now).map((n) => judge(n.status));
}

/** 21号令 第十一条: 续报 at least once a day for 一般/较大, twice for 重大/特别重大. */
export function requiredFollowups(grade: Grade): number {
  return grade === 'major' || grade === 'especially_major' ? 2 : 1;
}

/** Follow-ups are judged from the 7 d node on (the first follow-up is due by then). */
export const FOLLOWUP_JUDGED_AFTER_MS = 7 * DAY_MS;

/** Covered, not covered, or null (not judged yet: inside 7 days and not yet covered). */
export function followupCovered(grade: Grade, followups: number, occurredAt: Date, now: Date): boolean | null {
  if (followups >= requiredFollowups(grade)) return true;
  return now.getTime() > occurredAt.getTime() + FOLLOWUP_JUDGED_AFTER_MS ? false : null;
}

/** The filing rule of duplicates (杜绝重报): same county, occurrence within ±2 h, same unit name or credit code. */
export const DUPLICATE_WINDOW_MS = 2 * HOUR_MS;

export interface DuplicateKey {
  regionCode: string;
  occurredAt: Date;
  unitName: string;
  unitCreditCode: string | null;
}

export function isDuplicateOf(later: DuplicateKey, earlier: DuplicateKey): boolean {
  return (
    later.regionCode.slice(0, 6) === earlier.regionCode.slice(0, 6) &&
    Math.abs(later.occurredAt.getTime() - earlier.occurredAt.getTime()) <= DUPLICATE_WINDOW_MS &&
    (later.unitName === earlier.unitName ||
      (later.unitCreditCode !== null && later.unitCreditCode === earlier.unitCreditCode))
  );
}

// ————————————————————————————————————————— shares and the score

export interface Share {
  numerator: number;
  denominator: number;
}

export type AssessmentCounts = Record<AssessmentMetric, Share> & {
  accidents: number;
  duplicates: number;
};

interface Fraction {
  n: bigint;
  d: bigint;
}

const frac = (n: number | bigint, d: number | bigint = 1): Fraction => ({ n: BigInt(n), d: BigInt(d) });
const add = (a: Fraction, b: Fraction): Fraction => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
const scale = (a: Fraction, k: Fraction): Fraction => ({ n: a.n * k.n, d: a.d * k.d });

/** Tenths of the non-negative fraction, rounded half-up exactly (四舍五入). */
function tenths(f: Fraction): number {
  return Number((20n * f.n + f.d) / (2n * f.d));
}

/** A share in percent with one decimal, half-up; null when nothing was judged (denominator 0). */
export function percentOf(s: Share): number | null {
  if (s.denominator === 0) return null;
  return tenths(frac(100 * s.numerator, s.denominator)) / 10;
}

/** The duplicate deduction in points, one decimal: DUPLICATE_DEDUCTION × duplicates / accidents. */
export function duplicateDeductionOf(c: Pick<AssessmentCounts, 'accidents' | 'duplicates'>): number {
  if (c.accidents === 0) return 0;
  return tenths(frac(DUPLICATE_DEDUCTION * c.duplicates, c.accidents)) / 10;
}

/**
 * Score = Σ weight × share over the metrics with a denominator, scaled to 100 (see ASSESSMENT_WEIGHTS), minus
 * the duplicate deduction, clamped to 0–100, one decimal half-up on the exact value.
 * No accident in the period → null ("no data"): a region that had nothing to report has not reported well,
 * and ranking it first at 100 would mislead.
 */
export function scoreOf(c: AssessmentCounts, weights: Readonly<Record<AssessmentMetric, number>> = ASSESSMENT_WEIGHTS) {
  if (c.accidents === 0) return null;
  let weighted = frac(0);
  let total = 0;
  for (const m of ASSESSMENT_METRICS) {
    const s = c[m];
    if (s.denominator === 0) continue;
    weighted = add(weighted, frac(weights[m] * s.numerator, s.denominator));
    total += weights[m];
  }
  if (total === 0) return null;
  const base = scale(weighted, frac(100, total));
  const score = add(base, frac(-DUPLICATE_DEDUCTION * c.duplicates, c.accidents));
  if (score.n <= 0n) return 0;
  if (score.n >= 100n * score.d) return 100;
  return tenths(score) / 10;
}

/**
 * Ranks by score, highest first; equal scores share a rank (1, 2, 2, 4) and are ordered by code; a region with
 * no data has no rank and comes last.
 */
export function rankByScore<T extends { code: string; score: number | null }>(items: readonly T[]) {
  const sorted = [...items].sort(
    (a, b) => (b.score ?? -1) - (a.score ?? -1) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
  let rank = 0;
  return sorted.map((item, i) => {
    if (item.score === null) return { ...item, rank: null };
    if (i === 0 || item.score !== sorted[i - 1]?.score) rank = i + 1;
    return { ...item, rank: rank as number | null };
  });
}
