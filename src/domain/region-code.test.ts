/** GB/T 2260 six-digit codes (and nine-digit town codes): levels, subtrees, ancestors. */
import { describe, expect, it } from 'vitest';
import {
  ancestorAt,
  isRegionCodeShape,
  isWithin,
  levelOfCode,
  NATIONAL_CODE,
  ownRowLabel,
  type RegionLevel,
  subtreePrefix,
} from './region-code.js';

describe('isRegionCodeShape', () => {
  it.each([
    ['370303', true],
    ['000000', true],
    ['370303001', true],
    ['37030', false],
    ['3703031', false],
    ['37030300', false],
    ['3703030011', false],
    ['37030a', false],
    ['', false],
  ])('%j → %s', (code, ok) => {
    expect(isRegionCodeShape(code)).toBe(ok);
  });
});

describe('levelOfCode', () => {
  it.each<[string, RegionLevel]>([
    [NATIONAL_CODE, 'national'],
    ['370000', 'province'],
    ['110000', 'province'],
    ['370300', 'city'],
    ['370100', 'city'],
    ['370303', 'county'],
    ['370112', 'county'],
    ['370301', 'county'],
    ['370303001', 'town'],
  ])('%s → %s', (code, level) => {
    expect(levelOfCode(code)).toBe(level);
  });
});

describe('subtreePrefix and isWithin', () => {
  it.each([
    [NATIONAL_CODE, ''],
    ['370000', '37'],
    ['370300', '3703'],
    ['370303', '370303'],
    ['370303001', '370303001'],
  ])('prefix of %s is %j', (code, prefix) => {
    expect(subtreePrefix(code)).toBe(prefix);
  });

  it.each([
    ['370303', '370303', true],
    ['370303', '370300', true],
    ['370303', '370000', true],
    ['370303', NATIONAL_CODE, true],
    ['370303001', '370303', true],
    ['370303001', '370300', true],
    ['370304', '370303', false],
    ['370112', '370300', false],
    ['370112', '370100', true],
    ['440303', '370000', false],
    ['370303', '370303001', false],
    ['370300', '370303', false],
  ])('%s within %s → %s', (code, ancestor, within) => {
    expect(isWithin(code, ancestor)).toBe(within);
  });
});

describe('ancestorAt', () => {
  it.each<[string, RegionLevel, string]>([
    ['370303', 'county', '370303'],
    ['370303', 'city', '370300'],
    ['370303', 'province', '370000'],
    ['370303', 'national', NATIONAL_CODE],
    ['370303001', 'county', '370303'],
    ['370303001', 'city', '370300'],
    ['370303001', 'town', '370303001'],
    ['370112', 'city', '370100'],
  ])('%s at %s → %s', (code, level, ancestor) => {
    expect(ancestorAt(code, level)).toBe(ancestor);
  });
});

describe('ownRowLabel: the own row (本级) beside the children', () => {
  it.each([
    [{ level: 'county', name: '张店区' }, '区本级'],
    [{ level: 'county', name: '桓台县' }, '县本级'],
    [{ level: 'county', name: '滕州市' }, '市本级'],
    [{ level: 'county', name: '鄂托克旗' }, '旗本级'],
    [{ level: 'county', name: '神农架林区' }, '区本级'],
    [{ level: 'county', name: '某特区' }, '区本级'],
    [{ level: 'city', name: '淄博市' }, '淄博市本级'],
    [{ level: 'province', name: '山东省' }, '山东省本级'],
  ])('%j → %s', (region, label) => {
    expect(ownRowLabel(region)).toBe(label);
  });
});
