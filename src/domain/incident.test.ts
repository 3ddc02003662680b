import { describe, expect, it } from 'vitest';
import type { Grade } from './grade.js';
import {
  canMoveTask,
  describeFigureChanges,
  figureChanges,
  isCommitted,
  leadLevelOf,
  levelChangeRefusal,
  levelDirection,
  levelForGrade,
  opensAutomatically,
  type ResponseLevel,
  responseTimes,
  type TaskState,
  taskTimeRefusal,
} from './incident.js';

describe('response levels', () => {
  it.each([
    ['general', 'IV', false, 'county'],
    ['larger', 'III', true, 'city'],
    ['major', 'II', true, 'province'],
    ['especially_major', 'I', true, 'national'],
  ] as const)('%s → %s, opens automatically: %s, led by the %s', (grade, level, auto, lead) => {
    expect(levelForGrade(grade as Grade)).toBe(level);
    expect(opensAutomatically(grade as Grade)).toBe(auto);
    expect(leadLevelOf(level)).toBe(lead);
  });

  it.each([
    ['III', 'II', '事态扩大', null, 'raise'],
    ['II', 'III', '险情得到控制', null, 'lower'],
    ['IV', 'I', '重大社会影响', null, 'raise'],
    ['III', 'III', '同级', 'same_level', null],
    ['III', 'II', '   ', 'reason_required', 'raise'],
  ] as const)('%s → %s (%s): refusal %s, %s', (from, to, reason, refusal, direction) => {
    expect(levelChangeRefusal(from as ResponseLevel, to as ResponseLevel, reason)).toBe(refusal);
    if (direction) expect(levelDirection(from as ResponseLevel, to as ResponseLevel)).toBe(direction);
  });
});

describe('the task state machine: forward only', () => {
  const table: [TaskState, TaskState, boolean][] = [
    ['dispatched', 'en_route', true],
    ['dispatched', 'on_site', true],
    ['dispatched', 'withdrawn', true],
    ['en_route', 'on_site', true],
    ['en_route', 'withdrawn', true],
    ['on_site', 'withdrawn', true],
    ['dispatched', 'dispatched', false],
    ['en_route', 'dispatched', false],
    ['on_site', 'en_route', false],
    ['on_site', 'dispatched', false],
    ['withdrawn', 'on_site', false],
    ['withdrawn', 'dispatched', false],
    ['withdrawn', 'withdrawn', false],
  ];
  it.each(table)('%s → %s: %s', (from, to, ok) => expect(canMoveTask(from, to)).toBe(ok));

  it('a move is neither in the future nor before the last one', () => {
    const last = new Date('2026-12-01T10:00:00+08:00');
    const now = new Date('2026-12-01T11:00:00+08:00');
    expect(taskTimeRefusal(new Date('2026-12-01T10:30:00+08:00'), last, now)).toBeNull();
    expect(taskTimeRefusal(last, last, now)).toBeNull();
    expect(taskTimeRefusal(now, last, now)).toBeNull();
    expect(taskTimeRefusal(new Date('2026-12-01T09:59:59+08:00'), last, now)).toBe('before_previous');
    expect(taskTimeRefusal(new Date('2026-12-01T11:00:01+08:00'), last, now)).toBe('future');
  });

  it.each([
    ['dispatched', true, true],
    ['en_route', true, true],
    ['on_site', true, true],
    ['withdrawn', true, false],
    ['on_site', false, false],
  ] as const)('%s in an open incident (%s) is busy: %s', (state, open, busy) => {
    expect(isCommitted(state, open)).toBe(busy);
  });
});

describe('response times: report → first dispatch → first on site', () => {
  const at = (hm: string) => new Date(`2026-12-01T${hm}:00+08:00`);
  it('whole minutes between the steps', () => {
    expect(
      responseTimes({ reportedAt: at('10:00'), firstDispatchAt: at('10:12'), firstOnSiteAt: at('10:47') }),
    ).toEqual({ reportToDispatchMin: 12, dispatchToOnSiteMin: 35, reportToOnSiteMin: 47 });
  });
  it('a step not yet reached is null', () => {
    expect(responseTimes({ reportedAt: at('10:00'), firstDispatchAt: at('10:05'), firstOnSiteAt: null })).toEqual({
      reportToDispatchMin: 5,
      dispatchToOnSiteMin: null,
      reportToOnSiteMin: null,
    });
    expect(responseTimes({ reportedAt: at('10:00'), firstDispatchAt: null, firstOnSiteAt: null })).toEqual({
      reportToDispatchMin: null,
      dispatchToOnSiteMin: null,
      reportToOnSiteMin: null,
    });
  });
  it('seconds are cut, never rounded up', () => {
    const r = new Date('2026-12-01T10:00:00+08:00');
    const d = new Date('2026-12-01T10:00:59+08:00');
    expect(responseTimes({ reportedAt: r, firstDispatchAt: d, firstOnSiteAt: null }).reportToDispatchMin).toBe(0);
  });
});

describe('follow-up figures in the log', () => {
  it('lists what changed', () => {
    const before = { deaths: 2, missing: 1, seriousInjuries: 3, minorInjuries: 0, directLossYuan: 100 };
    const after = { ...before, deaths: 3, missing: 0 };
    const changes = figureChanges(before, after);
    expect(changes).toEqual([
      { field: 'deaths', from: 2, to: 3 },
      { field: 'missing', from: 1, to: 0 },
    ]);
    expect(describeFigureChanges(changes)).toBe('死亡 2→3，失踪 1→0');
    expect(figureChanges(before, before)).toEqual([]);
  });
});
