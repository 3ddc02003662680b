/**
 * GB 18218-2018: Table 1 (85 rows) and Table 2 (24 categories) Q, Tables 3–4 β, Table 5 α bands, Table 6 grade
 * bands, S = Σ q/Q ≥ 1 (4.2), R = α Σ β·q/Q (4.3), lookups and input errors.
 * The expected tables below are typed in from regulations.md §3, independently of major-hazard-tables.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  alphaFor,
  categoryBeta,
  categoryOf,
  evaluateTerms,
  evaluateUnit,
  findSubstance,
  gradeForRisk,
  HazardInputError,
  type HazardInputErrorCode,
  isValidCas,
  MAJOR_HAZARD_GRADE_LABELS,
  type MajorHazardGrade,
  parseCategory,
  type UnitSubstanceInput,
} from './major-hazard.js';
import { HAZARD_CATEGORY_SYMBOLS, TABLE_1, TABLE_2, TABLE_3 } from './major-hazard-tables.js';

// ─── Expected tables (regulations.md §3.3–3.5) ─────────────────────────────────────────────────────────────

/** [序号, 名称, Q (t), CAS numbers ('' for —)]. */
const EXPECTED_TABLE_1: readonly [number, string, number, string][] = [
  [1, '氨', 10, '7664-41-7'],
  [2, '二氟化氧', 1, '7783-41-7'],
  [3, '二氧化氮', 1, '10102-44-0'],
  [4, '二氧化硫', 20, '7446-09-5'],
  [5, '氟', 1, '7782-41-4'],
  [6, '碳酰氯', 0.3, '75-44-5'],
  [7, '环氧乙烷', 10, '75-21-8'],
  [8, '甲醛(含量>90%)', 5, '50-00-0'],
  [9, '磷化氢', 1, '7803-51-2'],
  [10, '硫化氢', 5, '7783-06-4'],
  [11, '氯化氢(无水)', 20, '7647-01-0'],
  [12, '氯', 5, '7782-50-5'],
  [13, '煤气(CO，CO和H₂、CH₄的混合物等)', 20, ''],
  [14, '砷化氢', 1, '7784-42-1'],
  [15, '锑化氢', 1, '7803-52-3'],
  [16, '硒化氢', 1, '7783-07-5'],
  [17, '溴甲烷', 10, '74-83-9'],
  [18, '丙酮氰醇', 20, '75-86-5'],
  [19, '丙烯醛', 20, '107-02-8'],
  [20, '氟化氢', 1, '7664-39-3'],
  [21, '1-氯-2,3-环氧丙烷', 20, '106-89-8'],
  [22, '3-溴-1,2-环氧丙烷', 20, '3132-64-7'],
  [23, '甲苯二异氰酸酯', 100, '26471-62-5'],
  [24, '一氯化硫', 1, '10025-67-9'],
  [25, '氰化氢', 1, '74-90-8'],
  [26, '三氧化硫', 75, '7446-11-9'],
  [27, '3-氨基丙烯', 20, '107-11-9'],
  [28, '溴', 20, '7726-95-6'],
  [29, '乙撑亚胺', 20, '151-56-4'],
  [30, '异氰酸甲酯', 0.75, '624-83-9'],
  [31, '叠氮化钡', 0.5, '18810-58-7'],
  [32, '叠氮化铅', 0.5, '13424-46-9'],
  [33, '雷汞', 0.5, '628-86-4'],
  [34, '三硝基苯甲醚', 5, '28653-16-9'],
  [35, '2,4,6-三硝基甲苯', 5, '118-96-7'],
  [36, '硝化甘油', 1, '55-63-0'],
  [37, '硝化纤维素[干的或含水(或乙醇)<25%]', 1, '9004-70-0'],
  [38, '硝化纤维素(未改型的，或增塑的，含增塑剂<18%)', 1, '9004-70-0'],
  [39, '硝化纤维素(含乙醇≥25%)', 10, '9004-70-0'],
  [40, '硝化纤维素(含氮≤12.6%)', 50, '9004-70-0'],
  [41, '硝化纤维素(含水≥25%)', 50, '9004-70-0'],
  [42, '硝化纤维素溶液(含氮量≤12.6%，含硝化纤维素≤55%)', 50, '9004-70-0'],
  [43, '硝酸铵(含可燃物>0.2%，包括以碳计算的任何有机物，但不包括任何其他添加剂)', 5, '6484-52-2'],
  [44, '硝酸铵(含可燃物≤0.2%)', 50, '6484-52-2'],
  [45, '硝酸铵肥料(含可燃物≤0.4%)', 200, ''],
  [46, '硝酸钾', 1000, '7757-79-1'],
  [47, '1,3-丁二烯', 5, '106-99-0'],
  [48, '二甲醚', 50, '115-10-6'],
  [49, '甲烷，天然气', 50, '74-82-8;8006-14-2'],
  [50, '氯乙烯', 50, '75-01-4'],
  [51, '氢', 5, '1333-74-0'],
  [52, '液化石油气(含丙烷、丁烷及其混合物)', 50, '68476-85-7;74-98-6;106-97-8'],
  [53, '一甲胺', 5, '74-89-5'],
  [54, '乙炔', 1, '74-86-2'],
  [55, '乙烯', 50, '74-85-1'],
  [56, '氧(压缩的或液化的)', 200, '7782-44-7'],
  [57, '苯', 50, '71-43-2'],
  [58, '苯乙烯', 500, '100-42-5'],
  [59, '丙酮', 500, '67-64-1'],
  [60, '2-丙烯腈', 50, '107-13-1'],
  [61, '二硫化碳', 50, '75-15-0'],
  [62, '环己烷', 500, '110-82-7'],
  [63, '1,2-环氧丙烷', 10, '75-56-9'],
  [64, '甲苯', 500, '108-88-3'],
  [65, '甲醇', 500, '67-56-1'],
  [66, '汽油(乙醇汽油、甲醇汽油)', 200, '86290-81-5'],
  [67, '乙醇', 500, '64-17-5'],
  [68, '乙醚', 10, '60-29-7'],
  [69, '乙酸乙酯', 500, '141-78-6'],
  [70, '正己烷', 500, '110-54-3'],
  [71, '过乙酸', 10, '79-21-0'],
  [72, '过氧化甲基乙基酮(10%<有效氧含量≤10.7%，含A型稀释剂≥48%)', 10, '1338-23-4'],
  [73, '白磷', 50, '12185-10-3'],
  [74, '烷基铝', 1, ''],
  [75, '戊硼烷', 1, '19624-22-7'],
  [76, '过氧化钾', 20, '17014-71-0'],
  [77, '过氧化钠', 20, '1313-60-6'],
  [78, '氯酸钾', 100, '3811-04-9'],
  [79, '氯酸钠', 100, '7775-09-9'],
  [80, '发烟硝酸', 20, '52583-42-3'],
  [81, '硝酸(发红烟的除外，含硝酸>70%)', 100, '7697-37-2'],
  [82, '硝酸胍', 50, '506-93-4'],
  [83, '碳化钙', 100, '75-20-7'],
  [84, '钾', 1, '7440-09-7'],
  [85, '钠', 10, '7440-23-5'],
];

