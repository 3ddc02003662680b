/**
 * The investigation's authority and clocks as boundary tables on the official calendar (regulations.md §1.5, §1.6, §9;
 * 2026: 劳动节 5-01–5-05, 中秋 9-25–9-27, 国庆 10-01–10-07; 2-28 (Sat) is a 调休 working day).
 */
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from './calendar.js';
import type { Grade } from './grade.js';
import { OFFICIAL_SCHEDULES } from './holiday-schedules.js';
import {
  type AppraisalPause,
  approvalClock,
  type Casualties,
  evaluationClock,
  InvestigationRuleError,
  investigationAuthority,
  mayEntrustUnit,
  reportClock,
  supervisionClock,
} from './investigation.js';

const cal = new WorkingCalendar(OFFICIAL_SCHEDULES);
/** An instant in Asia/Shanghai: '2026-07-31' is its 00:00, '2026-07-31 23:59:59.999' its last millisecond. */
const at = (s: string) => new Date(`${s.length === 10 ? `${s}T00:00:00` : s.replace(' ', 'T')}+08:00`);
const none: Casualties = { deaths: 0, missing: 0, seriousInjuries: 0, minorInjuries: 0 };

function ruleError(f: () => unknown): InvestigationRuleError {
  try {
    f();
  } catch (e) {
    if (e instanceof InvestigationRuleError) return e;
    throw e;
  }
  throw new Error('no InvestigationRuleError');
}

describe('investigationAuthority: 493号令 第十九条 — 第二十一条', () => {
  it.each([
    ['especially_major', 'state_council', '000000'],
    ['major', 'province', '370000'],
    ['larger', 'city', '370300'],
    ['general', 'county', '370303'],
  ] as const)('%s → %s (%s)', (grade, level, region) => {
    const a = investigationAuthority({ grade, regionCode: '370303', casualties: { ...none, deaths: 1 } });
    expect(a).toMatchObject({ level, statutoryLevel: level, regionCode: region, investigator: 'government' });
    expect(a.escalated).toBe(false);
    expect(a.basis[0]).toContain('第十九条');
  });

  it('提级调查 to a higher level, with its reason', () => {
    const a = investigationAuthority({
      grade: 'general',
      regionCode: '370303',
      casualties: { ...none, deaths: 2 },
      escalateTo: { level: 'city', reason: ' 社会影响恶劣 ' },
    });
    expect(a).toMatchObject({ level: 'city', statutoryLevel: 'county', escalated: true, regionCode: '370300' });
    expect(a.escalationReason).toBe('社会影响恶劣');
    expect(a.basis.some((b) => b.includes('第二十条'))).toBe(true);
  });

  it.each([
    ['larger', 'city', 'escalation_not_higher'], // same level
    ['major', 'city', 'escalation_not_higher'], // lower
  ] as const)('%s escalated to %s is refused: %s', (grade, level, code) => {
    expect(
      ruleError(() =>
        investigationAuthority({ grade, regionCode: '370303', casualties: none, escalateTo: { level, reason: '因' } }),
      ).code,
    ).toBe(code);
  });

  it('an escalation without a reason is refused', () => {
    const e = ruleError(() =>
      investigationAuthority({
        grade: 'general',
        regionCode: '370303',
        casualties: none,
        escalateTo: { level: 'province', reason: '  ' },
      }),
    );
    expect(e).toMatchObject({ code: 'escalation_reason_missing', path: 'escalateTo.reason' });
  });

  it.each([
    ['general', none, true],
    ['general', { ...none, minorInjuries: 1 }, false], // 轻伤 is a casualty
    ['general', { ...none, seriousInjuries: 1 }, false],
    ['general', { ...none, missing: 1 }, false],
    ['general', { ...none, deaths: 1 }, false],
    ['larger', none, false], // a 较大 accident by its loss
  ] as const)('entrusting the unit: %s with %o → %s', (grade, casualties, allowed) => {
    expect(mayEntrustUnit(grade, casualties)).toBe(allowed);
    const run = () => investigationAuthority({ grade, regionCode: '370303', casualties, entrustUnit: true });
    if (allowed) expect(run()).toMatchObject({ investigator: 'unit', level: 'county' });
    else expect(ruleError(run).code).toBe('entrust_not_allowed');
  });

  it('an escalated 一般 accident is not entrusted to the unit', () => {
    expect(
      ruleError(() =>
        investigationAuthority({
          grade: 'general',
          regionCode: '370303',
          casualties: none,
          entrustUnit: true,
          escalateTo: { level: 'city', reason: '因' },
        }),
      ).code,
    ).toBe('entrust_not_allowed');
  });
});

