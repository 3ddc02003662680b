/**
 * 报送考核: each per-accident rule at its boundary (1 h receipt, 2 h steps, nodes, follow-ups by grade, the
 * duplicate rule), shares in percent, the score (weights, left-out metrics, deduction, clamping, rounding, no
 * data) and the ranking.
 */
import { describe, expect, it } from 'vitest';
import {
  ASSESSMENT_METRICS,
  ASSESSMENT_WEIGHTS,
  type AssessmentCounts,
  chainStepJudgement,
  DUPLICATE_DEDUCTION,
  type DuplicateKey,
  duplicateDeductionOf,
  followupCovered,
  isDuplicateOf,
  type Judgement,
  nodeJudgements,
  percentOf,
  rankByScore,
  receivedOnTime,
  requiredFollowups,
  type Share,
  scoreOf,
} from './assessment.js';
import type { NodeFacts } from './direct-report.js';
import type { Grade } from './grade.js';
import type { ChainEntryState, ChainLevel } from './reporting-chain.js';

const T = new Date('2026-11-25T10:00:00+08:00');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(T.getTime() + ms);

describe('weights', () => {
  it('add up to 100 and cover every metric', () => {
    expect(ASSESSMENT_METRICS.reduce((s, m) => s + ASSESSMENT_WEIGHTS[m], 0)).toBe(100);
    expect(DUPLICATE_DEDUCTION).toBe(20);
  });
});

describe('receivedOnTime (493号令 第九条: 1小时内)', () => {
  it.each<[number, boolean]>([
    [0, true],
    [59 * MIN, true],
    [HOUR, true],
    [HOUR + 1, false],
    [3 * HOUR, false],
  ])('received %d ms after → %s', (delay, expected) => {
    expect(receivedOnTime(T, at(delay))).toBe(expected);
  });
});

function entry(level: ChainLevel, e: Partial<ChainEntryState> = {}): ChainEntryState {
  return { level, receivedAt: null, forwardedAt: null, dueAt: null, signedAt: null, skipped: false, ...e };
}

describe('chainStepJudgement (第十一条: 每级2小时)', () => {
  const received = { receivedAt: T, dueAt: at(2 * HOUR) };
  it.each<[string, ChainEntryState, ChainLevel, Date, Judgement | null]>([
    [
      'county forwarded at 2 h',
      entry('county', { ...received, forwardedAt: at(2 * HOUR) }),
      'city',
      at(DAY),
      'on_time',
    ],
    [
      'county forwarded at 2 h + 1 ms',
      entry('county', { ...received, forwardedAt: at(2 * HOUR + 1) }),
      'city',
      at(DAY),
      'late',
    ],
    ['county not forwarded, overdue', entry('county', received), 'city', at(2 * HOUR + 1), 'late'],
    ['county not forwarded, still inside', entry('county', received), 'city', at(2 * HOUR), 'open'],
    // The target signs; a signature is what it owes, forwarding also counts.
    ['city (target) signed in time', entry('city', { ...received, signedAt: at(HOUR) }), 'city', at(DAY), 'on_time'],
    ['city (target) signed late', entry('city', { ...received, signedAt: at(3 * HOUR) }), 'city', at(DAY), 'late'],
    ['city (target) forwarded on', entry('city', { ...received, forwardedAt: at(HOUR) }), 'city', at(DAY), 'on_time'],
    // Below the target a signature is not enough: the report must go on.
    ['city below target only signed', entry('city', { ...received, signedAt: at(HOUR) }), 'province', at(DAY), 'late'],
    ['skipped (越级)', entry('city', { ...received, skipped: true }), 'province', at(DAY), null],
    ['not applicable (直辖市)', entry('city', { applicable: false }), 'province', at(DAY), null],
    ['not reached', entry('province'), 'province', at(DAY), null],
  ])('%s', (_name, e, target, now, expected) => {
    expect(chainStepJudgement(e, target, now)).toBe(expected);
  });
});

describe('nodeJudgements (24 h / 7 d / 30 d)', () => {
  const facts = {
    occurredAt: T,
    domain: 'industrial' as const,
    completeAt: null,
    day7ReportAt: null,
    finalAt: null,
  };
  it.each<[string, Partial<NodeFacts>, Date, Judgement[]]>([
    ['nothing done, nothing due', {}, at(DAY), ['open', 'open', 'open']],
    ['nothing done, 24 h passed', {}, at(DAY + 1), ['late', 'open', 'open']],
    [
      'complete at 24 h exactly, follow-up at 7 d, final at 30 d',
      { completeAt: at(DAY), day7ReportAt: at(7 * DAY), finalAt: at(30 * DAY) },
      at(40 * DAY),
      ['on_time', 'on_time', 'on_time'],
    ],
    [
      'final on day 8 of a road accident (7 d window)',
      { domain: 'road_traffic', completeAt: T, day7ReportAt: at(6 * DAY), finalAt: at(8 * DAY) },
      at(40 * DAY),
      ['on_time', 'on_time', 'late'],
    ],
    ['all overdue', {}, at(31 * DAY), ['late', 'late', 'late']],
  ])('%s', (_name, f, now, expected) => {
    expect(nodeJudgements({ ...facts, ...f }, now)).toEqual(expected);
  });
});

describe('followupCovered (21号令 第十一条)', () => {
  it.each<[Grade, number]>([
    ['general', 1],
    ['larger', 1],
    ['major', 2],
    ['especially_major', 2],
  ])('%s needs %d', (grade, n) => {
    expect(requiredFollowups(grade)).toBe(n);
  });

  it.each<[Grade, number, number, boolean | null]>([
    ['general', 0, 7 * DAY, null],
    ['general', 0, 7 * DAY + 1, false],
    ['general', 1, DAY, true],
    ['major', 1, DAY, null],
    ['major', 1, 8 * DAY, false],
    ['major', 2, DAY, true],
    ['especially_major', 3, 8 * DAY, true],
  ])('%s with %d follow-ups at +%d ms → %s', (grade, n, after, expected) => {
    expect(followupCovered(grade, n, T, at(after))).toBe(expected);
  });
});

