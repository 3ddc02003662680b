/**
 * The case clocks as boundary tables on the 2026 official calendar (regulations.md §13.4: 春节 2-15–2-23, 清明 4-04–4-06,
 * 劳动节 5-01–5-05, 中秋 9-25–9-27, 国庆 10-01–10-07; 9-20 (Sun) and 10-10 (Sat) are 调休 working days).
 */
import { describe, expect, it } from 'vitest';
import { CalendarGapError, WorkingCalendar } from './calendar.js';
import {
  addMonths,
  closureCandidate,
  courtClosesOn,
  courtOpensOn,
  dailyPenalty,
  decisionDueOn,
  earliestHearingOn,
  filingDueOn,
  hearingHeldDueOn,
  hearingRequestDueOn,
  hearingRight,
  lateFee,
  litigationDueOn,
  needsFiling,
  paymentDueOn,
  reviewDueOn,
  serviceDueOn,
  statementDueOn,
  summaryAllowed,
  summaryFilingDueOn,
} from './case-clocks.js';
import { OFFICIAL_SCHEDULES } from './holiday-schedules.js';

const cal = new WorkingCalendar(OFFICIAL_SCHEDULES);

describe('民法典 第二百零二条: months', () => {
  it.each([
    ['2026-03-31', 6, '2026-09-30'], // September has no 31st: its last day
    ['2026-08-31', 6, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'], // leap year
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-04-15', 3, '2026-07-15'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-12-06', -12, '2025-12-06'],
  ])('%s + %i months → %s', (from, months, to) => {
    expect(addMonths(from, months)).toBe(to);
  });
});

describe('决定期限 (15号令 第三十二条, 行政处罚法 第六十条 defers to it)', () => {
  it.each([
    ['2026-09-01', 'none', '2026-10-08'], // day 30 is 10-01 (国庆): the first working day after
    ['2026-11-06', 'none', '2026-12-07'], // day 30 is a Sunday
    ['2026-11-05', 'none', '2026-12-07'], // day 30 is a Saturday
    ['2026-11-04', 'none', '2026-12-04'],
    ['2026-09-01', 'head', '2026-11-30'], // 90 days
    ['2026-03-01', 'higher', '2026-08-28'], // 180 days
  ] as const)('立案 %s, extension %s → %s', (opened, ext, due) => {
    expect(decisionDueOn(cal, opened, ext)).toBe(due);
  });

  it('a period reaching a year whose notice is not loaded is refused, never guessed', () => {
    expect(() => decisionDueOn(cal, '2026-09-01', 'higher')).toThrow(CalendarGapError);
  });
});

describe('陈述、申辩 3 days; 听证 request 5 working days, notice 7 working days, held within 15 days', () => {
  it.each([
    ['2026-12-04', '2026-12-07'], // Friday + 3 = Monday
    ['2026-12-03', '2026-12-07'], // + 3 = Sunday → Monday
    ['2026-12-02', '2026-12-07'], // + 3 = Saturday → Monday
    ['2026-12-01', '2026-12-04'],
  ])('陈述 from %s → %s', (served, due) => {
    expect(statementDueOn(cal, served)).toBe(due);
  });

  it.each([
    ['2026-09-29', '2026-10-12'], // 9-30, 10-08, 10-09, 10-10 (调休), 10-12
    ['2026-12-01', '2026-12-08'],
    ['2026-12-04', '2026-12-11'],
    ['2026-02-12', '2026-02-26'], // 2-13, 2-14 (调休), 春节, 2-24, 2-25, 2-26
  ])('听证 request from %s → %s (not 15号令’s 3 days: the later, higher law)', (served, due) => {
    expect(hearingRequestDueOn(cal, served)).toBe(due);
  });

  it.each([
    ['2026-12-01', '2026-12-10'],
    ['2026-09-28', '2026-10-13'], // 9-29, 9-30, 10-08, 10-09, 10-10 (调休), 10-12, 10-13
  ])('notice on %s → the hearing no earlier than %s', (notice, earliest) => {
    expect(earliestHearingOn(cal, notice)).toBe(earliest);
  });

  it('held within 15 days of the request, moved off 国庆', () => {
    expect(hearingHeldDueOn(cal, '2026-09-20')).toBe('2026-10-08');
    expect(hearingHeldDueOn(cal, '2026-11-02')).toBe('2026-11-17');
  });
});

