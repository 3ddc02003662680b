/** The serious-dishonesty list: suggestions, procedure, term (令第11号, regulations.md §5; issue 13 §3). */
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from './calendar.js';
import {
  CreditInputError,
  canMoveListing,
  creditSuggestions,
  decisionBlocker,
  EARLY_REMOVAL_CONDITIONS,
  earlyRemovalCheck,
  isPubliclyListed,
  LISTING_STATES,
  type ListingState,
  listingEndsOn,
  listingState,
  objectionEndsOn,
  type PenaltyDecisionFact,
  restoreAfterFraud,
  within12Months,
} from './credit-list.js';
import type { Grade } from './grade.js';
import { OFFICIAL_SCHEDULES } from './holiday-schedules.js';

const cal = new WorkingCalendar(OFFICIAL_SCHEDULES);

let seq = 0;
function buildPenalty(p: Partial<PenaltyDecisionFact> & { grade?: Grade; occurredOn?: string }): PenaltyDecisionFact {
  seq++;
  const { grade, occurredOn, ...rest } = p;
  return {
    id: `P${seq}`,
    subjectId: `S${seq}`,
    subjectKind: 'unit',
    bureauId: 'B-county',
    decidedOn: '2026-03-01',
    accident: grade ? { id: `A${seq}`, grade, occurredOn: occurredOn ?? '2026-01-10' } : null,
    conduct: [],
    fineMultiple: null,
    ...rest,
  };
}

const keys = (penalties: PenaltyDecisionFact[]) =>
  creditSuggestions(penalties)
    .map((s) => `${s.subjectId}:${s.situation}:${s.bureauId}`)
    .sort();

describe('creditSuggestions: exactly the qualifying facts', () => {
  it.each([
    // [facts, suggested situation or null]
    [{ grade: 'major', conduct: ['accident_responsibility'] }, 'major_accident'],
    [{ grade: 'especially_major', conduct: ['accident_responsibility'] }, 'major_accident'],
    [{ grade: 'major', subjectKind: 'principal', conduct: ['accident_responsibility'] }, 'major_accident'],
    [{ grade: 'major', subjectKind: 'person', conduct: ['accident_responsibility'] }, 'major_accident'],
    [{ grade: 'major', conduct: [] }, null], // penalised for something else in a 重大 accident
    [{ grade: 'larger', conduct: ['accident_responsibility'] }, null], // one 较大 accident
    [{ grade: 'general', conduct: ['accident_responsibility'] }, null],
    [{ grade: 'larger', conduct: ['accident_responsibility'], fineMultiple: 2 }, 'multiplied_fine'],
    [{ grade: 'general', conduct: ['accident_responsibility'], fineMultiple: 5 }, 'multiplied_fine'],
    [{ grade: 'general', conduct: ['concealed'] }, 'concealed_accident'],
    [{ grade: 'general', conduct: ['misreported'], subjectKind: 'person' }, 'concealed_accident'],
    [{ grade: 'general', conduct: ['late_report'] }, null], // 迟报 is not 瞒报
    [{ grade: 'general', conduct: ['omitted_report'] }, null], // nor is 漏报
    [{ grade: 'general', conduct: ['no_rescue'], subjectKind: 'principal' }, 'principal_misconduct'],
    [{ grade: 'general', conduct: ['left_post'], subjectKind: 'principal' }, 'principal_misconduct'],
    [{ grade: 'general', conduct: ['fled'], subjectKind: 'principal' }, 'principal_misconduct'],
    [{ grade: 'general', conduct: ['fled'], subjectKind: 'person' }, null], // only the 主要负责人
    [{ conduct: ['unlicensed'] }, 'unlicensed_operation'],
    [{ conduct: ['licence_suspended'] }, 'unlicensed_operation'],
    [{ conduct: ['licence_revoked'] }, 'unlicensed_operation'],
    [{ conduct: ['false_report'], subjectKind: 'agency' }, 'false_certification'],
    [{ conduct: ['leased_qualification'], subjectKind: 'agency_staff' }, 'false_certification'],
    [{ conduct: ['affiliated'], subjectKind: 'agency' }, 'false_certification'],
    [{ conduct: ['false_report'], subjectKind: 'unit' }, null], // not an evaluation body
    [{ conduct: [] }, null],
    [{ grade: 'major', conduct: ['accident_responsibility'], decidedOn: '2023-09-30' }, null], // before 令第11号
    [{ grade: 'major', conduct: ['accident_responsibility'], decidedOn: '2023-10-01' }, 'major_accident'],
  ] as const)('%o → %s', (facts, situation) => {
    const p = buildPenalty(facts as Partial<PenaltyDecisionFact>);
    const s = creditSuggestions([p]);
    expect(s.map((x) => x.situation)).toEqual(situation ? [situation] : []);
    for (const x of s) {
      expect(x).toMatchObject({ subjectId: p.subjectId, bureauId: p.bureauId, penaltyIds: [p.id] });
      expect(x.basis[0]).toContain('应急管理部令第11号');
      expect(x.basis.at(-1)).toContain('谁处罚、谁决定、谁负责');
    }
  });

  it('one decision can meet several situations, each cited', () => {
    const p = buildPenalty({
      grade: 'major',
      conduct: ['accident_responsibility', 'concealed'],
      fineMultiple: 3,
      bureauId: 'B-province',
    });
    const s = creditSuggestions([p]);
    expect(s.map((x) => x.situation)).toEqual(['major_accident', 'multiplied_fine', 'concealed_accident']);
    expect(s[1]?.basis[1]).toBe('安全生产法第一百一十四条第二款：本案按3倍处以罚款');
    expect(new Set(s.map((x) => x.bureauId))).toEqual(new Set(['B-province']));
  });

  it.each([1.5, 6, Number.NaN])('refuses a 第一百一十四条 multiple of %s', (fineMultiple) => {
    expect(() => creditSuggestions([buildPenalty({ fineMultiple })])).toThrow(CreditInputError);
  });

  it('refuses a multiple on anyone but the unit, and a bad date', () => {
    expect(() => creditSuggestions([buildPenalty({ fineMultiple: 2, subjectKind: 'principal' })])).toThrow(
      CreditInputError,
    );
    expect(() => creditSuggestions([buildPenalty({ decidedOn: '2026-13-01' })])).toThrow('日期无效');
  });
});

