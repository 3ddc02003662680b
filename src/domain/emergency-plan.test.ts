/**
 * The emergency-plan clocks as boundary tables on the 2026 official calendar (regulations.md §13.4: 中秋 9-25–9-27,
 * 国庆 10-01–10-07; 9-20 (Sun) and 10-10 (Sat) are 调休 working days; 端午 6-19–6-21), and the classes of 第二十一条,
 * 第二十六条, 第三十三条 and 第三十五条 read from the registry.
 */
import { describe, expect, it } from 'vitest';
import { CalendarGapError, WorkingCalendar } from './calendar.js';
import {
  checkDueOn,
  drillClocks,
  enterpriseClasses,
  evaluationDue,
  filingDueOn,
  filingStatus,
  filingTarget,
  isOverdue,
  missingMaterials,
  monthsDue,
  nextDrillDue,
  planDuties,
  revisionNeedsRefiling,
} from './emergency-plan.js';
import { OFFICIAL_SCHEDULES } from './holiday-schedules.js';

const cal = new WorkingCalendar(OFFICIAL_SCHEDULES);

describe('备案 within 20 working days of publication (第二十六条)', () => {
  it.each([
    // Published the Monday before 国庆: 9-29, 9-30, (10-01–10-07 off), 10-08, 10-09, 10-10 (调休 Sat), 10-12 … 10-30.
    ['2026-09-28', '2026-10-30'],
    // The last working day before the holiday: 10-08 is the first day counted.
    ['2026-09-30', '2026-11-03'],
    // 9-20 (Sunday) is a 调休 working day and counts first; 中秋 9-25–9-27 and 国庆 are skipped.
    ['2026-09-18', '2026-10-22'],
    // Published on a holiday: counting starts with the next working day (the same as the day before the holiday).
    ['2026-10-03', '2026-11-03'],
    ['2026-11-02', '2026-11-30'],
    // Published on a Saturday.
    ['2026-11-07', '2026-12-04'],
  ])('published %s → last day on time %s', (published, due) => {
    expect(filingDueOn(cal, published)).toBe(due);
  });

  it('a period reaching a year whose notice is not loaded is refused, never guessed', () => {
    expect(() => filingDueOn(cal, '2026-12-10')).toThrow(CalendarGapError);
  });
});

describe('the bureau checks within 5 working days (第二十八条)', () => {
  it.each([
    ['2026-09-29', '2026-10-12'], // 9-30, 10-08, 10-09, 10-10 (调休), 10-12
    ['2026-09-24', '2026-10-09'], // 9-25–9-27 中秋: 9-28, 9-29, 9-30, 10-08, 10-09
    ['2026-12-01', '2026-12-08'],
    ['2026-12-04', '2026-12-11'], // received on a Friday
    ['2026-12-05', '2026-12-11'], // received on a Saturday: Monday is the first day
  ])('received %s → answer due by %s, else deemed filed', (received, due) => {
    expect(checkDueOn(cal, received)).toBe(due);
  });
});

describe('filing status', () => {
  const base = { required: true, dueOn: '2026-10-30', today: '2026-10-30', last: null };
  it.each([
    [{}, 'pending'], // its last day: still on time
    [{ today: '2026-10-31' }, 'overdue'],
    [{ today: '2026-11-30', last: { outcome: null } }, 'submitted'],
    [{ last: { outcome: 'complete' } }, 'filed'],
    [{ today: '2026-11-30', last: { outcome: 'incomplete' } }, 'incomplete'],
    [{ last: { outcome: 'deemed' } }, 'deemed'],
    [{ required: false }, 'not_required'],
    [{ required: false, last: { outcome: null } }, 'submitted'], // a voluntary filing is still checked
  ] as const)('%j → %s', (over, status) => {
    expect(filingStatus({ ...base, ...over })).toBe(status);
  });

  it('第二十七条: the 评审意见 only for the 第二十一条 classes', () => {
    expect(missingMaterials(true, ['application', 'plan_document'])).toEqual(['review_opinion', 'risk_and_resources']);
    expect(missingMaterials(false, ['application', 'plan_document', 'risk_and_resources'])).toEqual([]);
  });
});