describe('reportClock: 60 days from the team, + up to 60, appraisal days not counted (第二十七条, 第二十九条)', () => {
  const base = { teamFormedOn: '2026-06-01', extensionDays: null, pauses: [] as AppraisalPause[], submittedOn: null };
  const now = at('2026-06-20');

  it.each([
    // [extension, pauses, nominalOn, dueOn, pausedDays]
    [null, [], '2026-07-31', '2026-07-31', 0], // 60 days, a Friday
    [1, [], '2026-08-01', '2026-08-03', 0], // Saturday → Monday (第二百零三条)
    [60, [], '2026-09-29', '2026-09-29', 0], // the longest extension
    [null, [{ start: '2026-06-10', end: '2026-06-19' }], '2026-08-10', '2026-08-10', 10], // both ends not counted
    [null, [{ start: '2026-06-10', end: '2026-06-10' }], '2026-08-01', '2026-08-03', 1], // a same-day appraisal
    [
      null,
      [
        { start: '2026-06-10', end: '2026-06-19' },
        { start: '2026-06-15', end: '2026-06-24' },
      ],
      '2026-08-15',
      '2026-08-17',
      15,
    ], // overlapping: each day once
    [
      null,
      [
        { start: '2026-06-10', end: '2026-06-12' },
        { start: '2026-07-01', end: '2026-07-02' },
      ],
      '2026-08-05',
      '2026-08-05',
      5,
    ], // two separate pauses
    [null, [{ start: '2026-05-20', end: '2026-06-01' }], '2026-07-31', '2026-07-31', 0], // before the period
    [null, [{ start: '2026-05-20', end: '2026-06-03' }], '2026-08-02', '2026-08-03', 2], // reaching into it
    [null, [{ start: '2026-07-31', end: '2026-08-02' }], '2026-08-03', '2026-08-03', 3], // from the last day
    [null, [{ start: '2026-08-01', end: '2026-08-20' }], '2026-07-31', '2026-07-31', 0], // after it ran out
    [60, [{ start: '2026-06-10', end: '2026-06-19' }], '2026-10-09', '2026-10-09', 10], // extension + pause
  ] as const)(
    'extension %s, pauses %o → %s (due %s), %s days paused',
    (extensionDays, pauses, nominalOn, dueOn, pausedDays) => {
      const c = reportClock(cal, { ...base, extensionDays, pauses }, now);
      expect(c).toMatchObject({
        nominalOn,
        dueOn,
        pausedDays,
        provisional: false,
        periodDays: 60 + (extensionDays ?? 0),
      });
    },
  );

  it('the last day ends at 24:00 Asia/Shanghai', () => {
    expect(reportClock(cal, base, now).dueAt?.toISOString()).toBe('2026-07-31T16:00:00.000Z');
  });

  it.each([
    ['2026-07-20', 'pending'],
    ['2026-07-21', 'due_soon'], // 10 days before
    ['2026-07-31 23:59:59.999', 'due_soon'],
    ['2026-08-01', 'overdue'], // 00:00 the next day
  ] as const)('on %s → %s', (when, status) => {
    expect(reportClock(cal, base, at(when)).status).toBe(status);
  });

  it.each([
    ['2026-07-31', 'done'],
    ['2026-08-01', 'done_late'],
  ] as const)('submitted %s → %s', (submittedOn, status) => {
    expect(reportClock(cal, { ...base, submittedOn }, at('2026-09-01')).status).toBe(status);
  });

  it('an open appraisal stops the clock to today: the due day is provisional and moves each day', () => {
    const pauses = [{ start: '2026-06-10', end: null }];
    const c = reportClock(cal, { ...base, pauses }, at('2026-06-20 08:00'));
    expect(c).toMatchObject({ nominalOn: '2026-08-11', pausedDays: 11, provisional: true, status: 'paused' });
    expect(reportClock(cal, { ...base, pauses }, at('2026-06-21')).nominalOn).toBe('2026-08-12');
    // Before it starts, an open pause stops nothing yet beyond its first day.
    expect(reportClock(cal, { ...base, pauses }, at('2026-06-05')).nominalOn).toBe('2026-08-01');
  });

  it('an open appraisal begun after the period ran out leaves the report overdue', () => {
    const c = reportClock(cal, { ...base, pauses: [{ start: '2026-08-05', end: null }] }, at('2026-08-10'));
    expect(c).toMatchObject({ nominalOn: '2026-07-31', provisional: false, status: 'overdue' });
  });

  it('a submitted report is done even while an appraisal is recorded open', () => {
    const c = reportClock(
      cal,
      { ...base, pauses: [{ start: '2026-06-10', end: null }], submittedOn: '2026-06-30' },
      at('2026-07-01'),
    );
    expect(c.status).toBe('done');
  });

  it.each([
    [{ extensionDays: 61 }, 'extension_out_of_range'],
    [{ extensionDays: 0 }, 'extension_out_of_range'],
    [{ extensionDays: 1.5 }, 'extension_out_of_range'],
    [{ pauses: [{ start: '2026-06-10', end: '2026-06-09' }] }, 'pause_ends_before_start'],
    [{ teamFormedOn: '2026-02-30' }, 'invalid_date'],
    [{ pauses: [{ start: '2026-6-1', end: null }] }, 'invalid_date'],
  ] as const)('%o is refused: %s', (change, code) => {
    expect(ruleError(() => reportClock(cal, { ...base, ...change }, now)).code).toBe(code);
  });

  it('a year without its official calendar: the nominal day decides until it passes', () => {
    const f = { ...base, teamFormedOn: '2026-12-01' };
    expect(reportClock(cal, f, at('2026-12-06'))).toMatchObject({
      nominalOn: '2027-01-30',
      dueOn: null,
      dueAt: null,
      missingYear: 2027,
      status: 'pending',
    });
    expect(reportClock(cal, f, at('2027-01-31')).status).toBe('calendar_missing');
  });
});