describe('送达 7 working days; 缴纳 15 days; 复议 60 days; 诉讼 6 months', () => {
  it.each([
    ['2026-12-01', '2026-12-10'],
    ['2026-09-24', '2026-10-12'], // 9-25…27 中秋, 9-28, 9-29, 9-30, 10-08, 10-09, 10-10, 10-12
    ['2026-04-30', '2026-05-13'], // 劳动节 5-01–5-05, 5-09 (Sat) works
  ])('decided %s → served by %s', (decided, due) => {
    expect(serviceDueOn(cal, decided)).toBe(due);
  });

  it.each([
    ['2026-06-01', '2026-06-16'],
    ['2026-09-16', '2026-10-08'], // day 15 is 10-01
    ['2026-09-10', '2026-09-28'], // day 15 is 9-25 (中秋)
    ['2026-09-25', '2026-10-10'], // day 15 is Saturday 10-10, a 调休 working day: it stays
    ['2026-11-06', '2026-11-23'], // a Saturday
  ])('served %s → paid by %s', (served, due) => {
    expect(paymentDueOn(cal, served)).toBe(due);
  });

  it.each([
    ['2026-08-02', '2026-10-08'],
    ['2026-06-01', '2026-07-31'],
  ])('复议 from %s → %s', (served, due) => {
    expect(reviewDueOn(cal, served)).toBe(due);
  });

  it.each([
    ['2026-04-04', '2026-10-08'], // 10-04 in 国庆
    ['2026-03-31', '2026-09-30'],
    ['2026-01-10', '2026-07-10'],
  ])('诉讼 from %s → %s', (served, due) => {
    expect(litigationDueOn(cal, served)).toBe(due);
  });
});

describe('加处罚款 (行政处罚法 第七十二条): 3 % a day, never above the fine', () => {
  it.each([
    ['2026-10-07', 0, 0],
    ['2026-10-08', 0, 0], // the last day to pay
    ['2026-10-09', 1, 300],
    ['2026-10-10', 2, 600],
    ['2026-11-10', 33, 9900],
    ['2026-11-11', 34, 10_000], // 102 % → the fine
    ['2027-03-01', 144, 10_000],
  ])('fine 10,000 due 2026-10-08, on %s: %i days, %i yuan', (on, days, fee) => {
    const f = lateFee(10_000, '2026-10-08', on);
    expect(f.daysLate).toBe(days);
    expect(f.lateFeeYuan).toBe(fee);
    expect(f.lateFeeYuan).toBeLessThanOrEqual(f.fineYuan);
    expect(f.cappedOn).toBe(days >= 34 ? '2026-11-11' : null);
  });

  it('counts to the fen', () => {
    expect(lateFee(333, '2026-10-08', '2026-10-09').lateFeeYuan).toBe(9.99);
    expect(lateFee(101, '2026-10-08', '2026-10-11').lateFeeYuan).toBe(9.09);
  });
});

describe('催告 and the court (行政强制法 第五十三条, 第五十四条)', () => {
  it('the court may be asked once 10 working days after the 催告 have passed', () => {
    // 9-29, 9-30, 10-08, 10-09, 10-10 (调休), 10-12, 10-13, 10-14, 10-15, 10-16
    expect(courtOpensOn(cal, '2026-09-28')).toBe('2026-10-17');
    expect(courtOpensOn(cal, '2026-12-01')).toBe('2026-12-16');
  });

  it('within 3 months of the end of the 6-month litigation period', () => {
    expect(courtClosesOn(cal, '2026-01-10')).toBe('2026-10-10'); // 7-10 + 3 months, a 调休 Saturday
    expect(courtClosesOn(cal, '2026-01-04')).toBe('2026-10-08'); // 7-06 + 3 months = 10-06 (国庆)
  });
});