describe('periods of months: drills and the 3-year evaluation (民法典 第二百零二条, 第二百零三条)', () => {
  it.each([
    ['2026-03-31', 6, '2026-09-30'], // 现场处置方案: half a year
    ['2026-04-01', 6, '2026-10-08'], // ends on 国庆: the first working day after
    ['2026-03-05', 6, '2026-09-07'], // a Saturday → Monday
    ['2026-03-20', 6, '2026-09-20'], // a Sunday that is a 调休 working day: it stays
    ['2025-10-01', 12, '2026-10-08'], // 综合/专项: a year
    ['2025-11-30', 12, '2026-11-30'],
    ['2023-10-01', 36, '2026-10-08'], // 第三十五条: 3 years
    ['2023-06-20', 36, '2026-06-22'], // 端午 6-19–6-21
    ['2024-08-31', 24, '2026-08-31'], // a government's 2 years
  ])('from %s, %i months → %s', (from, months, due) => {
    expect(monthsDue(cal, from, months)).toEqual({ dueOn: due, nominalOn: expect.any(String) });
  });

  it('a period ending in a year without its calendar is unknown (null), its nominal day kept', () => {
    expect(monthsDue(cal, '2026-01-10', 12)).toEqual({ dueOn: null, nominalOn: '2027-01-10' });
    expect(isOverdue({ dueOn: null, nominalOn: '2027-01-10' }, '2026-12-06')).toBe(false);
  });

  it.each([
    ['2026-10-08', '2026-10-08', false], // the last day is on time
    ['2026-10-08', '2026-10-09', true],
    [null, '2030-01-01', false],
  ])('last day %s, today %s → overdue %s', (due, today, overdue) => {
    expect(isOverdue(due, today)).toBe(overdue);
  });

  it('evaluation from the later of publication and the last evaluation; none for other units', () => {
    expect(evaluationDue(cal, { required: true, publishedOn: '2023-10-01', lastEvaluatedOn: null })?.dueOn).toBe(
      '2026-10-08',
    );
    expect(
      evaluationDue(cal, { required: true, publishedOn: '2020-06-20', lastEvaluatedOn: '2023-06-20' })?.dueOn,
    ).toBe('2026-06-22');
    expect(evaluationDue(cal, { required: false, publishedOn: '2023-10-01', lastEvaluatedOn: null })).toBeNull();
  });
});

describe('drill duties per unit, not per plan (第三十三条)', () => {
  const plans = [
    { id: 'a', kind: 'comprehensive' as const, publishedOn: '2025-10-01' },
    { id: 'b', kind: 'special' as const, publishedOn: '2025-12-01' },
    { id: 'c', kind: 'onsite' as const, publishedOn: '2026-03-31' },
  ];

  it('an ordinary unit: 综合/专项 yearly from the earliest plan, 现场处置 every half year', () => {
    const clocks = drillClocks(cal, { owner: 'enterprise', highRisk: false, plans, drills: [] });
    expect(clocks.map((c) => [c.duty, c.fromOn, c.due.dueOn])).toEqual([
      ['plan', '2025-10-01', '2026-10-08'],
      ['onsite', '2026-03-31', '2026-09-30'],
    ]);
    // A drill of the special plan meets the yearly duty of both 综合 and 专项 plans.
    const after = drillClocks(cal, {
      owner: 'enterprise',
      highRisk: false,
      plans,
      drills: [{ planKind: 'special', drilledOn: '2026-03-01' }],
    });
    expect(after[0]?.due.nominalOn).toBe('2027-03-01');
    expect(after[0]?.due.dueOn).toBeNull(); // 2027 not loaded
  });

  it('a high-risk unit: any drill every half year as well; a plan’s next drill is the earliest duty it meets', () => {
    const clocks = drillClocks(cal, {
      owner: 'enterprise',
      highRisk: true,
      plans,
      // Reported to the department (第三十三条第二款): they meet the high_risk duty.
      drills: [
        { planKind: 'onsite', drilledOn: '2026-04-15', reportedOn: '2026-04-16' },
        { planKind: 'comprehensive', drilledOn: '2026-02-10', reportedOn: '2026-02-11' },
      ],
    });
    expect(clocks.map((c) => [c.duty, c.lastDrilledOn, c.due.nominalOn])).toEqual([
      ['plan', '2026-02-10', '2027-02-10'],
      ['onsite', '2026-04-15', '2026-10-15'],
      ['high_risk', '2026-04-15', '2026-10-15'],
    ]);
    expect(nextDrillDue(clocks, 'enterprise', 'comprehensive', true)?.duty).toBe('high_risk');
    expect(nextDrillDue(clocks, 'enterprise', 'onsite', true)?.due.dueOn).toBe('2026-10-15');
  });

  it('a government’s plans: every 2 years', () => {
    const clocks = drillClocks(cal, {
      owner: 'government',
      highRisk: false,
      plans: [{ id: 'g', kind: 'special', publishedOn: '2024-08-31' }],
      drills: [],
    });
    expect(clocks.map((c) => [c.duty, c.due.dueOn])).toEqual([['government', '2026-08-31']]);
  });
});

