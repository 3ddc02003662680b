/**
 * Code tables that decide validation: GB 6441-1986 accident categories and GB/T 4754-2017 industries.
 */

/** GB 6441-1986 《企业职工伤亡事故分类》 — the 20 事故类别. */
export const ACCIDENT_TYPES: Readonly<Record<string, string>> = {
  '01': '物体打击',
  '02': '车辆伤害',
  '03': '机械伤害',
  '04': '起重伤害',
  '05': '触电',
  '06': '淹溺',
  '07': '灼烫',
  '08': '火灾',
  '09': '高处坠落',
  '10': '坍塌',
  '11': '冒顶片帮',
  '12': '透水',
  '13': '放炮',
  '14': '火药爆炸',
  '15': '瓦斯爆炸',
  '16': '锅炉爆炸',
  '17': '容器爆炸',
  '18': '其他爆炸',
  '19': '中毒和窒息',
  '20': '其他伤害',
};

/**
 * The accident types in code order (01–20). Iterate this, never ACCIDENT_TYPES itself: JavaScript puts the
 * integer-like keys 10–20 before '01'–'09', so Object.entries(ACCIDENT_TYPES) comes out as 10 … 20, 01 … 09.
 */
export const ACCIDENT_TYPE_ENTRIES: readonly (readonly [code: string, name: string])[] = Object.entries(
  ACCIDENT_TYPES,
).sort(([a], [b]) => a.localeCompare(b));

export function isAccidentType(code: string): boolean {
  return Object.hasOwn(ACCIDENT_TYPES, code);
}

/**
 * GB/T 4754-2017 《国民经济行业分类》: 20 门类 with the range of their 大类 (two-digit) codes.
 * The 2017 edition has 97 大类; ranges differ from the 2011 edition (e.g. N is 76–79 in 2017).
 */
export const INDUSTRY_SECTIONS: Readonly<Record<string, { name: string; from: number; to: number }>> = {
  A: { name: '农、林、牧、渔业', from: 1, to: 5 },
  B: { name: '采矿业', from: 6, to: 12 },
  C: { name: '制造业', from: 13, to: 43 },
  D: { name: '电力、热力、燃气及水生产和供应业', from: 44, to: 46 },
  E: { name: '建筑业', from: 47, to: 50 },
  F: { name: '批发和零售业', from: 51, to: 52 },
  G: { name: '交通运输、仓储和邮政业', from: 53, to: 60 },
  H: { name: '住宿和餐饮业', from: 61, to: 62 },
  I: { name: '信息传输、软件和信息技术服务业', from: 63, to: 65 },
  J: { name: '金融业', from: 66, to: 69 },
  K: { name: '房地产业', from: 70, to: 70 },
  L: { name: '租赁和商务服务业', from: 71, to: 72 },
  M: { name: '科学研究和技术服务业', from: 73, to: 75 },
  N: { name: '水利、环境和公共设施管理业', from: 76, to: 79 },
  O: { name: '居民服务、修理和其他服务业', from: 80, to: 82 },
  P: { name: '教育', from: 83, to: 83 },
  Q: { name: '卫生和社会工作', from: 84, to: 85 },
  R: { name: '文化、体育和娱乐业', from: 86, to: 90 },
  S: { name: '公共管理、社会保障和社会组织', from: 91, to: 96 },
  T: { name: '国际组织', from: 97, to: 97 },
};

/** Accepts a 门类 letter ("C") or 门类 + 大类 ("C26"), GB/T 4754-2017. */
export function isIndustryCode(code: string): boolean {
  const m = /^([A-T])(\d{2})?$/.exec(code);
  if (!m) return false;
  const section = INDUSTRY_SECTIONS[m[1] as string];
  if (!section) return false;
  if (m[2] === undefined) return true;
  const division = Number(m[2]);
  return division >= section.from && division <= section.to;
}

export function industrySectionOf(code: string): string {
  return code.slice(0, 1);
}
