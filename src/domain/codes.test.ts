/** GB 6441-1986 accident categories and GB/T 4754-2017 industry codes (门类 letter, or 门类 + 大类). */
import { describe, expect, it } from 'vitest';
import {
  ACCIDENT_TYPE_ENTRIES,
  ACCIDENT_TYPES,
  INDUSTRY_SECTIONS,
  industrySectionOf,
  isAccidentType,
  isIndustryCode,
} from './codes.js';

describe('isAccidentType (GB 6441-1986, 01–20)', () => {
  it.each([
    ['01', true],
    ['02', true],
    ['10', true],
    ['19', true],
    ['20', true],
    ['00', false],
    ['21', false],
    ['1', false],
    ['001', false],
    ['', false],
    ['toString', false],
    ['__proto__', false],
    [' 01', false],
  ])('%j → %s', (code, ok) => {
    expect(isAccidentType(code)).toBe(ok);
  });

  it('has exactly the 20 categories 01..20', () => {
    expect(Object.keys(ACCIDENT_TYPES).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    expect(ACCIDENT_TYPES['19']).toBe('中毒和窒息');
  });
});

describe('isIndustryCode (GB/T 4754-2017)', () => {
  it.each([
    // 门类 letters A..T
    ['A', true],
    ['C', true],
    ['T', true],
    ['U', false],
    ['c', false],
    ['', false],
    // 门类 + 大类: the 大类 must lie in its 门类's range
    ['A01', true],
    ['A05', true],
    ['A06', false],
    ['B06', true],
    ['B12', true],
    ['C12', false],
    ['C13', true],
    ['C26', true],
    ['C43', true],
    ['C44', false],
    ['D44', true],
    ['E47', true],
    ['E50', true],
    ['G54', true],
    ['K70', true],
    ['K71', false],
    ['N76', true],
    ['N79', true],
    ['N80', false],
    ['P83', true],
    ['S96', true],
    ['T97', true],
    ['T98', false],
    ['A00', false],
    // shapes
    ['C2', false],
    ['C260', false],
    ['26', false],
    ['CC', false],
    [' C26', false],
  ])('%j → %s', (code, ok) => {
    expect(isIndustryCode(code)).toBe(ok);
  });

  it('covers the 97 大类 01..97 exactly once, in order', () => {
    const divisions = Object.values(INDUSTRY_SECTIONS).flatMap((s) =>
      Array.from({ length: s.to - s.from + 1 }, (_, i) => s.from + i),
    );
    expect(divisions).toEqual(Array.from({ length: 97 }, (_, i) => i + 1));
    expect(Object.keys(INDUSTRY_SECTIONS)).toEqual('ABCDEFGHIJKLMNOPQRST'.split(''));
  });

  it('industrySectionOf takes the 门类 letter', () => {
    expect(industrySectionOf('C26')).toBe('C');
    expect(industrySectionOf('N')).toBe('N');
  });
});

describe('ACCIDENT_TYPE_ENTRIES', () => {
  it('lists the 20 GB 6441-1986 types in code order 01–20', () => {
    expect(ACCIDENT_TYPE_ENTRIES.map(([code]) => code)).toEqual(
      Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
  });
});
