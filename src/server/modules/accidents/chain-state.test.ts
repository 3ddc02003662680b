/** The one mapping from stored rows to what the domain rules read. */
import { describe, expect, it } from 'vitest';
import { nodeFactsOf, toChainState } from './chain-state.js';

describe('chain-state', () => {
  it('nodeFactsOf: an accident row as node facts, nulls kept', () => {
    expect(
      nodeFactsOf({
        occurred_at: new Date('2026-11-25T01:00:00Z'),
        domain: 'fire',
        complete_at: new Date('2026-11-25T02:00:00Z'),
        day7_report_at: null,
        final_at: null,
      }),
    ).toEqual({
      occurredAt: new Date('2026-11-25T01:00:00Z'),
      domain: 'fire',
      completeAt: new Date('2026-11-25T02:00:00Z'),
      day7ReportAt: null,
      finalAt: null,
      historical: false,
    });
  });

  it('nodeFactsOf: an imported row (历史数据导入) is historical', () => {
    const row = {
      occurred_at: new Date(),
      domain: 'industrial',
      complete_at: null,
      day7_report_at: null,
      final_at: null,
    };
    expect(nodeFactsOf({ ...row, source: 'import' }).historical).toBe(true);
    expect(nodeFactsOf({ ...row, source: 'bureau' }).historical).toBe(false);
  });

  it('toChainState: a chain row as a chain entry', () => {
    expect(
      toChainState({
        level: 'city',
        received_at: new Date('2026-11-25T01:00:00Z'),
        forwarded_at: null,
        due_at: new Date('2026-11-25T03:00:00Z'),
        signed_at: null,
        skipped: false,
        applicable: true,
        originated: true,
      }),
    ).toMatchObject({
      level: 'city',
      dueAt: new Date('2026-11-25T03:00:00Z'),
      forwardedAt: null,
      skipped: false,
      originated: true,
    });
  });
});
