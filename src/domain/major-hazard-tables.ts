/**
 * The tables of GB 18218-2018 《危险化学品重大危险源辨识》 (regulations.md §3), as data for major-hazard.ts.
 *
 *   Table 1  危险化学品名称及其临界量 — 85 named chemicals with their 临界量 Q (t), in the standard's order
 *   Table 2  未在表1中列举的危险化学品类别及其临界量 — 24 hazard categories J1…W11 with Q (t)
 *   Table 3  毒性气体校正系数 β — 14 toxic gases
 *   Table 4  未在表3中列举的危险化学品校正系数 β — β by Table-2 category
 *   Table 5  暴露人员校正系数 α — by 厂外可能暴露人员数量 within 500 m of the 厂区边界
 *   Table 6  重大危险源级别和 R 值的对应关系
 *
 * Values are copied from regulations.md §3.3–3.5 (DEPG-seed for Tables 1–2, DEPG text for Tables 3–6); do not
 * "correct" them from other sources (§3 notes OCR errors in other copies). Quantities are tonnes.
 */

// ─── Table 2 (and the symbols that Table 4 keys β by) ───────────────────────────────────────────────────────

export const HAZARD_CATEGORY_SYMBOLS = [
  'J1',
  'J2',
  'J3',
  'J4',
  'J5',
  'W1.1',
  'W1.2',
  'W1.3',
  'W2',
  'W3',
  'W4',
  'W5.1',
  'W5.2',
  'W5.3',
  'W5.4',
  'W6.1',
  'W6.2',
  'W7.1',
  'W7.2',
  'W8',
  'W9.1',
  'W9.2',
  'W10',
  'W11',
] as const;
export type HazardCategorySymbol = (typeof HAZARD_CATEGORY_SYMBOLS)[number];

export interface HazardCategory {
  readonly symbol: HazardCategorySymbol;
  /** 类别. */
  readonly className: string;
  /** 说明. */
  readonly description: string;
  /** 临界量 Q (t). */
  readonly criticalQuantityT: number;
  /** A remark printed with Q in the table (W3: 净重 — the net weight of the aerosol counts). */
  readonly quantityNote?: string;
}

/** GB 18218-2018 表2 — categories of hazardous chemicals not listed in Table 1 and their Q (t). */
export const TABLE_2 = [
  { symbol: 'J1', className: '急性毒性', description: '类别1，所有暴露途径，气体', criticalQuantityT: 5 },
  { symbol: 'J2', className: '急性毒性', description: '类别1，所有暴露途径，固体、液体', criticalQuantityT: 50 },
  { symbol: 'J3', className: '急性毒性', description: '类别2、类别3，所有暴露途径，气体', criticalQuantityT: 50 },
  {
    symbol: 'J4',
    className: '急性毒性',
    description: '类别2、类别3，吸入途径，液体(沸点≤35℃)',
    criticalQuantityT: 50,
  },
  {
    symbol: 'J5',
    className: '急性毒性',
    description: '类别2，所有暴露途径，液体(除J4外)、固体',
    criticalQuantityT: 500,
  },
  { symbol: 'W1.1', className: '爆炸物', description: '不稳定爆炸物; 1.1项爆炸物', criticalQuantityT: 1 },
  { symbol: 'W1.2', className: '爆炸物', description: '1.2、1.3、1.5、1.6项爆炸物', criticalQuantityT: 10 },
  { symbol: 'W1.3', className: '爆炸物', description: '1.4项爆炸物', criticalQuantityT: 50 },
  { symbol: 'W2', className: '易燃气体', description: '类别1和类别2', criticalQuantityT: 10 },
  { symbol: 'W3', className: '气溶胶', description: '类别1和类别2', criticalQuantityT: 150, quantityNote: '净重' },
  { symbol: 'W4', className: '氧化性气体', description: '类别1', criticalQuantityT: 50 },
  {
    symbol: 'W5.1',
    className: '易燃液体',
    description: '类别1; 类别2和3且工作温度高于沸点',
    criticalQuantityT: 10,
  },
  {
    symbol: 'W5.2',
    className: '易燃液体',
    description: '类别2和3，具有引发重大事故的特殊工艺条件(危险化工工艺、爆炸极限范围或附近操作、操作压力大于1.6MPa等)',
    criticalQuantityT: 50,
  },
  { symbol: 'W5.3', className: '易燃液体', description: '不属于W5.1或W5.2的其他类别2', criticalQuantityT: 1000 },
  { symbol: 'W5.4', className: '易燃液体', description: '不属于W5.1或W5.2的其他类别3', criticalQuantityT: 5000 },
  { symbol: 'W6.1', className: '自反应物质和混合物', description: 'A型和B型', criticalQuantityT: 10 },
  { symbol: 'W6.2', className: '自反应物质和混合物', description: 'C型、D型、E型', criticalQuantityT: 50 },
  { symbol: 'W7.1', className: '有机过氧化物', description: 'A型和B型', criticalQuantityT: 10 },
  { symbol: 'W7.2', className: '有机过氧化物', description: 'C型、D型、E型、F型', criticalQuantityT: 50 },
  {
    symbol: 'W8',
    className: '自燃液体和自燃固体',
    description: '类别1自燃液体; 类别1自燃固体',
    criticalQuantityT: 50,
  },
  { symbol: 'W9.1', className: '氧化性固体和液体', description: '类别1', criticalQuantityT: 50 },
  { symbol: 'W9.2', className: '氧化性固体和液体', description: '类别2、类别3', criticalQuantityT: 200 },
  { symbol: 'W10', className: '易燃固体', description: '类别1易燃固体', criticalQuantityT: 200 },
  {
    symbol: 'W11',
    className: '遇水放出易燃气体的物质和混合物',
    description: '类别1和类别2',
    criticalQuantityT: 200,
  },
] as const satisfies readonly HazardCategory[];

