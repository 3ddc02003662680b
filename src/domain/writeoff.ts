/**
 * Write-off (核销) of records that turn out not to be production-safety accidents (非生产安全事故): the record
 * stays readable and audited, but leaves every statistic once a write-off request is approved.
 *
 * The national 核销 rules (《生产安全事故统计管理办法》 / 统计调查制度) were NOT found in the stored sources
 * (regulations.md §2.2, §12), so who approves is configuration, not law: the table below is the default and
 * ANJIAN_WRITEOFF_APPROVAL overrides it (src/server/config.ts). The default follows the issue: 一般事故 by the
 * province-level bureau, 较大 and above by the national (ministry) level.
 *
 * Who requests: the bureau that does the statistics of the place (归口统计 — 2016 办法 第三条: accidents are
 * counted by the 县级安监部门, "归口统计、联网直报"): the county bureau, or the city bureau where there is no
 * county level (不设区的市). Requests go pending → approved | rejected | withdrawn; only a pending request moves.
 */
import { GRADES, type Grade } from './grade.js';
import { ancestorAt } from './region-code.js';
import { type ChainLevel, effectiveTarget, levelIndex } from './reporting-chain.js';

// ————————————————————————————————————————— reasons

/** Why a record is not a production-safety accident (the short list the request picks from). */
export const WRITEOFF_REASONS = [
  'non_production',
  'natural_disaster',
  'criminal_case',
  'illness_or_suicide',
  'other',
] as const;
export type WriteoffReason = (typeof WRITEOFF_REASONS)[number];

export const WRITEOFF_REASON_LABELS: Record<WriteoffReason, string> = {
  non_production: '非生产经营活动',
  natural_disaster: '自然灾害',
  criminal_case: '刑事案件/治安案件',
  illness_or_suicide: '病亡/自杀',
  other: '其他',
};

// ————————————————————————————————————————— who approves

/** Levels that may approve a write-off. The county is the requester, so it never approves. */
export const APPROVAL_LEVELS = ['city', 'province', 'national'] as const satisfies readonly ChainLevel[];
export type ApprovalLevel = (typeof APPROVAL_LEVELS)[number];

export type ApprovalTable = Readonly<Record<Grade, ApprovalLevel>>;

/** Default (issue 3): 一般 → 省级; 较大, 重大, 特别重大 → 国家级 (应急管理部). */
export const DEFAULT_WRITEOFF_APPROVAL: ApprovalTable = Object.freeze({
  general: 'province',
  larger: 'national',
  major: 'national',
  especially_major: 'national',
});

/**
 * Parses "general:province,larger:national,…". Grades left out keep their default. Refused (Error with the
 * reason): an unknown grade or level, a grade given twice, and a table where a higher grade would be approved
 * at a lower level than a lower grade (a 较大事故 never needs less than a 一般事故).
 */
export function parseApprovalTable(spec: string, base: ApprovalTable = DEFAULT_WRITEOFF_APPROVAL): ApprovalTable {
  const table: Record<Grade, ApprovalLevel> = { ...base };
  const seen = new Set<string>();
  for (const raw of spec.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    const [grade, level, ...rest] = item.split(':').map((s) => s.trim());
    if (rest.length > 0 || !grade || !level) throw new Error(`"${item}" is not grade:level`);
    if (!(GRADES as readonly string[]).includes(grade)) {
      throw new Error(`unknown grade "${grade}" (one of ${GRADES.join(', ')})`);
    }
    if (!(APPROVAL_LEVELS as readonly string[]).includes(level)) {
      throw new Error(`unknown level "${level}" for ${grade} (one of ${APPROVAL_LEVELS.join(', ')})`);
    }
    if (seen.has(grade)) throw new Error(`grade "${grade}" given twice`);
    seen.add(grade);
    table[grade as Grade] = level as ApprovalLevel;
  }
  for (const [lower, higher] of GRADES.slice(0, -1).map((g, i) => [g, GRADES[i + 1] as Grade] as const)) {
    if (levelIndex(table[higher]) < levelIndex(table[lower])) {
      throw new Error(`${higher} (${table[higher]}) may not be approved below ${lower} (${table[lower]})`);
    }
  }
  return Object.freeze(table);
}

/** "general:province,larger:national,…" — the table written the way the configuration reads it. */
export function formatApprovalTable(table: ApprovalTable): string {
  return GRADES.map((g) => `${g}:${table[g]}`).join(',');
}

export interface Bureau {
  level: ChainLevel;
  regionCode: string;
}

/**
 * The bureau that approves a write-off of an accident of `grade` at `regionCode`, given the levels of government
 * that exist there (the chain's levels: 直辖市 districts and 省直辖县级市 have no city, 东莞 no county). A level
 * that does not exist there passes the approval to the next one up, as the reporting chain does.
 */
export function approverOf(
  grade: Grade,
  regionCode: string,
  levels: readonly ChainLevel[],
  table: ApprovalTable = DEFAULT_WRITEOFF_APPROVAL,
): Bureau {
  const level = effectiveTarget(table[grade], levels);
  return { level, regionCode: ancestorAt(regionCode, level) };
}

/** The 归口统计 bureau that requests a write-off: the lowest level of government the place has (county, else city). */
export function requesterOf(regionCode: string, levels: readonly ChainLevel[]): Bureau {
  const level = effectiveTarget('county', levels);
  return { level, regionCode: ancestorAt(regionCode, level) };
}

/**
 * Whether the approver named on a request may still decide it: a follow-up may have re-graded the accident (or
 * the configuration changed) since the request was made. An approver at or above the level now required still
 * may; a lower one may not (the request is withdrawn and made again, so it goes to the right bureau).
 */
export function approverStillSuffices(namedLevel: ChainLevel, required: Bureau): boolean {
  return levelIndex(namedLevel) >= levelIndex(required.level);
}

// ————————————————————————————————————————— state machine

export const WRITEOFF_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type WriteoffStatus = (typeof WRITEOFF_STATUSES)[number];

export const WRITEOFF_STATUS_LABELS: Record<WriteoffStatus, string> = {
  pending: '待审批',
  approved: '已核销',
  rejected: '未予核销',
  withdrawn: '已撤回',
};

export const WRITEOFF_ACTIONS = ['approve', 'reject', 'withdraw'] as const;
export type WriteoffAction = (typeof WRITEOFF_ACTIONS)[number];

const OUTCOME: Record<WriteoffAction, WriteoffStatus> = {
  approve: 'approved',
  reject: 'rejected',
  withdraw: 'withdrawn',
};

/** The status after `action`, or null when the request is no longer pending (a decision is final). */
export function nextStatus(status: WriteoffStatus, action: WriteoffAction): WriteoffStatus | null {
  return status === 'pending' ? OUTCOME[action] : null;
}
