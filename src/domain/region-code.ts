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

/** The kinds of county-level division, by the last character of the name (区划名称的通名). */
const COUNTY_KINDS = ['区', '县', '市', '旗'] as const;

/**
 * The label of a region's own row (本级) beside its children in a table: accidents and units filed at the region
 * itself. A county-level division says what it is — 区本级 for a 市辖区, 县本级, 市本级 for a 县级市, 旗本级 — and
 * a city or province its name (淄博市本级).
 */
export function ownRowLabel(region: { level: string; name: string }): string {
  if (region.level !== 'county') return `${region.name}本级`;
  const kind = COUNTY_KINDS.find((k) => region.name.endsWith(k)) ?? '县';
  return `${kind}本级`;
}

/**
 * How many digits name a child region in roll-ups: the nation → provinces 2, province → cities 4, city → counties 6,
 * county → towns 9 (a county's own records, on its 6-digit code, form its 本级 row).
 */
export const CHILD_KEY_LENGTH = { national: 2, province: 4, city: 6, county: 9, town: 9 } as const;
