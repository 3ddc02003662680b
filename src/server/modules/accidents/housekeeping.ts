/**
 * Housekeeping of the accident module. Idempotency keys answer retries for IDEMPOTENCY_RETENTION_DAYS —
 * far longer than any client retries a submission — and are then forgotten, so the table does not grow
 * without bound. (Reports, revisions and the audit log are never purged.)
 */
import { DAY_MS } from '../../../domain/time.js';
import type { AppContext } from '../../context.js';
import { purgeLoginThrottle } from '../auth/service.js';
import { purgeIdempotencyKeys } from './repo.js';

export const IDEMPOTENCY_RETENTION_DAYS = 7;
const EVERY_MS = 60 * 60_000;

export async function purgeExpiredIdempotencyKeys(ctx: AppContext): Promise<number> {
  return purgeIdempotencyKeys(ctx.db.kysely, new Date(ctx.now().getTime() - IDEMPOTENCY_RETENTION_DAYS * DAY_MS));
}

export function startHousekeeping(ctx: AppContext): () => void {
  const run = () => {
    purgeExpiredIdempotencyKeys(ctx).catch((err) => console.error('housekeeping', err));
    purgeLoginThrottle(ctx.db, ctx.now()).catch((err) => console.error('housekeeping', err));
  };
  const timer = setInterval(run, EVERY_MS);
  run();
  return () => clearInterval(timer);
}
