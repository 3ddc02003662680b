/**
 * The reporting chain (逐级上报) — 493号令 第九条、第十条、第十一条; 21号令 第六条、第七条.
 *
 * 单位负责人 → 县级安监部门: 1小时内 (第九条).
 * Then level by level, 每级上报的时间不得超过2小时 (第十一条), up to:
 *   一般事故 → 设区的市级; 较大事故 → 省级; 重大、特别重大事故 → 国务院安全生产监督管理部门 (第十条).
 * 必要时可以越级上报 (第十条): skipped levels are recorded as such.
 */
import type { Grade } from './grade.js';
import { HOUR_MS } from './time.js';

export const CHAIN_LEVELS = ['county', 'city', 'province', 'national'] as const;
export type ChainLevel = (typeof CHAIN_LEVELS)[number];

export const CHAIN_LEVEL_LABELS: Record<ChainLevel, string> = {
  county: '县级',
  city: '市级',
  province: '省级',
  national: '国家级',
};

/** 493号令 第九条: the unit reports to the county bureau within 1 hour. */
export const UNIT_REPORT_LIMIT_MS = 1 * HOUR_MS;
/** 493号令 第十一条: each level forwards within 2 hours. */
export const LEVEL_FORWARD_LIMIT_MS = 2 * HOUR_MS;

/** 493号令 第十条 */
export function targetLevelOf(grade: Grade): ChainLevel {
  switch (grade) {
    case 'general':
      return 'city';
    case 'larger':
      return 'province';
    case 'major':
    case 'especially_major':
      return 'national';
  }
}

export function levelIndex(level: ChainLevel): number {
  return CHAIN_LEVELS.indexOf(level);
}

/** Stored state of one level of the chain. */
export interface ChainEntryState {
  level: ChainLevel;
  receivedAt: Date | null;
  forwardedAt: Date | null;
  dueAt: Date | null;
  signedAt: Date | null;
  skipped: boolean;
  /** False where the level has no government of its own (see ChainShape); such a level takes no part. */
  applicable?: boolean;
  /**
   * The level filed the report itself (its bureau entered it): it received nothing from below, so it has nothing to
   * sign for. A unit's or a town's report is received by the county from below: then no level is the origin.
   */
  originated?: boolean;
}

export type DeadlineStatus = 'pending' | 'done' | 'overdue' | 'done_late';

/** Status of a deadline given when it fell due and when (if ever) it was met. */
export function deadlineStatus(dueAt: Date | null, doneAt: Date | null, now: Date): DeadlineStatus {
  if (doneAt) return dueAt && doneAt.getTime() > dueAt.getTime() ? 'done_late' : 'done';
  if (dueAt && now.getTime() > dueAt.getTime()) return 'overdue';
  return 'pending';
}

/**
 * What a level has to do by its dueAt: a level below the target forwards the report;
 * the target level (or one above it) signs for it (签收) — the report has then arrived.
 */
export function entryDoneAt(entry: ChainEntryState, target: ChainLevel): Date | null {
  if (levelIndex(entry.level) < levelIndex(target)) return entry.forwardedAt;
  // Filed at (or above) the target level by that level's own bureau: the report is there the moment it is filed.
  if (entry.originated) return entry.receivedAt;
  return entry.signedAt ?? entry.forwardedAt;
}

/** Why a level may not 签收 a report now; undefined when it may. */
export type SignRefusal = 'not_received' | 'own_report' | 'already_forwarded' | 'already_signed';

/**
 * 签收 acknowledges a report received from below (493号令 第九条、第十条: each level reports to the one above; the
 * receiving level signs for what reached it). So a level signs only what it received and did not file itself, once,
 * and before it forwards it on — a signature after its own 上报 would record the chain out of order.
 */
export function signRefusal(entry: ChainEntryState | undefined): SignRefusal | undefined {
  if (!entry?.receivedAt || entry.skipped || entry.applicable === false) return 'not_received';
  if (entry.originated) return 'own_report';
  if (entry.signedAt) return 'already_signed';
  if (entry.forwardedAt) return 'already_forwarded';
  return undefined;
}

export function entryStatus(entry: ChainEntryState, target: ChainLevel, now: Date): DeadlineStatus {
  // A level passed over (越级上报, or a report that went straight to a higher level) owes nothing.
  if (entry.skipped) return 'done';
  return deadlineStatus(entry.dueAt, entryDoneAt(entry, target), now);
}

/** The level that currently holds the report: the highest level that has received it. */
export function holderOf(entries: readonly ChainEntryState[]): ChainEntryState | undefined {
  let holder: ChainEntryState | undefined;
  for (const e of entries) {
    if (e.receivedAt && (!holder || levelIndex(e.level) > levelIndex(holder.level))) holder = e;
  }
  return holder;
}

/** Levels the chain shows: from county up to the target, or further if the report already went higher. */
export function visibleLevels(
  target: ChainLevel,
  holder: ChainLevel | undefined,
  levels: readonly ChainLevel[] = CHAIN_LEVELS,
): ChainLevel[] {
  const top = Math.max(levelIndex(target), holder ? levelIndex(holder) : 0);
  return CHAIN_LEVELS.slice(0, top + 1).filter((l) => levels.includes(l));
}

/**
 * Which levels of government stand between a place and the ministry. 直辖市 and 省直辖县级市 have no
 * 设区的市 between county and province; a 不设区的地级市 (东莞、中山、儋州、嘉峪关) has no county level.
 */
export interface ChainShape {
  county: boolean;
  city: boolean;
}

export function applicableLevels(shape: ChainShape): ChainLevel[] {
  return CHAIN_LEVELS.filter((l) => (l !== 'county' || shape.county) && (l !== 'city' || shape.city));
}

/** The levels taking part in a stored chain. */
export function levelsOf(chain: readonly ChainEntryState[]): ChainLevel[] {
  return CHAIN_LEVELS.filter((l) => chain.some((e) => e.level === l && e.applicable !== false));
}

/**
 * 493号令 第十条's target, raised to the first level that exists there: where there is no 设区的市
 * (直辖市, 省直辖县级市) the provincial level receives a 一般事故.
 */
export function effectiveTarget(target: ChainLevel, levels: readonly ChainLevel[]): ChainLevel {
  return levels.find((l) => levelIndex(l) >= levelIndex(target)) ?? 'national';
}

/** The next level above `level` that takes part in the chain. */
export function nextApplicableLevel(level: ChainLevel, levels: readonly ChainLevel[]): ChainLevel | undefined {
  return levels.find((l) => levelIndex(l) > levelIndex(level));
}

export function dueAfterReceipt(receivedAt: Date): Date {
  return new Date(receivedAt.getTime() + LEVEL_FORWARD_LIMIT_MS);
}

/** 493号令 第九条: more than one hour between the accident and the county's receipt. */
export function isUnitLate(occurredAt: Date, receivedAt: Date): boolean {
  return receivedAt.getTime() - occurredAt.getTime() > UNIT_REPORT_LIMIT_MS;
}
