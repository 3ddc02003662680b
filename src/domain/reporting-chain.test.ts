/**
 * 493号令 第九条–第十一条: target levels by grade, 2-hour steps, deadline statuses at their exact
 * boundaries, the holder, the visible levels and the unit's 1-hour step (late only when > 1 h).
 */
import { describe, expect, it } from 'vitest';
import type { Grade } from './grade.js';
import {
  applicableLevels,
  CHAIN_LEVELS,
  type ChainEntryState,
  type ChainLevel,
  type DeadlineStatus,
  deadlineStatus,
  dueAfterReceipt,
  effectiveTarget,
  entryDoneAt,
  entryStatus,
  holderOf,
  isUnitLate,
  LEVEL_FORWARD_LIMIT_MS,
  levelIndex,
  levelsOf,
  nextApplicableLevel,
  signRefusal,
  targetLevelOf,
  UNIT_REPORT_LIMIT_MS,
  visibleLevels,
} from './reporting-chain.js';

const T = new Date('2026-11-25T10:00:00+08:00');
const at = (ms: number) => new Date(T.getTime() + ms);
const MIN = 60_000;
const HOUR = 3_600_000;

function entry(level: ChainLevel, e: Partial<ChainEntryState> = {}): ChainEntryState {
  return { level, receivedAt: null, forwardedAt: null, dueAt: null, signedAt: null, skipped: false, ...e };
}

describe('targetLevelOf (第十条)', () => {
  it.each<[Grade, ChainLevel]>([
    ['general', 'city'],
    ['larger', 'province'],
    ['major', 'national'],
    ['especially_major', 'national'],
  ])('%s → %s', (grade, level) => {
    expect(targetLevelOf(grade)).toBe(level);
  });
});

describe('levels', () => {
  it('orders county < city < province < national and steps one level up', () => {
    expect(['county', 'city', 'province', 'national'].map((l) => levelIndex(l as ChainLevel))).toEqual([0, 1, 2, 3]);
    expect(nextApplicableLevel('county', CHAIN_LEVELS)).toBe('city');
    expect(nextApplicableLevel('city', CHAIN_LEVELS)).toBe('province');
    expect(nextApplicableLevel('province', CHAIN_LEVELS)).toBe('national');
    expect(nextApplicableLevel('national', CHAIN_LEVELS)).toBeUndefined();
  });

  it('each level has 2 hours from its receipt (第十一条)', () => {
    expect(LEVEL_FORWARD_LIMIT_MS).toBe(2 * HOUR);
    expect(dueAfterReceipt(T).toISOString()).toBe(at(2 * HOUR).toISOString());
  });
});

describe('deadlineStatus at its exact boundaries', () => {
  const due = at(2 * HOUR);
  it.each<[string, Date | null, Date | null, Date, DeadlineStatus]>([
    ['done well before', at(HOUR), null, at(3 * HOUR), 'done'],
    ['done exactly at dueAt', due, null, at(3 * HOUR), 'done'],
    ['done 1 ms after dueAt', at(2 * HOUR + 1), null, at(3 * HOUR), 'done_late'],
    ['not done, now before dueAt', null, null, at(HOUR), 'pending'],
    ['not done, now exactly at dueAt', null, null, due, 'pending'],
    ['not done, now 1 ms after dueAt', null, null, at(2 * HOUR + 1), 'overdue'],
  ])('%s → %s', (_label, doneAt, _unused, now, status) => {
    expect(deadlineStatus(due, doneAt, now)).toBe(status);
  });

  it('with no deadline, nothing is ever late or overdue', () => {
    expect(deadlineStatus(null, null, at(1000 * HOUR))).toBe('pending');
    expect(deadlineStatus(null, at(1000 * HOUR), at(1000 * HOUR))).toBe('done');
  });
});

describe('entryDoneAt / entryStatus', () => {
  const received = { receivedAt: T, dueAt: at(2 * HOUR) };

  it('a level that filed the report at or above its target is done on filing; below the target it still forwards', () => {
    const own = entry('city', { ...received, originated: true });
    expect(entryDoneAt(own, 'city')?.toISOString()).toBe(T.toISOString());
    expect(entryStatus(own, 'city', at(9 * HOUR))).toBe('done');
    const ownCounty = entry('county', { ...received, originated: true });
    expect(entryDoneAt(ownCounty, 'city')).toBeNull();
    expect(entryStatus(ownCounty, 'city', at(2 * HOUR + 1))).toBe('overdue');
  });

  it('below the target a level is done when it forwards; signing is not enough', () => {
    const signedOnly = entry('county', { ...received, signedAt: at(MIN) });
    expect(entryDoneAt(signedOnly, 'city')).toBeNull();
    expect(entryStatus(signedOnly, 'city', at(2 * HOUR + 1))).toBe('overdue');
    const forwarded = entry('county', { ...received, forwardedAt: at(HOUR) });
    expect(entryDoneAt(forwarded, 'city')?.toISOString()).toBe(at(HOUR).toISOString());
    expect(entryStatus(forwarded, 'city', at(5 * HOUR))).toBe('done');
  });

  it('at the target a level is done when it signs (or forwards further)', () => {
    const signed = entry('city', { ...received, signedAt: at(2 * HOUR) });
    expect(entryStatus(signed, 'city', at(9 * HOUR))).toBe('done');
    const signedLate = entry('city', { ...received, signedAt: at(2 * HOUR + 1) });
    expect(entryStatus(signedLate, 'city', at(9 * HOUR))).toBe('done_late');
    const forwarded = entry('city', { ...received, forwardedAt: at(HOUR) });
    expect(entryStatus(forwarded, 'city', at(9 * HOUR))).toBe('done');
    const nothing = entry('city', received);
    expect(entryStatus(nothing, 'city', at(2 * HOUR))).toBe('pending');
    expect(entryStatus(nothing, 'city', at(2 * HOUR + 1))).toBe('overdue');
  });

  it('above the target, signing counts too', () => {
    expect(entryStatus(entry('province', { ...received, signedAt: at(HOUR) }), 'city', at(9 * HOUR))).toBe('done');
  });

  it('a skipped level (越级上报) owes nothing', () => {
    expect(entryStatus(entry('city', { skipped: true }), 'province', at(99 * HOUR))).toBe('done');
    expect(entryStatus(entry('city', { ...received, skipped: true }), 'province', at(99 * HOUR))).toBe('done');
  });

  it('a level not yet reached is pending', () => {
    expect(entryStatus(entry('city'), 'city', at(99 * HOUR))).toBe('pending');
  });
});