const casList = (text: string) => (text === '' ? [] : text.split(';'));
const CAS_COUNT = new Map<string, number>();
for (const [, , , cas] of EXPECTED_TABLE_1) {
  for (const c of casList(cas)) CAS_COUNT.set(c, (CAS_COUNT.get(c) ?? 0) + 1);
}
/** [序号, CAS] for every CAS that belongs to one row only. */
const UNIQUE_CAS = EXPECTED_TABLE_1.flatMap(([no, , , cas]) =>
  casList(cas)
    .filter((c) => CAS_COUNT.get(c) === 1)
    .map((c): [number, string] => [no, c]),
);

/** [符号, 类别, Q (t) from Table 2, β from Table 4]. */
const EXPECTED_CATEGORIES: readonly [string, string, number, number][] = [
  ['J1', '急性毒性', 5, 4],
  ['J2', '急性毒性', 50, 1],
  ['J3', '急性毒性', 50, 2],
  ['J4', '急性毒性', 50, 2],
  ['J5', '急性毒性', 500, 1],
  ['W1.1', '爆炸物', 1, 2],
  ['W1.2', '爆炸物', 10, 2],
  ['W1.3', '爆炸物', 50, 2],
  ['W2', '易燃气体', 10, 1.5],
  ['W3', '气溶胶', 150, 1],
  ['W4', '氧化性气体', 50, 1],
  ['W5.1', '易燃液体', 10, 1.5],
  ['W5.2', '易燃液体', 50, 1],
  ['W5.3', '易燃液体', 1000, 1],
  ['W5.4', '易燃液体', 5000, 1],
  ['W6.1', '自反应物质和混合物', 10, 1.5],
  ['W6.2', '自反应物质和混合物', 50, 1],
  ['W7.1', '有机过氧化物', 10, 1.5],
  ['W7.2', '有机过氧化物', 50, 1],
  ['W8', '自燃液体和自燃固体', 50, 1],
  ['W9.1', '氧化性固体和液体', 50, 1],
  ['W9.2', '氧化性固体和液体', 200, 1],
  ['W10', '易燃固体', 200, 1],
  ['W11', '遇水放出易燃气体的物质和混合物', 200, 1],
];

/** [Table-3 名称, β, Table-1 序号 of the same substance]. */
const EXPECTED_TABLE_3: readonly [string, number, number][] = [
  ['一氧化碳', 2, 13],
  ['二氧化硫', 2, 4],
  ['氨', 2, 1],
  ['环氧乙烷', 2, 7],
  ['氯化氢', 3, 11],
  ['溴甲烷', 3, 17],
  ['氯', 4, 12],
  ['硫化氢', 5, 10],
  ['氟化氢', 5, 20],
  ['二氧化氮', 10, 3],
  ['氰化氢', 10, 25],
  ['碳酰氯', 20, 6],
  ['磷化氢', 20, 9],
  ['异氰酸甲酯', 20, 30],
];

// ─── Helpers ────────────────────────────────────────────────────────────────────────────────────────────────

function unit(substances: UnitSubstanceInput[], exposedPeople = 0) {
  return evaluateUnit({ substances, exposedPeople });
}

function inputError(fn: () => unknown): HazardInputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(HazardInputError);
    return error as HazardInputError;
  }
  throw new Error('expected a HazardInputError');
}

function expectInputError(fn: () => unknown, path: string, code: HazardInputErrorCode): HazardInputError {
  const error = inputError(fn);
  expect({ path: error.path, code: error.code }).toEqual({ path, code });
  expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  return error;
}

// ─── Table 1 ────────────────────────────────────────────────────────────────────────────────────────────────

