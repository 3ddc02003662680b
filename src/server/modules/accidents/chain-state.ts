import type { AccidentDomain, NodeFacts } from '../../../domain/direct-report.js';
import type { ChainEntryState, ChainLevel } from '../../../domain/reporting-chain.js';
import type { AccidentRow, ChainRow } from './repo.js';

const date = (v: Date | string | null) => (v ? new Date(v) : null);

/** The chain columns the domain rules read. */
export type ChainStateRow = Pick<
  ChainRow,
  'level' | 'received_at' | 'forwarded_at' | 'due_at' | 'signed_at' | 'skipped' | 'applicable' | 'originated'
>;

/** accidents.source of a past accident entered by 历史数据导入 (no reporting-chain clock, no nodes). */
export const IMPORT_SOURCE = 'import';

/** The accident columns that decide its direct-report nodes (`source`: whether it is a historical record). */
export type NodeFactsRow = Pick<AccidentRow, 'occurred_at' | 'domain' | 'complete_at' | 'day7_report_at' | 'final_at'> &
  Partial<Pick<AccidentRow, 'source'>>;

/** A stored chain row as the domain rules see it. */
export function toChainState(r: ChainStateRow): ChainEntryState {
  return {
    level: r.level as ChainLevel,
    receivedAt: date(r.received_at),
    forwardedAt: date(r.forwarded_at),
    dueAt: date(r.due_at),
    signedAt: date(r.signed_at),
    skipped: r.skipped,
    applicable: r.applicable,
    originated: r.originated,
  };
}

/** A stored accident as the direct-report node rules see it. */
export function nodeFactsOf(a: NodeFactsRow): NodeFacts {
  return {
    occurredAt: new Date(a.occurred_at),
    domain: a.domain as AccidentDomain,
    completeAt: date(a.complete_at),
    day7ReportAt: date(a.day7_report_at),
    finalAt: date(a.final_at),
    historical: a.source === IMPORT_SOURCE,
  };
}