describe('2 or more 较大 accidents within 12 months: a sliding window', () => {
  it.each([
    ['2025-03-10', '2026-03-09', true],
    ['2025-03-10', '2026-03-10', false], // exactly 12 months: outside
    ['2025-03-10', '2025-03-10', true], // two on the same day
    ['2024-02-29', '2025-02-28', true], // no 29th: the window starts on 02-29
    ['2024-02-28', '2025-02-28', false],
    ['2025-02-28', '2026-02-27', true],
    ['2026-03-10', '2025-03-10', false], // the wrong order
  ])('%s and %s → %s', (earlier, later, within) => {
    expect(within12Months(earlier, later)).toBe(within);
  });

  const larger = (subjectId: string, occurredOn: string, p: Partial<PenaltyDecisionFact> = {}) =>
    buildPenalty({ subjectId, grade: 'larger', occurredOn, conduct: ['accident_responsibility'], ...p });

  it('the boundary at exactly 12 months', () => {
    const inside = [larger('U1', '2025-03-10'), larger('U1', '2026-03-09')];
    const outside = [larger('U2', '2025-03-10'), larger('U2', '2026-03-10')];
    expect(keys([...inside, ...outside])).toEqual(['U1:repeated_larger_accidents:B-county']);
  });

  it("counts an accident once, the subject on its own decisions, and the later decision's bureau decides", () => {
    const a = larger('U1', '2025-10-01', { decidedOn: '2026-01-05', bureauId: 'B-city-1' });
    const again = { ...a, id: 'P-again', decidedOn: '2026-01-20' }; // a second decision on the same accident
    expect(keys([a, again])).toEqual([]);
    const b = larger('U1', '2026-02-01', { decidedOn: '2026-05-05', bureauId: 'B-city-2' });
    const s = creditSuggestions([a, again, b]).filter((x) => x.situation === 'repeated_larger_accidents');
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ bureauId: 'B-city-2', accidentIds: [a.accident?.id, b.accident?.id] });
    expect(s[0]?.basis[1]).toBe('较大事故2起，分别发生于2025-10-01、2026-02-01');
    // The principal is suggested on his own penalties; another unit's accident does not count.
    expect(keys([larger('M1', '2025-10-01', { subjectKind: 'principal' }), larger('M1', '2026-01-01')])).toEqual([
      'M1:repeated_larger_accidents:B-county',
    ]);
    expect(keys([larger('U3', '2025-10-01'), larger('U4', '2026-01-01')])).toEqual([]);
    // A 较大 accident without a responsibility finding is not counted; another responsible person is not listed.
    expect(keys([larger('U5', '2025-10-01', { conduct: [] }), larger('U5', '2026-01-01')])).toEqual([]);
    expect(keys([larger('X', '2025-10-01', { subjectKind: 'person' }), larger('X', '2026-01-01')])).toEqual([]);
  });

  it('the window slides: the latest pair within 12 months decides', () => {
    const s = creditSuggestions([larger('U1', '2024-01-01'), larger('U1', '2024-06-01'), larger('U1', '2025-05-01')]);
    expect(s[0]?.basis[1]).toBe('较大事故2起，分别发生于2024-06-01、2025-05-01');
    const three = creditSuggestions([
      larger('U2', '2025-01-01'),
      larger('U2', '2025-06-01'),
      larger('U2', '2025-12-31'),
    ]);
    expect(three[0]?.accidentIds).toHaveLength(3);
    expect(keys([larger('U3', '2024-01-01'), larger('U3', '2025-01-01'), larger('U3', '2026-01-01')])).toEqual([]);
  });
});