describe('Table 1 — the 85 named chemicals', () => {
  it('has the 85 rows in the standard order, with the Q and CAS numbers of the standard', () => {
    expect(TABLE_1.map((row) => [row.no, row.name, row.criticalQuantityT, row.cas.join(';')])).toEqual(
      EXPECTED_TABLE_1,
    );
  });

  it.each(EXPECTED_TABLE_1)('row %i “%s” is found by name, Q = %s t', (no, name, q) => {
    const found = findSubstance(name);
    expect(found).toMatchObject({ status: 'found', matchedBy: 'name', substance: { no, criticalQuantityT: q } });
  });

  it.each(EXPECTED_TABLE_1)('row %i “%s”: q = Q (%s t) alone gives S = 1, a major hazard', (no, name, q) => {
    const result = unit([{ name, quantityT: q }]);
    expect(result.items[0]).toMatchObject({
      substance: { no },
      criticalQuantityT: q,
      criticalQuantitySource: 'table1',
      ratio: 1,
    });
    expect(result).toMatchObject({ s: 1, isMajor: true, exact: { s: '1' } });
  });

  it.each(UNIQUE_CAS)('row %i is found by its CAS %s', (no, cas) => {
    expect(findSubstance(cas)).toMatchObject({ status: 'found', matchedBy: 'cas', substance: { no } });
  });

  it('covers every CAS of the table: unique ones above, the shared ones of 硝化纤维素 and 硝酸铵 below', () => {
    expect([...CAS_COUNT].filter(([, n]) => n > 1)).toEqual([
      ['9004-70-0', 6],
      ['6484-52-2', 2],
    ]);
    expect(EXPECTED_TABLE_1.filter(([, , , cas]) => cas === '').map(([no]) => no)).toEqual([13, 45, 74]);
  });

  it.each<[string, number[]]>([
    ['9004-70-0', [37, 38, 39, 40, 41, 42]],
    ['6484-52-2', [43, 44]],
  ])('a CAS shared by several rows (%s) is ambiguous alone', (cas, nos) => {
    const found = findSubstance(cas);
    expect(found.status).toBe('ambiguous');
    if (found.status === 'ambiguous') expect(found.candidates.map((row) => row.no)).toEqual(nos);
  });

  it('every CAS number of the table has a valid check digit', () => {
    for (const row of TABLE_1) for (const cas of row.cas) expect(isValidCas(cas), cas).toBe(true);
  });

  it('every alias finds its row, except 硝化棉 (rows 37–41), which is ambiguous', () => {
    for (const row of TABLE_1) {
      for (const alias of row.aliases) {
        const found = findSubstance(alias);
        if (alias === '硝化棉') {
          expect(found).toMatchObject({ status: 'ambiguous' });
          if (found.status === 'ambiguous') expect(found.candidates.map((r) => r.no)).toEqual([37, 38, 39, 40, 41]);
        } else {
          expect(found, alias).toMatchObject({ status: 'found', matchedBy: 'name', substance: { no: row.no } });
        }
      }
    }
  });

  it('gives every row a default category of Table 2', () => {
    for (const row of TABLE_1) expect(parseCategory(row.defaultCategory)).toBe(row.defaultCategory);
  });

  it.each<[string, string]>([
    ['液化石油气(含丙烷、丁烷及其混合物)', 'W2'],
    ['甲烷，天然气', 'W2'],
    ['氢', 'W2'],
    ['乙炔', 'W2'],
    ['乙烯', 'W2'],
    ['汽油(乙醇汽油、甲醇汽油)', 'W5.1'],
    ['苯', 'W5.1'],
    ['乙醚', 'W5.1'],
    ['二硫化碳', 'W5.1'],
    ['甲醇', 'W5.3'],
    ['乙醇', 'W5.3'],
    ['甲苯', 'W5.3'],
    ['丙酮', 'W5.3'],
    ['2,4,6-三硝基甲苯', 'W1.1'],
    ['硝化甘油', 'W1.1'],
    ['叠氮化铅', 'W1.1'],
    ['氯酸钾', 'W9.1'],
    ['钾', 'W11'],
    ['钠', 'W11'],
    ['碳化钙', 'W11'],
    ['白磷', 'W8'],
  ])('default category of %s is %s, and sets β from Table 4', (name, category) => {
    const item = unit([{ name, quantityT: 1 }]).items[0];
    expect(item).toMatchObject({ category, categorySource: 'default', betaSource: 'table4' });
    expect(item?.beta).toBe(categoryBeta(category as 'W2'));
  });
});

// ─── Lookup ─────────────────────────────────────────────────────────────────────────────────────────────────

describe('findSubstance — rows whose qualifier is a condition', () => {
  // The bare name does not say the condition is met (formalin, 37 %, is not row 8): the user must confirm.
  it.each<[string, number]>([
    ['甲醛', 8],
    ['硝酸', 81],
    ['硝化纤维素溶液', 42],
    ['硝酸铵肥料', 45],
    ['过氧化甲基乙基酮', 72],
  ])('%s → conditional on row %i', (query, no) => {
    expect(findSubstance(query)).toMatchObject({ status: 'conditional', substance: { no } });
  });

  it('a shared CAS with a bare conditional name stays conditional', () => {
    expect(findSubstance({ cas: '9004-70-0', name: '硝化纤维素溶液' })).toMatchObject({
      status: 'conditional',
      substance: { no: 42 },
    });
  });

  it('a qualifier that only describes the row is no condition: 液化石油气, 汽油, 氯化氢 (无水 as the Table-3 name)', () => {
    expect(findSubstance('液化石油气')).toMatchObject({ status: 'found', substance: { no: 52 } });
    expect(findSubstance('汽油')).toMatchObject({ status: 'found', substance: { no: 66 } });
    expect(findSubstance('氯化氢')).toMatchObject({ status: 'found', substance: { no: 11 } });
  });

  it('evaluating a bare conditional name asks to confirm; with a category it is classified by Table 2', () => {
    expect(() => evaluateUnit({ substances: [{ name: '甲醛', quantityT: 5 }], exposedPeople: 0 })).toThrow(
      expect.objectContaining({ path: 'substances.0.name', code: 'conditional_name' }),
    );
    const solution = evaluateUnit({ substances: [{ name: '甲醛', category: 'J5', quantityT: 500 }], exposedPeople: 0 });
    expect(solution.items[0]).toMatchObject({
      substance: null,
      criticalQuantityT: 500,
      criticalQuantitySource: 'table2',
    });
    const pure = evaluateUnit({ substances: [{ name: '甲醛(含量>90%)', quantityT: 5 }], exposedPeople: 0 });
    expect(pure).toMatchObject({ s: 1, isMajor: true });
    expect(evaluateUnit({ substances: [{ cas: '50-00-0', quantityT: 5 }], exposedPeople: 0 }).s).toBe(1);
  });
});