// ─── Table 4 ────────────────────────────────────────────────────────────────────────────────────────────────

/** GB 18218-2018 表4 — β for chemicals not listed in Table 3, by Table-2 category. */
export const TABLE_4_BETA = {
  J1: 4,
  J2: 1,
  J3: 2,
  J4: 2,
  J5: 1,
  'W1.1': 2,
  'W1.2': 2,
  'W1.3': 2,
  W2: 1.5,
  W3: 1,
  W4: 1,
  'W5.1': 1.5,
  'W5.2': 1,
  'W5.3': 1,
  'W5.4': 1,
  'W6.1': 1.5,
  'W6.2': 1,
  'W7.1': 1.5,
  'W7.2': 1,
  W8: 1,
  'W9.1': 1,
  'W9.2': 1,
  W10: 1,
  W11: 1,
} as const satisfies Readonly<Record<HazardCategorySymbol, number>>;

// ─── Table 1 ────────────────────────────────────────────────────────────────────────────────────────────────

export interface MajorHazardSubstance {
  /** 序号 in Table 1 (1–85). */
  readonly no: number;
  /** 危险化学品名称, with the qualifier the table gives (含量, 含水 …). */
  readonly name: string;
  /** 别名. */
  readonly aliases: readonly string[];
  /** CAS号; several for some rows (甲烷/天然气, 液化石油气), none for rows marked "—". */
  readonly cas: readonly string[];
  /** 临界量 Q (t). */
  readonly criticalQuantityT: number;
  /**
   * The ENGINE'S DEFAULT hazard category, NOT part of the standard: Table 1 gives Q but no category, yet β for
   * a substance not in Table 3 comes from Table 4 by category (4.3.2). The user's `category` overrides it.
   * Chosen by the substance's main GHS hazard, the one a safety engineer would put down:
   * - toxic gases: 剧毒 gases (急性毒性类别1) J1, other toxic gases J3; 剧毒 liquids J2, other toxic liquids J5
   *   (when the toxicity is the main hazard; for a Table-3 gas the default is recorded but β comes from Table 3);
   * - explosives (and 硝酸铵 with >0.2 % combustibles, 1.1D) W1.1; 硝化纤维素 含乙醇≥25 % (1.3C) W1.2;
   *   wetted / low-nitrogen 硝化纤维素 (4.1) W10;
   * - flammable gases W2; 氧 W4; flammable liquids W5.1 (汽油, 苯, 乙醚, 二硫化碳, 1,2-环氧丙烷), W5.3 (other
   *   category 2: 甲醇, 乙醇, 甲苯, 丙酮 …) or W5.4 (category 3: 苯乙烯);
   * - organic peroxides of type A/B (Q = 10, as W7.1) W7.1; pyrophorics W8 (白磷, 烷基铝, 戊硼烷);
   * - oxidisers of category 1 W9.1 (氯酸盐, 过氧化物, 发烟硝酸), of category 2/3 W9.2 (硝酸铵 ≤0.2 %, 硝酸钾, 硝酸);
   * - substances that give off flammable gas with water W11 (钾, 钠, 碳化钙).
   * 三氧化硫 (corrosive, no Table-2 class fits) is given J5, i.e. the neutral β = 1.
   */
  readonly defaultCategory: HazardCategorySymbol;
}

