/** The clock engine's queue for admins: the jobs of the actor's jurisdiction. */
import type { ClockJob, ClockJobsQuery } from '../../contracts/clock.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import * as repo from './repo.js';

/**
 * Jobs whose region lies in the actor's jurisdiction: platform-wide jobs are kept under '000000', so the national
 * bureau's administrators see them; a province's see the one-off jobs of its subtree.
 */
export async function listClockJobs(ctx: AppContext, actor: Actor, query: ClockJobsQuery): Promise<ClockJob[]> {
  const now = ctx.now().getTime();
  const rows = await repo.listJobs(ctx.db.kysely, { prefix: actor.prefix, status: query.status, limit: query.limit });
  return rows.map((r) => ({
    name: r.name,
    regionCode: r.region_code,
    key: r.key,
    dueAt: new Date(r.due_at).toISOString(),
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    lockedBy: r.locked_by,
    lockedUntil: r.locked_until ? new Date(r.locked_until).toISOString() : null,
    lastRunAt: r.last_run_at ? new Date(r.last_run_at).toISOString() : null,
    leaseExpired: r.status === 'running' && !!r.locked_until && new Date(r.locked_until).getTime() <= now,
  }));
}
