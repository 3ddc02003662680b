import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type ClassFacts,
  type ClassTable,
  classify,
  DEFAULT_CLASS_TABLE,
  type InspectionRef,
  itemStatus,
  matchInspections,
  planMonths,
  spreadMonth,
  tableProblems,
} from './supervision.js';
import {
  assignTeams,
  canonicalInput,
  type DrawInput,
  DrawRefusal,
  partialShuffle,
  randomStream,
  resultHash,
  runDraw,
} from './supervision-draw.js';

const facts = (overrides: Partial<ClassFacts> = {}): ClassFacts => ({
  industryCode: 'C30',
  sectors: ['other'],
  topHazardGrade: null,
  accidents12m: { count: 0, deaths: 0 },
  failedLicences: [],
  openMajorDangers: 0,
  ...overrides,
});

describe('classify with the shipped table', () => {
  it.each<[string, Partial<ClassFacts>, 'A' | 'B' | 'C', number]>([
    ['no fact: 常规', {}, 'C', 0],
    ['化工 C26', { industryCode: 'C26' }, 'A', 4],
    ['化工 C2611 (小类 under C26)', { industryCode: 'C2611' }, 'A', 4],
    ['石油加工 C25', { industryCode: 'C25' }, 'A', 4],
    ['冶炼 C31', { industryCode: 'C31' }, 'A', 4],
    ['冶炼 C32', { industryCode: 'C32' }, 'A', 4],
    ['采矿 B', { industryCode: 'B10' }, 'A', 4],
    ['C33 is not listed', { industryCode: 'C33' }, 'C', 0],
    ['危险化学品 sector', { sectors: ['hazardous_chemicals'] }, 'A', 4],
    ['工贸 sector', { sectors: ['industry_trade'] }, 'B', 2],
    ['一级 hazard', { topHazardGrade: 1 }, 'A', 4],
    ['二级 hazard: the boundary of A', { topHazardGrade: 2 }, 'A', 4],
    ['三级 hazard: B', { topHazardGrade: 3 }, 'B', 2],
    ['四级 hazard: B', { topHazardGrade: 4 }, 'B', 2],
    ['an accident without deaths', { accidents12m: { count: 1, deaths: 0 } }, 'B', 2],
    ['an accident with a death', { accidents12m: { count: 1, deaths: 1 } }, 'A', 4],
    ['an expired licence', { failedLicences: [{ label: '危险化学品经营许可证', state: 'expired' }] }, 'A', 4],
    ['a suspended licence', { failedLicences: [{ label: '危险化学品经营许可证', state: 'suspended' }] }, 'A', 4],
    ['one open 重大隐患', { openMajorDangers: 1 }, 'A', 4],
  ])('%s → %s', (_, f, cls, frequency) => {
    const r = classify(facts(f), DEFAULT_CLASS_TABLE);
    expect(r.class).toBe(cls);
    expect(r.frequency).toBe(frequency);
    expect(r.reasons.length > 0).toBe(cls !== 'C');
  });

  it('lists every fact that applies, the deciding ones first and marked', () => {
    const r = classify(
      facts({ sectors: ['industry_trade'], topHazardGrade: 3, openMajorDangers: 2 }),
      DEFAULT_CLASS_TABLE,
    );
    expect(r.class).toBe('A');
    expect(r.reasons.map((x) => [x.fact, x.class, x.decisive])).toEqual([
      ['open_major_dangers', 'A', true],
      ['major_hazard', 'B', false],
      ['sector', 'B', false],
    ]);
    expect(r.reasons[0]?.text).toBe('未销号重大事故隐患2项');
    expect(r.reasons[1]?.text).toBe('重大危险源最高为三级');
  });

  it('follows an edited table', () => {
    const table: ClassTable = {
      rules: [{ fact: 'accidents', minCount: 2, minDeaths: 0, class: 'B', reason: '两起以上' }],
      frequencies: { A: 6, B: 3, C: 1 },
      randomPercent: 10,
    };
    expect(classify(facts({ accidents12m: { count: 1, deaths: 0 } }), table)).toMatchObject({
      class: 'C',
      frequency: 1,
    });
    expect(classify(facts({ accidents12m: { count: 2, deaths: 0 } }), table)).toMatchObject({
      class: 'B',
      frequency: 3,
    });
  });

  it('refuses a table where a closer class is inspected less often, or a rule lists nothing', () => {
    expect(tableProblems(DEFAULT_CLASS_TABLE)).toEqual([]);
    const bad: ClassTable = {
      ...DEFAULT_CLASS_TABLE,
      rules: [{ fact: 'industry', codes: [], class: 'A', reason: 'x' }],
      frequencies: { A: 1, B: 2, C: 3 },
    };
    expect(tableProblems(bad).map((p) => [p.path, p.code])).toEqual([
      ['frequencies.A', 'order'],
      ['frequencies.B', 'order'],
      ['rules.0', 'empty'],
    ]);
  });
});