/** GB 18218-2018 表1 — the 85 named hazardous chemicals and their Q (t), in the standard's order. */
export const TABLE_1 = [
  { no: 1, name: '氨', aliases: ['液氨', '氨气'], cas: ['7664-41-7'], criticalQuantityT: 10, defaultCategory: 'J3' },
  { no: 2, name: '二氟化氧', aliases: ['一氧化二氟'], cas: ['7783-41-7'], criticalQuantityT: 1, defaultCategory: 'J1' },
  { no: 3, name: '二氧化氮', aliases: [], cas: ['10102-44-0'], criticalQuantityT: 1, defaultCategory: 'J3' },
  { no: 4, name: '二氧化硫', aliases: ['亚硫酸酐'], cas: ['7446-09-5'], criticalQuantityT: 20, defaultCategory: 'J3' },
  { no: 5, name: '氟', aliases: [], cas: ['7782-41-4'], criticalQuantityT: 1, defaultCategory: 'J1' },
  { no: 6, name: '碳酰氯', aliases: ['光气'], cas: ['75-44-5'], criticalQuantityT: 0.3, defaultCategory: 'J1' },
  { no: 7, name: '环氧乙烷', aliases: ['氧化乙烯'], cas: ['75-21-8'], criticalQuantityT: 10, defaultCategory: 'J3' },
  { no: 8, name: '甲醛(含量>90%)', aliases: ['蚁醛'], cas: ['50-00-0'], criticalQuantityT: 5, defaultCategory: 'J3' },
  {
    no: 9,
    name: '磷化氢',
    aliases: ['磷化三氢', '膦'],
    cas: ['7803-51-2'],
    criticalQuantityT: 1,
    defaultCategory: 'J1',
  },
  { no: 10, name: '硫化氢', aliases: [], cas: ['7783-06-4'], criticalQuantityT: 5, defaultCategory: 'J3' },
  { no: 11, name: '氯化氢(无水)', aliases: [], cas: ['7647-01-0'], criticalQuantityT: 20, defaultCategory: 'J3' },
  { no: 12, name: '氯', aliases: ['液氯', '氯气'], cas: ['7782-50-5'], criticalQuantityT: 5, defaultCategory: 'J3' },
  {
    no: 13,
    name: '煤气(CO，CO和H₂、CH₄的混合物等)',
    aliases: [],
    cas: [],
    criticalQuantityT: 20,
    defaultCategory: 'J3',
  },
  {
    no: 14,
    name: '砷化氢',
    aliases: ['砷化三氢', '胂'],
    cas: ['7784-42-1'],
    criticalQuantityT: 1,
    defaultCategory: 'J1',
  },
  {
    no: 15,
    name: '锑化氢',
    aliases: ['三氢化锑', '锑化三氢'],
    cas: ['7803-52-3'],
    criticalQuantityT: 1,
    defaultCategory: 'J1',
  },
  { no: 16, name: '硒化氢', aliases: [], cas: ['7783-07-5'], criticalQuantityT: 1, defaultCategory: 'J1' },
  { no: 17, name: '溴甲烷', aliases: ['甲基溴'], cas: ['74-83-9'], criticalQuantityT: 10, defaultCategory: 'J3' },
  {
    no: 18,
    name: '丙酮氰醇',
    aliases: ['丙酮合氰化氢', '2-羟基异丁腈', '氰丙醇'],
    cas: ['75-86-5'],
    criticalQuantityT: 20,
    defaultCategory: 'J2',
  },
  {
    no: 19,
    name: '丙烯醛',
    aliases: ['烯丙醛', '败脂醛'],
    cas: ['107-02-8'],
    criticalQuantityT: 20,
    defaultCategory: 'J2',
  },
  { no: 20, name: '氟化氢', aliases: [], cas: ['7664-39-3'], criticalQuantityT: 1, defaultCategory: 'J3' },
  {
    no: 21,
    name: '1-氯-2,3-环氧丙烷',
    aliases: ['环氧氯丙烷(3-氯-1,2-环氧丙烷)'],
    cas: ['106-89-8'],
    criticalQuantityT: 20,
    defaultCategory: 'J5',
  },
  {
    no: 22,
    name: '3-溴-1,2-环氧丙烷',
    aliases: ['环氧溴丙烷', '溴甲基环氧乙烷', '表溴醇'],
    cas: ['3132-64-7'],
    criticalQuantityT: 20,
    defaultCategory: 'J5',
  },
  {
    no: 23,
    name: '甲苯二异氰酸酯',
    aliases: ['二异氰酸甲苯酯', 'TDI'],
    cas: ['26471-62-5'],
    criticalQuantityT: 100,
    defaultCategory: 'J5',
  },
  { no: 24, name: '一氯化硫', aliases: ['氯化硫'], cas: ['10025-67-9'], criticalQuantityT: 1, defaultCategory: 'J5' },
  { no: 25, name: '氰化氢', aliases: ['无水氢氰酸'], cas: ['74-90-8'], criticalQuantityT: 1, defaultCategory: 'J1' },
  { no: 26, name: '三氧化硫', aliases: ['硫酸酐'], cas: ['7446-11-9'], criticalQuantityT: 75, defaultCategory: 'J5' },
  {
    no: 27,
    name: '3-氨基丙烯',
    aliases: ['烯丙胺'],
    cas: ['107-11-9'],
    criticalQuantityT: 20,
    defaultCategory: 'W5.3',
  },
  { no: 28, name: '溴', aliases: ['溴素'], cas: ['7726-95-6'], criticalQuantityT: 20, defaultCategory: 'J5' },
  {
    no: 29,
    name: '乙撑亚胺',
    aliases: ['吖丙啶', '1-氮杂环丙烷', '氮丙啶'],
    cas: ['151-56-4'],
    criticalQuantityT: 20,
    defaultCategory: 'J2',
  },
  {
    no: 30,
    name: '异氰酸甲酯',
    aliases: ['甲基异氰酸酯'],
    cas: ['624-83-9'],
    criticalQuantityT: 0.75,
    defaultCategory: 'J2',
  },
  {
    no: 31,
    name: '叠氮化钡',
    aliases: ['叠氮钡'],
    cas: ['18810-58-7'],
    criticalQuantityT: 0.5,
    defaultCategory: 'W1.1',
  },
  { no: 32, name: '叠氮化铅', aliases: [], cas: ['13424-46-9'], criticalQuantityT: 0.5, defaultCategory: 'W1.1' },
  {
    no: 33,
    name: '雷汞',
    aliases: ['二雷酸汞', '雷酸汞'],
    cas: ['628-86-4'],
    criticalQuantityT: 0.5,
    defaultCategory: 'W1.1',
  },
  {
    no: 34,
    name: '三硝基苯甲醚',
    aliases: ['三硝基茴香醚'],
    cas: ['28653-16-9'],
    criticalQuantityT: 5,
    defaultCategory: 'W1.1',
  },
  {
    no: 35,
    name: '2,4,6-三硝基甲苯',
    aliases: ['梯恩梯', 'TNT'],
    cas: ['118-96-7'],
    criticalQuantityT: 5,
    defaultCategory: 'W1.1',
  },
  {
    no: 36,
    name: '硝化甘油',
    aliases: ['硝化丙三醇', '甘油三硝酸酯'],
    cas: ['55-63-0'],
    criticalQuantityT: 1,
    defaultCategory: 'W1.1',
  },
  // Rows 37–42 share CAS 9004-70-0 and rows 43–44 share 6484-52-2 with different Q: the name decides.
  {
    no: 37,
    name: '硝化纤维素[干的或含水(或乙醇)<25%]',
    aliases: ['硝化棉'],
    cas: ['9004-70-0'],
    criticalQuantityT: 1,
    defaultCategory: 'W1.1',
  },
  {
    no: 38,
    name: '硝化纤维素(未改型的，或增塑的，含增塑剂<18%)',
    aliases: ['硝化棉'],
    cas: ['9004-70-0'],
    criticalQuantityT: 1,
    defaultCategory: 'W1.1',
  },
  {
    no: 39,
    name: '硝化纤维素(含乙醇≥25%)',
    aliases: ['硝化棉'],
    cas: ['9004-70-0'],
    criticalQuantityT: 10,
    defaultCategory: 'W1.2',
  },
  {
    no: 40,
    name: '硝化纤维素(含氮≤12.6%)',
    aliases: ['硝化棉'],
    cas: ['9004-70-0'],
    criticalQuantityT: 50,
    defaultCategory: 'W10',
  },
  {
    no: 41,
    name: '硝化纤维素(含水≥25%)',
    aliases: ['硝化棉'],
    cas: ['9004-70-0'],
    criticalQuantityT: 50,
    defaultCategory: 'W10',
  },
  {
    no: 42,
    name: '硝化纤维素溶液(含氮量≤12.6%，含硝化纤维素≤55%)',
    aliases: ['硝化棉溶液'],
    cas: ['9004-70-0'],
    criticalQuantityT: 50,
    defaultCategory: 'W5.3',
  },
  {
    no: 43,
    name: '硝酸铵(含可燃物>0.2%，包括以碳计算的任何有机物，但不包括任何其他添加剂)',
    aliases: [],
    cas: ['6484-52-2'],
    criticalQuantityT: 5,
    defaultCategory: 'W1.1',
  },
  {
    no: 44,
    name: '硝酸铵(含可燃物≤0.2%)',
    aliases: [],
    cas: ['6484-52-2'],
    criticalQuantityT: 50,
    defaultCategory: 'W9.2',
  },
  {
    no: 45,
    name: '硝酸铵肥料(含可燃物≤0.4%)',
    aliases: [],
    cas: [],
    criticalQuantityT: 200,
    defaultCategory: 'W9.2',
  },
  { no: 46, name: '硝酸钾', aliases: [], cas: ['7757-79-1'], criticalQuantityT: 1000, defaultCategory: 'W9.2' },
  { no: 47, name: '1,3-丁二烯', aliases: ['联乙烯'], cas: ['106-99-0'], criticalQuantityT: 5, defaultCategory: 'W2' },
  { no: 48, name: '二甲醚', aliases: ['甲醚'], cas: ['115-10-6'], criticalQuantityT: 50, defaultCategory: 'W2' },
  {
    no: 49,
    name: '甲烷，天然气',
    aliases: [],
    cas: ['74-82-8', '8006-14-2'],
    criticalQuantityT: 50,
    defaultCategory: 'W2',
  },
  { no: 50, name: '氯乙烯', aliases: ['乙烯基氯'], cas: ['75-01-4'], criticalQuantityT: 50, defaultCategory: 'W2' },
  { no: 51, name: '氢', aliases: ['氢气'], cas: ['1333-74-0'], criticalQuantityT: 5, defaultCategory: 'W2' },
  {
    no: 52,
    name: '液化石油气(含丙烷、丁烷及其混合物)',
    aliases: ['石油气(液化的)'],
    cas: ['68476-85-7', '74-98-6', '106-97-8'],
    criticalQuantityT: 50,
    defaultCategory: 'W2',
  },
  {
    no: 53,
    name: '一甲胺',
    aliases: ['氨基甲烷', '甲胺'],
    cas: ['74-89-5'],
    criticalQuantityT: 5,
    defaultCategory: 'W2',
  },
  { no: 54, name: '乙炔', aliases: ['电石气'], cas: ['74-86-2'], criticalQuantityT: 1, defaultCategory: 'W2' },
  { no: 55, name: '乙烯', aliases: [], cas: ['74-85-1'], criticalQuantityT: 50, defaultCategory: 'W2' },
  {
    no: 56,
    name: '氧(压缩的或液化的)',
    aliases: ['液氧', '氧气'],
    cas: ['7782-44-7'],
    criticalQuantityT: 200,
    defaultCategory: 'W4',
  },
  { no: 57, name: '苯', aliases: ['纯苯'], cas: ['71-43-2'], criticalQuantityT: 50, defaultCategory: 'W5.1' },
  { no: 58, name: '苯乙烯', aliases: ['乙烯苯'], cas: ['100-42-5'], criticalQuantityT: 500, defaultCategory: 'W5.4' },
  { no: 59, name: '丙酮', aliases: ['二甲基酮'], cas: ['67-64-1'], criticalQuantityT: 500, defaultCategory: 'W5.3' },
  {
    no: 60,
    name: '2-丙烯腈',
    aliases: ['丙烯腈', '乙烯基氰', '氰基乙烯'],
    cas: ['107-13-1'],
    criticalQuantityT: 50,
    defaultCategory: 'W5.3',
  },
  { no: 61, name: '二硫化碳', aliases: [], cas: ['75-15-0'], criticalQuantityT: 50, defaultCategory: 'W5.1' },
  { no: 62, name: '环己烷', aliases: ['六氢化苯'], cas: ['110-82-7'], criticalQuantityT: 500, defaultCategory: 'W5.3' },
  {
    no: 63,
    name: '1,2-环氧丙烷',
    aliases: ['氧化丙烯', '甲基环氧乙烷'],
    cas: ['75-56-9'],
    criticalQuantityT: 10,
    defaultCategory: 'W5.1',
  },
  {
    no: 64,
    name: '甲苯',
    aliases: ['甲基苯', '苯基甲烷'],
    cas: ['108-88-3'],
    criticalQuantityT: 500,
    defaultCategory: 'W5.3',
  },
  {
    no: 65,
    name: '甲醇',
    aliases: ['木醇', '木精'],
    cas: ['67-56-1'],
    criticalQuantityT: 500,
    defaultCategory: 'W5.3',
  },
  {
    no: 66,
    name: '汽油(乙醇汽油、甲醇汽油)',
    aliases: [],
    cas: ['86290-81-5'],
    criticalQuantityT: 200,
    defaultCategory: 'W5.1',
  },
  { no: 67, name: '乙醇', aliases: ['酒精'], cas: ['64-17-5'], criticalQuantityT: 500, defaultCategory: 'W5.3' },
  { no: 68, name: '乙醚', aliases: ['二乙基醚'], cas: ['60-29-7'], criticalQuantityT: 10, defaultCategory: 'W5.1' },
  {
    no: 69,
    name: '乙酸乙酯',
    aliases: ['醋酸乙酯'],
    cas: ['141-78-6'],
    criticalQuantityT: 500,
    defaultCategory: 'W5.3',
  },
  { no: 70, name: '正己烷', aliases: ['己烷'], cas: ['110-54-3'], criticalQuantityT: 500, defaultCategory: 'W5.3' },
  {
    no: 71,
    name: '过乙酸',
    aliases: ['过醋酸', '过氧乙酸', '乙酰过氧化氢'],
    cas: ['79-21-0'],
    criticalQuantityT: 10,
    defaultCategory: 'W7.1',
  },
  {
    no: 72,
    name: '过氧化甲基乙基酮(10%<有效氧含量≤10.7%，含A型稀释剂≥48%)',
    aliases: [],
    cas: ['1338-23-4'],
    criticalQuantityT: 10,
    defaultCategory: 'W7.1',
  },
  { no: 73, name: '白磷', aliases: ['黄磷'], cas: ['12185-10-3'], criticalQuantityT: 50, defaultCategory: 'W8' },
  { no: 74, name: '烷基铝', aliases: ['三烷基铝'], cas: [], criticalQuantityT: 1, defaultCategory: 'W8' },
  { no: 75, name: '戊硼烷', aliases: ['五硼烷'], cas: ['19624-22-7'], criticalQuantityT: 1, defaultCategory: 'W8' },
  { no: 76, name: '过氧化钾', aliases: [], cas: ['17014-71-0'], criticalQuantityT: 20, defaultCategory: 'W9.1' },
  {
    no: 77,
    name: '过氧化钠',
    aliases: ['双氧化钠', '二氧化钠'],
    cas: ['1313-60-6'],
    criticalQuantityT: 20,
    defaultCategory: 'W9.1',
  },
  { no: 78, name: '氯酸钾', aliases: [], cas: ['3811-04-9'], criticalQuantityT: 100, defaultCategory: 'W9.1' },
  { no: 79, name: '氯酸钠', aliases: [], cas: ['7775-09-9'], criticalQuantityT: 100, defaultCategory: 'W9.1' },
  { no: 80, name: '发烟硝酸', aliases: [], cas: ['52583-42-3'], criticalQuantityT: 20, defaultCategory: 'W9.1' },
  {
    no: 81,
    name: '硝酸(发红烟的除外，含硝酸>70%)',
    aliases: [],
    cas: ['7697-37-2'],
    criticalQuantityT: 100,
    defaultCategory: 'W9.2',
  },
  {
    no: 82,
    name: '硝酸胍',
    aliases: ['硝酸亚氨脲'],
    cas: ['506-93-4'],
    criticalQuantityT: 50,
    defaultCategory: 'W9.2',
  },
  { no: 83, name: '碳化钙', aliases: ['电石'], cas: ['75-20-7'], criticalQuantityT: 100, defaultCategory: 'W11' },
  { no: 84, name: '钾', aliases: ['金属钾'], cas: ['7440-09-7'], criticalQuantityT: 1, defaultCategory: 'W11' },
  { no: 85, name: '钠', aliases: ['金属钠'], cas: ['7440-23-5'], criticalQuantityT: 10, defaultCategory: 'W11' },
] as const satisfies readonly MajorHazardSubstance[];

