/** The earliest deadline an accident report has not yet met — across its chain and its direct-report nodes. */
import { directReportNodes, type NodeFacts } from './direct-report.js';
import {
  type ChainEntryState,
  type ChainLevel,
  entryDoneAt,
  holderOf,
  levelsOf,
  visibleLevels,
} from './reporting-chain.js';

export function nextDueAt(
  chain: readonly ChainEntryState[],
  target: ChainLevel,
  facts: NodeFacts,
  now: Date,
): Date | null {
  const levels = new Set(visibleLevels(target, holderOf(chain)?.level, levelsOf(chain)));
  const pending: Date[] = [];
  for (const e of chain) {
    if (!levels.has(e.level) || e.skipped || !e.dueAt) continue;
    if (!entryDoneAt(e, target)) pending.push(e.dueAt);
  }
  for (const n of directReportNodes(facts, now)) if (!n.doneAt) pending.push(n.dueAt);
  if (pending.length === 0) return null;
  return new Date(Math.min(...pending.map((d) => d.getTime())));
}
