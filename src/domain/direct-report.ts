/**
 * Statistical direct reporting (统计直报) nodes and the supplementary-report window.
 *
 * Nodes (issue #2, seed 003): 24 h / 7 d / 30 d after occurrence.
 *   24h: a complete report exists (493号令 第十二条 content).
 *   7d:  a follow-up, or an explicit "no change" confirmation, filed on day 7 — from 6 × 24 h after the accident
 *        (the start of the 7th day) to 7 × 24 h. It reports the casualties as they stand a week on, when the 7日 补报
 *        window of 道路交通 and 火灾 closes (493号令 第十三条; 21号令 第十一条: every change within the window is 续报
 *        the same day); a follow-up filed in the first hours says nothing about day 7 and does not count.
 *   30d: a final follow-up (终报) filed on or before day 30 — day 7 for road traffic and fire.
 * Window: 493号令 第十三条 / 21号令 第十一条 — casualty changes within 30日 of the accident
 * (7日 for 道路交通事故 and 火灾事故) are 补报; later changes are kept but do not re-grade.
 */
import { type DeadlineStatus, deadlineStatus } from './reporting-chain.js';
import { DAY_MS } from './time.js';

export const DOMAINS = ['industrial', 'road_traffic', 'fire', 'other'] as const;
export type AccidentDomain = (typeof DOMAINS)[number];

export const DOMAIN_LABELS: Record<AccidentDomain, string> = {
  industrial: '工矿商贸',
  road_traffic: '道路交通',
  fire: '火灾',
  other: '其他',
};

/** 493号令 第十三条: 30日, or 7日 for 道路交通事故 and 火灾事故. */
export function windowDays(domain: AccidentDomain): number {
  return domain === 'road_traffic' || domain === 'fire' ? 7 : 30;
}

export function windowEndsAt(occurredAt: Date, domain: AccidentDomain): Date {
  return new Date(occurredAt.getTime() + windowDays(domain) * DAY_MS);
}

/** A change filed at `at` is inside the window when at ≤ occurredAt + window. */
export function isInsideWindow(occurredAt: Date, domain: AccidentDomain, at: Date): boolean {
  return at.getTime() <= windowEndsAt(occurredAt, domain).getTime();
}

/** The 7日 node's report is filed on the 7th day: from 6 × 24 h after the accident. */
export const DAY7_REPORT_OPENS_MS = 6 * DAY_MS;

/** Whether a follow-up filed at `at` reports for the 7日 node (on time up to 7 × 24 h, late after). */
export function isDay7Report(occurredAt: Date, at: Date): boolean {
  return at.getTime() >= occurredAt.getTime() + DAY7_REPORT_OPENS_MS;
}

export const NODE_KINDS = ['24h', '7d', '30d'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export function nodeDueAt(kind: NodeKind, occurredAt: Date, domain: AccidentDomain): Date {
  const t = occurredAt.getTime();
  switch (kind) {
    case '24h':
      return new Date(t + DAY_MS);
    case '7d':
      return new Date(t + 7 * DAY_MS);
    case '30d':
      return windowEndsAt(occurredAt, domain);
  }
}

/** The facts of a report's history that decide the nodes. */
export interface NodeFacts {
  occurredAt: Date;
  domain: AccidentDomain;
  /** When the report first held all 第十二条 content. */
  completeAt: Date | null;
  /** When the first follow-up or "no change" confirmation was filed from day 7 on (isDay7Report). */
  day7ReportAt: Date | null;
  /** When the final follow-up (终报) was filed. */
  finalAt: Date | null;
  /**
   * A past accident entered afterwards for statistics (历史数据导入): it never went through 直报, so it owes no
   * node — nothing is due, nothing is overdue.
   */
  historical?: boolean;
}

export interface NodeState {
  kind: NodeKind;
  dueAt: Date;
  doneAt: Date | null;
  status: DeadlineStatus;
}

export function directReportNodes(f: NodeFacts, now: Date): NodeState[] {
  if (f.historical) return [];
  const doneAt: Record<NodeKind, Date | null> = {
    '24h': f.completeAt,
    '7d': f.day7ReportAt,
    '30d': f.finalAt,
  };
  return NODE_KINDS.map((kind) => {
    const dueAt = nodeDueAt(kind, f.occurredAt, f.domain);
    return { kind, dueAt, doneAt: doneAt[kind], status: deadlineStatus(dueAt, doneAt[kind], now) };
  });
}

/** 493号令 第十二条: what a complete report contains. */
export interface ReportContent {
  unitName: string | null;
  address: string | null;
  summary: string | null;
  measuresTaken: string | null;
}

export function isCompleteReport(c: ReportContent): boolean {
  return [c.unitName, c.address, c.summary, c.measuresTaken].every((v) => v !== null && v.trim() !== '');
}