// ─── Table 3 ────────────────────────────────────────────────────────────────────────────────────────────────

export interface ToxicGasBeta {
  /** 名称 as Table 3 writes it. */
  readonly name: string;
  readonly beta: number;
  /**
   * The Table-1 row of the same substance. 一氧化碳 is not a row of its own: it is named in row 13
   * "煤气(CO，CO和H₂、CH₄的混合物等)", so it is linked to row 13 (and 煤气 takes β = 2 from this entry).
   */
  readonly tableOneNo: number;
}

/** GB 18218-2018 表3 — 毒性气体校正系数 β. Overrides Table 4 for these substances (4.3.2). */
export const TABLE_3 = [
  { name: '一氧化碳', beta: 2, tableOneNo: 13 },
  { name: '二氧化硫', beta: 2, tableOneNo: 4 },
  { name: '氨', beta: 2, tableOneNo: 1 },
  { name: '环氧乙烷', beta: 2, tableOneNo: 7 },
  { name: '氯化氢', beta: 3, tableOneNo: 11 },
  { name: '溴甲烷', beta: 3, tableOneNo: 17 },
  { name: '氯', beta: 4, tableOneNo: 12 },
  { name: '硫化氢', beta: 5, tableOneNo: 10 },
  { name: '氟化氢', beta: 5, tableOneNo: 20 },
  { name: '二氧化氮', beta: 10, tableOneNo: 3 },
  { name: '氰化氢', beta: 10, tableOneNo: 25 },
  { name: '碳酰氯', beta: 20, tableOneNo: 6 },
  { name: '磷化氢', beta: 20, tableOneNo: 9 },
  { name: '异氰酸甲酯', beta: 20, tableOneNo: 30 },
] as const satisfies readonly ToxicGasBeta[];