describe('findSubstance — normalisation and partial names', () => {
  it.each<[string, number, string]>([
    ['７６６４－４１－７', 1, 'cas'],
    ['  7664-41-7 ', 1, 'cas'],
    ['7664–41–7', 1, 'cas'],
    ['74-98-6', 52, 'cas'],
    ['8006-14-2', 49, 'cas'],
    ['甲醛（含量＞90％）', 8, 'name'],
    ['硝化纤维素【干的或含水（或乙醇）<25%】', 37, 'name'],
    ['硝化纤维素［干的或含水(或乙醇)<25%］', 37, 'name'],
    ['氯化氢 (无水)', 11, 'name'],
    ['石油气（液化的）', 52, 'name'],
    ['tdi', 23, 'name'],
    ['ＴＮＴ', 35, 'name'],
    // Table-3 names linked to their Table-1 rows
    ['氯化氢', 11, 'name'],
    ['一氧化碳', 13, 'name'],
    // the name without the table's qualifier, or one of two names of a row
    ['天然气', 49, 'partial'],
    ['甲烷', 49, 'partial'],
    ['液化石油气', 52, 'partial'],
    ['煤气', 13, 'partial'],
    ['环氧氯丙烷', 21, 'partial'],
    // a unique containment
    ['乙醇汽油', 66, 'partial'],
  ])('%s → row %i (%s)', (query, no, matchedBy) => {
    expect(findSubstance(query)).toMatchObject({ status: 'found', matchedBy, substance: { no } });
  });

  it.each<[string, number[]]>([
    ['硝酸铵', [43, 44]],
    ['硝化纤维素', [37, 38, 39, 40, 41]],
    ['硝化棉', [37, 38, 39, 40, 41]],
    ['丙烷', [21, 22, 29, 52, 63]], // 29: 1-氮杂环丙烷
    ['硫酸', [4, 26]],
  ])('%s is ambiguous, candidates %j — never a guess', (query, nos) => {
    const found = findSubstance(query);
    expect(found.status).toBe('ambiguous');
    if (found.status === 'ambiguous') expect(found.candidates.map((row) => row.no)).toEqual(nos);
  });

  it.each(['二氧化碳', '某溶剂', '', '   ', '0000-00-0', '氰'])('%j is not found', (query) => {
    expect(findSubstance(query)).toEqual({ status: 'not_found' });
  });

  it.each<[{ cas?: string; name?: string }, number]>([
    [{ cas: '9004-70-0', name: '硝化纤维素(含乙醇≥25%)' }, 39],
    [{ cas: '9004-70-0', name: '硝化棉溶液' }, 42],
    [{ cas: '9004-70-0', name: '硝化纤维素（含水≥25%）' }, 41],
    [{ cas: '6484-52-2', name: '硝酸铵(含可燃物≤0.2%)' }, 44],
    [{ cas: '6484-52-2', name: '硝酸铵(含可燃物>0.2%，包括以碳计算的任何有机物，但不包括任何其他添加剂)' }, 43],
    [{ cas: '7664-41-7', name: '液氨' }, 1],
    [{ cas: '7664-41-7', name: '某厂液氨储罐' }, 1],
    [{ cas: '630-08-0', name: '一氧化碳' }, 13],
  ])('CAS + name %j → row %i', (query, no) => {
    expect(findSubstance(query)).toMatchObject({ status: 'found', substance: { no } });
  });

  it('a shared CAS with a name that does not pick one row stays ambiguous', () => {
    const found = findSubstance({ cas: '9004-70-0', name: '硝化棉' });
    expect(found.status).toBe('ambiguous');
    if (found.status === 'ambiguous') expect(found.candidates.map((row) => row.no)).toEqual([37, 38, 39, 40, 41, 42]);
  });

  it('a CAS and a name of different rows conflict', () => {
    expect(findSubstance({ cas: '7664-41-7', name: '甲醇' })).toMatchObject({
      status: 'conflict',
      byCas: { no: 1 },
      byName: { no: 65 },
    });
  });

  it.each<[string, boolean]>([
    ['7664-41-7', true],
    ['７６６４－４１－７', true],
    ['7664-41-8', false],
    ['7664417', false],
    ['abc', false],
  ])('isValidCas(%s) = %s', (cas, valid) => {
    expect(isValidCas(cas)).toBe(valid);
  });
});

// ─── Tables 2, 3, 4 ─────────────────────────────────────────────────────────────────────────────────────────