describe('plan months', () => {
  it.each<[number, number, number, number[]]>([
    [4, 1, 0, [1, 4, 7, 10]],
    [4, 1, 1, [2, 5, 8, 11]],
    [4, 1, 2, [3, 6, 9, 12]],
    [4, 1, 3, [1, 4, 7, 10]],
    [2, 1, 5, [6, 12]],
    [1, 1, 11, [12]],
    [12, 1, 7, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
    [4, 7, 0, [7, 8, 10, 11]],
    [4, 12, 3, [12, 12, 12, 12]],
  ])('frequency %i from month %i, stagger %i → %j', (f, first, stagger, months) => {
    expect(planMonths(f, first, stagger)).toEqual(months);
  });

  it('spreads a random share over the months left', () => {
    expect(Array.from({ length: 6 }, (_, j) => spreadMonth(j, 6, 1))).toEqual([1, 3, 5, 7, 9, 11]);
    expect(Array.from({ length: 3 }, (_, j) => spreadMonth(j, 3, 10))).toEqual([10, 11, 12]);
  });
});

describe('item status at the Shanghai month boundary', () => {
  it.each<[boolean, string, string]>([
    [false, '2026-03-31', 'due'],
    [false, '2026-04-01', 'overdue'],
    [false, '2026-02-01', 'due'],
    [true, '2026-12-31', 'done'],
    [false, '2027-01-01', 'overdue'],
  ])('done=%s on %s → %s', (done, today, status) => {
    expect(itemStatus(2026, 3, done, today)).toBe(status);
  });
});

describe('which inspection carries out which item', () => {
  const items = [
    { id: 'i1', enterpriseId: 'e1', month: 1 },
    { id: 'i4', enterpriseId: 'e1', month: 4 },
    { id: 'j7', enterpriseId: 'e2', month: 7 },
  ];
  const ins = (id: string, enterpriseId: string, inspectedOn: string, more: Partial<InspectionRef> = {}) => ({
    id,
    enterpriseId,
    inspectedOn,
    planItemId: null,
    byBureau: true,
    ...more,
  });

  it('a linked inspection counts for its item whatever its date', () => {
    const m = matchInspections(2026, items, [ins('x', 'e1', '2025-12-30', { planItemId: 'i4', byBureau: false })]);
    expect([...m.keys()]).toEqual(['i4']);
  });

  it('an unlinked one counts for the earliest open item whose month has begun, once', () => {
    const m = matchInspections(2026, items, [ins('a', 'e1', '2026-03-10'), ins('b', 'e1', '2026-03-20')]);
    expect(m.get('i1')?.id).toBe('a');
    expect(m.has('i4')).toBe(false); // 03-20 is before April
  });

  it.each<[string, InspectionRef, boolean]>([
    ['the first day of the month counts', ins('a', 'e2', '2026-07-01'), true],
    ['the day before does not', ins('a', 'e2', '2026-06-30'), false],
    ['another bureau does not', ins('a', 'e2', '2026-07-05', { byBureau: false }), false],
    ['another year does not', ins('a', 'e2', '2027-07-05'), false],
    ['another enterprise does not', ins('a', 'e1', '2026-07-05'), true],
  ])('%s', (_, inspection, counts) => {
    const m = matchInspections(2026, items, [inspection]);
    expect(m.has('j7')).toBe(counts && inspection.enterpriseId === 'e2');
  });
});

describe('双随机 draw', () => {
  const ids = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${String(i).padStart(3, '0')}`);
  const input = (over: Partial<DrawInput> = {}): DrawInput => ({
    seed: 'seed-2026-05-20',
    count: 5,
    teamSize: 2,
    enterprises: ids('e', 40).map((id) => ({ id, lastTeam: [] })),
    inspectors: ids('u', 6),
    ...over,
  });

  it('is the same from the same seed and inputs, in any order given', () => {
    const a = runDraw(input());
    const shuffled = input({
      enterprises: [...input().enterprises].reverse(),
      inspectors: [...input().inspectors].reverse(),
    });
    expect(runDraw(shuffled)).toEqual(a);
    expect(resultHash(runDraw(input()))).toBe(resultHash(a));
    expect(a).toHaveLength(5);
    expect(new Set(a.map((x) => x.enterpriseId)).size).toBe(5);
  });

  it('changes when the seed or an input changes', () => {
    const a = runDraw(input());
    expect(runDraw(input({ seed: 'seed-2026-05-21' }))).not.toEqual(a);
    expect(runDraw(input({ enterprises: input().enterprises.slice(1) }))).not.toEqual(a);
    expect(runDraw(input({ inspectors: ids('u', 7) }))).not.toEqual(a);
  });

  it('pins the stream, so another implementation can check itself against it', () => {
    const r = randomStream('abc', 'draw');
    expect([r(10), r(10), r(1000), r(7)]).toEqual(
      [0, 1, 2, 3].map((n) => {
        // HMAC-SHA256("abc", "draw:n"), first 4 bytes big-endian; no rejection happens for these small ranges.
        const x = Number.parseInt(hmacHex('abc', `draw:${n}`).slice(0, 8), 16);
        return x % ([10, 10, 1000, 7][n] as number);
      }),
    );
  });

  it('never sends a team of fewer than 2 and never the last team again', () => {
    const last = ['u000', 'u001'];
    const enterprises = ids('e', 30).map((id) => ({ id, lastTeam: last }));
    for (const seed of ['1', '2', '3', '4', '5']) {
      for (const a of runDraw(input({ seed, enterprises, count: 30, teamSize: 2 }))) {
        expect(a.team).toHaveLength(2);
        expect(new Set(a.team).size).toBe(2);
        expect(a.team.some((u) => last.includes(u))).toBe(false);
      }
    }
  });

  it.each<[Partial<DrawInput>, string]>([
    [{ teamSize: 1 }, 'team_too_small'],
    [{ inspectors: ['u1'] }, 'roster_too_small'],
    [{ count: 41 }, 'count_too_large'],
    [
      { enterprises: [{ id: 'e1', lastTeam: ['u000', 'u001', 'u002', 'u003', 'u004'] }], count: 1 },
      'conflict_of_interest',
    ],
  ])('refuses %j: %s', (over, code) => {
    expect(() => runDraw(input(over))).toThrow(DrawRefusal);
    try {
      runDraw(input(over));
    } catch (e) {
      expect((e as DrawRefusal).code).toBe(code);
    }
  });

  it('a plan may complete a team from the last one when the roster is short, and says so', () => {
    const teams = assignTeams([{ id: 'e1', lastTeam: ['a', 'b'] }], ['a', 'b', 'c'], 2, randomStream('s', 't'), true);
    expect(teams[0]?.conflictWaived).toBe(true);
    expect(teams[0]?.team[0]).toBe('c');
    expect(teams[0]?.team).toHaveLength(2);
  });

  it('canonical inputs drop duplicates and sort', () => {
    const c = canonicalInput(
      input({
        enterprises: [
          { id: 'b', lastTeam: ['y', 'x', 'x'] },
          { id: 'a', lastTeam: [] },
          { id: 'b', lastTeam: [] },
        ],
      }),
    );
    expect(c.enterprises).toEqual([
      { id: 'a', lastTeam: [] },
      { id: 'b', lastTeam: ['x', 'y'] },
    ]);
    expect(partialShuffle([1, 2, 3], 0, () => 0)).toEqual([]);
  });
});

function hmacHex(key: string, msg: string): string {
  return createHmac('sha256', key).update(msg).digest('hex');
}