describe('备案 (15号令 第二十二条, 第六十三条 — 第六十五条)', () => {
  it.each([
    ['county', 49_999, [], false],
    ['county', 50_000, [], true],
    ['city', 99_999, [], false],
    ['city', 100_000, [], true],
    ['province', 499_999, [], false],
    ['province', 500_000, [], true],
    ['county', 0, ['suspension'], true],
    ['city', 1000, ['licence'], true],
    ['province', 0, ['closure'], true],
    ['county', 10_000, ['warning', 'fine'], false],
  ] as const)('%s bureau, %i yuan, %o → %s', (level, fine, kinds, filed) => {
    expect(needsFiling(level, fine, kinds)).toBe(filed);
  });

  it('within 10 days of the decision, 5 for a 简易程序 decision', () => {
    expect(filingDueOn(cal, '2026-09-21')).toBe('2026-10-08');
    expect(filingDueOn(cal, '2026-12-01')).toBe('2026-12-11');
    expect(summaryFilingDueOn(cal, '2026-04-30')).toBe('2026-05-06');
    expect(summaryFilingDueOn(cal, '2026-12-01')).toBe('2026-12-07'); // 12-06 is a Sunday
  });
});

describe('简易程序 and the hearing right', () => {
  it.each([
    ['person', 200, true],
    ['person', 201, false],
    ['unit', 3000, true],
    ['unit', 3001, false],
  ] as const)('%s, %i yuan → on the spot: %s', (party, fine, ok) => {
    expect(summaryAllowed(party, fine)).toBe(ok);
  });

  it.each([
    ['unit', 49_999, [], false],
    ['unit', 50_000, [], true],
    ['person', 19_999, [], false],
    ['person', 20_000, [], true],
    ['unit', 0, ['suspension'], true],
    ['unit', 0, ['confiscation'], true],
  ] as const)('%s, %i yuan, %o → hearing right %s', (party, fine, kinds, right) => {
    expect(hearingRight(party, fine, kinds)).toBe(right);
  });

  it('a province’s own threshold', () => {
    expect(hearingRight('unit', 30_000, [], { person: 5000, unit: 30_000 })).toBe(true);
  });
});

describe('按日连续处罚 (安全生产法 第一百一十二条)', () => {
  it.each([
    [{ verifiedOn: '2026-12-05', today: '2026-12-20' }, 3], // 12-02, 12-03, 12-04
    [{ verifiedOn: '2026-12-02', today: '2026-12-20' }, 0],
    [{ verifiedOn: '2026-11-30', today: '2026-12-20' }, 0],
    [{ verifiedOn: null, today: '2026-12-05' }, 4], // 12-02 … 12-05
    [{ verifiedOn: null, today: '2026-12-01' }, 0],
  ])('deadline 2026-12-01, %o → %i days', (p, days) => {
    expect(dailyPenalty(20_000, '2026-12-01', p)).toEqual({ days, perDayYuan: 20_000, totalYuan: days * 20_000 });
  });
});

describe('安全生产法 第一百一十三条: 3 penalties in 180 days or 4 in a year, with an open 重大事故隐患', () => {
  const today = '2026-12-06';
  it.each([
    [['2026-06-10', '2026-09-01', '2026-12-01'], true, 3], // 2026-06-10 is the 180th day counting today
    [['2026-06-09', '2026-09-01', '2026-12-01'], false, 2],
    [['2025-12-07', '2026-03-01', '2026-09-01', '2026-12-01'], true, 2], // 4 within the year
    [['2025-12-06', '2026-03-01', '2026-09-01', '2026-12-01'], false, 2],
  ])('%o → %s', (dates, candidate, within180) => {
    const r = closureCandidate({ openMajorDanger: true, penaltyDates: dates, today });
    expect(r.candidate).toBe(candidate);
    expect(r.within180).toBe(within180);
  });

  it('never without an open 重大事故隐患', () => {
    const dates = ['2026-10-01', '2026-11-01', '2026-12-01'];
    expect(closureCandidate({ openMajorDanger: false, penaltyDates: dates, today }).candidate).toBe(false);
  });
});