describe('approvalClock: 批复 15 days; 特别重大 30, + up to 30 (第三十二条)', () => {
  const f = (grade: Grade, reportReceivedOn: string, extensionDays: number | null = null) => ({
    grade,
    reportReceivedOn,
    extensionDays,
    approvedOn: null,
  });
  const now = at('2026-06-02');

  it.each([
    ['larger', '2026-06-01', null, '2026-06-16', '2026-06-16'],
    ['general', '2026-09-15', null, '2026-09-30', '2026-09-30'],
    ['major', '2026-09-16', null, '2026-10-01', '2026-10-08'], // 国庆 → the first working day after it
    ['especially_major', '2026-06-01', null, '2026-07-01', '2026-07-01'],
    ['especially_major', '2026-09-01', null, '2026-10-01', '2026-10-08'],
    ['especially_major', '2026-09-01', 30, '2026-10-31', '2026-11-02'], // the longest extension, a Saturday
    ['especially_major', '2026-06-01', 1, '2026-07-02', '2026-07-02'],
  ] as const)('%s received %s, extension %s → %s (due %s)', (grade, received, ext, nominalOn, dueOn) => {
    expect(approvalClock(cal, f(grade, received, ext), now)).toMatchObject({ nominalOn, dueOn });
  });

  it.each([
    [null, '2026-06-12', 'pending'],
    [null, '2026-06-13', 'due_soon'], // 3 days before
    [null, '2026-06-16 23:59:59.999', 'due_soon'],
    [null, '2026-06-17', 'overdue'],
    ['2026-06-16', '2026-06-20', 'done'],
    ['2026-06-17', '2026-06-20', 'done_late'],
  ] as const)('approved %s, on %s → %s', (approvedOn, when, status) => {
    expect(approvalClock(cal, { ...f('larger', '2026-06-01'), approvedOn }, at(when)).status).toBe(status);
  });

  it.each([
    ['especially_major', 31, 'extension_out_of_range'],
    ['especially_major', 0, 'extension_out_of_range'],
    ['major', 10, 'extension_not_allowed'],
    ['general', 1, 'extension_not_allowed'],
  ] as const)('%s with an extension of %s is refused: %s', (grade, ext, code) => {
    expect(ruleError(() => approvalClock(cal, f(grade, '2026-06-01', ext), now)).code).toBe(code);
  });
});

