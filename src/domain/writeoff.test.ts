/**
 * 核销: the default approval table, overriding it from configuration (and what is refused), the approving and
 * requesting bureaus where levels of government are missing (直辖市, 省直辖县级市, 不设区的市), and the state machine.
 */
import { describe, expect, it } from 'vitest';
import type { Grade } from './grade.js';
import { applicableLevels, type ChainLevel } from './reporting-chain.js';
import {
  type ApprovalLevel,
  approverOf,
  approverStillSuffices,
  DEFAULT_WRITEOFF_APPROVAL,
  formatApprovalTable,
  nextStatus,
  parseApprovalTable,
  requesterOf,
  WRITEOFF_REASON_LABELS,
  WRITEOFF_REASONS,
  WRITEOFF_STATUSES,
  type WriteoffAction,
  type WriteoffStatus,
} from './writeoff.js';

const ALL = applicableLevels({ county: true, city: true });
/** 直辖市 districts and 省直辖县级市: no city level. */
const NO_CITY = applicableLevels({ county: true, city: false });
/** 不设区的市 (东莞): no county level. */
const NO_COUNTY = applicableLevels({ county: false, city: true });

describe('reasons', () => {
  it('has the five reasons, each with its Chinese label', () => {
    expect(WRITEOFF_REASONS.map((r) => WRITEOFF_REASON_LABELS[r])).toEqual([
      '非生产经营活动',
      '自然灾害',
      '刑事案件/治安案件',
      '病亡/自杀',
      '其他',
    ]);
  });
});

describe('approval table', () => {
  it('defaults: 一般 by the province, 较大 and above by the ministry', () => {
    expect(DEFAULT_WRITEOFF_APPROVAL).toEqual({
      general: 'province',
      larger: 'national',
      major: 'national',
      especially_major: 'national',
    });
    expect(formatApprovalTable(DEFAULT_WRITEOFF_APPROVAL)).toBe(
      'general:province,larger:national,major:national,especially_major:national',
    );
  });

  it.each<[string, Record<Grade, ApprovalLevel>]>([
    ['', DEFAULT_WRITEOFF_APPROVAL],
    [
      'general:province,larger:national,major:national,especially_major:national',
      { general: 'province', larger: 'national', major: 'national', especially_major: 'national' },
    ],
    // Only what is given changes; spaces and empty items are tolerated.
    [
      ' general : city , larger:province ,',
      { general: 'city', larger: 'province', major: 'national', especially_major: 'national' },
    ],
    ['larger:province', { general: 'province', larger: 'province', major: 'national', especially_major: 'national' }],
  ])('parses %j', (spec, expected) => {
    expect(parseApprovalTable(spec)).toEqual(expected);
  });

  it.each<[string, RegExp]>([
    ['general', /not grade:level/],
    ['general:province:x', /not grade:level/],
    ['minor:province', /unknown grade "minor"/],
    ['general:county', /unknown level "county"/],
    ['general:Province', /unknown level/],
    ['general:city,general:province', /given twice/],
    // A higher grade never needs less than a lower one.
    ['general:national,larger:province', /larger \(province\) may not be approved below general \(national\)/],
    ['major:province', /major \(province\) may not be approved below larger \(national\)/],
  ])('refuses %j', (spec, message) => {
    expect(() => parseApprovalTable(spec)).toThrow(message);
  });
});

describe('approverOf', () => {
  it.each<[Grade, string, readonly ChainLevel[], ChainLevel, string]>([
    // 一般 → the province of the place; 较大+ → the ministry.
    ['general', '370303', ALL, 'province', '370000'],
    ['general', '370303001', ALL, 'province', '370000'],
    ['larger', '370303', ALL, 'national', '000000'],
    ['major', '370303', ALL, 'national', '000000'],
    ['especially_major', '370303', ALL, 'national', '000000'],
    // 直辖市 district: the province-level bureau is the municipality's.
    ['general', '110101', NO_CITY, 'province', '110000'],
    // 不设区的市 town.
    ['general', '441900003', NO_COUNTY, 'province', '440000'],
  ])('%s at %s → %s %s', (grade, code, levels, level, regionCode) => {
    expect(approverOf(grade, code, levels)).toEqual({ level, regionCode });
  });

  it('a configured city level passes to the province where there is no city (直辖市, 省直辖县级市)', () => {
    const table = parseApprovalTable('general:city');
    expect(approverOf('general', '370303', ALL, table)).toEqual({ level: 'city', regionCode: '370300' });
    expect(approverOf('general', '110101', NO_CITY, table)).toEqual({ level: 'province', regionCode: '110000' });
    // 济源 (省直辖县级市, 419001): no city level.
    expect(approverOf('general', '419001', NO_CITY, table)).toEqual({ level: 'province', regionCode: '410000' });
    expect(approverOf('general', '441900003', NO_COUNTY, table)).toEqual({ level: 'city', regionCode: '441900' });
  });

  it('an approver may still decide after a re-grade only when it is at or above the level now required', () => {
    const nowLarger = approverOf('larger', '370303', ALL);
    expect(approverStillSuffices('province', nowLarger)).toBe(false);
    expect(approverStillSuffices('national', nowLarger)).toBe(true);
    const nowGeneral = approverOf('general', '370303', ALL);
    expect(approverStillSuffices('national', nowGeneral)).toBe(true);
    expect(approverStillSuffices('province', nowGeneral)).toBe(true);
    expect(approverStillSuffices('city', nowGeneral)).toBe(false);
  });
});

describe('requesterOf (归口统计)', () => {
  it.each<[string, readonly ChainLevel[], ChainLevel, string]>([
    ['370303', ALL, 'county', '370303'],
    ['370303001', ALL, 'county', '370303'],
    ['110101', NO_CITY, 'county', '110101'],
    ['441900003', NO_COUNTY, 'city', '441900'],
  ])('%s → %s %s', (code, levels, level, regionCode) => {
    expect(requesterOf(code, levels)).toEqual({ level, regionCode });
  });
});

describe('state machine', () => {
  it.each<[WriteoffStatus, WriteoffAction, WriteoffStatus | null]>([
    ['pending', 'approve', 'approved'],
    ['pending', 'reject', 'rejected'],
    ['pending', 'withdraw', 'withdrawn'],
    ...WRITEOFF_STATUSES.filter((s) => s !== 'pending').flatMap((s) =>
      (['approve', 'reject', 'withdraw'] as const).map((a): [WriteoffStatus, WriteoffAction, null] => [s, a, null]),
    ),
  ])('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });
});
