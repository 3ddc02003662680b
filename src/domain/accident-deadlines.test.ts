/** nextDueAt: the earliest deadline not yet met, across the visible chain levels and the direct-report nodes. */
import { describe, expect, it } from 'vitest';
import { nextDueAt } from './accident-deadlines.js';
import type { NodeFacts } from './direct-report.js';
import type { ChainEntryState, ChainLevel } from './reporting-chain.js';

const OCC = new Date('2026-11-25T09:30:00+08:00');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(OCC.getTime() + ms);

function entry(level: ChainLevel, e: Partial<ChainEntryState> = {}): ChainEntryState {
  return { level, receivedAt: null, forwardedAt: null, dueAt: null, signedAt: null, skipped: false, ...e };
}
const facts = (f: Partial<NodeFacts> = {}): NodeFacts => ({
  occurredAt: OCC,
  domain: 'industrial',
  completeAt: at(HOUR),
  day7ReportAt: null,
  finalAt: null,
  ...f,
});

describe('nextDueAt', () => {
  it("is the holder's 2-hour deadline while the report is on its way", () => {
    const chain = [entry('county', { receivedAt: at(HOUR), dueAt: at(3 * HOUR) }), entry('city')];
    expect(nextDueAt(chain, 'city', facts(), at(HOUR))?.toISOString()).toBe(at(3 * HOUR).toISOString());
  });

  it('falls to the 24 h node when the report is incomplete and the chain is done', () => {
    const chain = [
      entry('county', { receivedAt: at(HOUR), dueAt: at(3 * HOUR), forwardedAt: at(2 * HOUR) }),
      entry('city', { receivedAt: at(2 * HOUR), dueAt: at(4 * HOUR), signedAt: at(2 * HOUR) }),
    ];
    expect(nextDueAt(chain, 'city', facts({ completeAt: null }), at(5 * HOUR))?.toISOString()).toBe(
      at(DAY).toISOString(),
    );
    expect(nextDueAt(chain, 'city', facts(), at(5 * HOUR))?.toISOString()).toBe(at(7 * DAY).toISOString());
  });

  it('ignores skipped levels and levels above the target that never received it', () => {
    const chain = [
      entry('county', { receivedAt: at(HOUR), dueAt: at(3 * HOUR), forwardedAt: at(HOUR) }),
      entry('city', { receivedAt: at(HOUR), dueAt: at(3 * HOUR), skipped: true }),
      entry('province', { receivedAt: at(HOUR), dueAt: at(3 * HOUR), signedAt: at(2 * HOUR) }),
      entry('national', { dueAt: at(2 * HOUR) }),
    ];
    expect(nextDueAt(chain, 'province', facts(), at(4 * HOUR))?.toISOString()).toBe(at(7 * DAY).toISOString());
  });

  it('is null when every deadline is met', () => {
    const chain = [
      entry('county', { receivedAt: at(HOUR), dueAt: at(3 * HOUR), forwardedAt: at(2 * HOUR) }),
      entry('city', { receivedAt: at(2 * HOUR), dueAt: at(4 * HOUR), signedAt: at(5 * HOUR) }),
    ];
    const done = facts({ day7ReportAt: at(6 * DAY + HOUR), finalAt: at(20 * DAY) });
    expect(nextDueAt(chain, 'city', done, at(21 * DAY))).toBeNull();
  });

  it('is null for a historical record (历史数据导入): a chain never received and no node owed', () => {
    const chain = [entry('county'), entry('city'), entry('province'), entry('national')];
    const historical = facts({ completeAt: null, historical: true });
    expect(nextDueAt(chain, 'city', historical, at(HOUR))).toBeNull();
    expect(nextDueAt(chain, 'city', historical, at(40 * DAY))).toBeNull();
  });

  it('a late deadline still counts until it is met (overdue items keep their due date)', () => {
    const chain = [entry('county', { receivedAt: at(HOUR), dueAt: at(3 * HOUR) }), entry('city')];
    expect(nextDueAt(chain, 'city', facts(), at(10 * DAY))?.toISOString()).toBe(at(3 * HOUR).toISOString());
  });
});
