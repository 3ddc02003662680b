import type { ChainEntryState, ChainLevel } from '../../../domain/reporting-chain.js';
import type { ChainRow } from './repo.js';

const date = (v: Date | string | null) => (v ? new Date(v) : null);

/** A stored chain row as the domain rules see it. */
export function toChainState(r: ChainRow): ChainEntryState {
  return {
    level: r.level as ChainLevel,
    receivedAt: date(r.received_at),
    forwardedAt: date(r.forwarded_at),
    dueAt: date(r.due_at),
    signedAt: date(r.signed_at),
    skipped: r.skipped,
  };
}