// ─── Tables 5 and 6 ─────────────────────────────────────────────────────────────────────────────────────────

export interface AlphaBand {
  /** Lowest number of 厂外可能暴露人员 in the band (inclusive). */
  readonly minPeople: number;
  /** Highest number (inclusive); null: "100人以上", no upper bound. */
  readonly maxPeople: number | null;
  readonly alpha: number;
}

/** GB 18218-2018 表5 — α by the 常住人口 within 500 m outward from the 厂区边界 (4.3.2). */
export const TABLE_5_ALPHA = [
  { minPeople: 100, maxPeople: null, alpha: 2.0 },
  { minPeople: 50, maxPeople: 99, alpha: 1.5 },
  { minPeople: 30, maxPeople: 49, alpha: 1.2 },
  { minPeople: 1, maxPeople: 29, alpha: 1.0 },
  { minPeople: 0, maxPeople: 0, alpha: 0.5 },
] as const satisfies readonly AlphaBand[];

export type MajorHazardGrade = 1 | 2 | 3 | 4;

export interface GradeBand {
  readonly grade: MajorHazardGrade;
  /** R ≥ minR (inclusive); the band ends below the next higher band's minR. */
  readonly minR: number;
}

/** GB 18218-2018 表6 — 一级 R ≥ 100; 二级 100 > R ≥ 50; 三级 50 > R ≥ 10; 四级 R < 10. */
export const TABLE_6_GRADES = [
  { grade: 1, minR: 100 },
  { grade: 2, minR: 50 },
  { grade: 3, minR: 10 },
  { grade: 4, minR: 0 },
] as const satisfies readonly GradeBand[];
