/**
 * GB/T 2260 administrative division codes (six digits) and GB/T 10114 town codes (nine digits).
 * Digits 1–2 province, 3–4 prefecture, 5–6 county; a town adds three digits.
 * The national level (应急管理部) uses the pseudo-code 000000.
 */

export const NATIONAL_CODE = '000000';

export const REGION_LEVELS = ['national', 'province', 'city', 'county', 'town'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export function isRegionCodeShape(code: string): boolean {
  return /^\d{6}$/.test(code) || /^\d{9}$/.test(code);
}

export function levelOfCode(code: string): RegionLevel {
  if (code === NATIONAL_CODE) return 'national';
  if (code.length === 9) return 'town';
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/**
 * The prefix every code in this region's subtree starts with. Jurisdiction is a prefix match,
 * so a subtree query is an index range scan (`region_code LIKE prefix || '%'` on a "C" collation).
 */
export function subtreePrefix(code: string): string {
  switch (levelOfCode(code)) {
    case 'national':
      return '';
    case 'province':
      return code.slice(0, 2);
    case 'city':
      return code.slice(0, 4);
    default:
      return code;
  }
}

export function isWithin(code: string, ancestorCode: string): boolean {
  return code.startsWith(subtreePrefix(ancestorCode));
}

/** The code of the region at `level` that contains `code` (a county's city is XXXX00, and so on). */
export function ancestorAt(code: string, level: RegionLevel): string {
  switch (level) {
    case 'national':
      return NATIONAL_CODE;
    case 'province':
      return `${code.slice(0, 2)}0000`;
    case 'city':
      return `${code.slice(0, 4)}00`;
    case 'county':
      return code.slice(0, 6);
    default:
      return code;
  }
}
