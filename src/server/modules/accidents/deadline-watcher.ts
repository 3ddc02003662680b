/**
 * Pushes "deadline about to pass" (15 min before) and "deadline passed" to every level of the chain.
 * Each (deadline, stage) is sent once, across restarts and instances: deadline_alerts is the ledger.
 */
import { type AccidentDomain, directReportNodes } from '../../../domain/direct-report.js';
import { type ChainLevel, entryDoneAt, holderOf, visibleLevels } from '../../../domain/reporting-chain.js';
import type { AppContext } from '../../context.js';
import { toChainState } from './chain-state.js';

const SOON_MS = 15 * 60_000;
const LOOKBACK_MS = 31 * 86_400_000;
const TICK_MS = 30_000;

interface Deadline {
  key: string;
  dueAt: Date;
}

export async function checkDeadlines(ctx: AppContext): Promise<number> {
  const now = ctx.now();
  const db = ctx.db.kysely;
  const candidates = await db
    .selectFrom('accidents')
    .selectAll()
    .where('next_due_at', '<=', new Date(now.getTime() + SOON_MS))
    .where('next_due_at', '>', new Date(now.getTime() - LOOKBACK_MS))
    .limit(1000)
    .execute();
  if (candidates.length === 0) return 0;
  const chains = await db
    .selectFrom('accident_chain')
    .selectAll()
    .where(
      'accident_id',
      'in',
      candidates.map((a) => a.id),
    )
    .execute();
  let sent = 0;
  for (const a of candidates) {
    const chain = chains.filter((c) => c.accident_id === a.id).map(toChainState);
    const target = a.target_level as ChainLevel;
    const levels = new Set(visibleLevels(target, holderOf(chain)?.level));
    const deadlines: Deadline[] = [
      ...chain
        .filter((e) => levels.has(e.level) && !e.skipped && e.dueAt && !entryDoneAt(e, target))
        .map((e) => ({ key: `chain:${e.level}`, dueAt: e.dueAt as Date })),
      ...directReportNodes(
        {
          occurredAt: new Date(a.occurred_at),
          domain: a.domain as AccidentDomain,
          completeAt: a.complete_at ? new Date(a.complete_at) : null,
          firstFollowupAt: a.first_followup_at ? new Date(a.first_followup_at) : null,
          finalAt: a.final_at ? new Date(a.final_at) : null,
        },
        now,
      )
        .filter((n) => !n.doneAt)
        .map((n) => ({ key: `node:${n.kind}`, dueAt: n.dueAt })),
    ];
    for (const d of deadlines) {
      const left = d.dueAt.getTime() - now.getTime();
      const stage = left <= 0 ? 'passed' : left <= SOON_MS ? 'soon' : null;
      if (!stage) continue;
      const inserted = await db
        .insertInto('deadline_alerts')
        .values({
          region_code: a.region_code,
          accident_id: a.id,
          deadline: d.key,
          due_at: d.dueAt,
          stage,
          sent_at: now,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('stage')
        .executeTakeFirst();
      if (!inserted) continue;
      sent++;
      ctx.bus.publish({
        type: stage === 'soon' ? 'deadline.soon' : 'deadline.passed',
        regionCode: a.region_code,
        enterpriseOrgId: a.enterprise_org_id,
        at: now.toISOString(),
        data: { id: a.id, reportNo: a.report_no, unitName: a.unit_name, deadline: d.key, dueAt: d.dueAt.toISOString() },
      });
    }
  }
  return sent;
}

export function startDeadlineWatcher(ctx: AppContext): () => void {
  const tick = () => {
    checkDeadlines(ctx).catch((err) => console.error('deadline watcher', err));
  };
  const timer = setInterval(tick, TICK_MS);
  tick();
  return () => clearInterval(timer);
}
