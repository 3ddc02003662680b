/** The reward calculator at its edges, and the tip-off clocks (regulations.md §8; issue 13 §2). */
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from './calendar.js';
import { OFFICIAL_SCHEDULES } from './holiday-schedules.js';
import { InvestigationRuleError } from './investigation.js';
import {
  calculateReward,
  DEFAULT_TIPOFF_CLOCKS,
  firstReporters,
  handlingCountyCode,
  type RewardInput,
  RewardInputError,
  tipoffClocks,
} from './tipoff-reward.js';

const cal = new WorkingCalendar(OFFICIAL_SCHEDULES);
const at = (s: string) => new Date(`${s.length === 10 ? `${s}T00:00:00` : s.replace(' ', 'T')}+08:00`);

describe('15 % of the fine, 3,000 to 300,000 yuan (重大事故隐患, 违法生产经营建设)', () => {
  it.each([
    [0, 3_000], // verified without a fine: the minimum
    [10_000, 3_000],
    [19_999, 3_000], // 2,999.85: one yuan of fine below the minimum's fine
    [19_999.99, 3_000],
    [20_000, 3_000], // exactly the minimum
    [20_001, 3_000.15], // one yuan above
    [20_006.67, 3_001], // 3,001.0005 → to the fen, half up
    [100_000, 15_000],
    [123_456.78, 18_518.52], // 18,518.517 → 18,518.52
    [0.1, 3_000],
    [1_999_999, 299_999.85], // one yuan of fine below the maximum
    [2_000_000, 300_000], // exactly the maximum
    [2_000_001, 300_000], // above it: capped
    [50_000_000, 300_000],
  ])('fine %s → %s', (fineYuan, rewardYuan) => {
    for (const kind of ['hazard', 'violation'] as const) {
      expect(calculateReward({ kind, fineYuan }).rewardYuan).toBe(rewardYuan);
    }
  });

  it('rounds half up to the fen', () => {
    // 0.10 × 15 % = 1.5 fen → 2 fen, then the minimum applies; the share itself is stated in the basis.
    expect(calculateReward({ kind: 'hazard', fineYuan: 0.1 }).basis[1]).toBe('罚款0.10元 × 15% = 0.02元');
  });

  it('cites the rule and shows the arithmetic', () => {
    const r = calculateReward({ kind: 'hazard', fineYuan: 10_000 });
    expect(r.basis[0]).toContain('《安全生产领域举报奖励办法》');
    expect(r.basis[0]).toContain('重大事故隐患');
    expect(r.basis.slice(1)).toEqual(['罚款10000元 × 15% = 1500元', '低于最低奖励，按3000元计发']);
    expect(calculateReward({ kind: 'violation', fineYuan: 2_000_001 }).basis.slice(1)).toEqual([
      '罚款2000001元 × 15% = 300000.15元',
      '超过最高奖励，按300000元计发',
    ]);
    expect(calculateReward({ kind: 'violation', fineYuan: 20_000 }).basis).toHaveLength(2);
  });
});

describe('per verified concealed death by the final grade, capped at 300,000', () => {
  it.each([
    ['general', 0, 0],
    ['general', 1, 30_000],
    ['general', 9, 270_000],
    ['general', 10, 300_000], // exactly the cap
    ['general', 11, 300_000],
    ['larger', 1, 40_000],
    ['larger', 7, 280_000],
    ['larger', 8, 300_000], // 320,000 capped
    ['major', 1, 50_000],
    ['major', 6, 300_000], // exactly
    ['major', 7, 300_000],
    ['especially_major', 1, 60_000],
    ['especially_major', 4, 240_000],
    ['especially_major', 5, 300_000], // exactly
    ['especially_major', 6, 300_000], // 360,000 capped
  ] as const)('%s, %s deaths → %s', (grade, concealedDeaths, rewardYuan) => {
    expect(calculateReward({ kind: 'concealed_accident', grade, concealedDeaths }).rewardYuan).toBe(rewardYuan);
  });

  it('says why: no death, the product, the cap', () => {
    expect(calculateReward({ kind: 'concealed_accident', grade: 'major', concealedDeaths: 0 }).basis[1]).toBe(
      '未查实瞒报、谎报死亡人员，不予奖励',
    );
    expect(calculateReward({ kind: 'concealed_accident', grade: 'larger', concealedDeaths: 8 }).basis.slice(1)).toEqual(
      ['较大事故，查实瞒报、谎报死亡8人 × 4万元 = 320000元', '超过最高奖励，按300000元计发'],
    );
  });
});

describe('only the first reporter of the same matter', () => {
  it('a later reporter gets nothing, with the reason', () => {
    const r = calculateReward({ kind: 'hazard', fineYuan: 100_000, firstReporter: false });
    expect(r.rewardYuan).toBe(0);
    expect(r.basis.at(-1)).toContain('仅奖励最先举报人');
    expect(calculateReward({ kind: 'hazard', fineYuan: 100_000, firstReporter: true }).rewardYuan).toBe(15_000);
  });

  it('firstReporters: the earliest per matter; the same instant by id', () => {
    const t = (id: string, matterId: string, when: string) => ({ id, matterId, receivedAt: at(when) });
    expect(
      firstReporters([
        t('B', 'M1', '2026-06-01 10:00'),
        t('A', 'M1', '2026-06-01 10:00:00.001'),
        t('C', 'M2', '2026-06-02 09:00'),
        t('E', 'M2', '2026-06-02 09:00'),
        t('D', 'M2', '2026-06-02 09:00'),
        t('F', 'M3', '2026-06-03 09:00'),
      ]),
    ).toEqual(new Set(['B', 'C', 'F']));
  });
});

