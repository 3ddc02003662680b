import { describe, expect, it } from 'vitest';
import { agreementState, agreementValidOn, isHighRisk, isUncovered } from './rescue-coverage.js';

describe('isHighRisk (应急条例 第十条)', () => {
  it.each([
    [['hazardous_chemicals'], 'C26', true],
    [['fireworks'], 'C26', true],
    [['non_coal_mines'], 'B10', true],
    [['industry_trade'], 'C31', true],
    [['industry_trade'], 'C32', true],
    [[], 'E47', true],
    [[], 'E50', true],
    [[], 'B06', true],
    [['industry_trade'], 'C30', false],
    [['other'], 'G54', false],
    [[], 'E', false],
    [[], 'E51', false],
  ] as const)('%j %s → %s', (sectors, industryCode, expected) => {
    expect(isHighRisk({ sectors, industryCode })).toBe(expected);
  });
});

describe('agreementValidOn: validFrom ≤ day ≤ validTo, both days included', () => {
  const a = { validFrom: '2026-01-01', validTo: '2026-12-31' };
  it.each([
    ['2025-12-31', false, 'pending'],
    ['2026-01-01', true, 'valid'],
    ['2026-06-30', true, 'valid'],
    ['2026-12-31', true, 'valid'],
    ['2027-01-01', false, 'expired'],
  ] as const)('%s → %s (%s)', (day, valid, state) => {
    expect(agreementValidOn(a, day)).toBe(valid);
    expect(agreementState(a, day)).toBe(state);
  });
  it('a retired agreement is never valid', () => {
    expect(agreementValidOn({ ...a, retired: true }, '2026-06-30')).toBe(false);
    expect(agreementState({ ...a, retired: true }, '2026-06-30')).toBe('retired');
  });
});

describe('isUncovered', () => {
  const chem = { sectors: ['hazardous_chemicals'], industryCode: 'C26', status: 'operating' };
  const expired = { validFrom: '2024-01-01', validTo: '2025-12-31' };
  const current = { validFrom: '2026-01-01', validTo: '2026-12-31' };
  it.each([
    ['high-risk, nothing', chem, 0, [], true],
    ['high-risk, only an expired agreement', chem, 0, [expired], true],
    ['high-risk, a valid agreement', chem, 0, [expired, current], false],
    ['high-risk, its own team', chem, 1, [], false],
    ['high-risk but closed', { ...chem, status: 'closed' }, 0, [], false],
    ['not high-risk', { sectors: ['industry_trade'], industryCode: 'C30', status: 'operating' }, 0, [], false],
  ] as const)('%s', (_name, e, teams, agreements, expected) => {
    expect(isUncovered(e, teams, agreements, '2026-12-06')).toBe(expected);
  });
});
