import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_CHARSET,
  CREDIT_CODE_WEIGHTS,
  creditCodeCheckChar,
  creditCodeProblem,
  creditCodeRegion,
  isCreditCode,
} from './credit-code.js';

/** Codes as printed on business licences of well-known companies (public registry data). */
const REAL_CODES = [
  '91330100716105852F', // 阿里巴巴（中国）有限公司
  '9144030071526726XG', // 腾讯科技（深圳）有限公司
  '914403001922038216', // 华为技术有限公司
  '91110000710925462X',
  '91310000132200821H',
];

describe('GB 32100-2015 统一社会信用代码', () => {
  it('has the 31-character set without I O Z S V and the weights 3^(i-1) mod 31', () => {
    expect(CREDIT_CODE_CHARSET).toHaveLength(31);
    for (const ch of 'IOZSV') expect(CREDIT_CODE_CHARSET).not.toContain(ch);
    expect(CREDIT_CODE_WEIGHTS).toEqual([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]);
  });

  it.each(REAL_CODES)('accepts the real code %s', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
    expect(isCreditCode(code)).toBe(true);
  });

  it('computes the check character, 31 written as 0', () => {
    expect(creditCodeCheckChar('91330100716105852')).toBe('F');
    expect(creditCodeCheckChar('91440300192203821')).toBe('6');
    // A sum that is 0 mod 31 gives 31 − 0 = 31 → '0'.
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
    expect(creditCodeCheckChar('9133010071610585')).toBeNull();
    expect(creditCodeCheckChar('9133010071610585I')).toBeNull();
  });

  it('rejects every single-character change of every real code (18 positions × 30 other characters)', () => {
    let changes = 0;
    for (const code of REAL_CODES) {
      for (let i = 0; i < 18; i++) {
        for (const ch of CREDIT_CODE_CHARSET) {
          if (ch === code[i]) continue;
          const changed = code.slice(0, i) + ch + code.slice(i + 1);
          expect(isCreditCode(changed), changed).toBe(false);
          changes += 1;
        }
      }
    }
    expect(changes).toBe(REAL_CODES.length * 18 * 30);
  });

  it('rejects a swap of two neighbouring different characters', () => {
    const code = REAL_CODES[0] as string;
    for (let i = 0; i < 17; i++) {
      if (code[i] === code[i + 1]) continue;
      const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
      expect(isCreditCode(swapped), swapped).toBe(false);
    }
  });

  it.each([
    ['', 'length'],
    ['91330100716105852', 'length'],
    ['91330100716105852FF', 'length'],
    ['91330100716105852f', 'lowercase'],
    ['91330100716105852I', 'charset'],
    ['9133010071610585 F', 'charset'],
    ['91330100716105852O', 'charset'],
    ['9133O100716105852F', 'charset'],
    ['91A30100716105852F', 'region'],
    ['91330100716105852E', 'checksum'],
  ] as const)('%j → %s', (code, problem) => {
    expect(creditCodeProblem(code)).toBe(problem);
  });

  it('reads the registering region from characters 3–8', () => {
    expect(creditCodeRegion('91330100716105852F')).toBe('330100');
  });
});