describe('Table 2 (Q) and Table 4 (β) — the 24 categories', () => {
  it('has the 24 symbols in the standard order', () => {
    expect(TABLE_2.map((c) => c.symbol)).toEqual(EXPECTED_CATEGORIES.map(([symbol]) => symbol));
    expect([...HAZARD_CATEGORY_SYMBOLS]).toEqual(EXPECTED_CATEGORIES.map(([symbol]) => symbol));
  });

  it.each(EXPECTED_CATEGORIES)('%s (%s): Q = %s t, β = %s', (symbol, className, q, beta) => {
    const parsed = parseCategory(symbol);
    expect(parsed).toBe(symbol);
    const category = categoryOf(parsed as 'J1');
    expect(category).toMatchObject({ className, criticalQuantityT: q });
    expect(categoryBeta(parsed as 'J1')).toBe(beta);
    // An unlisted substance of that category: Q from Table 2, β from Table 4.
    const result = unit([{ name: '未列入表1的物质', category: symbol, quantityT: q }], 1);
    expect(result.items[0]).toMatchObject({
      substance: null,
      name: '未列入表1的物质',
      category: symbol,
      categorySource: 'input',
      criticalQuantityT: q,
      criticalQuantitySource: 'table2',
      beta,
      betaSource: 'table4',
      ratio: 1,
    });
    expect(result).toMatchObject({ s: 1, isMajor: true, alpha: 1, r: beta });
  });

  it('W3 气溶胶 counts the net weight', () => {
    expect(categoryOf('W3')).toMatchObject({ criticalQuantityT: 150, quantityNote: '净重' });
  });

  it.each<[string, string | undefined]>([
    ['w5.1', 'W5.1'],
    ['Ｗ５．１', 'W5.1'],
    [' j1 ', 'J1'],
    ['W12', undefined],
    ['W5', undefined],
    ['W1', undefined],
    ['', undefined],
  ])('parseCategory(%j) = %s', (text, symbol) => {
    expect(parseCategory(text)).toBe(symbol);
  });
});

describe('Table 3 — the 14 toxic gases', () => {
  it('has the 14 gases of the standard, each linked to its Table-1 row', () => {
    expect(TABLE_3.map((g) => [g.name, g.beta, g.tableOneNo])).toEqual(EXPECTED_TABLE_3);
  });

  it.each(EXPECTED_TABLE_3)('%s: β = %i (row %i)', (name, beta, no) => {
    expect(findSubstance(name)).toMatchObject({ status: 'found', substance: { no } });
    const item = unit([{ name, quantityT: 1 }]).items[0];
    expect(item).toMatchObject({ substance: { no }, beta, betaSource: 'table3', category: null, categorySource: null });
  });

  it.each<[string, string | string[], number]>([
    ['氨', 'J3', 2],
    ['液氨', 'J1', 2],
    ['氨', ['J1', 'W2'], 2],
    ['氯', 'W2', 4],
    ['光气', 'J1', 20],
    ['二氧化氮', 'W4', 10],
  ])('Table 3 overrides Table 4: %s with category %j keeps β = %i', (name, category, beta) => {
    const item = unit([{ name, category, quantityT: 1 }]).items[0];
    expect(item).toMatchObject({ beta, betaSource: 'table3', criticalQuantitySource: 'table1', category: null });
  });
});

// ─── Several categories ─────────────────────────────────────────────────────────────────────────────────────

describe('several hazard categories (4.1.2: the lowest Q)', () => {
  it.each<[string[], string, number, number]>([
    [['W5.3', 'J3'], 'J3', 50, 2],
    [['J3', 'W5.3'], 'J3', 50, 2],
    [['W5.4', 'W5.3', 'W5.2'], 'W5.2', 50, 1],
    [['J5', 'J1'], 'J1', 5, 4],
    // W1.1 (Q 1) beats J1 (Q 5): β follows the category that set Q, even though J1 has the higher β.
    [['J1', 'W1.1'], 'W1.1', 1, 2],
    // Equal Q: the higher β, then the Table-2 order.
    [['W9.1', 'J3'], 'J3', 50, 2],
    [['W5.1', 'W2'], 'W2', 10, 1.5],
    [['W9.2', 'J2', 'W4'], 'J2', 50, 1],
    [['W11', 'W10'], 'W10', 200, 1],
    [['w2', 'W2'], 'W2', 10, 1.5],
  ])('unlisted substance with %j → %s, Q = %s, β = %s', (categories, category, q, beta) => {
    const item = unit([{ name: '某混合物', category: categories, quantityT: 1 }]).items[0];
    expect(item).toMatchObject({ category, criticalQuantityT: q, beta, criticalQuantitySource: 'table2' });
  });

  it.each<[string, string | string[], number, number, string]>([
    // Table 1 takes precedence for Q; β is the highest among the given categories.
    ['甲醇', ['W5.3', 'W5.1'], 500, 1.5, 'W5.1'],
    ['甲醇', 'J1', 500, 4, 'J1'],
    ['甲苯', ['W5.4', 'J5'], 500, 1, 'J5'],
    ['苯', ['W5.3', 'J3', 'W5.1'], 50, 2, 'J3'],
    ['氢', 'W2', 5, 1.5, 'W2'],
  ])('listed %s with %j: Q = %s (Table 1), β = %s from %s', (name, category, q, beta, used) => {
    const item = unit([{ name, category, quantityT: 1 }]).items[0];
    expect(item).toMatchObject({
      criticalQuantityT: q,
      criticalQuantitySource: 'table1',
      beta,
      betaSource: 'table4',
      category: used,
      categorySource: 'input',
    });
  });

  it('an empty category list of a listed substance uses its default', () => {
    expect(unit([{ name: '苯', category: [], quantityT: 1 }]).items[0]).toMatchObject({
      category: 'W5.1',
      categorySource: 'default',
      beta: 1.5,
    });
  });
});

// ─── Tables 5 and 6 ─────────────────────────────────────────────────────────────────────────────────────────

