/**
 * Housekeeping of the accident module. Idempotency keys answer retries for IDEMPOTENCY_RETENTION_DAYS —
 * far longer than any client retries a submission — and are then forgotten, so the table does not grow
 * without bound. (Reports, revisions and the audit log are never purged.) The clock engine runs the purge hourly
 * (clock/registry.ts).
 */
import { DAY_MS } from '../../../domain/time.js';
import type { AppContext } from '../../context.js';
import { purgeIdempotencyKeys } from './repo.js';

export const IDEMPOTENCY_RETENTION_DAYS = 7;

export async function purgeExpiredIdempotencyKeys(ctx: AppContext): Promise<number> {
  return purgeIdempotencyKeys(ctx.db.kysely, new Date(ctx.now().getTime() - IDEMPOTENCY_RETENTION_DAYS * DAY_MS));
}