describe('isDuplicateOf (same county, ±2 h, same unit)', () => {
  const first: DuplicateKey = { regionCode: '370303', occurredAt: T, unitName: '甲厂', unitCreditCode: null };
  it.each<[string, Partial<DuplicateKey>, boolean]>([
    ['same unit, same time', {}, true],
    ['a town of the same county', { regionCode: '370303001' }, true],
    ['2 h later', { occurredAt: at(2 * HOUR) }, true],
    ['2 h earlier', { occurredAt: at(-2 * HOUR) }, true],
    ['2 h + 1 ms later', { occurredAt: at(2 * HOUR + 1) }, false],
    ['another county', { regionCode: '370302' }, false],
    ['another unit', { unitName: '乙厂' }, false],
    ['another name, both without credit code', { unitName: '乙厂', unitCreditCode: null }, false],
  ])('%s → %s', (_name, later, expected) => {
    expect(isDuplicateOf({ ...first, ...later }, first)).toBe(expected);
  });

  it('the same credit code under another name is a duplicate', () => {
    const a = { ...first, unitCreditCode: '91370303MA3C4B2X1Y' };
    expect(isDuplicateOf({ ...a, unitName: '甲厂（简称）' }, a)).toBe(true);
  });
});

const share = (numerator: number, denominator: number): Share => ({ numerator, denominator });

function counts(c: Partial<AssessmentCounts> = {}): AssessmentCounts {
  return {
    accidents: 10,
    duplicates: 0,
    receivedOnTime: share(10, 10),
    forwardedOnTime: share(20, 20),
    nodesOnTime: share(30, 30),
    followupCoverage: share(10, 10),
    completeness: share(10, 10),
    ...c,
  };
}

describe('percentOf', () => {
  it.each<[Share, number | null]>([
    [share(0, 0), null],
    [share(0, 3), 0],
    [share(1, 3), 33.3],
    [share(2, 3), 66.7],
    [share(1, 8), 12.5],
    // 0.0625 % → 0.1: half-up on the exact value.
    [share(1, 1600), 0.1],
    [share(1, 2001), 0],
    [share(5, 5), 100],
  ])('%j → %s', (s, expected) => {
    expect(percentOf(s)).toBe(expected);
  });
});

describe('scoreOf', () => {
  it.each<[string, Partial<AssessmentCounts>, number | null]>([
    ['all on time', {}, 100],
    ['no accident: no data, not 100', { accidents: 0 }, null],
    ['receipt half on time: −10', { receivedOnTime: share(5, 10) }, 90],
    [
      'every metric at 0',
      {
        receivedOnTime: share(0, 10),
        forwardedOnTime: share(0, 20),
        nodesOnTime: share(0, 30),
        followupCoverage: share(0, 10),
        completeness: share(0, 10),
      },
      0,
    ],
    // Chain steps owed by nobody inside the region (towns): 75 points scaled to 100.
    [
      'no chain step: left out and the rest scaled',
      { forwardedOnTime: share(0, 0), receivedOnTime: share(5, 10) },
      86.7,
    ],
    ['1 duplicate in 10: −2', { duplicates: 1 }, 98],
    [
      'deduction below 0 is clamped',
      {
        duplicates: 10,
        receivedOnTime: share(0, 10),
        forwardedOnTime: share(0, 20),
        nodesOnTime: share(0, 30),
        followupCoverage: share(0, 10),
        completeness: share(0, 10),
      },
      0,
    ],
    // 20×2/3 + 25 + 25 + 15 + 15 = 93.333… → 93.3
    ['thirds round half-up to one decimal', { receivedOnTime: share(2, 3) }, 93.3],
    // 20 × 1/8 = 2.5 and 15 × 7/8 = 13.125: 80.625 exactly → 80.6
    ['exact .x25 rounds by the exact value', { receivedOnTime: share(1, 8), completeness: share(7, 8) }, 80.6],
    // 15 × 15/16 = 14.0625: 99.0625 exactly → 99.1
    ['half-up', { completeness: share(15, 16) }, 99.1],
  ])('%s', (_name, c, expected) => {
    expect(scoreOf(counts(c))).toBe(expected);
  });

  it('the deduction is 20 × share, one decimal', () => {
    expect(duplicateDeductionOf({ accidents: 3, duplicates: 1 })).toBe(6.7);
    expect(duplicateDeductionOf({ accidents: 0, duplicates: 0 })).toBe(0);
  });
});

describe('rankByScore', () => {
  it('highest first, ties share a rank and go by code, no data last without a rank', () => {
    const ranked = rankByScore([
      { code: '370305', score: 80 },
      { code: '370302', score: null },
      { code: '370304', score: 95.5 },
      { code: '370303', score: 80 },
      { code: '370306', score: 70 },
    ]);
    expect(ranked.map((r) => [r.code, r.rank])).toEqual([
      ['370304', 1],
      ['370303', 2],
      ['370305', 2],
      ['370306', 4],
      ['370302', null],
    ]);
  });

  it('a 0 score is ranked (it has data), after every positive score', () => {
    expect(
      rankByScore([
        { code: 'b', score: 0 },
        { code: 'a', score: null },
        { code: 'c', score: 1 },
      ]).map((r) => r.rank),
    ).toEqual([1, 2, null]);
  });
});
