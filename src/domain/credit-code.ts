/**
 * 统一社会信用代码 (GB 32100-2015《法人和其他组织统一社会信用代码编码规则》).
 *
 * 18 characters (第4章): 登记管理部门码 (1) · 机构类别码 (1) · 登记管理机关行政区划码 (6, GB/T 2260) ·
 * 主体标识码 (9, the 组织机构代码 of GB 11714) · 校验码 (1). The character set (第5章) is the digits and the
 * capital letters without I, O, Z, S and V — 31 characters, valued 0–30 in this order.
 *
 * 校验码 (第5.2条, 附录 formula): C18 = 31 − MOD(Σ Ci × Wi, 31) over the first 17 characters, with Wi = 3^(i−1) mod 31,
 * and 31 written as 0. Because 31 is prime and no weight is 0 mod 31, changing any one character to another
 * character of the set always changes the sum mod 31: every single-character error is detected.
 *
 * Letters must be capitals, as the standard prints them; a lower-case code is refused rather than silently
 * changed, so what is stored is what was on the licence (the web form upper-cases as the user types).
 */

/** GB 32100-2015 第5章: 代码字符集, in value order. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Wi = 3^(i−1) mod 31, i = 1…17. */
export const CREDIT_CODE_WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

export type CreditCodeProblem = 'length' | 'lowercase' | 'charset' | 'region' | 'checksum';

export const CREDIT_CODE_MESSAGES: Record<CreditCodeProblem, string> = {
  length: '统一社会信用代码须为18位',
  lowercase: '统一社会信用代码中的字母须大写',
  charset: '统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V）',
  region: '统一社会信用代码第3至8位须为行政区划代码（6位数字）',
  checksum: '统一社会信用代码校验码不正确，请核对',
};

/** The check character (18th) for the first 17 characters; null when one of them is outside the set. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17.charAt(i));
    if (value < 0) return null;
    sum += value * (CREDIT_CODE_WEIGHTS[i] as number);
  }
  const c = 31 - (sum % 31);
  return CREDIT_CODE_CHARSET.charAt(c === 31 ? 0 : c);
}

/** What is wrong with a code, or null when it is a valid 统一社会信用代码. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  if (/[a-z]/.test(code)) return 'lowercase';
  if (![...code].every((ch) => CREDIT_CODE_CHARSET.includes(ch))) return 'charset';
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'region';
  return creditCodeCheckChar(code.slice(0, 17)) === code.charAt(17) ? null : 'checksum';
}

export function isCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}

/** The 登记管理机关行政区划码 (characters 3–8): the county (or higher) where the body is registered. */
export function creditCodeRegion(code: string): string {
  return code.slice(2, 8);
}
