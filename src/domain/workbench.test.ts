/** The workbench's 待办: open clocks before overdue ones, own steps first, a county's list only what it can act on. */
import { describe, expect, it } from 'vitest';
import { byUrgency, type Pending } from './workbench.js';

const NOW = Date.parse('2026-12-05T10:00:00+08:00');
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();
const row = (id: string, dueIn: number, holderLevel: string, nextDueKind: Pending['nextDueKind'] = 'chain') => ({
  id,
  nextDueAt: at(dueIn),
  holderLevel,
  nextDueKind,
});

describe('byUrgency', () => {
  it('a city: a new 2-hour report on top, other open clocks by time left, then the overdue, newest first', () => {
    const rows = [
      row('overdue-old', -3000, 'city'),
      row('overdue-new', -10, 'city'),
      row('new-2h', 119, 'city'),
      row('soon-other', 30, 'province'),
      row('soon-mine', 60, 'city'),
      row('overdue-other', -5, 'province'),
    ];
    expect(byUrgency(rows, 'city', NOW).map((r) => r.id)).toEqual([
      'soon-mine',
      'new-2h',
      'soon-other',
      'overdue-new',
      'overdue-old',
      'overdue-other',
    ]);
  });

  it('due exactly now is still open; 1 ms later it is overdue', () => {
    const exact = { ...row('exact', 0, 'city'), nextDueAt: new Date(NOW).toISOString() };
    const past = { ...row('past', 0, 'city'), nextDueAt: new Date(NOW - 1).toISOString() };
    expect(byUrgency([past, exact, row('later', 5, 'city')], 'city', NOW).map((r) => r.id)).toEqual([
      'exact',
      'later',
      'past',
    ]);
  });

  it('a county lists what it can act on: reports it holds and its 续报 nodes, not a step waiting at the city', () => {
    const rows = [
      row('held', 30, 'county'),
      row('at-city', 20, 'city'),
      row('node-7d', 600, 'city', 'node'),
      { ...row('done', 0, 'county'), nextDueAt: null, nextDueKind: null },
    ];
    expect(byUrgency(rows, 'county', NOW).map((r) => r.id)).toEqual(['held', 'node-7d']);
    expect(byUrgency(rows, 'city', NOW).map((r) => r.id)).toEqual(['at-city', 'node-7d', 'held']);
  });
});