describe('invalid input is refused', () => {
  it.each([
    [{ kind: 'hazard' }, 'fineYuan', 'required'],
    [{ kind: 'hazard', fineYuan: null }, 'fineYuan', 'required'],
    [{ kind: 'hazard', fineYuan: -1 }, 'fineYuan', 'invalid_amount'],
    [{ kind: 'hazard', fineYuan: -0.01 }, 'fineYuan', 'invalid_amount'],
    [{ kind: 'hazard', fineYuan: Number.NaN }, 'fineYuan', 'invalid_amount'],
    [{ kind: 'hazard', fineYuan: Number.POSITIVE_INFINITY }, 'fineYuan', 'invalid_amount'],
    [{ kind: 'hazard', fineYuan: 100.001 }, 'fineYuan', 'invalid_amount'],
    [{ kind: 'violation', fineYuan: 1e300 }, 'fineYuan', 'invalid_amount'],
    [{ kind: 'hazard', fineYuan: 100, concealedDeaths: 1 }, 'concealedDeaths', 'not_applicable'],
    [{ kind: 'hazard', fineYuan: 100, grade: 'general' }, 'grade', 'not_applicable'],
    [{ kind: 'concealed_accident', concealedDeaths: 1 }, 'grade', 'required'],
    [{ kind: 'concealed_accident', grade: 'grave', concealedDeaths: 1 }, 'grade', 'required'],
    [{ kind: 'concealed_accident', grade: 'major' }, 'concealedDeaths', 'required'],
    [{ kind: 'concealed_accident', grade: 'major', concealedDeaths: -1 }, 'concealedDeaths', 'invalid_count'],
    [{ kind: 'concealed_accident', grade: 'major', concealedDeaths: 1.5 }, 'concealedDeaths', 'invalid_count'],
    [{ kind: 'concealed_accident', grade: 'major', concealedDeaths: 1, fineYuan: 10 }, 'fineYuan', 'not_applicable'],
    [{ kind: 'tip' }, 'kind', 'required'],
  ])('%o → %s %s', (input, path, code) => {
    try {
      calculateReward(input as unknown as RewardInput);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RewardInputError);
      expect(e).toMatchObject({ path, code });
    }
  });
});

describe('handling: 属地办理 and the clocks (defaults from the 2012 version, configurable)', () => {
  it('goes to the county of the place', () => {
    expect(handlingCountyCode('370303001')).toBe('370303');
    expect(handlingCountyCode('370303')).toBe('370303');
  });

  const f = { receivedOn: '2026-06-01', extensionDays: null, verifiedOn: null, feedbackOn: null };

  it.each([
    [{}, '2026-07-31', '2026-07-31'],
    [{ extensionDays: 30 }, '2026-08-30', '2026-08-31'], // a Sunday → Monday
    [{ receivedOn: '2026-08-02' }, '2026-10-01', '2026-10-08'], // 国庆
  ] as const)('verification: %o → %s (due %s)', (change, nominalOn, dueOn) => {
    const [v] = tipoffClocks(cal, { ...f, ...change }, at('2026-06-02'));
    expect(v).toMatchObject({ name: 'verification', nominalOn, dueOn });
  });

  it.each([
    [{}, '2026-07-25', ['pending']],
    [{}, '2026-07-27', ['due_soon']], // 5 days before
    [{}, '2026-08-01', ['overdue']],
    [{ verifiedOn: '2026-07-20' }, '2026-07-30', ['done', 'due_soon']], // feedback due 07-30
    [{ verifiedOn: '2026-07-20' }, '2026-07-31', ['done', 'overdue']],
    [{ verifiedOn: '2026-08-01', feedbackOn: '2026-08-03' }, '2026-09-01', ['done_late', 'done']],
  ] as const)('%o on %s → %o', (change, when, statuses) => {
    expect(tipoffClocks(cal, { ...f, ...change }, at(when)).map((c) => c.status)).toEqual(statuses);
  });

  it("takes a province's own periods", () => {
    const config = { ...DEFAULT_TIPOFF_CLOCKS, verificationDays: 30, feedbackDays: 5 };
    const clocks = tipoffClocks(cal, { ...f, verifiedOn: '2026-06-20' }, at('2026-06-02'), config);
    expect(clocks.map((c) => c.dueOn)).toEqual(['2026-07-01', '2026-06-25']);
  });

  it.each([31, 0, 2.5])('refuses an extension of %s days', (extensionDays) => {
    expect(() => tipoffClocks(cal, { ...f, extensionDays }, at('2026-06-02'))).toThrow(InvestigationRuleError);
  });
});
