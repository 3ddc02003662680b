/** The duty room's 待办 (workbench): which open deadlines a level sees, and in what order. */

export interface Pending {
  /** The earliest open deadline (ISO), null when nothing is due. */
  nextDueAt: string | null;
  /** The level holding the report. */
  holderLevel: string;
  /** That deadline is a step of the reporting chain, or a direct-report node (续报 / 终报). */
  nextDueKind: 'chain' | 'node' | null;
}

/**
 * 待办 by urgency: open clocks first, the one running out soonest on top (a new 2-hour report is not buried under
 * old overdue ones), then the overdue, most recently passed first; the level's own steps first within each. A county
 * sees only what it can act on: the reports it holds, and the 续报 / 终报 of the direct-report nodes, which are its
 * own (统计管理办法 第三条: 县级 归口统计、联网直报); a step waiting at a higher level is that level's.
 */
export function byUrgency<T extends Pending>(rows: readonly T[], myLevel: string | undefined, now: number): T[] {
  const due = (r: T) => new Date(r.nextDueAt ?? 0).getTime();
  const mine = (r: T) => r.holderLevel === myLevel;
  const actionable = (r: T) => myLevel !== 'county' || mine(r) || r.nextDueKind === 'node';
  const overdue = (r: T) => due(r) < now;
  const rank = (r: T) => (overdue(r) ? 2 : 0) + (mine(r) ? 0 : 1);
  return rows
    .filter((r) => r.nextDueAt && actionable(r))
    .sort((a, b) => rank(a) - rank(b) || (overdue(a) ? due(b) - due(a) : due(a) - due(b)));
}
