/**
 * Pushes "deadline about to pass" (15 min before) and "deadline passed" to every level of the chain.
 * Each (deadline, stage) is sent once, across restarts and instances: deadline_alerts is the ledger.
 * The clock engine runs checkDeadlines every 30 s (clock/registry.ts, 'accidents.deadline-alerts').
 */
import { directReportNodes } from '../../../domain/direct-report.js';
import { type ChainLevel, entryDoneAt, holderOf, levelsOf, visibleLevels } from '../../../domain/reporting-chain.js';
import { DAY_MS, MINUTE_MS } from '../../../domain/time.js';
import type { AppContext } from '../../context.js';
import { nodeFactsOf, toChainState } from './chain-state.js';
import * as repo from './repo.js';

const SOON_MS = 15 * MINUTE_MS;
/** The 30 d node is the latest deadline a report has; anything overdue longer has long been alerted. */
const LOOKBACK_MS = 31 * DAY_MS;
/** Accidents examined per tick, earliest deadline first; the rest wait for the next tick. */
const BATCH = 1000;

interface Deadline {
  key: string;
  dueAt: Date;
}

/** The accident's unmet deadlines (chain levels in play and direct-report nodes). */
function unmetDeadlines(a: repo.WatchedAccident, chainRows: repo.WatchedChainRow[], now: Date): Deadline[] {
  const chain = chainRows.map(toChainState);
  const target = a.target_level as ChainLevel;
  const levels = new Set(visibleLevels(target, holderOf(chain)?.level, levelsOf(chain)));
  return [
    ...chain
      .filter((e) => levels.has(e.level) && !e.skipped && e.dueAt && !entryDoneAt(e, target))
      .map((e) => ({ key: `chain:${e.level}`, dueAt: e.dueAt as Date })),
    ...directReportNodes(nodeFactsOf(a), now)
      .filter((n) => !n.doneAt)
      .map((n) => ({ key: `node:${n.kind}`, dueAt: n.dueAt })),
  ];
}

function stageOf(d: Deadline, now: Date): 'soon' | 'passed' | null {
  const left = d.dueAt.getTime() - now.getTime();
  if (left <= 0) return 'passed';
  return left <= SOON_MS ? 'soon' : null;
}

/** The alerts due now for these accidents, sent or not (the ledger decides). */
function dueAlerts(
  accidents: repo.WatchedAccident[],
  chains: repo.WatchedChainRow[],
  now: Date,
): repo.DeadlineAlertRow[] {
  return accidents.flatMap((a) =>
    unmetDeadlines(
      a,
      chains.filter((c) => c.accident_id === a.id),
      now,
    ).flatMap((d) => {
      const stage = stageOf(d, now);
      return stage
        ? [{ region_code: a.region_code, accident_id: a.id, deadline: d.key, due_at: d.dueAt, stage, sent_at: now }]
        : [];
    }),
  );
}

/** One tick: records the alerts not sent before and publishes them. Returns how many were sent. */
export async function checkDeadlines(ctx: AppContext): Promise<number> {
  const now = ctx.now();
  const db = ctx.db.kysely;
  const accidents = await repo.accidentsDueBetween(db, {
    since: new Date(now.getTime() - LOOKBACK_MS),
    until: new Date(now.getTime() + SOON_MS),
    limit: BATCH,
  });
  if (accidents.length === 0) return 0;
  const chains = await repo.chainsOf(db, accidents);
  const sent = await repo.recordNewAlerts(db, dueAlerts(accidents, chains, now));
  const byId = new Map(accidents.map((a) => [a.id, a]));
  for (const alert of sent) {
    const a = byId.get(alert.accident_id);
    if (!a) continue;
    const dueAt = new Date(alert.due_at);
    ctx.bus.publish({
      type: alert.stage === 'soon' ? 'deadline.soon' : 'deadline.passed',
      regionCode: a.region_code,
      enterpriseOrgId: a.enterprise_org_id,
      unitCreditCode: a.unit_credit_code,
      at: now.toISOString(),
      data: {
        id: a.id,
        reportNo: a.report_no,
        unitName: a.unit_name,
        deadline: alert.deadline,
        dueAt: dueAt.toISOString(),
      },
    });
  }
  return sent.length;
}