describe('the procedure: notice → objection → decision → publication', () => {
  it.each([
    ['suggested', 'notified', true],
    ['suggested', 'decided', false], // never without the notice
    ['notified', 'decided', true],
    ['notified', 'objected', true],
    ['objected', 'decided', true], // dismissed
    ['objected', 'withdrawn', true], // upheld
    ['decided', 'published', true],
    ['published', 'removed', true],
    ['removed', 'published', true], // the fraudulent removal revoked
    ['published', 'expired', false], // expiry is a date, not a move
    ['withdrawn', 'notified', false],
  ] as const)('%s → %s: %s', (from, to, ok) => {
    expect(canMoveListing(from, to)).toBe(ok);
  });

  it.each([
    ['2026-06-01', '2026-06-08'], // 5 working days
    ['2026-09-24', '2026-10-09'], // over 中秋 and 国庆
  ])('notice served %s → objections until %s', (served, ends) => {
    expect(objectionEndsOn(cal, served)).toBe(ends);
  });

  const b = (p: Partial<Parameters<typeof decisionBlocker>[1]>) =>
    decisionBlocker(cal, { noticeServedOn: '2026-06-01', objection: null, today: '2026-06-09', ...p });
  it.each([
    [{ noticeServedOn: null }, 'not_notified'],
    [{ today: '2026-06-08' }, 'objection_period_running'], // the last day of the period
    [{ today: '2026-06-09' }, null],
    [{ objection: { filedOn: '2026-06-03', outcome: null } }, 'objection_undecided'],
    [{ objection: { filedOn: '2026-06-03', outcome: 'upheld' } }, 'objection_upheld'],
    [{ objection: { filedOn: '2026-06-03', outcome: 'dismissed' }, today: '2026-06-05' }, null],
  ] as const)('%o → %s', (p, blocker) => {
    expect(b(p)).toBe(blocker);
  });
});

describe('3 years from publication; early removal after 12 months; fraud restores; expiry', () => {
  it.each([
    ['2026-01-10', '2029-01-10'],
    ['2024-02-29', '2027-02-28'],
    ['2026-09-30', '2029-09-30'], // not moved off a holiday: a measure's end
  ])('published %s → on the list through %s', (publishedOn, endsOn) => {
    expect(listingEndsOn(publishedOn)).toBe(endsOn);
  });

  it.each([
    ['published', '2029-01-10', 'published', true],
    ['published', '2029-01-11', 'expired', false], // automatic
    ['removed', '2027-06-01', 'removed', false],
    ['withdrawn', '2026-06-01', 'withdrawn', false],
    ['decided', '2026-06-01', 'decided', false], // not yet published
  ] as const)('%s on %s → %s, public %s', (stored, today, state, pub) => {
    expect(listingState(stored, '2026-01-10', today)).toBe(state);
    expect(isPubliclyListed(stored, '2026-01-10', today)).toBe(pub);
  });

  const all = [...EARLY_REMOVAL_CONDITIONS];
  const check = (appliedOn: string, met: readonly (typeof all)[number][] = all, state: ListingState = 'published') =>
    earlyRemovalCheck({ state, publishedOn: '2026-01-10', appliedOn, met });

  it.each([
    ['2026-06-01', 'too_early'],
    ['2027-01-10', 'too_early'], // 12 months not yet complete
    ['2027-01-11', null], // complete
    ['2029-01-10', null],
    ['2029-01-11', 'not_listed'], // expired
  ])('applied %s → %s', (appliedOn, refusal) => {
    const c = check(appliedOn);
    expect(c.refusal).toBe(refusal);
    expect(c.allowed).toBe(refusal === null);
  });

  it('checks the conditions', () => {
    expect(check('2027-02-01', ['penalty_fulfilled', 'corrected'])).toMatchObject({
      allowed: false,
      refusal: 'conditions_unmet',
      opensOn: '2027-01-11',
      unmet: ['credit_commitment', 'no_new_penalty'],
    });
    expect(
      earlyRemovalCheck({
        state: 'published',
        publishedOn: '2026-01-10',
        appliedOn: '2027-02-01',
        met: ['corrected'],
        required: ['corrected'],
      }).allowed,
    ).toBe(true);
    expect(check('2027-02-01', all, 'removed').refusal).toBe('not_listed');
  });

  it('a removal obtained by fraud is revoked: the listing is restored with its own term', () => {
    expect(restoreAfterFraud({ state: 'removed', publishedOn: '2026-01-10', today: '2027-06-01' })).toEqual({
      state: 'published',
      endsOn: '2029-01-10',
    });
    expect(restoreAfterFraud({ state: 'removed', publishedOn: '2026-01-10', today: '2029-01-11' }).state).toBe(
      'expired',
    );
    expect(() => restoreAfterFraud({ state: 'published', publishedOn: '2026-01-10', today: '2027-06-01' })).toThrow(
      CreditInputError,
    );
  });

  it('every state has its moves listed', () => {
    for (const s of LISTING_STATES) expect(() => canMoveListing(s, 'published')).not.toThrow();
  });
});