describe('evaluationClock: 结案后10个月至1年内 (安委办〔2021〕4号 第三条)', () => {
  const f = { closedOn: '2025-03-31', evaluatedOn: null };

  it.each([
    ['2025-03-31', '2026-01-31', '2026-03-31', '2026-03-31'], // January has a 31st
    ['2025-04-30', '2026-02-28', '2026-04-30', '2026-04-30'], // February has no 30th
    ['2025-05-01', '2026-03-01', '2026-05-01', '2026-05-06'], // 劳动节 → the first working day after it
    ['2025-02-28', '2025-12-28', '2026-02-28', '2026-02-28'], // a Saturday, but a 调休 working day
    ['2024-02-29', '2024-12-29', '2025-02-28', '2025-02-28'], // no 29th in 2025
  ] as const)('closed %s → opens %s, ends %s (due %s)', (closedOn, opensOn, nominalOn, dueOn) => {
    expect(evaluationClock(cal, { closedOn, evaluatedOn: null }, at('2025-06-01'))).toMatchObject({
      opensOn,
      nominalOn,
      dueOn,
    });
  });

  it.each([
    [null, '2026-01-30 23:59', 'not_open'],
    [null, '2026-01-31', 'pending'], // the window opens
    [null, '2026-02-28', 'pending'], // 31 days before
    [null, '2026-03-01', 'due_soon'], // 30 days before
    [null, '2026-03-31 23:59:59.999', 'due_soon'],
    [null, '2026-04-01', 'overdue'],
    ['2026-01-30', '2026-04-10', 'done_early'], // before the window: not the evaluation the rule asks for
    ['2026-01-31', '2026-04-10', 'done'],
    ['2026-03-31', '2026-04-10', 'done'],
    ['2026-04-01', '2026-04-10', 'done_late'],
  ] as const)('evaluated %s, on %s → %s', (evaluatedOn, when, status) => {
    expect(evaluationClock(cal, { ...f, evaluatedOn }, at(when)).status).toBe(status);
  });
});

describe('supervisionClock: 挂牌督办, 60 days by default (provincial rules, configurable)', () => {
  const f = { noticeOn: '2026-06-01', deadlineOn: null, liftedOn: null, completedOn: null };

  it.each([
    [{}, {}, '2026-07-31', '2026-07-31'],
    [{}, { days: 45 }, '2026-07-16', '2026-07-16'],
    [{ noticeOn: '2026-07-02' }, {}, '2026-08-31', '2026-08-31'],
    [{ noticeOn: '2026-03-02' }, {}, '2026-05-01', '2026-05-06'], // 劳动节
    [{ deadlineOn: '2026-08-01' }, {}, '2026-08-01', '2026-08-01'], // the notice's own day, as written
  ] as const)('%o with %o → %s (due %s)', (change, opts, nominalOn, dueOn) => {
    expect(supervisionClock(cal, { ...f, ...change }, at('2026-06-02'), opts)).toMatchObject({ nominalOn, dueOn });
  });

  it.each([
    [{}, '2026-07-21', 'due_soon'],
    [{}, '2026-08-01', 'overdue'],
    [{ completedOn: '2026-07-30' }, '2026-08-01', 'overdue'], // reported, not lifted: still open
    [{ completedOn: '2026-07-30', liftedOn: '2026-08-05' }, '2026-08-10', 'done'], // on time by the report
    [{ liftedOn: '2026-08-05' }, '2026-08-10', 'done_late'],
    [{ deadlineOn: '2026-08-01' }, '2026-08-01 23:59', 'due_soon'],
    [{ deadlineOn: '2026-08-01' }, '2026-08-02', 'overdue'],
  ] as const)('%o on %s → %s', (change, when, status) => {
    expect(supervisionClock(cal, { ...f, ...change }, at(when)).status).toBe(status);
  });

  it('refuses a period that is not a whole number of days', () => {
    expect(ruleError(() => supervisionClock(cal, f, at('2026-06-02'), { days: 0 })).code).toBe('invalid_days');
  });
});

describe('reportClock: a long appraisal', () => {
  it('is skipped, not walked', () => {
    const f = {
      teamFormedOn: '2026-06-01',
      extensionDays: null,
      pauses: [
        { start: '2026-06-10', end: '2030-06-09' },
        { start: '2030-06-01', end: '2030-06-19' },
      ],
      submittedOn: null,
    };
    const c = reportClock(cal, f, at('2026-06-20'));
    expect(c).toMatchObject({ pausedDays: 1471, nominalOn: '2030-08-10', dueOn: null, missingYear: 2030 });
  });
});