describe('who must file, review, drill half-yearly and evaluate (第二十一条, 第二十六条, 第三十三条, 第三十五条)', () => {
  const e = (over: Partial<Parameters<typeof planDuties>[0]>) => ({
    sectors: ['industry_trade'],
    industryCode: 'C34',
    scale: 'small',
    majorHazardCount: 0,
    ...over,
  });
  it.each([
    [e({ sectors: ['hazardous_chemicals'], industryCode: 'C26' }), ['dangerous_goods'], [true, true, true, true]],
    [e({ sectors: ['fireworks'], industryCode: 'F51' }), ['dangerous_goods'], [true, true, true, true]],
    [e({ sectors: ['non_coal_mines'], industryCode: 'B10' }), ['mine'], [true, true, true, true]],
    [e({ industryCode: 'C31' }), ['metal_smelting'], [true, true, true, true]],
    [e({ industryCode: 'E47' }), ['construction'], [true, false, true, true]],
    [e({ industryCode: 'H61' }), ['crowded_place'], [true, false, true, false]],
    [e({ industryCode: 'C34', scale: 'medium' }), ['medium_or_larger'], [false, true, false, true]],
    [e({ majorHazardCount: 2 }), ['dangerous_goods'], [true, true, true, true]],
    [e({}), [], [false, false, false, false]],
    [e({ industryCode: 'G54' }), [], [false, false, false, false]], // 城市轨道交通 is not told apart at two digits
  ])('%j → %j', (facts, classes, [filing, review, highRisk, evaluation]) => {
    expect(enterpriseClasses(facts)).toEqual(classes);
    expect(planDuties(facts)).toMatchObject({
      filingRequired: filing,
      reviewRequired: review,
      highRisk,
      evaluationRequired: evaluation,
    });
  });
});

describe('re-filing a revision (第三十七条)', () => {
  it.each([
    [['command_structure'], true],
    [['procedures', 'contacts'], true],
    [['main_measures'], true],
    [['response_levels'], true],
    [['contacts', 'resources'], false],
    [['other'], false],
  ] as const)('%j → %s', (changes, refile) => {
    expect(revisionNeedsRefiling(changes)).toBe(refile);
  });
});

describe('review 12: a revision does not erase an unfiled earlier duty (第二十六条, 第三十七条)', () => {
  const v = (revision: number, publishedOn: string, requiresFiling: boolean) => ({
    revision,
    publishedOn,
    requiresFiling,
  });
  it('version 1 unfiled: the duty of version 2 runs from version 1, until version 2 is filed', () => {
    const versions = [v(1, '2026-03-31', true), v(2, '2026-11-30', true)];
    expect(filingTarget(versions, [])).toEqual({ revision: 2, fromPublishedOn: '2026-03-31' });
    // Filed: the duty it met is the same one (so a late filing stays late).
    expect(filingTarget(versions, [2])).toEqual({ revision: 2, fromPublishedOn: '2026-03-31' });
  });
  it('version 1 filed: version 2 starts its own 20 working days; a revision needing no filing changes nothing', () => {
    expect(filingTarget([v(1, '2026-03-31', true), v(2, '2026-11-30', true)], [1])).toEqual({
      revision: 2,
      fromPublishedOn: '2026-11-30',
    });
    expect(filingTarget([v(1, '2026-03-31', true), v(2, '2026-11-30', false)], [])).toEqual({
      revision: 1,
      fromPublishedOn: '2026-03-31',
    });
    expect(filingTarget([v(1, '2026-03-31', false)], [])).toBeNull();
  });
});

describe("review 12: a high-risk unit's drill meets the half-yearly duty once reported (第三十三条第二款)", () => {
  const plans = [{ id: 'a', kind: 'comprehensive' as const, publishedOn: '2026-05-20' }];
  it('unreported: the high_risk clock runs on from publication and shows the drill as 未报告; the yearly one is met', () => {
    const clocks = drillClocks(cal, {
      owner: 'enterprise',
      highRisk: true,
      plans,
      drills: [{ planKind: 'comprehensive', drilledOn: '2026-08-10', reportedOn: null }],
    });
    const high = clocks.find((c) => c.duty === 'high_risk');
    expect(high).toMatchObject({ lastDrilledOn: null, unreportedOn: '2026-08-10', fromOn: '2026-05-20' });
    expect(high?.due.dueOn).toBe('2026-11-20');
    expect(clocks.find((c) => c.duty === 'plan')).toMatchObject({ lastDrilledOn: '2026-08-10', unreportedOn: null });
  });
  it('reported: it meets the duty', () => {
    const clocks = drillClocks(cal, {
      owner: 'enterprise',
      highRisk: true,
      plans,
      drills: [{ planKind: 'comprehensive', drilledOn: '2026-08-10', reportedOn: '2026-08-12' }],
    });
    expect(clocks.find((c) => c.duty === 'high_risk')).toMatchObject({
      lastDrilledOn: '2026-08-10',
      unreportedOn: null,
    });
  });
});