describe('holderOf', () => {
  it('is the highest level that has received the report', () => {
    expect(holderOf([])).toBeUndefined();
    expect(holderOf([entry('county'), entry('city')])).toBeUndefined();
    expect(holderOf([entry('county', { receivedAt: T }), entry('city')])?.level).toBe('county');
    expect(
      holderOf([entry('province', { receivedAt: at(HOUR) }), entry('county', { receivedAt: T }), entry('city')])?.level,
    ).toBe('province');
    expect(
      holderOf([
        entry('county', { receivedAt: T }),
        entry('city', { receivedAt: at(HOUR), skipped: true }),
        entry('national', { receivedAt: at(HOUR) }),
      ])?.level,
    ).toBe('national');
  });
});

describe('visibleLevels', () => {
  it.each<[ChainLevel, ChainLevel | undefined, ChainLevel[]]>([
    ['city', undefined, ['county', 'city']],
    ['city', 'county', ['county', 'city']],
    ['city', 'city', ['county', 'city']],
    ['city', 'province', ['county', 'city', 'province']],
    ['province', 'county', ['county', 'city', 'province']],
    ['national', 'city', ['county', 'city', 'province', 'national']],
    ['city', 'national', ['county', 'city', 'province', 'national']],
  ])('target %s, holder %s → %j', (target, holder, levels) => {
    expect(visibleLevels(target, holder)).toEqual(levels);
  });
});

describe('isUnitLate (第九条: the unit reports within 1 hour)', () => {
  it.each<[string, number, boolean]>([
    ['at once', 0, false],
    ['after 59 min', 59 * MIN, false],
    ['after exactly 60 min', 60 * MIN, false],
    ['after 60 min + 1 ms', 60 * MIN + 1, true],
    ['after 3 h', 3 * HOUR, true],
  ])('received %s → late %s', (_label, delay, late) => {
    expect(UNIT_REPORT_LIMIT_MS).toBe(HOUR);
    expect(isUnitLate(T, at(delay))).toBe(late);
  });
});

describe('levels of government that exist (ChainShape)', () => {
  it.each([
    [{ county: true, city: true }, ['county', 'city', 'province', 'national']],
    [{ county: true, city: false }, ['county', 'province', 'national']],
    [{ county: false, city: true }, ['city', 'province', 'national']],
  ] as const)('%j → %j', (shape, levels) => {
    expect(applicableLevels(shape)).toEqual(levels);
  });

  it.each([
    ['city', ['county', 'province', 'national'], 'province'],
    ['city', ['county', 'city', 'province', 'national'], 'city'],
    ['province', ['county', 'province', 'national'], 'province'],
    ['national', ['city', 'province', 'national'], 'national'],
    ['county', ['city', 'province', 'national'], 'city'],
  ] as const)('target %s with levels %j → %s', (target, levels, expected) => {
    expect(effectiveTarget(target, levels)).toBe(expected);
  });

  it('the next level skips a level that does not exist, in chain order whatever the input order', () => {
    expect(nextApplicableLevel('county', ['county', 'province', 'national'])).toBe('province');
    expect(nextApplicableLevel('national', ['county', 'province', 'national'])).toBeUndefined();
    const chain = (['national', 'county', 'city', 'province'] as const).map((level) => ({
      level,
      receivedAt: null,
      forwardedAt: null,
      dueAt: null,
      signedAt: null,
      skipped: level === 'city',
      applicable: level !== 'city',
    }));
    expect(levelsOf(chain)).toEqual(['county', 'province', 'national']);
  });
});

describe('signRefusal (签收: received from below, once, before forwarding)', () => {
  const received = { receivedAt: T, dueAt: at(2 * HOUR) };
  it.each<[string, Partial<ChainEntryState> | undefined, string | undefined]>([
    ['no entry of the actor', undefined, 'not_received'],
    ['not received yet', {}, 'not_received'],
    ['passed over (越级)', { ...received, skipped: true }, 'not_received'],
    ['no government at this level', { ...received, applicable: false }, 'not_received'],
    ['filed by this level itself', { ...received, originated: true }, 'own_report'],
    ['filed here, already forwarded', { ...received, originated: true, forwardedAt: at(HOUR) }, 'own_report'],
    ['signed already', { ...received, signedAt: at(MIN) }, 'already_signed'],
    ['signed, then forwarded', { ...received, signedAt: at(MIN), forwardedAt: at(HOUR) }, 'already_signed'],
    ['forwarded without signing', { ...received, forwardedAt: at(HOUR) }, 'already_forwarded'],
    ['received from below, open', received, undefined],
  ])('%s → %s', (_, state, expected) => {
    expect(signRefusal(state && entry('city', state))).toBe(expected);
  });
});