describe('Table 5 — α by the people within 500 m', () => {
  it.each<[number, number]>([
    [0, 0.5],
    [1, 1.0],
    [29, 1.0],
    [30, 1.2],
    [49, 1.2],
    [50, 1.5],
    [99, 1.5],
    [100, 2.0],
    [101, 2.0],
    [100_000, 2.0],
  ])('%i people → α = %s', (people, alpha) => {
    expect(alphaFor(people)).toBe(alpha);
    // 氨 10 t: S = 1, Σβq/Q = 2, so R = 2α.
    const result = unit([{ name: '氨', quantityT: 10 }], people);
    expect(result).toMatchObject({ alpha, r: 2 * alpha, isMajor: true });
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('rejects %s people', (people) => {
    expectInputError(() => alphaFor(people), 'exposedPeople', 'invalid_exposed_people');
    expectInputError(() => unit([{ name: '氨', quantityT: 10 }], people), 'exposedPeople', 'invalid_exposed_people');
  });
});

describe('Table 6 — grades by R', () => {
  it.each<[number | string, MajorHazardGrade]>([
    [0, 4],
    [9.99, 4],
    ['9.9999999999999999999', 4],
    [10, 3],
    [49.99, 3],
    ['49.99999999999999999', 3],
    [50, 2],
    [99.99, 2],
    [100, 1],
    [100.01, 1],
    [1e6, 1],
  ])('R = %s → grade %i', (r, grade) => {
    expect(gradeForRisk(r)).toBe(grade);
  });

  it('labels the grades', () => {
    expect(MAJOR_HAZARD_GRADE_LABELS).toEqual({ 1: '一级', 2: '二级', 3: '三级', 4: '四级' });
  });

  it.each<[string, UnitSubstanceInput[], number, number, MajorHazardGrade]>([
    // 氨 (Q 10, β 2), α = 1 (1–29 people): R = q/5.
    ['氨 49.95 t', [{ name: '氨', quantityT: 49.95 }], 10, 9.99, 4],
    ['氨 50 t', [{ name: '氨', quantityT: 50 }], 10, 10, 3],
    ['氨 249.95 t', [{ name: '氨', quantityT: 249.95 }], 10, 49.99, 3],
    ['氨 250 t', [{ name: '氨', quantityT: 250 }], 10, 50, 2],
    ['氨 499.95 t', [{ name: '氨', quantityT: 499.95 }], 10, 99.99, 2],
    ['氨 500 t', [{ name: '氨', quantityT: 500 }], 10, 100, 1],
    // 光气 (Q 0.3, β 20), α = 0.5 (nobody): R = 100q/3.
    ['光气 0.3 t', [{ name: '光气', quantityT: 0.3 }], 0, 10, 3],
    ['光气 1.4997 t', [{ name: '光气', quantityT: 1.4997 }], 0, 49.99, 3],
    ['光气 1.5 t', [{ name: '光气', quantityT: 1.5 }], 0, 50, 2],
    ['光气 2.9997 t', [{ name: '光气', quantityT: 2.9997 }], 0, 99.99, 2],
    ['光气 3 t', [{ name: '光气', quantityT: 3 }], 0, 100, 1],
    // 异氰酸甲酯 (Q 0.75, β 20), α = 1.2 (30–49 people): R = 32q. In floating point 1.2 × (20 × 1.5625 / 0.75)
    // is 49.99999999999999 and 1.2 × (20 × 3.125 / 0.75) is 99.99999999999999.
    ['异氰酸甲酯 1.5622 t', [{ name: '异氰酸甲酯', quantityT: 1.5621875 }], 30, 49.99, 3],
    ['异氰酸甲酯 1.5625 t', [{ name: '异氰酸甲酯', quantityT: 1.5625 }], 49, 50, 2],
    ['异氰酸甲酯 3.125 t', [{ name: '异氰酸甲酯', quantityT: 3.125 }], 30, 100, 1],
    // Mixtures, α = 2 (100 people): 氯 5 t (β 4, Q 5) + 甲苯 500 t (default W5.3, β 1, Q 500) → R = 2 × 5.
    [
      '氯 5 t + 甲苯 500 t',
      [
        { name: '氯', quantityT: 5 },
        { name: '甲苯', quantityT: 500 },
      ],
      100,
      10,
      3,
    ],
    [
      '氯 4.99375 t + 甲苯 500 t',
      [
        { name: '氯', quantityT: 4.99375 },
        { name: '甲苯', quantityT: 500 },
      ],
      100,
      9.99,
      4,
    ],
    // α = 1.5 (50–99 people): 硫化氢 10 t (β 5, Q 5 → 10) + 乙醇 3000 t (W5.3, β 1, Q 500 → 6) + 钠 5 t (W11,
    // β 1, Q 10 → 0.5) + 氢 2.5 t (W2, β 1.5, Q 5 → 0.75): R = 1.5 × (10 + 6 + 0.5 + 0.75) … = 25.875 → grade 3.
    [
      'four substances',
      [
        { name: '硫化氢', quantityT: 10 },
        { name: '乙醇', quantityT: 3000 },
        { name: '钠', quantityT: 5 },
        { name: '氢', quantityT: 2.5 },
      ],
      50,
      25.875,
      3,
    ],
  ])('%s, %i people → R = %s, grade %i', (_label, substances, people, r, grade) => {
    const result = unit(substances, people);
    expect(result.isMajor).toBe(true);
    expect(result.r).toBe(r);
    expect(result.grade).toBe(grade);
  });

  it('the float-sensitive boundaries are exact fractions', () => {
    expect(1.2 * ((20 * 1.5625) / 0.75)).toBeLessThan(50);
    const result = unit([{ name: '异氰酸甲酯', quantityT: 1.5625 }], 30);
    expect(result.exact).toEqual({ s: '25/12', r: '50' });
    expect(result.grade).toBe(2);
  });
});

// ─── S ≥ 1 ──────────────────────────────────────────────────────────────────────────────────────────────────

describe('S = Σ q/Q ≥ 1 (4.2, formula (1))', () => {
  it.each<[string, UnitSubstanceInput[], number, boolean]>([
    ['光气 0.3 t', [{ name: '光气', quantityT: 0.3 }], 1, true],
    ['光气 0.2999 t', [{ name: '光气', quantityT: 0.2999 }], 0.9997, false],
    ['光气 "0.3" t as text', [{ name: '碳酰氯', quantityT: '0.3' }], 1, true],
    ['光气 "3e-1" t', [{ cas: '75-44-5', quantityT: '3e-1' }], 1, true],
    [
      '光气 0.1 t + 0.2 t',
      [
        { name: '光气', quantityT: 0.1 },
        { name: '光气', quantityT: 0.2 },
      ],
      1,
      true,
    ],
    ['异氰酸甲酯 0.75 t', [{ name: '异氰酸甲酯', quantityT: 0.75 }], 1, true],
    ['异氰酸甲酯 0.7499 t', [{ name: '异氰酸甲酯', quantityT: 0.7499 }], 0.9999, false],
    [
      '光气 0.15 t + 异氰酸甲酯 0.375 t',
      [
        { name: '光气', quantityT: 0.15 },
        { name: '异氰酸甲酯', quantityT: 0.375 },
      ],
      1,
      true,
    ],
    [
      '氨 7 t + 2 t + 1 t (0.7 + 0.2 + 0.1)',
      [
        { name: '氨', quantityT: 7 },
        { name: '液氨', quantityT: 2 },
        { cas: '7664-41-7', quantityT: 1 },
      ],
      1,
      true,
    ],
    [
      '氨 0.7 + 甲醇 0.2 + 汽油 0.1',
      [
        { name: '氨', quantityT: 7 },
        { name: '甲醇', quantityT: 100 },
        { name: '汽油', quantityT: 20 },
      ],
      1,
      true,
    ],
    [
      '氨 0.7 + 甲醇 0.2 + 汽油 0.0999',
      [
        { name: '氨', quantityT: 7 },
        { name: '甲醇', quantityT: 100 },
        { name: '汽油', quantityT: 19.98 },
      ],
      0.9999,
      false,
    ],
    ['甲醇 499.99995 t', [{ name: '甲醇', quantityT: 499.99995 }], 1, false],
    ['甲醇 0 t', [{ name: '甲醇', quantityT: 0 }], 0, false],
  ])('%s → S = %s, major: %s', (_label, substances, s, isMajor) => {
    const result = unit(substances, 10);
    expect(result.s).toBe(s);
    expect(result.isMajor).toBe(isMajor);
    if (!isMajor) expect(result.grade).toBeNull();
  });

  it('0.7 + 0.2 + 0.1 is 1 exactly, where floating point falls short', () => {
    expect(7 / 10 + 2 / 10 + 1 / 10).toBeLessThan(1);
    expect(
      unit([
        { name: '氨', quantityT: 7 },
        { name: '氨', quantityT: 2 },
        { name: '氨', quantityT: 1 },
      ]).exact.s,
    ).toBe('1');
  });

  it('shows S rounded half-up to 4 decimals, while deciding on the exact value', () => {
    const result = unit([{ name: '甲醇', quantityT: 499.99995 }]);
    expect(result).toMatchObject({ s: 1, isMajor: false, exact: { s: '9999999/10000000' } });
  });

  it('a unit that is not a major hazard has R but no grade', () => {
    const result = unit([{ name: '氨', quantityT: 5 }], 100);
    expect(result).toMatchObject({ s: 0.5, isMajor: false, alpha: 2, r: 2, grade: null });
  });

  it('a unit with no substance is not a major hazard', () => {
    expect(unit([], 10)).toMatchObject({ s: 0, isMajor: false, r: 0, grade: null, items: [] });
  });
});

// ─── Worked examples ────────────────────────────────────────────────────────────────────────────────────────

describe('worked examples', () => {
  it('§3.6 by the formulas: A1 2 t (Q 5, β 5), A2 2 t (Q 1, β 20), A3 1 t (Q 5, β 4), 102 people', () => {
    const result = evaluateTerms(
      [
        { quantityT: 2, criticalQuantityT: 5, beta: 5 },
        { quantityT: 2, criticalQuantityT: 1, beta: 20 },
        { quantityT: 1, criticalQuantityT: 5, beta: 4 },
      ],
      102,
    );
    expect(result).toEqual({ s: 2.6, isMajor: true, alpha: 2, r: 85.6, grade: 2, exact: { s: '13/5', r: '428/5' } });
    expect(MAJOR_HAZARD_GRADE_LABELS[result.grade as MajorHazardGrade]).toBe('二级');
  });

  it('§3.6 with real substances: 硫化氢 2 t, 磷化氢 2 t, 氯 1 t (Table 1 Q, Table 3 β), 102 people', () => {
    const result = unit(
      [
        { name: '硫化氢', quantityT: 2 },
        { cas: '7803-51-2', quantityT: 2 },
        { name: '液氯', quantityT: 1 },
      ],
      102,
    );
    expect(result).toMatchObject({ s: 2.6, isMajor: true, alpha: 2, r: 85.6, grade: 2 });
    expect(result.items.map((i) => [i.criticalQuantityT, i.beta, i.ratio])).toEqual([
      [5, 5, 0.4],
      [1, 20, 2],
      [5, 4, 0.2],
    ]);
  });

  it('60 t 液氨, 100 people: S = 6, α = 2, R = 24, 三级', () => {
    const result = unit([{ name: '液氨', quantityT: 60 }], 100);
    expect(result).toEqual({
      s: 6,
      isMajor: true,
      alpha: 2,
      r: 24,
      grade: 3,
      exact: { s: '6', r: '24' },
      items: [
        {
          index: 0,
          substance: TABLE_1[0],
          matchedBy: 'name',
          name: '氨',
          category: null,
          categorySource: null,
          quantityT: 60,
          criticalQuantityT: 10,
          criticalQuantitySource: 'table1',
          beta: 2,
          betaSource: 'table3',
          ratio: 6,
        },
      ],
    });
    expect(MAJOR_HAZARD_GRADE_LABELS[3]).toBe('三级');
  });

  it('an unlisted substance beside a listed one', () => {
    const result = unit(
      [
        { name: '甲醇', quantityT: 250 },
        { name: '某易燃液体', category: 'W5.1', quantityT: 5 },
      ],
      40,
    );
    // S = 0.5 + 0.5 = 1; R = 1.2 × (1 × 0.5 + 1.5 × 0.5) = 1.5 → 四级.
    expect(result).toMatchObject({ s: 1, isMajor: true, alpha: 1.2, r: 1.5, grade: 4 });
    expect(result.items[1]).toMatchObject({ substance: null, matchedBy: null, name: '某易燃液体' });
  });

  it('resolves a shared CAS with a name in a unit: 硝化纤维素 含乙醇≥25 % has Q 10', () => {
    const result = unit([{ cas: '9004-70-0', name: '硝化纤维素（含乙醇≥25%）', quantityT: 10 }]);
    expect(result.items[0]).toMatchObject({ substance: { no: 39 }, criticalQuantityT: 10, category: 'W1.2' });
    expect(result.s).toBe(1);
  });
});

// ─── Input errors ───────────────────────────────────────────────────────────────────────────────────────────

describe('input errors', () => {
  it('an unlisted substance without a category', () => {
    const error = expectInputError(
      () =>
        unit([
          { name: '氨', quantityT: 1 },
          { name: '某溶剂', quantityT: 1 },
        ]),
      'substances.1.category',
      'category_required',
    );
    expect(error.message).toContain('某溶剂');
    expect(error.toDetail()).toEqual({
      path: 'substances.1.category',
      code: 'category_required',
      message: error.message,
    });
  });

  it.each<[UnitSubstanceInput]>([
    [{ quantityT: 1 }],
    [{ cas: '630-08-0', quantityT: 1 }],
    [{ name: '二氧化碳', category: [], quantityT: 1 }],
  ])('no category for %j', (substance) => {
    expectInputError(() => unit([substance]), 'substances.0.category', 'category_required');
  });

  it.each<[string | string[], string]>([
    ['W12', 'substances.0.category'],
    ['易燃液体', 'substances.0.category'],
    [['W2', 'X1'], 'substances.0.category.1'],
  ])('an unknown category %j', (category, path) => {
    expectInputError(() => unit([{ name: '某物质', category, quantityT: 1 }]), path, 'unknown_category');
    // also for a listed substance, where it would only set β
    expectInputError(() => unit([{ name: '甲醇', category, quantityT: 1 }]), path, 'unknown_category');
  });

  it.each<[UnitSubstanceInput, number[]]>([
    [{ cas: '9004-70-0', quantityT: 1 }, [37, 38, 39, 40, 41, 42]],
    [{ cas: '6484-52-2', quantityT: 1 }, [43, 44]],
    [{ cas: '9004-70-0', name: '硝化棉', quantityT: 1 }, [37, 38, 39, 40, 41, 42]],
    [{ cas: '6484-52-2', name: '硝酸铵', category: 'W9.2', quantityT: 1 }, [43, 44]],
  ])('an ambiguous CAS %j', (substance, candidates) => {
    const error = expectInputError(() => unit([substance]), 'substances.0.cas', 'ambiguous_cas');
    expect(error.candidates).toEqual(candidates);
  });

  it('an ambiguous name', () => {
    const error = expectInputError(
      () => unit([{ name: '硝酸铵', quantityT: 1 }]),
      'substances.0.name',
      'ambiguous_name',
    );
    expect(error.candidates).toEqual([43, 44]);
  });

  it('a CAS and a name of different rows', () => {
    const error = expectInputError(
      () => unit([{ cas: '7664-41-7', name: '甲醇', quantityT: 1 }]),
      'substances.0.name',
      'cas_name_mismatch',
    );
    expect(error.candidates).toEqual([1, 65]);
  });

  it.each(['7664-41-8', '7664417', 'CAS7664-41-7'])('an invalid CAS %s', (cas) => {
    expectInputError(() => unit([{ cas, quantityT: 1 }]), 'substances.0.cas', 'invalid_cas');
  });

  it.each<[number | string]>([[-1], [-0.001], ['-0.5']])('a negative quantity %s', (quantityT) => {
    expectInputError(
      () =>
        unit([
          { name: '氨', quantityT: 1 },
          { name: '氨', quantityT },
        ]),
      'substances.1.quantityT',
      'negative_quantity',
    );
  });

  it.each<[number | string]>([[Number.NaN], [Number.POSITIVE_INFINITY], ['abc'], [''], ['1,5'], ['1'.repeat(100)]])(
    'a quantity that is not a finite decimal: %s',
    (quantityT) => {
      expectInputError(() => unit([{ name: '氨', quantityT }]), 'substances.0.quantityT', 'invalid_quantity');
    },
  );

  it('evaluateTerms rejects Q ≤ 0, β ≤ 0 and negative q', () => {
    expectInputError(
      () => evaluateTerms([{ quantityT: 1, criticalQuantityT: 0, beta: 1 }], 0),
      'terms.0.criticalQuantityT',
      'invalid_critical_quantity',
    );
    expectInputError(
      () => evaluateTerms([{ quantityT: 1, criticalQuantityT: 1, beta: -1 }], 0),
      'terms.0.beta',
      'invalid_beta',
    );
    expectInputError(
      () => evaluateTerms([{ quantityT: -1, criticalQuantityT: 1, beta: 1 }], 0),
      'terms.0.quantityT',
      'negative_quantity',
    );
  });

  it('gradeForRisk rejects a value that is not a finite decimal', () => {
    expect(() => gradeForRisk(Number.NaN)).toThrow(RangeError);
  });
});
