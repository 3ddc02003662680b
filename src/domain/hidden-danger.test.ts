/** The closed loop's clocks as boundary tables (原总局令第15号 第十七条; issue 10 §3). */
import { describe, expect, it } from 'vitest';
import { standardItem } from './danger-standards.js';
import {
  clockStatus,
  closeBlockers,
  dangerStatus,
  extensionAnswerDueOn,
  extensionOnTime,
  recheckDueOn,
} from './hidden-danger.js';

describe('extensionOnTime: at least 10 days before the deadline', () => {
  it.each([
    ['2026-12-31', '2026-12-21', true], // exactly 10 days before
    ['2026-12-31', '2026-12-22', false], // 9 days
    ['2026-12-31', '2026-12-01', true],
    ['2027-01-05', '2026-12-26', true], // across the year's end
    ['2027-01-05', '2026-12-27', false],
    ['2026-03-01', '2026-02-19', true], // across February (28 days)
    ['2026-03-01', '2026-02-20', false],
    ['2026-12-31', '2026-12-31', false], // on the deadline
  ])('deadline %s, filed %s → %s', (deadline, filed, ok) => {
    expect(extensionOnTime(deadline, filed)).toBe(ok);
  });

  it('is answered within 5 days', () => {
    expect(extensionAnswerDueOn('2026-12-21')).toBe('2026-12-26');
    expect(extensionAnswerDueOn('2026-12-29')).toBe('2027-01-03');
  });
});

describe('recheckDueOn: 10 days after the completion report, or after the deadline when that came first', () => {
  it.each([
    ['2026-12-31', '2026-12-10', '2026-12-20'], // reported early
    ['2026-12-31', '2026-12-31', '2027-01-10'], // reported on the deadline
    ['2026-12-31', '2027-01-03', '2027-01-10'], // reported late: the deadline came first
    ['2026-12-31', null, '2027-01-10'], // no report: 10 days after the deadline
    [null, '2026-12-10', '2026-12-20'], // self-reported without a deadline
    [null, null, null],
  ])('deadline %s, completed %s → %s', (deadline, completed, due) => {
    expect(recheckDueOn(deadline, completed)).toBe(due);
  });
});

describe('dangerStatus changes at the Shanghai midnight', () => {
  const base = { rectification: 'deadline' as const, deadline: '2026-12-10', completedOn: null, closedOn: null };
  it.each([
    [base, '2026-12-10', 'rectifying'], // the whole of the last day
    [base, '2026-12-11', 'overdue'], // from 00:00 the next day
    [{ ...base, completedOn: '2026-12-12' }, '2026-12-13', 'awaiting_recheck'],
    [{ ...base, completedOn: '2026-12-05', closedOn: '2026-12-08' }, '2026-12-20', 'closed'],
    [{ ...base, deadline: null }, '2026-12-20', 'open'],
  ] as const)('%o on %s → %s', (facts, today, status) => {
    expect(dangerStatus(facts, today)).toBe(status);
  });
});

describe('clockStatus', () => {
  it.each([
    ['2026-12-10', null, '2026-12-10', 'pending'],
    ['2026-12-10', null, '2026-12-11', 'overdue'],
    ['2026-12-10', '2026-12-10', '2026-12-20', 'done'],
    ['2026-12-10', '2026-12-11', '2026-12-20', 'done_late'],
  ] as const)('due %s, done %s, on %s → %s', (due, done, today, status) => {
    expect(clockStatus(due, done, today)).toBe(status);
  });
});

describe('closeBlockers: a 重大 danger needs its 治理方案 and a passed 复查; a 一般 one the 复查', () => {
  it.each([
    [{ level: 'major', hasPlan: false, recheckPassed: null }, ['plan', 'recheck']],
    [{ level: 'major', hasPlan: true, recheckPassed: null }, ['recheck']],
    [{ level: 'major', hasPlan: true, recheckPassed: false }, ['recheck']],
    [{ level: 'major', hasPlan: true, recheckPassed: true }, []],
    [{ level: 'general', hasPlan: false, recheckPassed: true }, []],
    [{ level: 'general', hasPlan: false, recheckPassed: null }, ['recheck']],
  ] as const)('%o → %o', (d, blockers) => {
    expect(closeBlockers(d)).toEqual(blockers);
  });
});

describe('判定标准', () => {
  it('names the 工贸 2023 general situations and the 化工 2017 items', () => {
    expect(standardItem('GM2023-3-2')?.text).toContain('特种作业人员');
    expect(standardItem('HG2017-05')?.text).toContain('紧急切断');
    expect(standardItem('HG2017-15')).toBeUndefined();
  });
});
